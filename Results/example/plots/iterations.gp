# iterations.gp — iterations to stop per condition (selected fit of each replicate), as box plots
# Written by emlab. Edit it and re-draw with:  cd plots && gnuplot iterations.gp
set encoding utf8
set terminal svg size 900,600 dynamic enhanced font "sans,12" background rgb "white"
# emlab sets OUTPUT to a temporary file and renames it to iterations.svg once gnuplot succeeds.
if (!exists("OUTPUT")) OUTPUT = "iterations.svg"
set output OUTPUT
set lmargin 10
set rmargin 3
set bmargin 13
set xtics rotate by 90 right font ",9" nomirror ('1 doc001 n=50 free quantile' 1, '2 doc001 n=50 free data-points' 2, '3 doc001 n=50 shared quantile' 3, '4 doc001 n=50 shared data-points' 4, '5 doc001 n=200 free quantile' 5, '6 doc001 n=200 free data-points' 6, '7 doc001 n=200 shared quantile' 7, '8 doc001 n=200 shared data-points' 8, '9 doc001 n=1000 free quantile' 9, '10 doc001 n=1000 free data-points' 10, '11 doc001 n=1000 shared quantile' 11, '12 doc001 n=1000 shared data-points' 12, '13 overlap n=50 free quantile' 13, '14 overlap n=50 free data-points' 14, '17 overlap n=200 free quantile' 15, '18 overlap n=200 free data-points' 16, '21 overlap n=1000 free quantile' 17, '22 overlap n=1000 free data-points' 18)
unset xlabel
set label 99 'condition (truth, n, estimator, init)' at screen 0.5, screen 0.025 center
set ylabel 'iterations'
set xrange [0.4:18.6]
set grid ytics lc rgb "#dddddd"
set boxwidth 0.6
set style fill solid 0.35 border lc rgb "#1f77b4"
set title 'Iterations to stop, per condition (selected fit of each replicate)' offset 0,1.2
set tmargin 3.5
set key at graph 0.5, graph 1 center bottom horizontal maxrows 1 font ",10" samplen 1.5
set logscale y
set format y "%g"
set yrange [1.3333333333333333:1500]
y(v) = v > 0 ? v : 0.5
plot 'iterations.dat' using 1:(y($6)):(y($5)):(y($9)):(y($8)) with candlesticks whiskerbars 0.5 lc rgb "#1f77b4" title 'Q1 to Q3, whiskers to 1.5 IQR', \
     '' using 1:(y($7)):(y($7)):(y($7)):(y($7)) with candlesticks lw 2 lc rgb "black" title 'median', \
     'iterations-outliers.dat' using 1:(y($3)) with points pt 6 ps 0.6 lc rgb "#d62728" title 'beyond the whiskers'
