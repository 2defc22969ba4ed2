# failure-rates.gp — failure rates per condition: stop reasons, failure flags, and fits that missed the best log-likelihood
# Written by emlab. Edit it and re-draw with:  cd plots && gnuplot failure-rates.gp
set encoding utf8
set terminal svg size 900,600 dynamic enhanced font "sans,12" background rgb "white"
# emlab sets OUTPUT to a temporary file and renames it to failure-rates.svg once gnuplot succeeds.
if (!exists("OUTPUT")) OUTPUT = "failure-rates.svg"
set output OUTPUT
set terminal svg size 927,2592 dynamic enhanced font "sans,10" background rgb "white"
set output OUTPUT
set label 100 'Failure rates per condition (selected fit of each replicate)' . "\n" . '{/*0.8 ' . 'zero in every condition, not drawn: stopped: non-finite, stopped: no start, flag: nonMonotone (ℓ fell), flag: nonFinite, flag: rescued' . '}' . "\n" . '{/*0.8 50 of 186 conditions had no failure and are not drawn}' at screen 0.5, screen 0.995 center
set lmargin at screen 0.247
set rmargin at screen 0.848
set tmargin at screen 0.908
set bmargin at screen 0.008
set xrange [-0.5:8.5]
set yrange [135.5:-0.5]
unset xtics
set x2range [-0.5:8.5]
set x2tics rotate by 40 left scale 0 font ",10" ('stopped: iteration cap = flag: iterationCap' 0, 'stopped: degenerate' 1, 'flag: collapsed' 2, 'flag: componentDeath' 3, 'flag: spurious' 4, 'flag: merged' 5, 'flag: labelSwitch' 6, 'flag: slowConvergence' 7, 'spurious/not best (1 − reachedBest)' 8)
set ytics scale 0 font ",9" ('1 d1-w50 n=100 em' 0, '2 d1-w50 n=100 squarem' 1, '3 d1-w50 n=100 anderson' 2, '4 d1-w50 n=100 daarem' 3, '5 d1-w50 n=100 qn' 4, '6 d1-w50 n=100 pem' 5, '7 d1-w20 n=100 em' 6, '8 d1-w20 n=100 squarem' 7, '9 d1-w20 n=100 anderson' 8, '10 d1-w20 n=100 daarem' 9, '11 d1-w20 n=100 qn' 10, '12 d1-w20 n=100 pem' 11, '13 d1p5-w50 n=100 em' 12, '14 d1p5-w50 n=100 squarem' 13, '15 d1p5-w50 n=100 anderson' 14, '16 d1p5-w50 n=100 daarem' 15, '17 d1p5-w50 n=100 qn' 16, '18 d1p5-w50 n=100 pem' 17, '19 d1p5-w20 n=100 em' 18, '20 d1p5-w20 n=100 squarem' 19, '21 d1p5-w20 n=100 anderson' 20, '22 d1p5-w20 n=100 daarem' 21, '23 d1p5-w20 n=100 qn' 22, '24 d1p5-w20 n=100 pem' 23, '25 d2-w50 n=100 em' 24, '26 d2-w50 n=100 squarem' 25, '27 d2-w50 n=100 anderson' 26, '28 d2-w50 n=100 daarem' 27, '29 d2-w50 n=100 qn' 28, '30 d2-w50 n=100 pem' 29, '31 d2-w20 n=100 em' 30, '32 d2-w20 n=100 squarem' 31, '33 d2-w20 n=100 anderson' 32, '34 d2-w20 n=100 daarem' 33, '35 d2-w20 n=100 qn' 34, '36 d2-w20 n=100 pem' 35, '37 d3-w50 n=100 em' 36, '39 d3-w50 n=100 anderson' 37, '40 d3-w50 n=100 daarem' 38, '41 d3-w50 n=100 qn' 39, '42 d3-w50 n=100 pem' 40, '43 d3-w20 n=100 em' 41, '44 d3-w20 n=100 squarem' 42, '45 d3-w20 n=100 anderson' 43, '46 d3-w20 n=100 daarem' 44, '47 d3-w20 n=100 qn' 45, '48 d3-w20 n=100 pem' 46, '51 d4-w50 n=100 anderson' 47, '55 d4-w20 n=100 em' 48, '56 d4-w20 n=100 squarem' 49, '57 d4-w20 n=100 anderson' 50, '58 d4-w20 n=100 daarem' 51, '59 d4-w20 n=100 qn' 52, '60 d4-w20 n=100 pem' 53, '61 d1-w50 n=1000 em' 54, '62 d1-w50 n=1000 squarem' 55, '63 d1-w50 n=1000 anderson' 56, '64 d1-w50 n=1000 daarem' 57, '65 d1-w50 n=1000 qn' 58, '66 d1-w50 n=1000 pem' 59, '67 d1-w20 n=1000 em' 60, '68 d1-w20 n=1000 squarem' 61, '69 d1-w20 n=1000 anderson' 62, '70 d1-w20 n=1000 daarem' 63, '71 d1-w20 n=1000 qn' 64, '72 d1-w20 n=1000 pem' 65, '73 d1p5-w50 n=1000 em' 66, '74 d1p5-w50 n=1000 squarem' 67, '75 d1p5-w50 n=1000 anderson' 68, '76 d1p5-w50 n=1000 daarem' 69, '77 d1p5-w50 n=1000 qn' 70, '78 d1p5-w50 n=1000 pem' 71, '79 d1p5-w20 n=1000 em' 72, '80 d1p5-w20 n=1000 squarem' 73, '81 d1p5-w20 n=1000 anderson' 74, '82 d1p5-w20 n=1000 daarem' 75, '83 d1p5-w20 n=1000 qn' 76, '84 d1p5-w20 n=1000 pem' 77, '85 d2-w50 n=1000 em' 78, '87 d2-w50 n=1000 anderson' 79, '88 d2-w50 n=1000 daarem' 80, '89 d2-w50 n=1000 qn' 81, '90 d2-w50 n=1000 pem' 82, '91 d2-w20 n=1000 em' 83, '92 d2-w20 n=1000 squarem' 84, '93 d2-w20 n=1000 anderson' 85, '94 d2-w20 n=1000 daarem' 86, '95 d2-w20 n=1000 qn' 87, '96 d2-w20 n=1000 pem' 88, '103 d3-w20 n=1000 em' 89, '104 d3-w20 n=1000 squarem' 90, '105 d3-w20 n=1000 anderson' 91, '106 d3-w20 n=1000 daarem' 92, '107 d3-w20 n=1000 qn' 93, '108 d3-w20 n=1000 pem' 94, '121 d1-w50 n=10000 em' 95, '123 d1-w50 n=10000 anderson' 96, '124 d1-w50 n=10000 daarem' 97, '125 d1-w50 n=10000 qn' 98, '126 d1-w50 n=10000 pem' 99, '127 d1-w20 n=10000 em' 100, '128 d1-w20 n=10000 squarem' 101, '129 d1-w20 n=10000 anderson' 102, '130 d1-w20 n=10000 daarem' 103, '131 d1-w20 n=10000 qn' 104, '132 d1-w20 n=10000 pem' 105, '133 d1p5-w50 n=10000 em' 106, '134 d1p5-w50 n=10000 squarem' 107, '135 d1p5-w50 n=10000 anderson' 108, '136 d1p5-w50 n=10000 daarem' 109, '137 d1p5-w50 n=10000 qn' 110, '138 d1p5-w50 n=10000 pem' 111, '139 d1p5-w20 n=10000 em' 112, '140 d1p5-w20 n=10000 squarem' 113, '141 d1p5-w20 n=10000 anderson' 114, '142 d1p5-w20 n=10000 daarem' 115, '143 d1p5-w20 n=10000 qn' 116, '144 d1p5-w20 n=10000 pem' 117, '145 d2-w50 n=10000 em' 118, '147 d2-w50 n=10000 anderson' 119, '148 d2-w50 n=10000 daarem' 120, '149 d2-w50 n=10000 qn' 121, '150 d2-w50 n=10000 pem' 122, '151 d2-w20 n=10000 em' 123, '152 d2-w20 n=10000 squarem' 124, '153 d2-w20 n=10000 anderson' 125, '154 d2-w20 n=10000 daarem' 126, '155 d2-w20 n=10000 qn' 127, '156 d2-w20 n=10000 pem' 128, '165 d3-w20 n=10000 anderson' 129, '181 walker-ni n=10000 wn-em' 130, '182 walker-ni n=10000 wn-squarem' 131, '183 walker-ni n=10000 wn-anderson' 132, '184 walker-ni n=10000 wn-daarem' 133, '185 walker-ni n=10000 wn-qn' 134, '186 walker-ni n=10000 wn-pem' 135)
set ylabel 'condition (truth, n, estimator)'
unset key
set border 0
set palette defined (0 "#ffffff", 5 "#fde0c5", 25 "#f59e4c", 60 "#c9302c", 100 "#67000d")
set cbrange [0:100]
set cblabel 'percent of replicates'
set colorbox user origin screen 0.914, screen 0.83 size screen 0.015, screen 0.077
# Cell text is white on the dark cells, black on the light ones and grey
# where the rate is 0, so the failures stand out; NaN cells stay blank.
# Each label set skips the other cells (y = NaN) rather than writing empty text.
plot 'failure-rates-cells.dat' using 1:2:3 with image pixels, \
     '' using 1:($3 >= 45 ? $2 : NaN):(stringcolumn(4)) with labels tc rgb "white" font ",9", \
     '' using 1:($3 > 0 && $3 < 45 ? $2 : NaN):(stringcolumn(4)) with labels tc rgb "black" font ",9", \
     '' using 1:($3 == 0 ? $2 : NaN):(stringcolumn(4)) with labels tc rgb "#b8b8b8" font ",9"
