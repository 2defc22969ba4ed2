# error-vs-n.gp — RMSE of the component means against n, one line per (truth, sampler, estimator, init)
# Written by emlab. Edit it and re-draw with:  cd plots && gnuplot error-vs-n.gp
set encoding utf8
set terminal svg size 900,600 dynamic enhanced font "sans,12" background rgb "white"
# emlab sets OUTPUT to a temporary file and renames it to error-vs-n.svg once gnuplot succeeds.
if (!exists("OUTPUT")) OUTPUT = "error-vs-n.svg"
set output OUTPUT
set terminal svg size 1290,1040 dynamic enhanced font "sans,10" background rgb "white"
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
set style line 23 lc rgb "#393b79" lw 1.5 pt 14 ps 0.8 dt 2
set style line 24 lc rgb "#637939" lw 1.5 pt 1 ps 0.8 dt 2
set logscale xy
set format y "%g"
set grid xtics ytics mytics lc rgb "#dddddd"
set xrange [80:12500]
set xlabel 'n (sample size)' offset 0,0.3
set ylabel 'RMSE of the means'
set key at screen 0.5, screen 0.2346 center top vertical Left reverse maxrows 13 font ",9" samplen 2.5 spacing 1.05 width 2 title 'estimator, init'
set xtics (100, 1000, 10000)
set multiplot title 'RMSE of the component means (average over components) against n — selected fits; bars ±1 Monte Carlo SE' font ",11"
set origin 0, 0.7212
set size 0.2, 0.2404
set yrange [0.10692489976250917:1.7125151190312866]
set ytics (0.2, 0.5, 1)
set title 'truth: ' . 'd1-w50'
plot 'error-vs-n.dat' index 0 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 1 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 2 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 3 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     'error-vs-n.dat' index 4 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 5 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     'error-vs-n.dat' index 6 using 1:2:4:5 with yerrorlines ls 7 notitle, \
     'error-vs-n.dat' index 7 using 1:2:4:5 with yerrorlines ls 8 notitle, \
     'error-vs-n.dat' index 8 using 1:2:4:5 with yerrorlines ls 9 notitle, \
     'error-vs-n.dat' index 9 using 1:2:4:5 with yerrorlines ls 10 notitle, \
     'error-vs-n.dat' index 10 using 1:2:4:5 with yerrorlines ls 11 notitle, \
     'error-vs-n.dat' index 11 using 1:2:4:5 with yerrorlines ls 12 notitle, \
     7.647880576762017/sqrt(x) with lines lc rgb "#999999" dt 2 notitle, \
     keyentry with linespoints ls 1 title 'em, quantile', \
     keyentry with linespoints ls 2 title 'em, far', \
     keyentry with linespoints ls 3 title 'squarem, quantile', \
     keyentry with linespoints ls 4 title 'squarem, far', \
     keyentry with linespoints ls 5 title 'anderson, quantile', \
     keyentry with linespoints ls 6 title 'anderson, far', \
     keyentry with linespoints ls 7 title 'daarem, quantile', \
     keyentry with linespoints ls 8 title 'daarem, far', \
     keyentry with linespoints ls 9 title 'qn, quantile', \
     keyentry with linespoints ls 10 title 'qn, far', \
     keyentry with linespoints ls 11 title 'pem, quantile', \
     keyentry with linespoints ls 12 title 'pem, far', \
     keyentry with linespoints ls 13 title 'wn-em, quantile', \
     keyentry with linespoints ls 14 title 'wn-em, far', \
     keyentry with linespoints ls 15 title 'wn-squarem, quantile', \
     keyentry with linespoints ls 16 title 'wn-squarem, far', \
     keyentry with linespoints ls 17 title 'wn-anderson, quantile', \
     keyentry with linespoints ls 18 title 'wn-anderson, far', \
     keyentry with linespoints ls 19 title 'wn-daarem, quantile', \
     keyentry with linespoints ls 20 title 'wn-daarem, far', \
     keyentry with linespoints ls 21 title 'wn-qn, quantile', \
     keyentry with linespoints ls 22 title 'wn-qn, far', \
     keyentry with linespoints ls 23 title 'wn-pem, quantile', \
     keyentry with linespoints ls 24 title 'wn-pem, far', \
     keyentry with lines lc rgb "#999999" dt 2 title 'guide ∝ n^{-1/2}'
set origin 0.2, 0.7212
set size 0.2, 0.2404
unset key
set yrange [0.1558532314253658:1.6517829075070867]
set ytics (0.2, 0.5, 1)
set title 'truth: ' . 'd1-w20'
plot 'error-vs-n.dat' index 12 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 13 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 14 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 15 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     'error-vs-n.dat' index 16 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 17 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     'error-vs-n.dat' index 18 using 1:2:4:5 with yerrorlines ls 7 notitle, \
     'error-vs-n.dat' index 19 using 1:2:4:5 with yerrorlines ls 8 notitle, \
     'error-vs-n.dat' index 20 using 1:2:4:5 with yerrorlines ls 9 notitle, \
     'error-vs-n.dat' index 21 using 1:2:4:5 with yerrorlines ls 10 notitle, \
     'error-vs-n.dat' index 22 using 1:2:4:5 with yerrorlines ls 11 notitle, \
     'error-vs-n.dat' index 23 using 1:2:4:5 with yerrorlines ls 12 notitle, \
     8.27728415444923/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.4, 0.7212
set size 0.2, 0.2404
set yrange [0.16578298289875143:1.3212262783524795]
set ytics (0.2, 0.5, 1)
set title 'truth: ' . 'd1p5-w50'
plot 'error-vs-n.dat' index 24 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 25 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 26 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 27 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     'error-vs-n.dat' index 28 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 29 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     'error-vs-n.dat' index 30 using 1:2:4:5 with yerrorlines ls 7 notitle, \
     'error-vs-n.dat' index 31 using 1:2:4:5 with yerrorlines ls 8 notitle, \
     'error-vs-n.dat' index 32 using 1:2:4:5 with yerrorlines ls 9 notitle, \
     'error-vs-n.dat' index 33 using 1:2:4:5 with yerrorlines ls 10 notitle, \
     'error-vs-n.dat' index 34 using 1:2:4:5 with yerrorlines ls 11 notitle, \
     'error-vs-n.dat' index 35 using 1:2:4:5 with yerrorlines ls 12 notitle, \
     7.997978286537382/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.6, 0.7212
set size 0.2, 0.2404
set yrange [0.17192071929515734:1.4123100646599869]
set ytics (0.2, 0.5, 1)
set title 'truth: ' . 'd1p5-w20'
plot 'error-vs-n.dat' index 36 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 37 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 38 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 39 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     'error-vs-n.dat' index 40 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 41 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     'error-vs-n.dat' index 42 using 1:2:4:5 with yerrorlines ls 7 notitle, \
     'error-vs-n.dat' index 43 using 1:2:4:5 with yerrorlines ls 8 notitle, \
     'error-vs-n.dat' index 44 using 1:2:4:5 with yerrorlines ls 9 notitle, \
     'error-vs-n.dat' index 45 using 1:2:4:5 with yerrorlines ls 10 notitle, \
     'error-vs-n.dat' index 46 using 1:2:4:5 with yerrorlines ls 11 notitle, \
     'error-vs-n.dat' index 47 using 1:2:4:5 with yerrorlines ls 12 notitle, \
     8.270604331583604/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.8, 0.7212
set size 0.2, 0.2404
set yrange [0.03919162065240704:1.4349382008991882]
set ytics (0.05, 0.1, 0.2, 0.5, 1)
set title 'truth: ' . 'd2-w50'
plot 'error-vs-n.dat' index 48 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 49 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 50 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 51 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     'error-vs-n.dat' index 52 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 53 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     'error-vs-n.dat' index 54 using 1:2:4:5 with yerrorlines ls 7 notitle, \
     'error-vs-n.dat' index 55 using 1:2:4:5 with yerrorlines ls 8 notitle, \
     'error-vs-n.dat' index 56 using 1:2:4:5 with yerrorlines ls 9 notitle, \
     'error-vs-n.dat' index 57 using 1:2:4:5 with yerrorlines ls 10 notitle, \
     'error-vs-n.dat' index 58 using 1:2:4:5 with yerrorlines ls 11 notitle, \
     'error-vs-n.dat' index 59 using 1:2:4:5 with yerrorlines ls 12 notitle, \
     7.572129429651512/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0, 0.4808
set size 0.2, 0.2404
set yrange [0.1426067500144586:1.4524625194036063]
set ytics (0.2, 0.5, 1)
set title 'truth: ' . 'd2-w20'
plot 'error-vs-n.dat' index 60 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 61 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 62 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 63 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     'error-vs-n.dat' index 64 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 65 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     'error-vs-n.dat' index 66 using 1:2:4:5 with yerrorlines ls 7 notitle, \
     'error-vs-n.dat' index 67 using 1:2:4:5 with yerrorlines ls 8 notitle, \
     'error-vs-n.dat' index 68 using 1:2:4:5 with yerrorlines ls 9 notitle, \
     'error-vs-n.dat' index 69 using 1:2:4:5 with yerrorlines ls 10 notitle, \
     'error-vs-n.dat' index 70 using 1:2:4:5 with yerrorlines ls 11 notitle, \
     'error-vs-n.dat' index 71 using 1:2:4:5 with yerrorlines ls 12 notitle, \
     7.368927104975222/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.2, 0.4808
set size 0.2, 0.2404
set yrange [0.008623695929796046:2.150777194833585]
set ytics (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2)
set title 'truth: ' . 'd3-w50'
plot 'error-vs-n.dat' index 72 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 73 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 74 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 75 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     'error-vs-n.dat' index 76 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 77 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     'error-vs-n.dat' index 78 using 1:2:4:5 with yerrorlines ls 7 notitle, \
     'error-vs-n.dat' index 79 using 1:2:4:5 with yerrorlines ls 8 notitle, \
     'error-vs-n.dat' index 80 using 1:2:4:5 with yerrorlines ls 9 notitle, \
     'error-vs-n.dat' index 81 using 1:2:4:5 with yerrorlines ls 10 notitle, \
     'error-vs-n.dat' index 82 using 1:2:4:5 with yerrorlines ls 11 notitle, \
     'error-vs-n.dat' index 83 using 1:2:4:5 with yerrorlines ls 12 notitle, \
     4.813302742772249/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.4, 0.4808
set size 0.2, 0.2404
set yrange [0.01982062633358008:2.1500084616097004]
set ytics (0.02, 0.05, 0.1, 0.2, 0.5, 1, 2)
set title 'truth: ' . 'd3-w20'
plot 'error-vs-n.dat' index 84 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 85 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 86 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 87 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     'error-vs-n.dat' index 88 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 89 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     'error-vs-n.dat' index 90 using 1:2:4:5 with yerrorlines ls 7 notitle, \
     'error-vs-n.dat' index 91 using 1:2:4:5 with yerrorlines ls 8 notitle, \
     'error-vs-n.dat' index 92 using 1:2:4:5 with yerrorlines ls 9 notitle, \
     'error-vs-n.dat' index 93 using 1:2:4:5 with yerrorlines ls 10 notitle, \
     'error-vs-n.dat' index 94 using 1:2:4:5 with yerrorlines ls 11 notitle, \
     'error-vs-n.dat' index 95 using 1:2:4:5 with yerrorlines ls 12 notitle, \
     6.294936755290309/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.6, 0.4808
set size 0.2, 0.2404
set yrange [0.006571446916308393:2.8618716174017056]
set ytics (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2)
set title 'truth: ' . 'd4-w50'
plot 'error-vs-n.dat' index 96 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 97 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 98 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 99 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     'error-vs-n.dat' index 100 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 101 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     'error-vs-n.dat' index 102 using 1:2:4:5 with yerrorlines ls 7 notitle, \
     'error-vs-n.dat' index 103 using 1:2:4:5 with yerrorlines ls 8 notitle, \
     'error-vs-n.dat' index 104 using 1:2:4:5 with yerrorlines ls 9 notitle, \
     'error-vs-n.dat' index 105 using 1:2:4:5 with yerrorlines ls 10 notitle, \
     'error-vs-n.dat' index 106 using 1:2:4:5 with yerrorlines ls 11 notitle, \
     'error-vs-n.dat' index 107 using 1:2:4:5 with yerrorlines ls 12 notitle, \
     3.548271608369557/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.8, 0.4808
set size 0.2, 0.2404
set yrange [0.007963104963322344:2.8508991140320052]
set ytics (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2)
set title 'truth: ' . 'd4-w20'
plot 'error-vs-n.dat' index 108 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 109 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 110 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 111 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     'error-vs-n.dat' index 112 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 113 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     'error-vs-n.dat' index 114 using 1:2:4:5 with yerrorlines ls 7 notitle, \
     'error-vs-n.dat' index 115 using 1:2:4:5 with yerrorlines ls 8 notitle, \
     'error-vs-n.dat' index 116 using 1:2:4:5 with yerrorlines ls 9 notitle, \
     'error-vs-n.dat' index 117 using 1:2:4:5 with yerrorlines ls 10 notitle, \
     'error-vs-n.dat' index 118 using 1:2:4:5 with yerrorlines ls 11 notitle, \
     'error-vs-n.dat' index 119 using 1:2:4:5 with yerrorlines ls 12 notitle, \
     5.5693988954383205/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0, 0.2404
set size 0.2, 0.2404
set yrange [0.04193192656910772:0.4905791883848672]
set ytics (0.05, 0.1, 0.2)
set title 'truth: ' . 'walker-ni'
plot 'error-vs-n.dat' index 120 using 1:2:4:5 with yerrorlines ls 13 notitle, \
     'error-vs-n.dat' index 121 using 1:2:4:5 with yerrorlines ls 14 notitle, \
     'error-vs-n.dat' index 122 using 1:2:4:5 with yerrorlines ls 15 notitle, \
     'error-vs-n.dat' index 123 using 1:2:4:5 with yerrorlines ls 16 notitle, \
     'error-vs-n.dat' index 124 using 1:2:4:5 with yerrorlines ls 17 notitle, \
     'error-vs-n.dat' index 125 using 1:2:4:5 with yerrorlines ls 18 notitle, \
     'error-vs-n.dat' index 126 using 1:2:4:5 with yerrorlines ls 19 notitle, \
     'error-vs-n.dat' index 127 using 1:2:4:5 with yerrorlines ls 20 notitle, \
     'error-vs-n.dat' index 128 using 1:2:4:5 with yerrorlines ls 21 notitle, \
     'error-vs-n.dat' index 129 using 1:2:4:5 with yerrorlines ls 22 notitle, \
     'error-vs-n.dat' index 130 using 1:2:4:5 with yerrorlines ls 23 notitle, \
     'error-vs-n.dat' index 131 using 1:2:4:5 with yerrorlines ls 24 notitle, \
     11.70641858714311/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
unset multiplot
