# esteps.gp — median E-steps of each accelerated estimator against its plain-EM twin
# Written by emlab. Edit it and re-draw with:  cd plots && gnuplot esteps.gp
set encoding utf8
set terminal svg size 900,600 dynamic enhanced font "sans,12" background rgb "white"
# emlab sets OUTPUT to a temporary file and renames it to esteps.svg once gnuplot succeeds.
if (!exists("OUTPUT")) OUTPUT = "esteps.svg"
set output OUTPUT
set style line 1 lc rgb "#1f77b4" lw 1.5 pt 7 ps 0.8 dt 1
set style line 2 lc rgb "#ff7f0e" lw 1.5 pt 5 ps 0.8 dt 1
set style line 3 lc rgb "#2ca02c" lw 1.5 pt 9 ps 0.8 dt 1
set title "E-steps: plain EM against its accelerated twin (medians per truth × n)"
set xlabel 'plain EM, median E-steps'
set ylabel 'accelerated, median E-steps'
set logscale xy
set format x "10^{%L}"
set format y "10^{%L}"
set size square
set grid lc rgb "#dddddd"
set key outside right top font ",10"
plot 'esteps.dat' index 0 using 1:2 with points ls 1 pt 7 ps 0.7 title 'squarem-aitken vs em-aitken', \
     'esteps.dat' index 1 using 1:2 with points ls 2 pt 7 ps 0.7 title 'squarem-loglik vs em-loglik', \
     'esteps.dat' index 2 using 1:2 with points ls 3 pt 7 ps 0.7 title 'sym-squarem vs sym-em', \
     x with lines lc rgb "#999999" dt 2 title 'equal E-steps'
