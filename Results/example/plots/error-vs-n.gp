# error-vs-n.gp — RMSE of the component means against n, one line per (truth, sampler, estimator, init)
# Written by emlab. Edit it and re-draw with:  cd plots && gnuplot error-vs-n.gp
set encoding utf8
set terminal svg size 900,600 dynamic enhanced font "sans,12" background rgb "white"
# emlab sets OUTPUT to a temporary file and renames it to error-vs-n.svg once gnuplot succeeds.
if (!exists("OUTPUT")) OUTPUT = "error-vs-n.svg"
set output OUTPUT
set terminal svg size 1290,460 dynamic enhanced font "sans,10" background rgb "white"
set output OUTPUT
set style line 1 lc rgb "#1f77b4" lw 1.5 pt 7 ps 0.8 dt 1
set style line 2 lc rgb "#ff7f0e" lw 1.5 pt 5 ps 0.8 dt 1
set style line 3 lc rgb "#2ca02c" lw 1.5 pt 9 ps 0.8 dt 1
set style line 4 lc rgb "#d62728" lw 1.5 pt 11 ps 0.8 dt 1
set logscale xy
set format y "%g"
set grid xtics ytics mytics lc rgb "#dddddd"
set xrange [40:1250]
set xlabel 'n (sample size)' offset 0,0.3
set ylabel 'RMSE of the means'
set key at screen 0.5, screen 0.1826 center top vertical Left reverse maxrows 3 font ",9" samplen 2.5 spacing 1.05 width 2 title 'estimator, init'
set xtics (50, 200, 1000)
set multiplot title 'RMSE of the component means (average over components) against n — selected fits; bars ±1 Monte Carlo SE' font ",11"
set origin 0, 0.1957
set size 0.5, 0.7174
set yrange [0.045333854300105364:3.3562094393765327]
set ytics (0.05, 0.1, 0.2, 0.5, 1, 2)
set title 'truth: ' . 'doc001'
plot 'error-vs-n.dat' index 0 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 1 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 2 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 3 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     5.943231766982643/sqrt(x) with lines lc rgb "#999999" dt 2 notitle, \
     keyentry with linespoints ls 1 title 'free, quantile', \
     keyentry with linespoints ls 2 title 'free, data-points', \
     keyentry with linespoints ls 3 title 'shared, quantile', \
     keyentry with linespoints ls 4 title 'shared, data-points', \
     keyentry with lines lc rgb "#999999" dt 2 title 'guide ∝ n^{-1/2}'
set origin 0.5, 0.1957
set size 0.5, 0.7174
unset key
set yrange [0.12196871411629279:1.2875913041292832]
set ytics (0.2, 0.5, 1)
set title 'truth: ' . 'overlap'
plot 'error-vs-n.dat' index 4 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 5 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     5.636917332030898/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
unset multiplot
