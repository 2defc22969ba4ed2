# failure-rates.gp — failure rates per condition: stop reasons, failure flags, and fits that missed the best log-likelihood
# Written by emlab. Edit it and re-draw with:  cd plots && gnuplot failure-rates.gp
set encoding utf8
set terminal svg size 900,600 dynamic enhanced font "sans,12" background rgb "white"
# emlab sets OUTPUT to a temporary file and renames it to failure-rates.svg once gnuplot succeeds.
if (!exists("OUTPUT")) OUTPUT = "failure-rates.svg"
set output OUTPUT
set terminal svg size 927,2660 dynamic enhanced font "sans,10" background rgb "white"
set output OUTPUT
set label 100 'Failure rates per condition (selected fit of each replicate)' . "\n" . '{/*0.8 ' . 'zero in every condition, not drawn: stopped: non-finite, stopped: no start, flag: nonMonotone (ℓ fell), flag: nonFinite, flag: rescued' . '}' . "\n" . '{/*0.8 46 of 186 conditions had no failure and are not drawn}' at screen 0.5, screen 0.995 center
set lmargin at screen 0.247
set rmargin at screen 0.848
set tmargin at screen 0.91
set bmargin at screen 0.008
set xrange [-0.5:8.5]
set yrange [139.5:-0.5]
unset xtics
set x2range [-0.5:8.5]
set x2tics rotate by 40 left scale 0 font ",10" ('stopped: iteration cap = flag: iterationCap' 0, 'stopped: degenerate' 1, 'flag: collapsed' 2, 'flag: componentDeath' 3, 'flag: spurious' 4, 'flag: merged' 5, 'flag: labelSwitch' 6, 'flag: slowConvergence' 7, 'spurious/not best (1 − reachedBest)' 8)
set ytics scale 0 font ",9" ('1 d1-w50 n=100 em' 0, '2 d1-w50 n=100 squarem' 1, '3 d1-w50 n=100 anderson' 2, '4 d1-w50 n=100 daarem' 3, '5 d1-w50 n=100 qn' 4, '6 d1-w50 n=100 pem' 5, '7 d1-w20 n=100 em' 6, '8 d1-w20 n=100 squarem' 7, '9 d1-w20 n=100 anderson' 8, '10 d1-w20 n=100 daarem' 9, '11 d1-w20 n=100 qn' 10, '12 d1-w20 n=100 pem' 11, '13 d1p5-w50 n=100 em' 12, '14 d1p5-w50 n=100 squarem' 13, '15 d1p5-w50 n=100 anderson' 14, '16 d1p5-w50 n=100 daarem' 15, '17 d1p5-w50 n=100 qn' 16, '18 d1p5-w50 n=100 pem' 17, '19 d1p5-w20 n=100 em' 18, '20 d1p5-w20 n=100 squarem' 19, '21 d1p5-w20 n=100 anderson' 20, '22 d1p5-w20 n=100 daarem' 21, '23 d1p5-w20 n=100 qn' 22, '24 d1p5-w20 n=100 pem' 23, '25 d2-w50 n=100 em' 24, '26 d2-w50 n=100 squarem' 25, '27 d2-w50 n=100 anderson' 26, '28 d2-w50 n=100 daarem' 27, '29 d2-w50 n=100 qn' 28, '30 d2-w50 n=100 pem' 29, '31 d2-w20 n=100 em' 30, '32 d2-w20 n=100 squarem' 31, '33 d2-w20 n=100 anderson' 32, '34 d2-w20 n=100 daarem' 33, '35 d2-w20 n=100 qn' 34, '36 d2-w20 n=100 pem' 35, '37 d3-w50 n=100 em' 36, '38 d3-w50 n=100 squarem' 37, '39 d3-w50 n=100 anderson' 38, '40 d3-w50 n=100 daarem' 39, '41 d3-w50 n=100 qn' 40, '42 d3-w50 n=100 pem' 41, '43 d3-w20 n=100 em' 42, '44 d3-w20 n=100 squarem' 43, '45 d3-w20 n=100 anderson' 44, '46 d3-w20 n=100 daarem' 45, '47 d3-w20 n=100 qn' 46, '48 d3-w20 n=100 pem' 47, '51 d4-w50 n=100 anderson' 48, '55 d4-w20 n=100 em' 49, '56 d4-w20 n=100 squarem' 50, '57 d4-w20 n=100 anderson' 51, '58 d4-w20 n=100 daarem' 52, '59 d4-w20 n=100 qn' 53, '60 d4-w20 n=100 pem' 54, '61 d1-w50 n=1000 em' 55, '62 d1-w50 n=1000 squarem' 56, '63 d1-w50 n=1000 anderson' 57, '64 d1-w50 n=1000 daarem' 58, '65 d1-w50 n=1000 qn' 59, '66 d1-w50 n=1000 pem' 60, '67 d1-w20 n=1000 em' 61, '68 d1-w20 n=1000 squarem' 62, '69 d1-w20 n=1000 anderson' 63, '70 d1-w20 n=1000 daarem' 64, '71 d1-w20 n=1000 qn' 65, '72 d1-w20 n=1000 pem' 66, '73 d1p5-w50 n=1000 em' 67, '74 d1p5-w50 n=1000 squarem' 68, '75 d1p5-w50 n=1000 anderson' 69, '76 d1p5-w50 n=1000 daarem' 70, '77 d1p5-w50 n=1000 qn' 71, '78 d1p5-w50 n=1000 pem' 72, '79 d1p5-w20 n=1000 em' 73, '80 d1p5-w20 n=1000 squarem' 74, '81 d1p5-w20 n=1000 anderson' 75, '82 d1p5-w20 n=1000 daarem' 76, '83 d1p5-w20 n=1000 qn' 77, '84 d1p5-w20 n=1000 pem' 78, '85 d2-w50 n=1000 em' 79, '86 d2-w50 n=1000 squarem' 80, '87 d2-w50 n=1000 anderson' 81, '88 d2-w50 n=1000 daarem' 82, '89 d2-w50 n=1000 qn' 83, '90 d2-w50 n=1000 pem' 84, '91 d2-w20 n=1000 em' 85, '92 d2-w20 n=1000 squarem' 86, '93 d2-w20 n=1000 anderson' 87, '94 d2-w20 n=1000 daarem' 88, '95 d2-w20 n=1000 qn' 89, '96 d2-w20 n=1000 pem' 90, '103 d3-w20 n=1000 em' 91, '104 d3-w20 n=1000 squarem' 92, '105 d3-w20 n=1000 anderson' 93, '106 d3-w20 n=1000 daarem' 94, '107 d3-w20 n=1000 qn' 95, '108 d3-w20 n=1000 pem' 96, '121 d1-w50 n=10000 em' 97, '122 d1-w50 n=10000 squarem' 98, '123 d1-w50 n=10000 anderson' 99, '124 d1-w50 n=10000 daarem' 100, '125 d1-w50 n=10000 qn' 101, '126 d1-w50 n=10000 pem' 102, '127 d1-w20 n=10000 em' 103, '128 d1-w20 n=10000 squarem' 104, '129 d1-w20 n=10000 anderson' 105, '130 d1-w20 n=10000 daarem' 106, '131 d1-w20 n=10000 qn' 107, '132 d1-w20 n=10000 pem' 108, '133 d1p5-w50 n=10000 em' 109, '134 d1p5-w50 n=10000 squarem' 110, '135 d1p5-w50 n=10000 anderson' 111, '136 d1p5-w50 n=10000 daarem' 112, '137 d1p5-w50 n=10000 qn' 113, '138 d1p5-w50 n=10000 pem' 114, '139 d1p5-w20 n=10000 em' 115, '140 d1p5-w20 n=10000 squarem' 116, '141 d1p5-w20 n=10000 anderson' 117, '142 d1p5-w20 n=10000 daarem' 118, '143 d1p5-w20 n=10000 qn' 119, '144 d1p5-w20 n=10000 pem' 120, '145 d2-w50 n=10000 em' 121, '146 d2-w50 n=10000 squarem' 122, '147 d2-w50 n=10000 anderson' 123, '148 d2-w50 n=10000 daarem' 124, '149 d2-w50 n=10000 qn' 125, '150 d2-w50 n=10000 pem' 126, '151 d2-w20 n=10000 em' 127, '152 d2-w20 n=10000 squarem' 128, '153 d2-w20 n=10000 anderson' 129, '154 d2-w20 n=10000 daarem' 130, '155 d2-w20 n=10000 qn' 131, '156 d2-w20 n=10000 pem' 132, '165 d3-w20 n=10000 anderson' 133, '181 walker-ni n=10000 wn-em' 134, '182 walker-ni n=10000 wn-squarem' 135, '183 walker-ni n=10000 wn-anderson' 136, '184 walker-ni n=10000 wn-daarem' 137, '185 walker-ni n=10000 wn-qn' 138, '186 walker-ni n=10000 wn-pem' 139)
set ylabel 'condition (truth, n, estimator)'
unset key
set border 0
set palette defined (0 "#ffffff", 5 "#fde0c5", 25 "#f59e4c", 60 "#c9302c", 100 "#67000d")
set cbrange [0:100]
set cblabel 'percent of replicates'
set colorbox user origin screen 0.914, screen 0.835 size screen 0.015, screen 0.075
# Cell text is white on the dark cells, black on the light ones and grey
# where the rate is 0, so the failures stand out; NaN cells stay blank.
# Each label set skips the other cells (y = NaN) rather than writing empty text.
plot 'failure-rates-cells.dat' using 1:2:3 with image pixels, \
     '' using 1:($3 >= 45 ? $2 : NaN):(stringcolumn(4)) with labels tc rgb "white" font ",9", \
     '' using 1:($3 > 0 && $3 < 45 ? $2 : NaN):(stringcolumn(4)) with labels tc rgb "black" font ",9", \
     '' using 1:($3 == 0 ? $2 : NaN):(stringcolumn(4)) with labels tc rgb "#b8b8b8" font ",9"
