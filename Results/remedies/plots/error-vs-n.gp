# error-vs-n.gp — RMSE of the component means against n, one line per (truth, sampler, estimator, init)
# Written by emlab. Edit it and re-draw with:  cd plots && gnuplot error-vs-n.gp
set encoding utf8
set terminal svg size 900,600 dynamic enhanced font "sans,12" background rgb "white"
# emlab sets OUTPUT to a temporary file and renames it to error-vs-n.svg once gnuplot succeeds.
if (!exists("OUTPUT")) OUTPUT = "error-vs-n.svg"
set output OUTPUT
set terminal svg size 1290,492 dynamic enhanced font "sans,10" background rgb "white"
set output OUTPUT
set style line 1 lc rgb "#1f77b4" lw 1.5 pt 7 ps 0.8 dt 1
set style line 2 lc rgb "#ff7f0e" lw 1.5 pt 5 ps 0.8 dt 1
set style line 3 lc rgb "#2ca02c" lw 1.5 pt 9 ps 0.8 dt 1
set style line 4 lc rgb "#d62728" lw 1.5 pt 11 ps 0.8 dt 1
set style line 5 lc rgb "#9467bd" lw 1.5 pt 13 ps 0.8 dt 1
set style line 6 lc rgb "#8c564b" lw 1.5 pt 6 ps 0.8 dt 1
set style line 7 lc rgb "#e377c2" lw 1.5 pt 4 ps 0.8 dt 1
set style line 8 lc rgb "#7f7f7f" lw 1.5 pt 8 ps 0.8 dt 1
set logscale xy
set format y "%g"
set grid xtics ytics mytics lc rgb "#dddddd"
set xrange [24:1250]
set xlabel 'n (sample size)' offset 0,0.3
set ylabel 'RMSE of the means'
set key at screen 0.5, screen 0.2358 center top vertical Left reverse maxrows 5 font ",9" samplen 2.5 spacing 1.05 width 2 title 'estimator'
set xtics (30, 100, 300, 1000)
set multiplot title 'RMSE of the component means (average over components) against n — selected fits; bars ±1 Monte Carlo SE' font ",11"
set origin 0, 0.248
set size 0.3333, 0.6707
set yrange [0.020335562072786258:0.5706591211627189]
set ytics (0.05, 0.1, 0.2, 0.5)
set title 'truth: ' . 'narrow2'
plot 'error-vs-n.dat' index 0 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 1 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 2 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 3 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     'error-vs-n.dat' index 4 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 5 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     'error-vs-n.dat' index 6 using 1:2:4:5 with yerrorlines ls 7 notitle, \
     'error-vs-n.dat' index 7 using 1:2:4:5 with yerrorlines ls 8 notitle, \
     1.0653788569107536/sqrt(x) with lines lc rgb "#999999" dt 2 notitle, \
     keyentry with linespoints ls 1 title 'plain', \
     keyentry with linespoints ls 2 title 'floor', \
     keyentry with linespoints ls 3 title 'restarts', \
     keyentry with linespoints ls 4 title 'shared', \
     keyentry with linespoints ls 5 title 'prior', \
     keyentry with linespoints ls 6 title 'ratio', \
     keyentry with linespoints ls 7 title 'penalty', \
     keyentry with linespoints ls 8 title 'mixtureinf', \
     keyentry with lines lc rgb "#999999" dt 2 title 'guide ∝ n^{-1/2}'
set origin 0.3333, 0.248
set size 0.3333, 0.6707
unset key
set yrange [0.03712096737052842:1.4303535056609615]
set ytics (0.05, 0.1, 0.2, 0.5, 1)
set title 'truth: ' . 'narrow3'
plot 'error-vs-n.dat' index 8 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 9 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 10 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 11 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     'error-vs-n.dat' index 12 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 13 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     'error-vs-n.dat' index 14 using 1:2:4:5 with yerrorlines ls 7 notitle, \
     'error-vs-n.dat' index 15 using 1:2:4:5 with yerrorlines ls 8 notitle, \
     3.2229548038986944/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.6667, 0.248
set size 0.3333, 0.6707
set yrange [0.02122854146713263:0.7339639768836329]
set ytics (0.05, 0.1, 0.2, 0.5)
set title 'truth: ' . 'separated'
plot 'error-vs-n.dat' index 16 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 17 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 18 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 19 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     'error-vs-n.dat' index 20 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 21 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     'error-vs-n.dat' index 22 using 1:2:4:5 with yerrorlines ls 7 notitle, \
     'error-vs-n.dat' index 23 using 1:2:4:5 with yerrorlines ls 8 notitle, \
     1.4303533666385895/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
unset multiplot
