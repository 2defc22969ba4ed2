# failure-rates.gp — failure rates per condition: stop reasons, failure flags, and fits that missed the best log-likelihood
# Written by emlab. Edit it and re-draw with:  cd plots && gnuplot failure-rates.gp
set encoding utf8
set terminal svg size 900,600 dynamic enhanced font "sans,12" background rgb "white"
# emlab sets OUTPUT to a temporary file and renames it to failure-rates.svg once gnuplot succeeds.
if (!exists("OUTPUT")) OUTPUT = "failure-rates.svg"
set output OUTPUT
set terminal svg size 816,533 dynamic enhanced font "sans,10" background rgb "white"
set output OUTPUT
set label 100 'Failure rates per condition (selected fit of each replicate)' . "\n" . '{/*0.8 ' . 'zero in every condition, not drawn: stopped: non-finite, stopped: no start, flag: nonMonotone (ℓ fell), flag: nonFinite, flag: rescued' . '}' . "\n" . '{/*0.8 7 of 18 conditions had no failure and are not drawn}' at screen 0.5, screen 0.974 center
set lmargin at screen 0.296
set rmargin at screen 0.828
set tmargin at screen 0.426
set bmargin at screen 0.038
set xrange [-0.5:6.5]
set yrange [10.5:-0.5]
unset xtics
set x2range [-0.5:6.5]
set x2tics rotate by 40 left scale 0 font ",10" ('stopped: iteration cap = flag: iterationCap' 0, 'stopped: degenerate = flag: collapsed = flag: componentDeath' 1, 'flag: spurious' 2, 'flag: merged' 3, 'flag: labelSwitch' 4, 'flag: slowConvergence' 5, 'spurious/not best (1 − reachedBest)' 6)
set ytics scale 0 font ",9" ('1 doc001 n=50 free quantile' 0, '2 doc001 n=50 free data-points' 1, '4 doc001 n=50 shared data-points' 2, '8 doc001 n=200 shared data-points' 3, '12 doc001 n=1000 shared data-points' 4, '13 overlap n=50 free quantile' 5, '14 overlap n=50 free data-points' 6, '17 overlap n=200 free quantile' 7, '18 overlap n=200 free data-points' 8, '21 overlap n=1000 free quantile' 9, '22 overlap n=1000 free data-points' 10)
set ylabel 'condition (truth, n, estimator, init)'
unset key
set border 0
set palette defined (0 "#ffffff", 5 "#fde0c5", 25 "#f59e4c", 60 "#c9302c", 100 "#67000d")
set cbrange [0:100]
set cblabel 'percent of replicates'
set colorbox user origin screen 0.902, screen 0.075 size screen 0.017, screen 0.351
# Cell text is white on the dark cells, black on the light ones and grey
# where the rate is 0, so the failures stand out; NaN cells stay blank.
# Each label set skips the other cells (y = NaN) rather than writing empty text.
plot 'failure-rates-cells.dat' using 1:2:3 with image pixels, \
     '' using 1:($3 >= 45 ? $2 : NaN):(stringcolumn(4)) with labels tc rgb "white" font ",9", \
     '' using 1:($3 > 0 && $3 < 45 ? $2 : NaN):(stringcolumn(4)) with labels tc rgb "black" font ",9", \
     '' using 1:($3 == 0 ? $2 : NaN):(stringcolumn(4)) with labels tc rgb "#b8b8b8" font ",9"
