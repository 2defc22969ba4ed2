# error-vs-n.gp — RMSE of the component means against n, one line per (truth, sampler, estimator, init)
# Written by emlab. Edit it and re-draw with:  cd plots && gnuplot error-vs-n.gp
set encoding utf8
set terminal svg size 900,600 dynamic enhanced font "sans,12" background rgb "white"
# emlab sets OUTPUT to a temporary file and renames it to error-vs-n.svg once gnuplot succeeds.
if (!exists("OUTPUT")) OUTPUT = "error-vs-n.svg"
set output OUTPUT
set terminal svg size 1290,1396 dynamic enhanced font "sans,10" background rgb "white"
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
set xrange [80:12500]
set xlabel 'n (sample size)' offset 0,0.3
set ylabel 'RMSE of the means'
set key at screen 0.5, screen 0.0716 center top vertical Left reverse maxrows 4 font ",9" samplen 2.5 spacing 1.05 width 2 title 'estimator'
set xtics (100, 1000, 10000)
set multiplot title 'RMSE of the component means (average over components) against n — selected fits; bars ±1 Monte Carlo SE' font ",11"
set origin 0, 0.7923
set size 0.2, 0.1791
set yrange [0.2567519443679576:1.379864228101932]
set ytics (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1)
set title 'truth: ' . 'd1-w50'
plot 'error-vs-n.dat' index 0 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 1 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 2 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 3 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     9.378322492421068/sqrt(x) with lines lc rgb "#999999" dt 2 notitle, \
     keyentry with linespoints ls 1 title 'em-loglik', \
     keyentry with linespoints ls 2 title 'em-aitken', \
     keyentry with linespoints ls 3 title 'squarem-loglik', \
     keyentry with linespoints ls 4 title 'squarem-aitken', \
     keyentry with linespoints ls 5 title 'sym-em', \
     keyentry with linespoints ls 6 title 'sym-squarem', \
     keyentry with lines lc rgb "#999999" dt 2 title 'guide ∝ n^{-1/2}'
set origin 0.2, 0.7923
set size 0.2, 0.1791
unset key
set yrange [0.19344343653202511:1.4465359455965543]
set ytics (0.2, 0.5, 1)
set title 'truth: ' . 'd1-w20'
plot 'error-vs-n.dat' index 4 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 5 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 6 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 7 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     9.875114116879299/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.4, 0.7923
set size 0.2, 0.1791
set yrange [0.3229387997629718:1.511042327631993]
set ytics (0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1)
set title 'truth: ' . 'd1-w05'
plot 'error-vs-n.dat' index 8 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 9 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 10 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 11 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     9.455742142713243/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.6, 0.7923
set size 0.2, 0.1791
set yrange [0.10194455332927851:1.256434804583714]
set ytics (0.2, 0.5, 1)
set title 'truth: ' . 'd1p5-w50'
plot 'error-vs-n.dat' index 12 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 13 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 14 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 15 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     8.512171227250679/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.8, 0.7923
set size 0.2, 0.1791
set yrange [0.16902302552703913:1.2997830261327672]
set ytics (0.2, 0.5, 1)
set title 'truth: ' . 'd1p5-w20'
plot 'error-vs-n.dat' index 16 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 17 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 18 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 19 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     8.89710785027607/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0, 0.6132
set size 0.2, 0.1791
set yrange [0.23322106819751406:1.5531370624606817]
set ytics (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1)
set title 'truth: ' . 'd1p5-w05'
plot 'error-vs-n.dat' index 20 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 21 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 22 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 23 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     10.665171312639574/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.2, 0.6132
set size 0.2, 0.1791
set yrange [0.040124005214928433:1.0807399161618614]
set ytics (0.05, 0.1, 0.2, 0.5, 1)
set title 'truth: ' . 'd2-w50'
plot 'error-vs-n.dat' index 24 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 25 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 26 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 27 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     7.302837828473299/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.4, 0.6132
set size 0.2, 0.1791
set yrange [0.14793542738731258:1.1962082319949638]
set ytics (0.2, 0.5, 1)
set title 'truth: ' . 'd2-w20'
plot 'error-vs-n.dat' index 28 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 29 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 30 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 31 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     8.191055820792178/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.6, 0.6132
set size 0.2, 0.1791
set yrange [0.24857535814382475:1.5215167234770945]
set ytics (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1)
set title 'truth: ' . 'd2-w05'
plot 'error-vs-n.dat' index 32 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 33 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 34 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 35 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     10.508708501034663/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.8, 0.6132
set size 0.2, 0.1791
set yrange [0.012981359317604546:0.4654836635504072]
set ytics (0.02, 0.05, 0.1, 0.2)
set title 'truth: ' . 'd3-w50'
plot 'error-vs-n.dat' index 36 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 37 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 38 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 39 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     3.1740840066308094/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0, 0.4341
set size 0.2, 0.1791
set yrange [0.016808331146023987:0.8339946017535497]
set ytics (0.02, 0.05, 0.1, 0.2, 0.5)
set title 'truth: ' . 'd3-w20'
plot 'error-vs-n.dat' index 40 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 41 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 42 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 43 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     5.75043780245823/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.2, 0.4341
set size 0.2, 0.1791
set yrange [0.14539671672605933:1.5879815243351627]
set ytics (0.2, 0.5, 1)
set title 'truth: ' . 'd3-w05'
plot 'error-vs-n.dat' index 44 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 45 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 46 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 47 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     10.89393625907177/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.4, 0.4341
set size 0.2, 0.1791
set yrange [0.008487398061840401:0.2729653551858642]
set ytics (0.01, 0.02, 0.05, 0.1, 0.2)
set title 'truth: ' . 'd4-w50'
plot 'error-vs-n.dat' index 48 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 49 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 50 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 51 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     1.8837422299873228/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.6, 0.4341
set size 0.2, 0.1791
set yrange [0.009892146355799825:0.7149237496079408]
set ytics (0.01, 0.02, 0.05, 0.1, 0.2, 0.5)
set title 'truth: ' . 'd4-w20'
plot 'error-vs-n.dat' index 52 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 53 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 54 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 55 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     4.858285791668389/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.8, 0.4341
set size 0.2, 0.1791
set yrange [0.01689202187161064:1.334279243400766]
set ytics (0.02, 0.05, 0.1, 0.2, 0.5, 1)
set title 'truth: ' . 'd4-w05'
plot 'error-vs-n.dat' index 56 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 57 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 58 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 59 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     9.080611324569363/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0, 0.255
set size 0.2, 0.1791
set yrange [0.006519426780488456:0.20730859233987012]
set ytics (0.01, 0.02, 0.05, 0.1, 0.2)
set title 'truth: ' . 'd6-w50'
plot 'error-vs-n.dat' index 60 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 61 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 62 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 63 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     1.435082622815431/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.2, 0.255
set size 0.2, 0.1791
set yrange [0.007228631378786992:0.38516785501560685]
set ytics (0.01, 0.02, 0.05, 0.1, 0.2)
set title 'truth: ' . 'd6-w20'
plot 'error-vs-n.dat' index 64 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 65 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 66 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 67 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     2.4544260055500464/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.4, 0.255
set size 0.2, 0.1791
set yrange [0.012008993035241732:1.0213649602760133]
set ytics (0.02, 0.05, 0.1, 0.2, 0.5, 1)
set title 'truth: ' . 'd6-w05'
plot 'error-vs-n.dat' index 68 using 1:2:4:5 with yerrorlines ls 1 notitle, \
     'error-vs-n.dat' index 69 using 1:2:4:5 with yerrorlines ls 2 notitle, \
     'error-vs-n.dat' index 70 using 1:2:4:5 with yerrorlines ls 3 notitle, \
     'error-vs-n.dat' index 71 using 1:2:4:5 with yerrorlines ls 4 notitle, \
     6.7901654897921535/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.6, 0.255
set size 0.2, 0.1791
set yrange [0.013266567785092203:0.17953421301805314]
set ytics (0.02, 0.05, 0.1)
set title 'truth: ' . 'sym-0p25'
plot 'error-vs-n.dat' index 72 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 73 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     3.76693065923107/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.8, 0.255
set size 0.2, 0.1791
set yrange [0.009942068942593831:0.09515065141857597]
set ytics (0.01, 0.02, 0.05)
set title 'truth: ' . 'sym-0p5'
plot 'error-vs-n.dat' index 74 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 75 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     1.9678759293205175/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0, 0.0759
set size 0.2, 0.1791
set yrange [0.008456771838456494:0.09330056617587712]
set ytics (0.01, 0.02, 0.05)
set title 'truth: ' . 'sym-0p75'
plot 'error-vs-n.dat' index 76 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 77 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     1.967144442755432/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.2, 0.0759
set size 0.2, 0.1791
set yrange [0.008585291760400385:0.08103378829253356]
set ytics (0.01, 0.02, 0.05)
set title 'truth: ' . 'sym-1'
plot 'error-vs-n.dat' index 78 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 79 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     1.719480483599538/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.4, 0.0759
set size 0.2, 0.1791
set yrange [0.007729195837003565:0.08671082821007722]
set ytics (0.01, 0.02, 0.05)
set title 'truth: ' . 'sym-1p5'
plot 'error-vs-n.dat' index 80 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 81 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     1.8288517194235219/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.6, 0.0759
set size 0.2, 0.1791
set yrange [0.00731385760827153:0.07256948571196332]
set ytics (0.01, 0.02, 0.05)
set title 'truth: ' . 'sym-2'
plot 'error-vs-n.dat' index 82 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 83 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     1.5397971770376946/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
set origin 0.8, 0.0759
set size 0.2, 0.1791
set yrange [0.006798227655227725:0.07010847720306562]
set ytics (0.01, 0.02, 0.05)
set title 'truth: ' . 'sym-3'
plot 'error-vs-n.dat' index 84 using 1:2:4:5 with yerrorlines ls 5 notitle, \
     'error-vs-n.dat' index 85 using 1:2:4:5 with yerrorlines ls 6 notitle, \
     1.477205667805491/sqrt(x) with lines lc rgb "#999999" dt 2 notitle
unset multiplot
