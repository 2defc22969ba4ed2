# error-vs-n.gp — RMSE of the component means against n, one line per (truth, sampler, estimator, init)
# Written by emlab. Edit it and re-draw with:  cd plots && gnuplot error-vs-n.gp
set encoding utf8
set terminal svg size 900,600 dynamic enhanced font "sans,12" background rgb "white"
# emlab sets OUTPUT to a temporary file and renames it to error-vs-n.svg once gnuplot succeeds.
if (!exists("OUTPUT")) OUTPUT = "error-vs-n.svg"
set output OUTPUT
set terminal svg size 1290,524 dynamic enhanced font "sans,10" background rgb "white"
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
set logscale xy
set format y "%g"
set grid xtics ytics mytics lc rgb "#dddddd"
set xrange [16:12500]
set xlabel 'n (sample size)' offset 0,0.3
set ylabel 'RMSE of the means'
set key at screen 0.5, screen 0.2824 center top vertical Left reverse maxrows 7 font ",9" samplen 2.5 spacing 1.05 width 2 title 'sampler, estimator, init'
set multiplot title 'RMSE of the component means (average over components) against n — selected fits; bars ±1 Monte Carlo SE' font ",11"
set origin 0, 0.2939
set size 0.3333, 0.6298
set yrange [0.08403294629650976:2.8766538787801608]
set ytics (0.1, 0.2, 0.5, 1, 2)
set title 'truth: ' . 'doc000'
plot 'error-vs-n.dat' index 0 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 1 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 2 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 3 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     10.64315465335021/sqrt(x) with lines lc rgb "#999999" dt 2 notitle, \
     keyentry with linespoints ls 1 title 'doc000, doc000-as-written, doc000', \
     keyentry with linespoints ls 2 title 'doc000, doc000-corrected, doc000', \
     keyentry with linespoints ls 3 title 'latent, doc000-as-written, doc000', \
     keyentry with linespoints ls 4 title 'latent, doc000-corrected, doc000', \
     keyentry with linespoints ls 5 title 'doc001-curve, doc001-as-written, doc001', \
     keyentry with linespoints ls 6 title 'doc001-curve, doc001-corrected, doc001', \
     keyentry with linespoints ls 7 title 'doc001-randn, doc001-as-written, doc001', \
     keyentry with linespoints ls 8 title 'doc001-randn, doc001-corrected, doc001', \
     keyentry with linespoints ls 9 title 'latent, doc001-as-written, doc001', \
     keyentry with linespoints ls 10 title 'latent, doc001-corrected, doc001', \
     keyentry with linespoints ls 11 title 'doc003, doc003, data-points', \
     keyentry with linespoints ls 12 title 'latent, doc003, data-points', \
     keyentry with lines lc rgb "#999999" dt 2 title 'guide ∝ n^{-1/2}'
set origin 0.3333, 0.2939
set size 0.3333, 0.6298
unset key
set yrange [1.2053059471272156:13.884604735798188]
set ytics (2, 5, 10)
set title 'truth: ' . 'doc001'
plot 'error-vs-n.dat' index 4 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 5 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     'error-vs-n.dat' index 6 using 1:2:4:5 with yerrorlines ls 7 notitle, \
     'error-vs-n.dat' index 7 using 1:2:4:5 with yerrorlines ls 8 notitle, \
     'error-vs-n.dat' index 8 using 1:2:4:5 with yerrorlines ls 9 notitle, \
     'error-vs-n.dat' index 9 using 1:2:4:5 with yerrorlines ls 10 notitle, \
     31.85965647354837/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.6667, 0.2939
set size 0.3333, 0.6298
set yrange [0.0632594114959811:2.1340955719224306]
set ytics (0.1, 0.2, 0.5, 1, 2)
set title 'truth: ' . 'doc003'
plot 'error-vs-n.dat' index 10 using 1:2:4:5 with yerrorlines ls 11 notitle, \
     'error-vs-n.dat' index 11 using 1:2:4:5 with yerrorlines ls 12 notitle, \
     6.481676894986058/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
unset multiplot
