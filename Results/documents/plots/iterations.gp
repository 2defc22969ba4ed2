# iterations.gp — iterations to stop per condition (selected fit of each replicate), as box plots
# Written by emlab. Edit it and re-draw with:  cd plots && gnuplot iterations.gp
set encoding utf8
set terminal svg size 900,600 dynamic enhanced font "sans,12" background rgb "white"
# emlab sets OUTPUT to a temporary file and renames it to iterations.svg once gnuplot succeeds.
if (!exists("OUTPUT")) OUTPUT = "iterations.svg"
set output OUTPUT
set lmargin 10
set rmargin 3
set bmargin 18
set xtics rotate by 90 right font ",9" nomirror ('1 doc000 doc000 n=1000 doc000-as-written doc000' 1, '2 doc000 doc000 n=1000 doc000-corrected doc000' 2, '3 doc000 latent n=1000 doc000-as-written doc000' 3, '4 doc000 latent n=1000 doc000-corrected doc000' 4, '5 doc001 doc001-curve n=10000 doc001-as-written doc001' 5, '6 doc001 doc001-curve n=10000 doc001-corrected doc001' 6, '7 doc001 doc001-randn n=10000 doc001-as-written doc001' 7, '8 doc001 doc001-randn n=10000 doc001-corrected doc001' 8, '9 doc001 latent n=10000 doc001-as-written doc001' 9, '10 doc001 latent n=10000 doc001-corrected doc001' 10, '11 doc002 fixed n=50 doc002-as-written doc002' 11, '12 doc002 fixed n=50 doc002-corrected doc002' 12, '13 doc002 fixed n=50 doc002-floor doc002' 13, '14 doc003 doc003 n=40 doc003 data-points' 14, '15 doc003 latent n=40 doc003 data-points' 15, '16 doc000 latent n=30 doc000-as-written doc000' 16, '17 doc000 latent n=30 doc000-corrected doc000' 17, '18 doc000 latent n=100 doc000-as-written doc000' 18, '19 doc000 latent n=100 doc000-corrected doc000' 19, '20 doc000 latent n=300 doc000-as-written doc000' 20, '21 doc000 latent n=300 doc000-corrected doc000' 21, '22 doc000 latent n=3000 doc000-as-written doc000' 22, '23 doc000 latent n=3000 doc000-corrected doc000' 23, '24 doc001 doc001-randn n=100 doc001-as-written doc001' 24, '25 doc001 doc001-randn n=100 doc001-corrected doc001' 25, '26 doc001 doc001-randn n=300 doc001-as-written doc001' 26, '27 doc001 doc001-randn n=300 doc001-corrected doc001' 27, '28 doc001 doc001-randn n=1000 doc001-as-written doc001' 28, '29 doc001 doc001-randn n=1000 doc001-corrected doc001' 29, '30 doc001 doc001-randn n=3000 doc001-as-written doc001' 30, '31 doc001 doc001-randn n=3000 doc001-corrected doc001' 31, '32 doc001 latent n=100 doc001-as-written doc001' 32, '33 doc001 latent n=100 doc001-corrected doc001' 33, '34 doc001 latent n=300 doc001-as-written doc001' 34, '35 doc001 latent n=300 doc001-corrected doc001' 35, '36 doc001 latent n=1000 doc001-as-written doc001' 36, '37 doc001 latent n=1000 doc001-corrected doc001' 37, '38 doc001 latent n=3000 doc001-as-written doc001' 38, '39 doc001 latent n=3000 doc001-corrected doc001' 39, '40 doc002 bootstrap n=50 doc002-as-written doc002' 40, '41 doc002 bootstrap n=50 doc002-corrected doc002' 41, '42 doc002 bootstrap n=50 doc002-floor doc002' 42, '43 doc002 bootstrap n=200 doc002-as-written doc002' 43, '44 doc002 bootstrap n=200 doc002-corrected doc002' 44, '45 doc002 bootstrap n=200 doc002-floor doc002' 45, '46 doc002 bootstrap n=1000 doc002-as-written doc002' 46, '47 doc002 bootstrap n=1000 doc002-corrected doc002' 47, '48 doc002 bootstrap n=1000 doc002-floor doc002' 48, '49 doc003 doc003 n=20 doc003 data-points' 49, '50 doc003 doc003 n=100 doc003 data-points' 50, '51 doc003 doc003 n=400 doc003 data-points' 51, '52 doc003 doc003 n=2000 doc003 data-points' 52)
unset xlabel
set label 99 'condition (truth, sampler, n, estimator, init)' at screen 0.5, screen 0.025 center
set ylabel 'iterations'
set xrange [0.4:52.6]
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
