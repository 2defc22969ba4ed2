# iterations.gp — iterations to stop per condition (selected fit of each replicate), as box plots
# Written by emlab. Edit it and re-draw with:  cd plots && gnuplot iterations.gp
set encoding utf8
set terminal svg size 900,600 dynamic enhanced font "sans,12" background rgb "white"
# emlab sets OUTPUT to a temporary file and renames it to iterations.svg once gnuplot succeeds.
if (!exists("OUTPUT")) OUTPUT = "iterations.svg"
set output OUTPUT
set lmargin 10
set rmargin 3
set bmargin 15
set xtics rotate by 90 right font ",9" nomirror ('1 separated n=50 wald-per-component' 1, '2 separated n=50 wald-shared' 2, '3 separated n=100 wald-per-component' 3, '4 separated n=100 wald-shared' 4, '5 separated n=1000 wald-per-component' 5, '6 separated n=1000 wald-shared' 6, '7 separated n=10000 wald-per-component' 7, '8 separated n=10000 wald-shared' 8, '9 overlap n=50 wald-per-component' 9, '10 overlap n=50 wald-shared' 10, '11 overlap n=100 wald-per-component' 11, '12 overlap n=100 wald-shared' 12, '13 overlap n=1000 wald-per-component' 13, '14 overlap n=1000 wald-shared' 14, '15 overlap n=10000 wald-per-component' 15, '16 overlap n=10000 wald-shared' 16, '17 separated n=50 bootstrap-per-component' 17, '18 separated n=50 bootstrap-shared' 18, '19 separated n=100 bootstrap-per-component' 19, '20 separated n=100 bootstrap-shared' 20, '21 separated n=1000 bootstrap-per-component' 21, '22 separated n=1000 bootstrap-shared' 22, '23 overlap n=50 bootstrap-per-component' 23, '24 overlap n=50 bootstrap-shared' 24, '25 overlap n=100 bootstrap-per-component' 25, '26 overlap n=100 bootstrap-shared' 26, '27 overlap n=1000 bootstrap-per-component' 27, '28 overlap n=1000 bootstrap-shared' 28, '29 one n=50 select-per-component' 29, '30 one n=50 select-shared' 30, '31 one n=100 select-per-component' 31, '32 one n=100 select-shared' 32, '33 one n=1000 select-per-component' 33, '34 one n=1000 select-shared' 34, '35 separated n=50 select-per-component' 35, '36 separated n=50 select-shared' 36, '37 separated n=100 select-per-component' 37, '38 separated n=100 select-shared' 38, '39 separated n=1000 select-per-component' 39, '40 separated n=1000 select-shared' 40, '41 overlap n=50 select-per-component' 41, '42 overlap n=50 select-shared' 42, '43 overlap n=100 select-per-component' 43, '44 overlap n=100 select-shared' 44, '45 overlap n=1000 select-per-component' 45, '46 overlap n=1000 select-shared' 46, '47 three n=50 select-per-component' 47, '48 three n=50 select-shared' 48, '49 three n=100 select-per-component' 49, '50 three n=100 select-shared' 50, '51 three n=1000 select-per-component' 51, '52 three n=1000 select-shared' 52, '53 one n=10000 select-per-component' 53, '54 one n=10000 select-shared' 54, '55 separated n=10000 select-per-component' 55, '56 separated n=10000 select-shared' 56, '57 overlap n=10000 select-per-component' 57, '58 overlap n=10000 select-shared' 58, '59 three n=10000 select-per-component' 59, '60 three n=10000 select-shared' 60)
unset xlabel
set label 99 'condition (truth, n, estimator)' at screen 0.5, screen 0.025 center
set ylabel 'iterations'
set xrange [0.4:60.6]
set grid ytics lc rgb "#dddddd"
set boxwidth 0.6
set style fill solid 0.35 border lc rgb "#1f77b4"
set title 'Iterations to stop, per condition (selected fit of each replicate)' offset 0,1.2
set tmargin 3.5
set key at graph 0.5, graph 1 center bottom horizontal maxrows 1 font ",10" samplen 1.5
set logscale y
set format y "%g"
set yrange [0.6666666666666666:1500]
y(v) = v > 0 ? v : 0.5
plot 'iterations.dat' using 1:(y($6)):(y($5)):(y($9)):(y($8)) with candlesticks whiskerbars 0.5 lc rgb "#1f77b4" title 'Q1 to Q3, whiskers to 1.5 IQR', \
     '' using 1:(y($7)):(y($7)):(y($7)):(y($7)) with candlesticks lw 2 lc rgb "black" title 'median', \
     'iterations-outliers.dat' using 1:(y($3)) with points pt 6 ps 0.6 lc rgb "#d62728" title 'beyond the whiskers'
