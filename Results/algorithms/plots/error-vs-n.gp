# error-vs-n.gp — RMSE of the component means against n, one line per (truth, sampler, estimator, init)
# Written by emlab. Edit it and re-draw with:  cd plots && gnuplot error-vs-n.gp
set encoding utf8
set terminal svg size 900,600 dynamic enhanced font "sans,12" background rgb "white"
# emlab sets OUTPUT to a temporary file and renames it to error-vs-n.svg once gnuplot succeeds.
if (!exists("OUTPUT")) OUTPUT = "error-vs-n.svg"
set output OUTPUT
set terminal svg size 1290,944 dynamic enhanced font "sans,10" background rgb "white"
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
set xrange [80:12500]
set xlabel 'n (sample size)' offset 0,0.3
set ylabel 'RMSE of the means'
set key at screen 0.5, screen 0.1568 center top vertical Left reverse maxrows 7 font ",9" samplen 2.5 spacing 1.05 width 2 title 'estimator'
set xtics (100, 1000, 10000)
set multiplot title 'RMSE of the component means (average over components) against n — selected fits; bars ±1 Monte Carlo SE' font ",11"
set origin 0, 0.6928
set size 0.2, 0.2648
set yrange [0.13401129847769533:1.7125151190312866]
set ytics (0.2, 0.5, 1)
set title 'truth: ' . 'd1-w50'
plot 'error-vs-n.dat' index 0 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 1 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 2 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 3 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     'error-vs-n.dat' index 4 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 5 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     7.9994026738590644/sqrt(x) with lines lc rgb "#999999" dt 2 notitle, \
     keyentry with linespoints ls 1 title 'em', \
     keyentry with linespoints ls 2 title 'squarem', \
     keyentry with linespoints ls 3 title 'anderson', \
     keyentry with linespoints ls 4 title 'daarem', \
     keyentry with linespoints ls 5 title 'qn', \
     keyentry with linespoints ls 6 title 'pem', \
     keyentry with linespoints ls 7 title 'wn-em', \
     keyentry with linespoints ls 8 title 'wn-squarem', \
     keyentry with linespoints ls 9 title 'wn-anderson', \
     keyentry with linespoints ls 10 title 'wn-daarem', \
     keyentry with linespoints ls 11 title 'wn-qn', \
     keyentry with linespoints ls 12 title 'wn-pem', \
     keyentry with lines lc rgb "#999999" dt 2 title 'guide ∝ n^{-1/2}'
set origin 0.2, 0.6928
set size 0.2, 0.2648
unset key
set yrange [0.1558532314253658:1.5696653041944748]
set ytics (0.2, 0.5, 1)
set title 'truth: ' . 'd1-w20'
plot 'error-vs-n.dat' index 6 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 7 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 8 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 9 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     'error-vs-n.dat' index 10 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 11 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     8.900072475001036/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.4, 0.6928
set size 0.2, 0.2648
set yrange [0.16578298289875143:1.3212262783524795]
set ytics (0.2, 0.5, 1)
set title 'truth: ' . 'd1p5-w50'
plot 'error-vs-n.dat' index 12 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 13 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 14 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 15 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     'error-vs-n.dat' index 16 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 17 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     7.922671881054729/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.6, 0.6928
set size 0.2, 0.2648
set yrange [0.17192071929515734:1.4123100646599869]
set ytics (0.2, 0.5, 1)
set title 'truth: ' . 'd1p5-w20'
plot 'error-vs-n.dat' index 18 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 19 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 20 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 21 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     'error-vs-n.dat' index 22 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 23 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     8.329292975268812/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.8, 0.6928
set size 0.2, 0.2648
set yrange [0.03919162065240704:1.1087943702407743]
set ytics (0.05, 0.1, 0.2, 0.5, 1)
set title 'truth: ' . 'd2-w50'
plot 'error-vs-n.dat' index 24 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 25 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 26 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 27 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     'error-vs-n.dat' index 28 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 29 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     6.958064783367897/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0, 0.428
set size 0.2, 0.2648
set yrange [0.1426067500144586:1.097823069490806]
set ytics (0.2, 0.5, 1)
set title 'truth: ' . 'd2-w20'
plot 'error-vs-n.dat' index 30 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 31 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 32 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 33 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     'error-vs-n.dat' index 34 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 35 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     6.843828517106627/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.2, 0.428
set size 0.2, 0.2648
set yrange [0.008623695929796046:0.5715180415312411]
set ytics (0.01, 0.02, 0.05, 0.1, 0.2, 0.5)
set title 'truth: ' . 'd3-w50'
plot 'error-vs-n.dat' index 36 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 37 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 38 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 39 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     'error-vs-n.dat' index 40 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 41 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     3.5998646106818004/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.4, 0.428
set size 0.2, 0.2648
set yrange [0.01982062633358008:0.923126838497947]
set ytics (0.02, 0.05, 0.1, 0.2, 0.5)
set title 'truth: ' . 'd3-w20'
plot 'error-vs-n.dat' index 42 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 43 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 44 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 45 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     'error-vs-n.dat' index 46 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 47 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     5.328848700514817/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.6, 0.428
set size 0.2, 0.2648
set yrange [0.006571446916308393:0.5056438621322628]
set ytics (0.01, 0.02, 0.05, 0.1, 0.2, 0.5)
set title 'truth: ' . 'd4-w50'
plot 'error-vs-n.dat' index 48 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 49 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 50 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 51 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     'error-vs-n.dat' index 52 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 53 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     1.9009358533710932/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.8, 0.428
set size 0.2, 0.2648
set yrange [0.007963104963322344:0.9625980510424701]
set ytics (0.01, 0.02, 0.05, 0.1, 0.2, 0.5)
set title 'truth: ' . 'd4-w20'
plot 'error-vs-n.dat' index 54 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 55 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 56 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 57 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     'error-vs-n.dat' index 58 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 59 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     4.587901578595407/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0, 0.1631
set size 0.2, 0.2648
set yrange [0.04193192686327735:0.20030198627129991]
set ytics (0.05, 0.1, 0.2)
set title 'truth: ' . 'walker-ni'
plot 'error-vs-n.dat' index 60 using 1:2:4:5 with yerrorlines ls 7 notitle, \
     'error-vs-n.dat' index 61 using 1:2:4:5 with yerrorlines ls 8 notitle, \
     'error-vs-n.dat' index 62 using 1:2:4:5 with yerrorlines ls 9 notitle, \
     'error-vs-n.dat' index 63 using 1:2:4:5 with yerrorlines ls 10 notitle, \
     'error-vs-n.dat' index 64 using 1:2:4:5 with yerrorlines ls 11 notitle, \
     'error-vs-n.dat' index 65 using 1:2:4:5 with yerrorlines ls 12 notitle, \
     10.592561386557156/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
unset multiplot
