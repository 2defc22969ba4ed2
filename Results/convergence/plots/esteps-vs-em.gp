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
set title "E-steps per data set: each scheme against plain EM (same data, same start)"
set xlabel 'plain EM, E-steps'
set ylabel 'scheme, E-steps'
set logscale xy
set format x "10^{%L}"
set format y "10^{%L}"
set xrange [2:1500003]
set yrange [2:1500003]
set size square
set grid lc rgb "#dddddd"
set key outside right top font ",9"
plot 'esteps-vs-em.dat' index 0 using 1:2 with points ls 1 pt 7 ps 0.35 title 'squarem-aitken vs em-aitken (median ratio 0.18, 13500 data sets)', \
     'esteps-vs-em.dat' index 1 using 1:2 with points ls 2 pt 7 ps 0.35 title 'squarem-loglik vs em-loglik (median ratio 0.19, 13500 data sets)', \
     'esteps-vs-em.dat' index 2 using 1:2 with points ls 3 pt 7 ps 0.35 title 'sym-squarem vs sym-em (median ratio 0.75, 1400 data sets)', \
     x with lines lc rgb "#999999" dt 2 title 'y = x (equal E-steps)'
