# failure-rates.gp — failure rates per condition: stop reasons, failure flags, and fits that missed the best log-likelihood
# Written by emlab. Edit it and re-draw with:  cd plots && gnuplot failure-rates.gp
set encoding utf8
set terminal svg size 900,600 dynamic enhanced font "sans,12" background rgb "white"
# emlab sets OUTPUT to a temporary file and renames it to failure-rates.svg once gnuplot succeeds.
if (!exists("OUTPUT")) OUTPUT = "failure-rates.svg"
set output OUTPUT
set terminal svg size 3560,720 dynamic enhanced font "sans,12" background rgb "white"
set output OUTPUT
set lmargin 10
set rmargin 3
set bmargin 15
set xtics rotate by 90 right font ",9" nomirror ('1 separated n=50 wald-per-component' 0, '2 separated n=50 wald-shared' 1, '3 separated n=100 wald-per-component' 2, '4 separated n=100 wald-shared' 3, '5 separated n=1000 wald-per-component' 4, '6 separated n=1000 wald-shared' 5, '7 separated n=10000 wald-per-component' 6, '8 separated n=10000 wald-shared' 7, '9 overlap n=50 wald-per-component' 8, '10 overlap n=50 wald-shared' 9, '11 overlap n=100 wald-per-component' 10, '12 overlap n=100 wald-shared' 11, '13 overlap n=1000 wald-per-component' 12, '14 overlap n=1000 wald-shared' 13, '15 overlap n=10000 wald-per-component' 14, '16 overlap n=10000 wald-shared' 15, '17 separated n=50 bootstrap-per-component' 16, '18 separated n=50 bootstrap-shared' 17, '19 separated n=100 bootstrap-per-component' 18, '20 separated n=100 bootstrap-shared' 19, '21 separated n=1000 bootstrap-per-component' 20, '22 separated n=1000 bootstrap-shared' 21, '23 overlap n=50 bootstrap-per-component' 22, '24 overlap n=50 bootstrap-shared' 23, '25 overlap n=100 bootstrap-per-component' 24, '26 overlap n=100 bootstrap-shared' 25, '27 overlap n=1000 bootstrap-per-component' 26, '28 overlap n=1000 bootstrap-shared' 27, '29 one n=50 select-per-component' 28, '30 one n=50 select-shared' 29, '31 one n=100 select-per-component' 30, '32 one n=100 select-shared' 31, '33 one n=1000 select-per-component' 32, '34 one n=1000 select-shared' 33, '35 separated n=50 select-per-component' 34, '36 separated n=50 select-shared' 35, '37 separated n=100 select-per-component' 36, '38 separated n=100 select-shared' 37, '39 separated n=1000 select-per-component' 38, '40 separated n=1000 select-shared' 39, '41 overlap n=50 select-per-component' 40, '42 overlap n=50 select-shared' 41, '43 overlap n=100 select-per-component' 42, '44 overlap n=100 select-shared' 43, '45 overlap n=1000 select-per-component' 44, '46 overlap n=1000 select-shared' 45, '47 three n=50 select-per-component' 46, '48 three n=50 select-shared' 47, '49 three n=100 select-per-component' 48, '50 three n=100 select-shared' 49, '51 three n=1000 select-per-component' 50, '52 three n=1000 select-shared' 51, '53 one n=10000 select-per-component' 52, '54 one n=10000 select-shared' 53, '55 separated n=10000 select-per-component' 54, '56 separated n=10000 select-shared' 55, '57 overlap n=10000 select-per-component' 56, '58 overlap n=10000 select-shared' 57, '59 three n=10000 select-per-component' 58, '60 three n=10000 select-shared' 59)
unset xlabel
set label 99 'condition (truth, n, estimator)' at screen 0.5, screen 0.025 center
set xtics scale 0
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.9 noborder
set boxwidth 0.9
set xrange [-0.6:59.6]
set yrange [0:*]
set ylabel 'share of replicates'
set grid ytics lc rgb "#dddddd"
set title 'Failure rates per condition (selected fit of each replicate)' . "\n" . '{/*0.8 zero in every condition, not drawn: ' . 'stopped: non-finite, stopped: no start, flag: nonMonotone (ℓ fell), flag: nonFinite, flag: spurious, flag: rescued' . '}' offset 0,2.05
set tmargin 5.5
set key at graph 0.5, graph 1 center bottom horizontal maxrows 2 font ",10" samplen 1.5
plot 'failure-rates.dat' using 3 lc rgb "#1f77b4" title 'stopped: iteration cap = flag: iterationCap', \
     'failure-rates.dat' using 5 lc rgb "#ff7f0e" title 'stopped: degenerate = flag: collapsed', \
     'failure-rates.dat' using 9 lc rgb "#2ca02c" title 'flag: componentDeath', \
     'failure-rates.dat' using 13 lc rgb "#d62728" title 'flag: merged', \
     'failure-rates.dat' using 14 lc rgb "#9467bd" title 'flag: labelSwitch', \
     'failure-rates.dat' using 15 lc rgb "#8c564b" title 'flag: slowConvergence', \
     'failure-rates.dat' using 17 lc rgb "#e377c2" title 'spurious/not best (1 − reachedBest)'
