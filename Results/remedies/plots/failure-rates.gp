# failure-rates.gp — failure rates per condition: stop reasons, failure flags, and fits that missed the best log-likelihood
# Written by emlab. Edit it and re-draw with:  cd plots && gnuplot failure-rates.gp
set encoding utf8
set terminal svg size 900,600 dynamic enhanced font "sans,12" background rgb "white"
# emlab sets OUTPUT to a temporary file and renames it to failure-rates.svg once gnuplot succeeds.
if (!exists("OUTPUT")) OUTPUT = "failure-rates.svg"
set output OUTPUT
set terminal svg size 1336,1470 dynamic enhanced font "sans,10" background rgb "white"
set output OUTPUT
set label 100 'Failure rates per condition (selected fit of each replicate)' . "\n" . '{/*0.8 ' . 'zero in every condition, not drawn: stopped: non-finite, stopped: no start, flag: nonFinite' . '}' . "\n" . '{/*0.8 10 of 80 conditions had no failure and are not drawn}' at screen 0.5, screen 0.99 center
set lmargin at screen 0.199
set rmargin at screen 0.895
set tmargin at screen 0.837
set bmargin at screen 0.014
set xrange [-0.5:14.5]
set yrange [69.5:-0.5]
unset xtics
set x2range [-0.5:14.5]
set x2tics rotate by 40 left scale 0 font ",10" ('stopped: iteration cap = flag: iterationCap' 0, 'stopped: degenerate' 1, 'flag: nonMonotone (ℓ fell)' 2, 'flag: collapsed' 3, 'flag: componentDeath' 4, 'flag: spurious' 5, 'flag: merged' 6, 'flag: labelSwitch' 7, 'flag: slowConvergence' 8, 'flag: rescued' 9, 'flag: remedyActive' 10, 'flag: remedyActiveSE' 11, 'flag: remedyChanged' 12, 'flag: remedyChangedSE' 13, 'spurious/not best (1 − reachedBest)' 14)
set ytics scale 0 font ",9" ('1 doc002 bootstrap n=50 plain-k3' 0, '2 doc002 bootstrap n=50 floor-k3' 1, '3 doc002 bootstrap n=50 restarts-k3' 2, '4 doc002 bootstrap n=50 shared-k3' 3, '5 doc002 bootstrap n=50 prior-k3' 4, '6 doc002 bootstrap n=50 ratio-k3' 5, '7 doc002 bootstrap n=50 penalty-k3' 6, '8 doc002 bootstrap n=50 mixtureinf-k3' 7, '9 doc002 bootstrap n=200 plain-k3' 8, '10 doc002 bootstrap n=200 floor-k3' 9, '11 doc002 bootstrap n=200 restarts-k3' 10, '12 doc002 bootstrap n=200 shared-k3' 11, '13 doc002 bootstrap n=200 prior-k3' 12, '14 doc002 bootstrap n=200 ratio-k3' 13, '15 doc002 bootstrap n=200 penalty-k3' 14, '16 doc002 bootstrap n=200 mixtureinf-k3' 15, '17 narrow2 latent n=30 plain' 16, '18 narrow2 latent n=30 floor' 17, '19 narrow2 latent n=30 restarts' 18, '20 narrow2 latent n=30 shared' 19, '21 narrow2 latent n=30 prior' 20, '22 narrow2 latent n=30 ratio' 21, '23 narrow2 latent n=30 penalty' 22, '24 narrow2 latent n=30 mixtureinf' 23, '25 narrow2 latent n=100 plain' 24, '26 narrow2 latent n=100 floor' 25, '27 narrow2 latent n=100 restarts' 26, '28 narrow2 latent n=100 shared' 27, '29 narrow2 latent n=100 prior' 28, '30 narrow2 latent n=100 ratio' 29, '31 narrow2 latent n=100 penalty' 30, '32 narrow2 latent n=100 mixtureinf' 31, '33 narrow2 latent n=300 plain' 32, '34 narrow2 latent n=300 floor' 33, '35 narrow2 latent n=300 restarts' 34, '36 narrow2 latent n=300 shared' 35, '37 narrow2 latent n=300 prior' 36, '38 narrow2 latent n=300 ratio' 37, '39 narrow2 latent n=300 penalty' 38, '40 narrow2 latent n=300 mixtureinf' 39, '41 narrow3 latent n=30 plain' 40, '42 narrow3 latent n=30 floor' 41, '43 narrow3 latent n=30 restarts' 42, '44 narrow3 latent n=30 shared' 43, '45 narrow3 latent n=30 prior' 44, '46 narrow3 latent n=30 ratio' 45, '47 narrow3 latent n=30 penalty' 46, '48 narrow3 latent n=30 mixtureinf' 47, '49 narrow3 latent n=100 plain' 48, '50 narrow3 latent n=100 floor' 49, '51 narrow3 latent n=100 restarts' 50, '52 narrow3 latent n=100 shared' 51, '53 narrow3 latent n=100 prior' 52, '54 narrow3 latent n=100 ratio' 53, '55 narrow3 latent n=100 penalty' 54, '56 narrow3 latent n=100 mixtureinf' 55, '57 narrow3 latent n=300 plain' 56, '58 narrow3 latent n=300 floor' 57, '59 narrow3 latent n=300 restarts' 58, '60 narrow3 latent n=300 shared' 59, '61 narrow3 latent n=300 prior' 60, '62 narrow3 latent n=300 ratio' 61, '63 narrow3 latent n=300 penalty' 62, '64 narrow3 latent n=300 mixtureinf' 63, '69 separated latent n=100 prior' 64, '71 separated latent n=100 penalty' 65, '72 separated latent n=100 mixtureinf' 66, '76 separated latent n=1000 shared' 67, '77 separated latent n=1000 prior' 68, '80 separated latent n=1000 mixtureinf' 69)
set ylabel 'condition (truth, sampler, n, estimator)'
unset key
set border 0
set palette defined (0 "#ffffff", 5 "#fde0c5", 25 "#f59e4c", 60 "#c9302c", 100 "#67000d")
set cbrange [0:100]
set cblabel 'percent of replicates'
set colorbox user origin screen 0.94, screen 0.701 size screen 0.01, screen 0.136
# Cell text is white on the dark cells, black on the light ones and grey
# where the rate is 0, so the failures stand out; NaN cells stay blank.
# Each label set skips the other cells (y = NaN) rather than writing empty text.
plot 'failure-rates-cells.dat' using 1:2:3 with image pixels, \
     '' using 1:($3 >= 45 ? $2 : NaN):(stringcolumn(4)) with labels tc rgb "white" font ",9", \
     '' using 1:($3 > 0 && $3 < 45 ? $2 : NaN):(stringcolumn(4)) with labels tc rgb "black" font ",9", \
     '' using 1:($3 == 0 ? $2 : NaN):(stringcolumn(4)) with labels tc rgb "#b8b8b8" font ",9"
