# error-vs-n.gp — RMSE of the component means against n, one line per (truth, sampler, estimator, init)
# Written by emlab. Edit it and re-draw with:  cd plots && gnuplot error-vs-n.gp
set encoding utf8
set terminal svg size 900,600 dynamic enhanced font "sans,12" background rgb "white"
# emlab sets OUTPUT to a temporary file and renames it to error-vs-n.svg once gnuplot succeeds.
if (!exists("OUTPUT")) OUTPUT = "error-vs-n.svg"
set output OUTPUT
set terminal svg size 1290,1152 dynamic enhanced font "sans,10" background rgb "white"
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
set logscale xy
set format y "%g"
set grid xtics ytics mytics lc rgb "#dddddd"
set xrange [32:12500]
set xlabel 'n (sample size)' offset 0,0.3
set ylabel 'RMSE of the means'
set key at screen 0.5, screen 0.1007 center top vertical Left reverse maxrows 5 font ",9" samplen 2.5 spacing 1.05 width 2 title 'init'
set xtics (40, 100, 1000, 10000)
set multiplot title 'RMSE of the component means (average over components) against n — selected fits; bars ±1 Monte Carlo SE' font ",11"
set origin 0, 0.6788
set size 0.3333, 0.2865
set yrange [0.03769898871346966:1.4194157418747817]
set ytics (0.05, 0.1, 0.2, 0.5, 1)
set title 'truth: ' . 'd1-equal'
plot 'error-vs-n.dat' index 0 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 1 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 2 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 3 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     'error-vs-n.dat' index 4 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 5 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     'error-vs-n.dat' index 6 using 1:2:4:5 with yerrorlines ls 7 notitle, \
     'error-vs-n.dat' index 7 using 1:2:4:5 with yerrorlines ls 8 notitle, \
     'error-vs-n.dat' index 8 using 1:2:4:5 with yerrorlines ls 9 notitle, \
     5.7159744781277/sqrt(x) with lines lc rgb "#999999" dt 2 notitle, \
     keyentry with linespoints ls 1 title 'uniform', \
     keyentry with linespoints ls 2 title 'data-points', \
     keyentry with linespoints ls 3 title 'random-responsibilities', \
     keyentry with linespoints ls 4 title 'quantile', \
     keyentry with linespoints ls 5 title 'kmeans++', \
     keyentry with linespoints ls 6 title 'kmeans', \
     keyentry with linespoints ls 7 title 'small-em', \
     keyentry with linespoints ls 8 title 'truth', \
     keyentry with linespoints ls 9 title 'perturbed-truth', \
     keyentry with lines lc rgb "#999999" dt 2 title 'guide ∝ n^{-1/2}'
set origin 0.3333, 0.6788
set size 0.3333, 0.2865
unset key
set yrange [0.04257222980973439:1.361456951930406]
set ytics (0.05, 0.1, 0.2, 0.5, 1)
set title 'truth: ' . 'd2-equal'
plot 'error-vs-n.dat' index 9 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 10 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 11 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 12 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     'error-vs-n.dat' index 13 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 14 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     'error-vs-n.dat' index 15 using 1:2:4:5 with yerrorlines ls 7 notitle, \
     'error-vs-n.dat' index 16 using 1:2:4:5 with yerrorlines ls 8 notitle, \
     'error-vs-n.dat' index 17 using 1:2:4:5 with yerrorlines ls 9 notitle, \
     5.151810913407785/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.6667, 0.6788
set size 0.3333, 0.2865
set yrange [0.01479859806225545:2.0883950482662925]
set ytics (0.02, 0.05, 0.1, 0.2, 0.5, 1, 2)
set title 'truth: ' . 'd3-equal'
plot 'error-vs-n.dat' index 18 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 19 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 20 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 21 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     'error-vs-n.dat' index 22 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 23 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     'error-vs-n.dat' index 24 using 1:2:4:5 with yerrorlines ls 7 notitle, \
     'error-vs-n.dat' index 25 using 1:2:4:5 with yerrorlines ls 8 notitle, \
     'error-vs-n.dat' index 26 using 1:2:4:5 with yerrorlines ls 9 notitle, \
     3.505203488278949/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0, 0.3924
set size 0.3333, 0.2865
set yrange [0.00799717415044281:2.7913892591328406]
set ytics (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2)
set title 'truth: ' . 'd4-equal'
plot 'error-vs-n.dat' index 27 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 28 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 29 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 30 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     'error-vs-n.dat' index 31 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 32 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     'error-vs-n.dat' index 33 using 1:2:4:5 with yerrorlines ls 7 notitle, \
     'error-vs-n.dat' index 34 using 1:2:4:5 with yerrorlines ls 8 notitle, \
     'error-vs-n.dat' index 35 using 1:2:4:5 with yerrorlines ls 9 notitle, \
     2.3579196925018335/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.3333, 0.3924
set size 0.3333, 0.2865
set yrange [0.04960901987751677:1.4460861653882437]
set ytics (0.05, 0.1, 0.2, 0.5, 1)
set title 'truth: ' . 'd1-skewed'
plot 'error-vs-n.dat' index 36 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 37 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 38 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 39 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     'error-vs-n.dat' index 40 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 41 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     'error-vs-n.dat' index 42 using 1:2:4:5 with yerrorlines ls 7 notitle, \
     'error-vs-n.dat' index 43 using 1:2:4:5 with yerrorlines ls 8 notitle, \
     'error-vs-n.dat' index 44 using 1:2:4:5 with yerrorlines ls 9 notitle, \
     5.696955948448643/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.6667, 0.3924
set size 0.3333, 0.2865
set yrange [0.04537547745216984:1.392698468515765]
set ytics (0.05, 0.1, 0.2, 0.5, 1)
set title 'truth: ' . 'd2-skewed'
plot 'error-vs-n.dat' index 45 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 46 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 47 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 48 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     'error-vs-n.dat' index 49 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 50 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     'error-vs-n.dat' index 51 using 1:2:4:5 with yerrorlines ls 7 notitle, \
     'error-vs-n.dat' index 52 using 1:2:4:5 with yerrorlines ls 8 notitle, \
     'error-vs-n.dat' index 53 using 1:2:4:5 with yerrorlines ls 9 notitle, \
     5.753855524914746/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0, 0.1059
set size 0.3333, 0.2865
set yrange [0.019533048840893675:1.149262969787632]
set ytics (0.02, 0.05, 0.1, 0.2, 0.5, 1)
set title 'truth: ' . 'd3-skewed'
plot 'error-vs-n.dat' index 54 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 55 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 56 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 57 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     'error-vs-n.dat' index 58 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 59 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     'error-vs-n.dat' index 60 using 1:2:4:5 with yerrorlines ls 7 notitle, \
     'error-vs-n.dat' index 61 using 1:2:4:5 with yerrorlines ls 8 notitle, \
     'error-vs-n.dat' index 62 using 1:2:4:5 with yerrorlines ls 9 notitle, \
     4.231730563359552/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.3333, 0.1059
set size 0.3333, 0.2865
set yrange [0.010888538360919211:0.9497909815036847]
set ytics (0.02, 0.05, 0.1, 0.2, 0.5)
set title 'truth: ' . 'd4-skewed'
plot 'error-vs-n.dat' index 63 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 64 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 65 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 66 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     'error-vs-n.dat' index 67 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 68 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     'error-vs-n.dat' index 69 using 1:2:4:5 with yerrorlines ls 7 notitle, \
     'error-vs-n.dat' index 70 using 1:2:4:5 with yerrorlines ls 8 notitle, \
     'error-vs-n.dat' index 71 using 1:2:4:5 with yerrorlines ls 9 notitle, \
     3.4246876481280206/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.6667, 0.1059
set size 0.3333, 0.2865
set yrange [0.017970286744525832:3.5108563309277496]
set ytics (0.02, 0.05, 0.1, 0.2, 0.5, 1, 2)
set title 'truth: ' . 'k3'
plot 'error-vs-n.dat' index 72 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 73 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 74 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 75 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     'error-vs-n.dat' index 76 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 77 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     'error-vs-n.dat' index 78 using 1:2:4:5 with yerrorlines ls 7 notitle, \
     'error-vs-n.dat' index 79 using 1:2:4:5 with yerrorlines ls 8 notitle, \
     'error-vs-n.dat' index 80 using 1:2:4:5 with yerrorlines ls 9 notitle, \
     5.083334463282966/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
unset multiplot
