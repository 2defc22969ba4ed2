# error-vs-n.gp — RMSE of the component means against n, one line per (truth, sampler, estimator, init)
# Written by emlab. Edit it and re-draw with:  cd plots && gnuplot error-vs-n.gp
set encoding utf8
set terminal svg size 900,600 dynamic enhanced font "sans,12" background rgb "white"
# emlab sets OUTPUT to a temporary file and renames it to error-vs-n.svg once gnuplot succeeds.
if (!exists("OUTPUT")) OUTPUT = "error-vs-n.svg"
set output OUTPUT
set terminal svg size 1290,806 dynamic enhanced font "sans,10" background rgb "white"
set output OUTPUT
set style line 1 lc rgb "#1f77b4" lw 1.5 pt 7 ps 0.8 dt 1
set style line 2 lc rgb "#ff7f0e" lw 1.5 pt 5 ps 0.8 dt 1
set style line 3 lc rgb "#2ca02c" lw 1.5 pt 9 ps 0.8 dt 1
set style line 4 lc rgb "#d62728" lw 1.5 pt 11 ps 0.8 dt 1
set style line 5 lc rgb "#9467bd" lw 1.5 pt 13 ps 0.8 dt 1
set style line 6 lc rgb "#8c564b" lw 1.5 pt 6 ps 0.8 dt 1
set logscale xy
set format y "%g"
set grid xtics ytics mytics lc rgb "#dddddd"
set xrange [40:12500]
set xlabel 'n (sample size)' offset 0,0.3
set ylabel 'RMSE of the means'
set key at screen 0.5, screen 0.1241 center top vertical Left reverse maxrows 4 font ",9" samplen 2.5 spacing 1.05 width 2 title 'estimator'
set xtics (50, 100, 1000, 10000)
set multiplot title 'RMSE of the component means (average over components) against n — selected fits; bars ±1 Monte Carlo SE' font ",11"
set origin 0, 0.5409
set size 0.3333, 0.4094
set yrange [0.014270811563644228:1.125706006526]
set ytics (0.02, 0.05, 0.1, 0.2, 0.5, 1)
set title 'truth: ' . 'separated'
plot 'error-vs-n.dat' index 0 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 1 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 4 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 5 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     'error-vs-n.dat' index 10 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 11 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     4.1469052488394755/sqrt(x) with lines lc rgb "#999999" dt 2 notitle, \
     keyentry with linespoints ls 1 title 'wald-per-component', \
     keyentry with linespoints ls 2 title 'wald-shared', \
     keyentry with linespoints ls 3 title 'bootstrap-per-component', \
     keyentry with linespoints ls 4 title 'bootstrap-shared', \
     keyentry with linespoints ls 5 title 'select-per-component', \
     keyentry with linespoints ls 6 title 'select-shared', \
     keyentry with lines lc rgb "#999999" dt 2 title 'guide ∝ n^{-1/2}'
set origin 0.3333, 0.5409
set size 0.3333, 0.4094
unset key
set yrange [0.029721234427635468:2.297682450227192]
set ytics (0.05, 0.1, 0.2, 0.5, 1, 2)
set title 'truth: ' . 'overlap'
plot 'error-vs-n.dat' index 2 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 3 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 6 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 7 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     'error-vs-n.dat' index 12 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 13 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     9.158966696514605/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.6667, 0.5409
set size 0.3333, 0.4094
set yrange [0.005082280629633952:0.21225716352371435]
set ytics (0.01, 0.02, 0.05, 0.1, 0.2)
set title 'truth: ' . 'one'
plot 'error-vs-n.dat' index 8 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 9 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     1.0335396160074344/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0, 0.1315
set size 0.3333, 0.4094
set yrange [0.00950221874383652:0.8610898787535128]
set ytics (0.01, 0.02, 0.05, 0.1, 0.2, 0.5)
set title 'truth: ' . 'three'
plot 'error-vs-n.dat' index 14 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 15 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     3.467540679234195/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
unset multiplot
