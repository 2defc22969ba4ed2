# failure-rates.gp — failure rates per condition: stop reasons, failure flags, and fits that missed the best log-likelihood
# Written by emlab. Edit it and re-draw with:  cd plots && gnuplot failure-rates.gp
set encoding utf8
set terminal svg size 900,600 dynamic enhanced font "sans,12" background rgb "white"
# emlab sets OUTPUT to a temporary file and renames it to failure-rates.svg once gnuplot succeeds.
if (!exists("OUTPUT")) OUTPUT = "failure-rates.svg"
set output OUTPUT
set terminal svg size 853,688 dynamic enhanced font "sans,10" background rgb "white"
set output OUTPUT
set label 100 'Failure rates per condition (selected fit of each replicate)' . "\n" . '{/*0.8 ' . 'zero in every condition, not drawn: stopped: non-finite, stopped: no start, flag: nonMonotone (ℓ fell), flag: nonFinite, flag: spurious, flag: rescued' . '}' . "\n" . '{/*0.8 36 of 60 conditions had no failure and are not drawn}' at screen 0.5, screen 0.98 center
set lmargin at screen 0.326
set rmargin at screen 0.835
set tmargin at screen 0.651
set bmargin at screen 0.029
set xrange [-0.5:6.5]
set yrange [23.5:-0.5]
unset xtics
set x2range [-0.5:6.5]
set x2tics rotate by 40 left scale 0 font ",10" ('stopped: iteration cap = flag: iterationCap' 0, 'stopped: degenerate = flag: collapsed' 1, 'flag: componentDeath' 2, 'flag: merged' 3, 'flag: labelSwitch' 4, 'flag: slowConvergence' 5, 'spurious/not best (1 − reachedBest)' 6)
set ytics scale 0 font ",9" ('1 separated n=50 wald-per-component' 0, '9 overlap n=50 wald-per-component' 1, '10 overlap n=50 wald-shared' 2, '11 overlap n=100 wald-per-component' 3, '12 overlap n=100 wald-shared' 4, '13 overlap n=1000 wald-per-component' 5, '15 overlap n=10000 wald-per-component' 6, '17 separated n=50 bootstrap-per-component' 7, '23 overlap n=50 bootstrap-per-component' 8, '24 overlap n=50 bootstrap-shared' 9, '25 overlap n=100 bootstrap-per-component' 10, '26 overlap n=100 bootstrap-shared' 11, '27 overlap n=1000 bootstrap-per-component' 12, '35 separated n=50 select-per-component' 13, '41 overlap n=50 select-per-component' 14, '42 overlap n=50 select-shared' 15, '43 overlap n=100 select-per-component' 16, '44 overlap n=100 select-shared' 17, '45 overlap n=1000 select-per-component' 18, '47 three n=50 select-per-component' 19, '48 three n=50 select-shared' 20, '49 three n=100 select-per-component' 21, '50 three n=100 select-shared' 22, '57 overlap n=10000 select-per-component' 23)
set ylabel 'condition (truth, n, estimator)'
unset key
set border 0
set palette defined (0 "#ffffff", 5 "#fde0c5", 25 "#f59e4c", 60 "#c9302c", 100 "#67000d")
set cbrange [0:100]
set cblabel 'percent of replicates'
set colorbox user origin screen 0.906, screen 0.361 size screen 0.016, screen 0.291
# Cell text is white on the dark cells, black on the light ones and grey
# where the rate is 0, so the failures stand out; NaN cells stay blank.
# Each label set skips the other cells (y = NaN) rather than writing empty text.
plot 'failure-rates-cells.dat' using 1:2:3 with image pixels, \
     '' using 1:($3 >= 45 ? $2 : NaN):(stringcolumn(4)) with labels tc rgb "white" font ",9", \
     '' using 1:($3 > 0 && $3 < 45 ? $2 : NaN):(stringcolumn(4)) with labels tc rgb "black" font ",9", \
     '' using 1:($3 == 0 ? $2 : NaN):(stringcolumn(4)) with labels tc rgb "#b8b8b8" font ",9"
