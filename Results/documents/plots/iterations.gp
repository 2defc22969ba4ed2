# iterations.gp — iterations to stop per condition (selected fit of each replicate), as box plots
# Written by emlab. Edit it and re-draw with:  cd plots && gnuplot iterations.gp
set encoding utf8
set terminal svg size 900,600 dynamic enhanced font "sans,12" background rgb "white"
# emlab sets OUTPUT to a temporary file and renames it to iterations.svg once gnuplot succeeds.
if (!exists("OUTPUT")) OUTPUT = "iterations.svg"
set output OUTPUT
set lmargin 10
set rmargin 3
set bmargin 17
set xtics rotate by 90 right font ",9" nomirror ('1 doc000 doc000 n=1000 doc000-as-written doc000' 1, '2 doc000 doc000 n=1000 doc000-corrected doc000' 2, '3 doc000 latent n=1000 doc000-as-written doc000' 3, '4 doc000 latent n=1000 doc000-corrected doc000' 4, '12 doc002 fixed n=50 doc002-corrected doc002' 5, '13 doc002 fixed n=50 doc002-floor doc002' 6, '14 doc003 doc003 n=40 doc003 data-points' 7, '15 doc003 latent n=40 doc003 data-points' 8, '16 doc000 latent n=30 doc000-as-written doc000' 9, '17 doc000 latent n=30 doc000-corrected doc000' 10, '18 doc000 latent n=100 doc000-as-written doc000' 11, '19 doc000 latent n=100 doc000-corrected doc000' 12, '20 doc000 latent n=300 doc000-as-written doc000' 13, '21 doc000 latent n=300 doc000-corrected doc000' 14, '22 doc000 latent n=3000 doc000-as-written doc000' 15, '23 doc000 latent n=3000 doc000-corrected doc000' 16, '41 doc002 bootstrap n=50 doc002-corrected doc002' 17, '42 doc002 bootstrap n=50 doc002-floor doc002' 18, '44 doc002 bootstrap n=200 doc002-corrected doc002' 19, '45 doc002 bootstrap n=200 doc002-floor doc002' 20, '47 doc002 bootstrap n=1000 doc002-corrected doc002' 21, '48 doc002 bootstrap n=1000 doc002-floor doc002' 22, '49 doc003 doc003 n=20 doc003 data-points' 23, '50 doc003 doc003 n=100 doc003 data-points' 24, '51 doc003 doc003 n=400 doc003 data-points' 25, '52 doc003 doc003 n=2000 doc003 data-points' 26)
unset xlabel
set label 99 'condition (truth, sampler, n, estimator, init)' at screen 0.5, screen 0.025 center
set ylabel 'iterations'
set xrange [0.4:26.6]
set grid ytics lc rgb "#dddddd"
set boxwidth 0.6
set style fill solid 0.35 border lc rgb "#1f77b4"
set title 'Iterations to stop, per condition (selected fit of each replicate)' . "\n" . '{/*0.8 ' . 'not drawn, a fixed number of iterations by design: conditions 5–10, 24–39 (50); conditions 11, 40, 43, 46 (100)' . '}' offset 0,1.2
set tmargin 4.5
set key at graph 0.5, graph 1 center bottom horizontal maxrows 1 font ",10" samplen 1.5
set logscale y
set format y "%g"
set yrange [0.6666666666666666:1500]
y(v) = v > 0 ? v : 0.5
plot 'iterations.dat' using 1:(y($6)):(y($5)):(y($9)):(y($8)) with candlesticks whiskerbars 0.5 lc rgb "#1f77b4" title 'Q1 to Q3, whiskers to 1.5 IQR', \
     '' using 1:(y($7)):(y($7)):(y($7)):(y($7)) with candlesticks lw 2 lc rgb "black" title 'median', \
     'iterations-outliers.dat' using 1:(y($3)) with points pt 6 ps 0.6 lc rgb "#d62728" title 'beyond the whiskers'
