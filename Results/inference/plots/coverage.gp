# coverage.gp — coverage of the intervals against n: weights, means, sds
# Written by emlab. Edit it and re-draw with:  cd plots && gnuplot coverage.gp
set encoding utf8
set terminal svg size 1200,520 dynamic enhanced font "sans,12" background rgb "white"
# emlab sets OUTPUT to a temporary file and renames it to coverage.svg once gnuplot succeeds.
if (!exists("OUTPUT")) OUTPUT = "coverage.svg"
set output OUTPUT
set style line 1 lc rgb "#1f77b4" lw 1.5 pt 7 ps 0.8 dt 1
set style line 2 lc rgb "#ff7f0e" lw 1.5 pt 5 ps 0.8 dt 1
set style line 3 lc rgb "#2ca02c" lw 1.5 pt 9 ps 0.8 dt 1
set style line 4 lc rgb "#d62728" lw 1.5 pt 11 ps 0.8 dt 1
set style line 5 lc rgb "#9467bd" lw 1.5 pt 13 ps 0.8 dt 1
set style line 6 lc rgb "#8c564b" lw 1.5 pt 6 ps 0.8 dt 1
set style line 7 lc rgb "#e377c2" lw 1.5 pt 4 ps 0.8 dt 1
set style line 8 lc rgb "#7f7f7f" lw 1.5 pt 8 ps 0.8 dt 1
set multiplot layout 1,3 title "Coverage of the intervals against n (mean over components; dashed: 0.95 ± 1.96·MCSE at 1000 replicates)"
set logscale x
set xrange [30:20000]
set xlabel 'n'
set yrange [0.5:1]
set grid lc rgb "#dddddd"
set title 'weights'
set key bottom right font ",8"
plot 'coverage-weight.dat' index 0 using 1:2 with linespoints ls 1 title 'separated, wald-per-component', \
     'coverage-weight.dat' index 1 using 1:2 with linespoints ls 2 title 'separated, wald-shared', \
     'coverage-weight.dat' index 2 using 1:2 with linespoints ls 3 title 'overlap, wald-per-component', \
     'coverage-weight.dat' index 3 using 1:2 with linespoints ls 4 title 'overlap, wald-shared', \
     'coverage-weight.dat' index 4 using 1:2 with linespoints ls 5 title 'separated, bootstrap-per-component', \
     'coverage-weight.dat' index 5 using 1:2 with linespoints ls 6 title 'separated, bootstrap-shared', \
     'coverage-weight.dat' index 6 using 1:2 with linespoints ls 7 title 'overlap, bootstrap-per-component', \
     'coverage-weight.dat' index 7 using 1:2 with linespoints ls 8 title 'overlap, bootstrap-shared', \
     0.95 with lines lc rgb "#555555" dt 1 notitle, \
     0.9364916322229515 with lines lc rgb "#999999" dt 2 notitle, \
     0.9635083677770484 with lines lc rgb "#999999" dt 2 notitle
set title 'means'
unset key
plot 'coverage-mean.dat' index 0 using 1:2 with linespoints ls 1 title 'separated, wald-per-component', \
     'coverage-mean.dat' index 1 using 1:2 with linespoints ls 2 title 'separated, wald-shared', \
     'coverage-mean.dat' index 2 using 1:2 with linespoints ls 3 title 'overlap, wald-per-component', \
     'coverage-mean.dat' index 3 using 1:2 with linespoints ls 4 title 'overlap, wald-shared', \
     'coverage-mean.dat' index 4 using 1:2 with linespoints ls 5 title 'separated, bootstrap-per-component', \
     'coverage-mean.dat' index 5 using 1:2 with linespoints ls 6 title 'separated, bootstrap-shared', \
     'coverage-mean.dat' index 6 using 1:2 with linespoints ls 7 title 'overlap, bootstrap-per-component', \
     'coverage-mean.dat' index 7 using 1:2 with linespoints ls 8 title 'overlap, bootstrap-shared', \
     0.95 with lines lc rgb "#555555" dt 1 notitle, \
     0.9364916322229515 with lines lc rgb "#999999" dt 2 notitle, \
     0.9635083677770484 with lines lc rgb "#999999" dt 2 notitle
set title 'sds'
unset key
plot 'coverage-sd.dat' index 0 using 1:2 with linespoints ls 1 title 'separated, wald-per-component', \
     'coverage-sd.dat' index 1 using 1:2 with linespoints ls 2 title 'separated, wald-shared', \
     'coverage-sd.dat' index 2 using 1:2 with linespoints ls 3 title 'overlap, wald-per-component', \
     'coverage-sd.dat' index 3 using 1:2 with linespoints ls 4 title 'overlap, wald-shared', \
     'coverage-sd.dat' index 4 using 1:2 with linespoints ls 5 title 'separated, bootstrap-per-component', \
     'coverage-sd.dat' index 5 using 1:2 with linespoints ls 6 title 'separated, bootstrap-shared', \
     'coverage-sd.dat' index 6 using 1:2 with linespoints ls 7 title 'overlap, bootstrap-per-component', \
     'coverage-sd.dat' index 7 using 1:2 with linespoints ls 8 title 'overlap, bootstrap-shared', \
     0.95 with lines lc rgb "#555555" dt 1 notitle, \
     0.9364916322229515 with lines lc rgb "#999999" dt 2 notitle, \
     0.9635083677770484 with lines lc rgb "#999999" dt 2 notitle
unset multiplot
