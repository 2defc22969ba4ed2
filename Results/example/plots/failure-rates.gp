# failure-rates.gp — failure rates per condition: stop reasons, failure flags, and fits that missed the best log-likelihood
# Written by emlab. Edit it and re-draw with:  cd plots && gnuplot failure-rates.gp
set encoding utf8
set terminal svg size 900,600 dynamic enhanced font "sans,12" background rgb "white"
# emlab sets OUTPUT to a temporary file and renames it to failure-rates.svg once gnuplot succeeds.
if (!exists("OUTPUT")) OUTPUT = "failure-rates.svg"
set output OUTPUT
set terminal svg size 1208,720 dynamic enhanced font "sans,12" background rgb "white"
set output OUTPUT
set lmargin 10
set rmargin 3
set bmargin 13
set xtics rotate by 90 right font ",9" nomirror ('1 doc001 n=50 free quantile' 0, '2 doc001 n=50 free data-points' 1, '3 doc001 n=50 shared quantile' 2, '4 doc001 n=50 shared data-points' 3, '5 doc001 n=200 free quantile' 4, '6 doc001 n=200 free data-points' 5, '7 doc001 n=200 shared quantile' 6, '8 doc001 n=200 shared data-points' 7, '9 doc001 n=1000 free quantile' 8, '10 doc001 n=1000 free data-points' 9, '11 doc001 n=1000 shared quantile' 10, '12 doc001 n=1000 shared data-points' 11, '13 overlap n=50 free quantile' 12, '14 overlap n=50 free data-points' 13, '17 overlap n=200 free quantile' 14, '18 overlap n=200 free data-points' 15, '21 overlap n=1000 free quantile' 16, '22 overlap n=1000 free data-points' 17)
unset xlabel
set label 99 'condition (truth, n, estimator, init)' at screen 0.5, screen 0.025 center
set xtics scale 0
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.9 noborder
set boxwidth 0.9
set xrange [-0.6:17.6]
set yrange [0:*]
set ylabel 'share of replicates'
set grid ytics lc rgb "#dddddd"
set title 'Failure rates per condition (selected fit of each replicate)' . "\n" . '{/*0.8 zero in every condition, not drawn: ' . 'stopped: non-finite, stopped: no start, flag: nonMonotone (ℓ fell), flag: nonFinite, flag: rescued' . '}' offset 0,2.05
set tmargin 5.5
set key at graph 0.5, graph 1 center bottom horizontal maxrows 2 font ",10" samplen 1.5
plot 'failure-rates.dat' using 3 lc rgb "#1f77b4" title 'stopped: iteration cap = flag: iterationCap', \
     'failure-rates.dat' using 5 lc rgb "#ff7f0e" title 'stopped: degenerate = flag: collapsed = flag: componentDeath', \
     'failure-rates.dat' using 12 lc rgb "#2ca02c" title 'flag: spurious', \
     'failure-rates.dat' using 13 lc rgb "#d62728" title 'flag: merged', \
     'failure-rates.dat' using 14 lc rgb "#9467bd" title 'flag: labelSwitch', \
     'failure-rates.dat' using 15 lc rgb "#8c564b" title 'flag: slowConvergence', \
     'failure-rates.dat' using 17 lc rgb "#e377c2" title 'spurious/not best (1 − reachedBest)'
