# rates.gp — median empirical rate against median theoretical rate, per condition
# Written by emlab. Edit it and re-draw with:  cd plots && gnuplot rates.gp
set encoding utf8
set terminal svg size 900,600 dynamic enhanced font "sans,12" background rgb "white"
# emlab sets OUTPUT to a temporary file and renames it to rates.svg once gnuplot succeeds.
if (!exists("OUTPUT")) OUTPUT = "rates.svg"
set output OUTPUT
set style line 1 lc rgb "#1f77b4" lw 1.5 pt 7 ps 0.8 dt 1
set style line 2 lc rgb "#ff7f0e" lw 1.5 pt 5 ps 0.8 dt 1
set style line 3 lc rgb "#2ca02c" lw 1.5 pt 9 ps 0.8 dt 1
set style line 4 lc rgb "#d62728" lw 1.5 pt 11 ps 0.8 dt 1
set style line 5 lc rgb "#9467bd" lw 1.5 pt 13 ps 0.8 dt 1
set style line 6 lc rgb "#8c564b" lw 1.5 pt 6 ps 0.8 dt 1
set style line 7 lc rgb "#e377c2" lw 1.5 pt 4 ps 0.8 dt 1
set style line 8 lc rgb "#7f7f7f" lw 1.5 pt 8 ps 0.8 dt 1
set style line 9 lc rgb "#bcbd22" lw 1.5 pt 10 ps 0.8 dt 1
set style line 10 lc rgb "#17becf" lw 1.5 pt 12 ps 0.8 dt 1
set style line 11 lc rgb "#393b79" lw 1.5 pt 14 ps 0.8 dt 1
set style line 12 lc rgb "#637939" lw 1.5 pt 1 ps 0.8 dt 1
set title "Rate of convergence: measured against theory (medians per condition)"
set xlabel 'theoretical rate λ at the estimate (largest eigenvalue of I_c^{-1} I_m)'
set ylabel 'empirical rate (ratio of the last two steps)'
set xrange [0:1]
set yrange [0:1]
set size square
set grid lc rgb "#dddddd"
set key outside right top title 'estimator' font ",10"
plot 'rates.dat' index 0 using 1:2 with points ls 1 pt 7 ps 0.7 title 'em', \
     'rates.dat' index 1 using 1:2 with points ls 2 pt 7 ps 0.7 title 'squarem', \
     'rates.dat' index 2 using 1:2 with points ls 3 pt 7 ps 0.7 title 'anderson', \
     'rates.dat' index 3 using 1:2 with points ls 4 pt 7 ps 0.7 title 'daarem', \
     'rates.dat' index 4 using 1:2 with points ls 5 pt 7 ps 0.7 title 'qn', \
     'rates.dat' index 5 using 1:2 with points ls 6 pt 7 ps 0.7 title 'pem', \
     'rates.dat' index 6 using 1:2 with points ls 7 pt 7 ps 0.7 title 'wn-em', \
     'rates.dat' index 7 using 1:2 with points ls 8 pt 7 ps 0.7 title 'wn-squarem', \
     'rates.dat' index 8 using 1:2 with points ls 9 pt 7 ps 0.7 title 'wn-anderson', \
     'rates.dat' index 9 using 1:2 with points ls 10 pt 7 ps 0.7 title 'wn-daarem', \
     'rates.dat' index 10 using 1:2 with points ls 11 pt 7 ps 0.7 title 'wn-qn', \
     'rates.dat' index 11 using 1:2 with points ls 12 pt 7 ps 0.7 title 'wn-pem', \
     x with lines lc rgb "#999999" dt 2 title 'empirical = theoretical'
