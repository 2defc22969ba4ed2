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
set style line 9 lc rgb "#bcbd22" lw 1.5 pt 10 ps 0.8 dt 1
set style line 10 lc rgb "#17becf" lw 1.5 pt 12 ps 0.8 dt 1
set style line 11 lc rgb "#393b79" lw 1.5 pt 14 ps 0.8 dt 1
set style line 12 lc rgb "#637939" lw 1.5 pt 1 ps 0.8 dt 1
set style line 13 lc rgb "#1f77b4" lw 1.5 pt 7 ps 0.8 dt 2
set style line 14 lc rgb "#ff7f0e" lw 1.5 pt 5 ps 0.8 dt 2
set style line 15 lc rgb "#2ca02c" lw 1.5 pt 9 ps 0.8 dt 2
set style line 16 lc rgb "#d62728" lw 1.5 pt 11 ps 0.8 dt 2
set style line 17 lc rgb "#9467bd" lw 1.5 pt 13 ps 0.8 dt 2
set style line 18 lc rgb "#8c564b" lw 1.5 pt 6 ps 0.8 dt 2
set style line 19 lc rgb "#e377c2" lw 1.5 pt 4 ps 0.8 dt 2
set style line 20 lc rgb "#7f7f7f" lw 1.5 pt 8 ps 0.8 dt 2
set style line 21 lc rgb "#bcbd22" lw 1.5 pt 10 ps 0.8 dt 2
set style line 22 lc rgb "#17becf" lw 1.5 pt 12 ps 0.8 dt 2
set multiplot layout 1,3 title "Coverage of the intervals against n (mean over components; dashed: 0.95 ± 1.96·MCSE at 200 replicates)"
set logscale x
set xrange [30:20000]
set xlabel 'n'
set yrange [0.5:1]
set grid lc rgb "#dddddd"
set title 'weights'
set key bottom right font ",8"
plot 'coverage-weight.dat' index 0 using 1:2 with linespoints ls 1 title 'narrow2, plain', \
     'coverage-weight.dat' index 1 using 1:2 with linespoints ls 2 title 'narrow2, floor', \
     'coverage-weight.dat' index 2 using 1:2 with linespoints ls 3 title 'narrow2, restarts', \
     'coverage-weight.dat' index 3 using 1:2 with linespoints ls 4 title 'narrow2, shared', \
     'coverage-weight.dat' index 4 using 1:2 with linespoints ls 5 title 'narrow2, prior', \
     'coverage-weight.dat' index 5 using 1:2 with linespoints ls 6 title 'narrow2, ratio', \
     'coverage-weight.dat' index 6 using 1:2 with linespoints ls 7 title 'narrow2, penalty', \
     'coverage-weight.dat' index 7 using 1:2 with linespoints ls 8 title 'narrow2, mixtureinf', \
     'coverage-weight.dat' index 8 using 1:2 with linespoints ls 9 title 'narrow3, plain', \
     'coverage-weight.dat' index 9 using 1:2 with linespoints ls 10 title 'narrow3, floor', \
     'coverage-weight.dat' index 10 using 1:2 with linespoints ls 11 title 'narrow3, restarts', \
     'coverage-weight.dat' index 11 using 1:2 with linespoints ls 12 title 'narrow3, shared', \
     'coverage-weight.dat' index 12 using 1:2 with linespoints ls 13 title 'narrow3, prior', \
     'coverage-weight.dat' index 13 using 1:2 with linespoints ls 14 title 'narrow3, ratio', \
     'coverage-weight.dat' index 14 using 1:2 with linespoints ls 15 title 'separated, plain', \
     'coverage-weight.dat' index 15 using 1:2 with linespoints ls 16 title 'separated, floor', \
     'coverage-weight.dat' index 16 using 1:2 with linespoints ls 17 title 'separated, restarts', \
     'coverage-weight.dat' index 17 using 1:2 with linespoints ls 18 title 'separated, shared', \
     'coverage-weight.dat' index 18 using 1:2 with linespoints ls 19 title 'separated, prior', \
     'coverage-weight.dat' index 19 using 1:2 with linespoints ls 20 title 'separated, ratio', \
     'coverage-weight.dat' index 20 using 1:2 with linespoints ls 21 title 'separated, penalty', \
     'coverage-weight.dat' index 21 using 1:2 with linespoints ls 22 title 'separated, mixtureinf', \
     0.95 with lines lc rgb "#555555" dt 1 notitle, \
     0.919794371385452 with lines lc rgb "#999999" dt 2 notitle, \
     0.980205628614548 with lines lc rgb "#999999" dt 2 notitle
set title 'means'
unset key
plot 'coverage-mean.dat' index 0 using 1:2 with linespoints ls 1 title 'narrow2, plain', \
     'coverage-mean.dat' index 1 using 1:2 with linespoints ls 2 title 'narrow2, floor', \
     'coverage-mean.dat' index 2 using 1:2 with linespoints ls 3 title 'narrow2, restarts', \
     'coverage-mean.dat' index 3 using 1:2 with linespoints ls 4 title 'narrow2, shared', \
     'coverage-mean.dat' index 4 using 1:2 with linespoints ls 5 title 'narrow2, prior', \
     'coverage-mean.dat' index 5 using 1:2 with linespoints ls 6 title 'narrow2, ratio', \
     'coverage-mean.dat' index 6 using 1:2 with linespoints ls 7 title 'narrow2, penalty', \
     'coverage-mean.dat' index 7 using 1:2 with linespoints ls 8 title 'narrow2, mixtureinf', \
     'coverage-mean.dat' index 8 using 1:2 with linespoints ls 9 title 'narrow3, plain', \
     'coverage-mean.dat' index 9 using 1:2 with linespoints ls 10 title 'narrow3, floor', \
     'coverage-mean.dat' index 10 using 1:2 with linespoints ls 11 title 'narrow3, restarts', \
     'coverage-mean.dat' index 11 using 1:2 with linespoints ls 12 title 'narrow3, shared', \
     'coverage-mean.dat' index 12 using 1:2 with linespoints ls 13 title 'narrow3, prior', \
     'coverage-mean.dat' index 13 using 1:2 with linespoints ls 14 title 'narrow3, ratio', \
     'coverage-mean.dat' index 14 using 1:2 with linespoints ls 15 title 'separated, plain', \
     'coverage-mean.dat' index 15 using 1:2 with linespoints ls 16 title 'separated, floor', \
     'coverage-mean.dat' index 16 using 1:2 with linespoints ls 17 title 'separated, restarts', \
     'coverage-mean.dat' index 17 using 1:2 with linespoints ls 18 title 'separated, shared', \
     'coverage-mean.dat' index 18 using 1:2 with linespoints ls 19 title 'separated, prior', \
     'coverage-mean.dat' index 19 using 1:2 with linespoints ls 20 title 'separated, ratio', \
     'coverage-mean.dat' index 20 using 1:2 with linespoints ls 21 title 'separated, penalty', \
     'coverage-mean.dat' index 21 using 1:2 with linespoints ls 22 title 'separated, mixtureinf', \
     0.95 with lines lc rgb "#555555" dt 1 notitle, \
     0.919794371385452 with lines lc rgb "#999999" dt 2 notitle, \
     0.980205628614548 with lines lc rgb "#999999" dt 2 notitle
set title 'sds'
unset key
plot 'coverage-sd.dat' index 0 using 1:2 with linespoints ls 1 title 'narrow2, plain', \
     'coverage-sd.dat' index 1 using 1:2 with linespoints ls 2 title 'narrow2, floor', \
     'coverage-sd.dat' index 2 using 1:2 with linespoints ls 3 title 'narrow2, restarts', \
     'coverage-sd.dat' index 3 using 1:2 with linespoints ls 4 title 'narrow2, shared', \
     'coverage-sd.dat' index 4 using 1:2 with linespoints ls 5 title 'narrow2, prior', \
     'coverage-sd.dat' index 5 using 1:2 with linespoints ls 6 title 'narrow2, ratio', \
     'coverage-sd.dat' index 6 using 1:2 with linespoints ls 7 title 'narrow2, penalty', \
     'coverage-sd.dat' index 7 using 1:2 with linespoints ls 8 title 'narrow2, mixtureinf', \
     'coverage-sd.dat' index 8 using 1:2 with linespoints ls 9 title 'narrow3, plain', \
     'coverage-sd.dat' index 9 using 1:2 with linespoints ls 10 title 'narrow3, floor', \
     'coverage-sd.dat' index 10 using 1:2 with linespoints ls 11 title 'narrow3, restarts', \
     'coverage-sd.dat' index 11 using 1:2 with linespoints ls 12 title 'narrow3, shared', \
     'coverage-sd.dat' index 12 using 1:2 with linespoints ls 13 title 'narrow3, prior', \
     'coverage-sd.dat' index 13 using 1:2 with linespoints ls 14 title 'narrow3, ratio', \
     'coverage-sd.dat' index 14 using 1:2 with linespoints ls 15 title 'separated, plain', \
     'coverage-sd.dat' index 15 using 1:2 with linespoints ls 16 title 'separated, floor', \
     'coverage-sd.dat' index 16 using 1:2 with linespoints ls 17 title 'separated, restarts', \
     'coverage-sd.dat' index 17 using 1:2 with linespoints ls 18 title 'separated, shared', \
     'coverage-sd.dat' index 18 using 1:2 with linespoints ls 19 title 'separated, prior', \
     'coverage-sd.dat' index 19 using 1:2 with linespoints ls 20 title 'separated, ratio', \
     'coverage-sd.dat' index 20 using 1:2 with linespoints ls 21 title 'separated, penalty', \
     'coverage-sd.dat' index 21 using 1:2 with linespoints ls 22 title 'separated, mixtureinf', \
     0.95 with lines lc rgb "#555555" dt 1 notitle, \
     0.919794371385452 with lines lc rgb "#999999" dt 2 notitle, \
     0.980205628614548 with lines lc rgb "#999999" dt 2 notitle
unset multiplot
