# iterations-vs-rate.gp — median iterations against 1/(1 − λ), measured and predicted
# Written by emlab. Edit it and re-draw with:  cd plots && gnuplot iterations-vs-rate.gp
set encoding utf8
set terminal svg size 900,600 dynamic enhanced font "sans,12" background rgb "white"
# emlab sets OUTPUT to a temporary file and renames it to iterations-vs-rate.svg once gnuplot succeeds.
if (!exists("OUTPUT")) OUTPUT = "iterations-vs-rate.svg"
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
set title "Iterations to stop against the time scale of EM's slowest direction (medians per condition)"
set xlabel '1/(1 − λ), λ the theoretical rate at the estimate'
set ylabel 'iterations (accepted updates)'
set logscale xy
set format x "10^{%L}"
set format y "10^{%L}"
set grid lc rgb "#dddddd"
set datafile missing "NaN"
set key outside right top title 'estimator (filled: measured, open: theory)' font ",10"
plot 'iterations-vs-rate.dat' index 0 using 1:2 with points ls 1 pt 7 ps 0.7 title 'em', \
     'iterations-vs-rate.dat' index 0 using 1:3 with points ls 1 pt 6 ps 0.7 notitle, \
     'iterations-vs-rate.dat' index 1 using 1:2 with points ls 2 pt 7 ps 0.7 title 'squarem', \
     'iterations-vs-rate.dat' index 1 using 1:3 with points ls 2 pt 6 ps 0.7 notitle, \
     'iterations-vs-rate.dat' index 2 using 1:2 with points ls 3 pt 7 ps 0.7 title 'anderson', \
     'iterations-vs-rate.dat' index 2 using 1:3 with points ls 3 pt 6 ps 0.7 notitle, \
     'iterations-vs-rate.dat' index 3 using 1:2 with points ls 4 pt 7 ps 0.7 title 'daarem', \
     'iterations-vs-rate.dat' index 3 using 1:3 with points ls 4 pt 6 ps 0.7 notitle, \
     'iterations-vs-rate.dat' index 4 using 1:2 with points ls 5 pt 7 ps 0.7 title 'qn', \
     'iterations-vs-rate.dat' index 4 using 1:3 with points ls 5 pt 6 ps 0.7 notitle, \
     'iterations-vs-rate.dat' index 5 using 1:2 with points ls 6 pt 7 ps 0.7 title 'pem', \
     'iterations-vs-rate.dat' index 5 using 1:3 with points ls 6 pt 6 ps 0.7 notitle, \
     'iterations-vs-rate.dat' index 6 using 1:2 with points ls 7 pt 7 ps 0.7 title 'wn-em', \
     'iterations-vs-rate.dat' index 6 using 1:3 with points ls 7 pt 6 ps 0.7 notitle, \
     'iterations-vs-rate.dat' index 7 using 1:2 with points ls 8 pt 7 ps 0.7 title 'wn-squarem', \
     'iterations-vs-rate.dat' index 7 using 1:3 with points ls 8 pt 6 ps 0.7 notitle, \
     'iterations-vs-rate.dat' index 8 using 1:2 with points ls 9 pt 7 ps 0.7 title 'wn-anderson', \
     'iterations-vs-rate.dat' index 8 using 1:3 with points ls 9 pt 6 ps 0.7 notitle, \
     'iterations-vs-rate.dat' index 9 using 1:2 with points ls 10 pt 7 ps 0.7 title 'wn-daarem', \
     'iterations-vs-rate.dat' index 9 using 1:3 with points ls 10 pt 6 ps 0.7 notitle, \
     'iterations-vs-rate.dat' index 10 using 1:2 with points ls 11 pt 7 ps 0.7 title 'wn-qn', \
     'iterations-vs-rate.dat' index 10 using 1:3 with points ls 11 pt 6 ps 0.7 notitle, \
     'iterations-vs-rate.dat' index 11 using 1:2 with points ls 12 pt 7 ps 0.7 title 'wn-pem', \
     'iterations-vs-rate.dat' index 11 using 1:3 with points ls 12 pt 6 ps 0.7 notitle
