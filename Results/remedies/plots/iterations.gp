# iterations.gp — iterations to stop per condition (selected fit of each replicate), as box plots
# Written by emlab. Edit it and re-draw with:  cd plots && gnuplot iterations.gp
set encoding utf8
set terminal svg size 900,600 dynamic enhanced font "sans,12" background rgb "white"
# emlab sets OUTPUT to a temporary file and renames it to iterations.svg once gnuplot succeeds.
if (!exists("OUTPUT")) OUTPUT = "iterations.svg"
set output OUTPUT
set lmargin 10
set rmargin 3
set bmargin 14
set xtics rotate by 90 right font ",9" nomirror ('1 doc002 bootstrap n=50 plain-k3' 1, '2 doc002 bootstrap n=50 floor-k3' 2, '3 doc002 bootstrap n=50 restarts-k3' 3, '4 doc002 bootstrap n=50 shared-k3' 4, '5 doc002 bootstrap n=50 prior-k3' 5, '6 doc002 bootstrap n=50 ratio-k3' 6, '7 doc002 bootstrap n=50 penalty-k3' 7, '8 doc002 bootstrap n=50 mixtureinf-k3' 8, '9 doc002 bootstrap n=200 plain-k3' 9, '10 doc002 bootstrap n=200 floor-k3' 10, '11 doc002 bootstrap n=200 restarts-k3' 11, '12 doc002 bootstrap n=200 shared-k3' 12, '13 doc002 bootstrap n=200 prior-k3' 13, '14 doc002 bootstrap n=200 ratio-k3' 14, '15 doc002 bootstrap n=200 penalty-k3' 15, '16 doc002 bootstrap n=200 mixtureinf-k3' 16, '17 narrow2 latent n=30 plain' 17, '18 narrow2 latent n=30 floor' 18, '19 narrow2 latent n=30 restarts' 19, '20 narrow2 latent n=30 shared' 20, '21 narrow2 latent n=30 prior' 21, '22 narrow2 latent n=30 ratio' 22, '23 narrow2 latent n=30 penalty' 23, '24 narrow2 latent n=30 mixtureinf' 24, '25 narrow2 latent n=100 plain' 25, '26 narrow2 latent n=100 floor' 26, '27 narrow2 latent n=100 restarts' 27, '28 narrow2 latent n=100 shared' 28, '29 narrow2 latent n=100 prior' 29, '30 narrow2 latent n=100 ratio' 30, '31 narrow2 latent n=100 penalty' 31, '32 narrow2 latent n=100 mixtureinf' 32, '33 narrow2 latent n=300 plain' 33, '34 narrow2 latent n=300 floor' 34, '35 narrow2 latent n=300 restarts' 35, '36 narrow2 latent n=300 shared' 36, '37 narrow2 latent n=300 prior' 37, '38 narrow2 latent n=300 ratio' 38, '39 narrow2 latent n=300 penalty' 39, '40 narrow2 latent n=300 mixtureinf' 40, '41 narrow3 latent n=30 plain' 41, '42 narrow3 latent n=30 floor' 42, '43 narrow3 latent n=30 restarts' 43, '44 narrow3 latent n=30 shared' 44, '45 narrow3 latent n=30 prior' 45, '46 narrow3 latent n=30 ratio' 46, '47 narrow3 latent n=30 penalty' 47, '48 narrow3 latent n=30 mixtureinf' 48, '49 narrow3 latent n=100 plain' 49, '50 narrow3 latent n=100 floor' 50, '51 narrow3 latent n=100 restarts' 51, '52 narrow3 latent n=100 shared' 52, '53 narrow3 latent n=100 prior' 53, '54 narrow3 latent n=100 ratio' 54, '55 narrow3 latent n=100 penalty' 55, '56 narrow3 latent n=100 mixtureinf' 56, '57 narrow3 latent n=300 plain' 57, '58 narrow3 latent n=300 floor' 58, '59 narrow3 latent n=300 restarts' 59, '60 narrow3 latent n=300 shared' 60, '61 narrow3 latent n=300 prior' 61, '62 narrow3 latent n=300 ratio' 62, '63 narrow3 latent n=300 penalty' 63, '64 narrow3 latent n=300 mixtureinf' 64, '65 separated latent n=100 plain' 65, '66 separated latent n=100 floor' 66, '67 separated latent n=100 restarts' 67, '68 separated latent n=100 shared' 68, '69 separated latent n=100 prior' 69, '70 separated latent n=100 ratio' 70, '71 separated latent n=100 penalty' 71, '72 separated latent n=100 mixtureinf' 72, '73 separated latent n=1000 plain' 73, '74 separated latent n=1000 floor' 74, '75 separated latent n=1000 restarts' 75, '76 separated latent n=1000 shared' 76, '77 separated latent n=1000 prior' 77, '78 separated latent n=1000 ratio' 78, '79 separated latent n=1000 penalty' 79, '80 separated latent n=1000 mixtureinf' 80)
unset xlabel
set label 99 'condition (truth, sampler, n, estimator)' at screen 0.5, screen 0.025 center
set ylabel 'iterations'
set xrange [0.4:80.6]
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
