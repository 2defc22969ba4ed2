# esteps-vs-em.gp — E-steps of each accelerated scheme against plain EM's on the same data set (one point per data set and start rule; y = x dashed)
# Written by emlab. Edit it and re-draw with:  cd plots && gnuplot esteps-vs-em.gp
set encoding utf8
set terminal svg size 900,600 dynamic enhanced font "sans,12" background rgb "white"
# emlab sets OUTPUT to a temporary file and renames it to esteps-vs-em.svg once gnuplot succeeds.
if (!exists("OUTPUT")) OUTPUT = "esteps-vs-em.svg"
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
set title "E-steps per data set: each scheme against plain EM (same data, same start)"
set xlabel 'plain EM, E-steps'
set ylabel 'scheme, E-steps'
set logscale xy
set format x "10^{%L}"
set format y "10^{%L}"
set xrange [2:30004.5]
set yrange [2:30004.5]
set size square
set grid lc rgb "#dddddd"
set key outside right top font ",9"
plot 'esteps-vs-em.dat' index 0 using 1:2 with points ls 1 pt 7 ps 0.35 title 'anderson vs em (median ratio 0.036, 1600 data sets)', \
     'esteps-vs-em.dat' index 1 using 1:2 with points ls 2 pt 7 ps 0.35 title 'daarem vs em (median ratio 0.087, 1600 data sets)', \
     'esteps-vs-em.dat' index 2 using 1:2 with points ls 3 pt 7 ps 0.35 title 'pem vs em (median ratio 0.28, 1600 data sets)', \
     'esteps-vs-em.dat' index 3 using 1:2 with points ls 4 pt 7 ps 0.35 title 'qn vs em (median ratio 0.43, 1600 data sets)', \
     'esteps-vs-em.dat' index 4 using 1:2 with points ls 5 pt 7 ps 0.35 title 'squarem vs em (median ratio 0.13, 1600 data sets)', \
     'esteps-vs-em.dat' index 5 using 1:2 with points ls 6 pt 7 ps 0.35 title 'wn-anderson vs wn-em (median ratio 0.013, 20 data sets)', \
     'esteps-vs-em.dat' index 6 using 1:2 with points ls 7 pt 7 ps 0.35 title 'wn-daarem vs wn-em (median ratio 0.035, 20 data sets)', \
     'esteps-vs-em.dat' index 7 using 1:2 with points ls 8 pt 7 ps 0.35 title 'wn-pem vs wn-em (median ratio 0.17, 20 data sets)', \
     'esteps-vs-em.dat' index 8 using 1:2 with points ls 9 pt 7 ps 0.35 title 'wn-qn vs wn-em (median ratio 0.058, 20 data sets)', \
     'esteps-vs-em.dat' index 9 using 1:2 with points ls 10 pt 7 ps 0.35 title 'wn-squarem vs wn-em (median ratio 0.079, 20 data sets)', \
     x with lines lc rgb "#999999" dt 2 title 'y = x (equal E-steps)'
