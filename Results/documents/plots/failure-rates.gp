# failure-rates.gp — failure rates per condition: stop reasons, failure flags, and fits that missed the best log-likelihood
# Written by emlab. Edit it and re-draw with:  cd plots && gnuplot failure-rates.gp
set encoding utf8
set terminal svg size 900,600 dynamic enhanced font "sans,12" background rgb "white"
# emlab sets OUTPUT to a temporary file and renames it to failure-rates.svg once gnuplot succeeds.
if (!exists("OUTPUT")) OUTPUT = "failure-rates.svg"
set output OUTPUT
set terminal svg size 1181,1045 dynamic enhanced font "sans,10" background rgb "white"
set output OUTPUT
set label 100 'Failure rates per condition (selected fit of each replicate)' . "\n" . '{/*0.8 ' . 'zero in every condition, not drawn: stopped: no start, flag: labelSwitch' . '}' . "\n" . '{/*0.8 7 of 52 conditions had no failure and are not drawn}' at screen 0.5, screen 0.987 center
set lmargin at screen 0.304
set rmargin at screen 0.881
set tmargin at screen 0.771
set bmargin at screen 0.019
set xrange [-0.5:10.5]
set yrange [44.5:-0.5]
unset xtics
set x2range [-0.5:10.5]
set x2tics rotate by 40 left scale 0 font ",10" ('stopped: iteration cap = flag: iterationCap' 0, 'stopped: non-finite = flag: nonFinite' 1, 'stopped: degenerate' 2, 'flag: nonMonotone (ℓ fell)' 3, 'flag: collapsed' 4, 'flag: componentDeath' 5, 'flag: spurious' 6, 'flag: merged' 7, 'flag: slowConvergence' 8, 'flag: rescued' 9, 'spurious/not best (1 − reachedBest)' 10)
set ytics scale 0 font ",9" ('1 doc000 doc000 n=1000 doc000-as-written doc000' 0, '3 doc000 latent n=1000 doc000-as-written doc000' 1, '5 doc001 doc001-curve n=10000 doc001-as-written doc001' 2, '6 doc001 doc001-curve n=10000 doc001-corrected doc001' 3, '7 doc001 doc001-randn n=10000 doc001-as-written doc001' 4, '8 doc001 doc001-randn n=10000 doc001-corrected doc001' 5, '9 doc001 latent n=10000 doc001-as-written doc001' 6, '10 doc001 latent n=10000 doc001-corrected doc001' 7, '11 doc002 fixed n=50 doc002-as-written doc002' 8, '12 doc002 fixed n=50 doc002-corrected doc002' 9, '13 doc002 fixed n=50 doc002-floor doc002' 10, '14 doc003 doc003 n=40 doc003 data-points' 11, '15 doc003 latent n=40 doc003 data-points' 12, '16 doc000 latent n=30 doc000-as-written doc000' 13, '18 doc000 latent n=100 doc000-as-written doc000' 14, '20 doc000 latent n=300 doc000-as-written doc000' 15, '22 doc000 latent n=3000 doc000-as-written doc000' 16, '24 doc001 doc001-randn n=100 doc001-as-written doc001' 17, '25 doc001 doc001-randn n=100 doc001-corrected doc001' 18, '26 doc001 doc001-randn n=300 doc001-as-written doc001' 19, '27 doc001 doc001-randn n=300 doc001-corrected doc001' 20, '28 doc001 doc001-randn n=1000 doc001-as-written doc001' 21, '29 doc001 doc001-randn n=1000 doc001-corrected doc001' 22, '30 doc001 doc001-randn n=3000 doc001-as-written doc001' 23, '31 doc001 doc001-randn n=3000 doc001-corrected doc001' 24, '32 doc001 latent n=100 doc001-as-written doc001' 25, '33 doc001 latent n=100 doc001-corrected doc001' 26, '34 doc001 latent n=300 doc001-as-written doc001' 27, '35 doc001 latent n=300 doc001-corrected doc001' 28, '36 doc001 latent n=1000 doc001-as-written doc001' 29, '37 doc001 latent n=1000 doc001-corrected doc001' 30, '38 doc001 latent n=3000 doc001-as-written doc001' 31, '39 doc001 latent n=3000 doc001-corrected doc001' 32, '40 doc002 bootstrap n=50 doc002-as-written doc002' 33, '41 doc002 bootstrap n=50 doc002-corrected doc002' 34, '42 doc002 bootstrap n=50 doc002-floor doc002' 35, '43 doc002 bootstrap n=200 doc002-as-written doc002' 36, '44 doc002 bootstrap n=200 doc002-corrected doc002' 37, '45 doc002 bootstrap n=200 doc002-floor doc002' 38, '46 doc002 bootstrap n=1000 doc002-as-written doc002' 39, '47 doc002 bootstrap n=1000 doc002-corrected doc002' 40, '48 doc002 bootstrap n=1000 doc002-floor doc002' 41, '49 doc003 doc003 n=20 doc003 data-points' 42, '50 doc003 doc003 n=100 doc003 data-points' 43, '51 doc003 doc003 n=400 doc003 data-points' 44)
set ylabel 'condition (truth, sampler, n, estimator, init)'
unset key
set border 0
set palette defined (0 "#ffffff", 5 "#fde0c5", 25 "#f59e4c", 60 "#c9302c", 100 "#67000d")
set cbrange [0:100]
set cblabel 'percent of replicates'
set colorbox user origin screen 0.932, screen 0.579 size screen 0.012, screen 0.191
# Cell text is white on the dark cells, black on the light ones and grey
# where the rate is 0, so the failures stand out; NaN cells stay blank.
# Each label set skips the other cells (y = NaN) rather than writing empty text.
plot 'failure-rates-cells.dat' using 1:2:3 with image pixels, \
     '' using 1:($3 >= 45 ? $2 : NaN):(stringcolumn(4)) with labels tc rgb "white" font ",9", \
     '' using 1:($3 > 0 && $3 < 45 ? $2 : NaN):(stringcolumn(4)) with labels tc rgb "black" font ",9", \
     '' using 1:($3 == 0 ? $2 : NaN):(stringcolumn(4)) with labels tc rgb "#b8b8b8" font ",9"
