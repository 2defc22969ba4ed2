# selection.gp — share of replicates choosing the true K, per criterion, against n
# Written by emlab. Edit it and re-draw with:  cd plots && gnuplot selection.gp
set encoding utf8
set terminal svg size 1200,800 dynamic enhanced font "sans,12" background rgb "white"
# emlab sets OUTPUT to a temporary file and renames it to selection.svg once gnuplot succeeds.
if (!exists("OUTPUT")) OUTPUT = "selection.svg"
set output OUTPUT
set style line 1 lc rgb "#1f77b4" lw 1.5 pt 7 ps 0.8 dt 1
set style line 2 lc rgb "#ff7f0e" lw 1.5 pt 5 ps 0.8 dt 1
set style line 3 lc rgb "#2ca02c" lw 1.5 pt 9 ps 0.8 dt 1
set style line 4 lc rgb "#d62728" lw 1.5 pt 11 ps 0.8 dt 1
set style line 5 lc rgb "#9467bd" lw 1.5 pt 13 ps 0.8 dt 1
set style line 6 lc rgb "#8c564b" lw 1.5 pt 6 ps 0.8 dt 1
set multiplot layout 2,2 title "Share of replicates in which each criterion chose the true K"
set logscale x
set xrange [30:20000]
set xlabel 'n'
set ylabel 'ECR'
set yrange [0:1.02]
set grid lc rgb "#dddddd"
set title 'truth one'
set key bottom right font ",8"
plot 'selection.dat' index 0 using 1:2 with linespoints ls 1 title 'AIC, select-per-component', \
     'selection.dat' index 1 using 1:2 with linespoints ls 2 title 'AIC, select-shared', \
     'selection.dat' index 8 using 1:2 with linespoints ls 3 title 'BIC, select-per-component', \
     'selection.dat' index 9 using 1:2 with linespoints ls 4 title 'BIC, select-shared', \
     'selection.dat' index 16 using 1:2 with linespoints ls 5 title 'ICL, select-per-component', \
     'selection.dat' index 17 using 1:2 with linespoints ls 6 title 'ICL, select-shared'
set title 'truth separated'
unset key
plot 'selection.dat' index 2 using 1:2 with linespoints ls 1 title 'AIC, select-per-component', \
     'selection.dat' index 3 using 1:2 with linespoints ls 2 title 'AIC, select-shared', \
     'selection.dat' index 10 using 1:2 with linespoints ls 3 title 'BIC, select-per-component', \
     'selection.dat' index 11 using 1:2 with linespoints ls 4 title 'BIC, select-shared', \
     'selection.dat' index 18 using 1:2 with linespoints ls 5 title 'ICL, select-per-component', \
     'selection.dat' index 19 using 1:2 with linespoints ls 6 title 'ICL, select-shared'
set title 'truth overlap'
unset key
plot 'selection.dat' index 4 using 1:2 with linespoints ls 1 title 'AIC, select-per-component', \
     'selection.dat' index 5 using 1:2 with linespoints ls 2 title 'AIC, select-shared', \
     'selection.dat' index 12 using 1:2 with linespoints ls 3 title 'BIC, select-per-component', \
     'selection.dat' index 13 using 1:2 with linespoints ls 4 title 'BIC, select-shared', \
     'selection.dat' index 20 using 1:2 with linespoints ls 5 title 'ICL, select-per-component', \
     'selection.dat' index 21 using 1:2 with linespoints ls 6 title 'ICL, select-shared'
set title 'truth three'
unset key
plot 'selection.dat' index 6 using 1:2 with linespoints ls 1 title 'AIC, select-per-component', \
     'selection.dat' index 7 using 1:2 with linespoints ls 2 title 'AIC, select-shared', \
     'selection.dat' index 14 using 1:2 with linespoints ls 3 title 'BIC, select-per-component', \
     'selection.dat' index 15 using 1:2 with linespoints ls 4 title 'BIC, select-shared', \
     'selection.dat' index 22 using 1:2 with linespoints ls 5 title 'ICL, select-per-component', \
     'selection.dat' index 23 using 1:2 with linespoints ls 6 title 'ICL, select-shared'
unset multiplot
