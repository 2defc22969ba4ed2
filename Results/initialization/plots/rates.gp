# rates.gp — median empirical rate against median theoretical rate, per condition
# Written by emlab. Edit it and re-draw with:  cd plots && gnuplot rates.gp
set encoding utf8
set terminal svg size 900,600 dynamic enhanced font "sans,12" background rgb "white"
# emlab sets OUTPUT to a temporary file and renames it to rates.svg once gnuplot succeeds.
if (!exists("OUTPUT")) OUTPUT = "rates.svg"
set output OUTPUT
set style line 1 lc rgb "#1f77b4" lw 1.5 pt 7 ps 0.8 dt 1
set title "Rate of convergence: measured against theory (medians per condition)"
set xlabel 'theoretical rate λ at the estimate (largest eigenvalue of I_c^{-1} I_m)'
set ylabel 'empirical rate (ratio of the last two steps)'
set xrange [0:1]
set yrange [0:1]
set size square
set grid lc rgb "#dddddd"
set key outside right top title 'estimator' font ",10"
plot 'rates.dat' index 0 using 1:2 with points ls 1 pt 7 ps 0.7 title 'em', \
     x with lines lc rgb "#999999" dt 2 title 'empirical = theoretical'
