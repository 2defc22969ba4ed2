# failure-rates.gp — failure rates per condition: stop reasons, failure flags, and fits that missed the best log-likelihood
# Written by emlab. Edit it and re-draw with:  cd plots && gnuplot failure-rates.gp
set encoding utf8
set terminal svg size 900,600 dynamic enhanced font "sans,12" background rgb "white"
# emlab sets OUTPUT to a temporary file and renames it to failure-rates.svg once gnuplot succeeds.
if (!exists("OUTPUT")) OUTPUT = "failure-rates.svg"
set output OUTPUT
set terminal svg size 4568,720 dynamic enhanced font "sans,12" background rgb "white"
set output OUTPUT
set lmargin 10
set rmargin 3
set bmargin 18
set xtics rotate by 90 right font ",9" nomirror ('1 doc000 doc000 n=1000 doc000-as-written doc000' 0, '2 doc000 doc000 n=1000 doc000-corrected doc000' 1, '3 doc000 latent n=1000 doc000-as-written doc000' 2, '4 doc000 latent n=1000 doc000-corrected doc000' 3, '5 doc001 doc001-curve n=10000 doc001-as-written doc001' 4, '6 doc001 doc001-curve n=10000 doc001-corrected doc001' 5, '7 doc001 doc001-randn n=10000 doc001-as-written doc001' 6, '8 doc001 doc001-randn n=10000 doc001-corrected doc001' 7, '9 doc001 latent n=10000 doc001-as-written doc001' 8, '10 doc001 latent n=10000 doc001-corrected doc001' 9, '11 doc002 fixed n=50 doc002-as-written doc002' 10, '12 doc002 fixed n=50 doc002-corrected doc002' 11, '13 doc002 fixed n=50 doc002-floor doc002' 12, '14 doc003 doc003 n=40 doc003 data-points' 13, '15 doc003 latent n=40 doc003 data-points' 14, '16 doc000 latent n=30 doc000-as-written doc000' 15, '17 doc000 latent n=30 doc000-corrected doc000' 16, '18 doc000 latent n=100 doc000-as-written doc000' 17, '19 doc000 latent n=100 doc000-corrected doc000' 18, '20 doc000 latent n=300 doc000-as-written doc000' 19, '21 doc000 latent n=300 doc000-corrected doc000' 20, '22 doc000 latent n=3000 doc000-as-written doc000' 21, '23 doc000 latent n=3000 doc000-corrected doc000' 22, '24 doc001 doc001-randn n=100 doc001-as-written doc001' 23, '25 doc001 doc001-randn n=100 doc001-corrected doc001' 24, '26 doc001 doc001-randn n=300 doc001-as-written doc001' 25, '27 doc001 doc001-randn n=300 doc001-corrected doc001' 26, '28 doc001 doc001-randn n=1000 doc001-as-written doc001' 27, '29 doc001 doc001-randn n=1000 doc001-corrected doc001' 28, '30 doc001 doc001-randn n=3000 doc001-as-written doc001' 29, '31 doc001 doc001-randn n=3000 doc001-corrected doc001' 30, '32 doc001 latent n=100 doc001-as-written doc001' 31, '33 doc001 latent n=100 doc001-corrected doc001' 32, '34 doc001 latent n=300 doc001-as-written doc001' 33, '35 doc001 latent n=300 doc001-corrected doc001' 34, '36 doc001 latent n=1000 doc001-as-written doc001' 35, '37 doc001 latent n=1000 doc001-corrected doc001' 36, '38 doc001 latent n=3000 doc001-as-written doc001' 37, '39 doc001 latent n=3000 doc001-corrected doc001' 38, '40 doc002 bootstrap n=50 doc002-as-written doc002' 39, '41 doc002 bootstrap n=50 doc002-corrected doc002' 40, '42 doc002 bootstrap n=50 doc002-floor doc002' 41, '43 doc002 bootstrap n=200 doc002-as-written doc002' 42, '44 doc002 bootstrap n=200 doc002-corrected doc002' 43, '45 doc002 bootstrap n=200 doc002-floor doc002' 44, '46 doc002 bootstrap n=1000 doc002-as-written doc002' 45, '47 doc002 bootstrap n=1000 doc002-corrected doc002' 46, '48 doc002 bootstrap n=1000 doc002-floor doc002' 47, '49 doc003 doc003 n=20 doc003 data-points' 48, '50 doc003 doc003 n=100 doc003 data-points' 49, '51 doc003 doc003 n=400 doc003 data-points' 50, '52 doc003 doc003 n=2000 doc003 data-points' 51)
unset xlabel
set label 99 'condition (truth, sampler, n, estimator, init)' at screen 0.5, screen 0.025 center
set xtics scale 0
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.9 noborder
set boxwidth 0.9
set xrange [-0.6:51.6]
set yrange [0:*]
set ylabel 'share of replicates'
set grid ytics lc rgb "#dddddd"
set title 'Failure rates per condition (selected fit of each replicate)' . "\n" . '{/*0.8 zero in every condition, not drawn: ' . 'stopped: no start, flag: labelSwitch' . '}' offset 0,2.9
set tmargin 6.5
set key at graph 0.5, graph 1 center bottom horizontal maxrows 3 font ",10" samplen 1.5
plot 'failure-rates.dat' using 3 lc rgb "#1f77b4" title 'stopped: iteration cap = flag: iterationCap', \
     'failure-rates.dat' using 4 lc rgb "#ff7f0e" title 'stopped: non-finite = flag: nonFinite', \
     'failure-rates.dat' using 5 lc rgb "#2ca02c" title 'stopped: degenerate', \
     'failure-rates.dat' using 7 lc rgb "#d62728" title 'flag: nonMonotone (ℓ fell)', \
     'failure-rates.dat' using 8 lc rgb "#9467bd" title 'flag: collapsed', \
     'failure-rates.dat' using 9 lc rgb "#8c564b" title 'flag: componentDeath', \
     'failure-rates.dat' using 12 lc rgb "#e377c2" title 'flag: spurious', \
     'failure-rates.dat' using 13 lc rgb "#7f7f7f" title 'flag: merged', \
     'failure-rates.dat' using 15 lc rgb "#bcbd22" title 'flag: slowConvergence', \
     'failure-rates.dat' using 16 lc rgb "#17becf" title 'flag: rescued', \
     'failure-rates.dat' using 17 lc rgb "#393b79" title 'spurious/not best (1 − reachedBest)'
