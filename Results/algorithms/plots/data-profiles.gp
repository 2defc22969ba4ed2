# data-profiles.gp — data profiles (Moré & Wild 2009): fraction of each estimator's fits solved — no failError, failNotConverged or failWorse (within 1e-6·max(1, |ℓ_ref|) of the reference maximum) — against E-steps, per condition group
# Written by emlab. Edit it and re-draw with:  cd plots && gnuplot data-profiles.gp
set encoding utf8
set terminal svg size 900,600 dynamic enhanced font "sans,12" background rgb "white"
# emlab sets OUTPUT to a temporary file and renames it to data-profiles.svg once gnuplot succeeds.
if (!exists("OUTPUT")) OUTPUT = "data-profiles.svg"
set output OUTPUT
set terminal svg size 900,1290 dynamic enhanced font "sans,11" background rgb "white"
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
set multiplot layout 4,3 title 'Data profiles: fraction of fits solved within t E-steps (failures never solved) — first 12 of 62 condition groups drawn' font ",13"
set logscale x
set format x "10^{%L}"
set yrange [0:1.05]
set ytics 0, 0.25, 1
set grid lc rgb "#dddddd"
set xlabel 'E-steps t' offset 0,0.5
set ylabel 'fraction solved' offset 1,0
set key bottom right font ",8" samplen 1.5 spacing 0.9
set title 'd1-w50 n=100 quantile' font ",10"
plot 'data-profiles.dat' index 0 using 1:2 with steps ls 1 title 'anderson', \
     'data-profiles.dat' index 1 using 1:2 with steps ls 2 title 'daarem', \
     'data-profiles.dat' index 2 using 1:2 with steps ls 3 title 'em', \
     'data-profiles.dat' index 3 using 1:2 with steps ls 4 title 'pem', \
     'data-profiles.dat' index 4 using 1:2 with steps ls 5 title 'qn', \
     'data-profiles.dat' index 5 using 1:2 with steps ls 6 title 'squarem'
set title 'd1-w50 n=100 far' font ",10"
plot 'data-profiles.dat' index 6 using 1:2 with steps ls 1 title 'anderson', \
     'data-profiles.dat' index 7 using 1:2 with steps ls 2 title 'daarem', \
     'data-profiles.dat' index 8 using 1:2 with steps ls 3 title 'em', \
     'data-profiles.dat' index 9 using 1:2 with steps ls 4 title 'pem', \
     'data-profiles.dat' index 10 using 1:2 with steps ls 5 title 'qn', \
     'data-profiles.dat' index 11 using 1:2 with steps ls 6 title 'squarem'
set title 'd1-w20 n=100 quantile' font ",10"
plot 'data-profiles.dat' index 12 using 1:2 with steps ls 1 title 'anderson', \
     'data-profiles.dat' index 13 using 1:2 with steps ls 2 title 'daarem', \
     'data-profiles.dat' index 14 using 1:2 with steps ls 3 title 'em', \
     'data-profiles.dat' index 15 using 1:2 with steps ls 4 title 'pem', \
     'data-profiles.dat' index 16 using 1:2 with steps ls 5 title 'qn', \
     'data-profiles.dat' index 17 using 1:2 with steps ls 6 title 'squarem'
set title 'd1-w20 n=100 far' font ",10"
plot 'data-profiles.dat' index 18 using 1:2 with steps ls 1 title 'anderson', \
     'data-profiles.dat' index 19 using 1:2 with steps ls 2 title 'daarem', \
     'data-profiles.dat' index 20 using 1:2 with steps ls 3 title 'em', \
     'data-profiles.dat' index 21 using 1:2 with steps ls 4 title 'pem', \
     'data-profiles.dat' index 22 using 1:2 with steps ls 5 title 'qn', \
     'data-profiles.dat' index 23 using 1:2 with steps ls 6 title 'squarem'
set title 'd1p5-w50 n=100 quantile' font ",10"
plot 'data-profiles.dat' index 24 using 1:2 with steps ls 1 title 'anderson', \
     'data-profiles.dat' index 25 using 1:2 with steps ls 2 title 'daarem', \
     'data-profiles.dat' index 26 using 1:2 with steps ls 3 title 'em', \
     'data-profiles.dat' index 27 using 1:2 with steps ls 4 title 'pem', \
     'data-profiles.dat' index 28 using 1:2 with steps ls 5 title 'qn', \
     'data-profiles.dat' index 29 using 1:2 with steps ls 6 title 'squarem'
set title 'd1p5-w50 n=100 far' font ",10"
plot 'data-profiles.dat' index 30 using 1:2 with steps ls 1 title 'anderson', \
     'data-profiles.dat' index 31 using 1:2 with steps ls 2 title 'daarem', \
     'data-profiles.dat' index 32 using 1:2 with steps ls 3 title 'em', \
     'data-profiles.dat' index 33 using 1:2 with steps ls 4 title 'pem', \
     'data-profiles.dat' index 34 using 1:2 with steps ls 5 title 'qn', \
     'data-profiles.dat' index 35 using 1:2 with steps ls 6 title 'squarem'
set title 'd1p5-w20 n=100 quantile' font ",10"
plot 'data-profiles.dat' index 36 using 1:2 with steps ls 1 title 'anderson', \
     'data-profiles.dat' index 37 using 1:2 with steps ls 2 title 'daarem', \
     'data-profiles.dat' index 38 using 1:2 with steps ls 3 title 'em', \
     'data-profiles.dat' index 39 using 1:2 with steps ls 4 title 'pem', \
     'data-profiles.dat' index 40 using 1:2 with steps ls 5 title 'qn', \
     'data-profiles.dat' index 41 using 1:2 with steps ls 6 title 'squarem'
set title 'd1p5-w20 n=100 far' font ",10"
plot 'data-profiles.dat' index 42 using 1:2 with steps ls 1 title 'anderson', \
     'data-profiles.dat' index 43 using 1:2 with steps ls 2 title 'daarem', \
     'data-profiles.dat' index 44 using 1:2 with steps ls 3 title 'em', \
     'data-profiles.dat' index 45 using 1:2 with steps ls 4 title 'pem', \
     'data-profiles.dat' index 46 using 1:2 with steps ls 5 title 'qn', \
     'data-profiles.dat' index 47 using 1:2 with steps ls 6 title 'squarem'
set title 'd2-w50 n=100 quantile' font ",10"
plot 'data-profiles.dat' index 48 using 1:2 with steps ls 1 title 'anderson', \
     'data-profiles.dat' index 49 using 1:2 with steps ls 2 title 'daarem', \
     'data-profiles.dat' index 50 using 1:2 with steps ls 3 title 'em', \
     'data-profiles.dat' index 51 using 1:2 with steps ls 4 title 'pem', \
     'data-profiles.dat' index 52 using 1:2 with steps ls 5 title 'qn', \
     'data-profiles.dat' index 53 using 1:2 with steps ls 6 title 'squarem'
set title 'd2-w50 n=100 far' font ",10"
plot 'data-profiles.dat' index 54 using 1:2 with steps ls 1 title 'anderson', \
     'data-profiles.dat' index 55 using 1:2 with steps ls 2 title 'daarem', \
     'data-profiles.dat' index 56 using 1:2 with steps ls 3 title 'em', \
     'data-profiles.dat' index 57 using 1:2 with steps ls 4 title 'pem', \
     'data-profiles.dat' index 58 using 1:2 with steps ls 5 title 'qn', \
     'data-profiles.dat' index 59 using 1:2 with steps ls 6 title 'squarem'
set title 'd2-w20 n=100 quantile' font ",10"
plot 'data-profiles.dat' index 60 using 1:2 with steps ls 1 title 'anderson', \
     'data-profiles.dat' index 61 using 1:2 with steps ls 2 title 'daarem', \
     'data-profiles.dat' index 62 using 1:2 with steps ls 3 title 'em', \
     'data-profiles.dat' index 63 using 1:2 with steps ls 4 title 'pem', \
     'data-profiles.dat' index 64 using 1:2 with steps ls 5 title 'qn', \
     'data-profiles.dat' index 65 using 1:2 with steps ls 6 title 'squarem'
set title 'd2-w20 n=100 far' font ",10"
plot 'data-profiles.dat' index 66 using 1:2 with steps ls 1 title 'anderson', \
     'data-profiles.dat' index 67 using 1:2 with steps ls 2 title 'daarem', \
     'data-profiles.dat' index 68 using 1:2 with steps ls 3 title 'em', \
     'data-profiles.dat' index 69 using 1:2 with steps ls 4 title 'pem', \
     'data-profiles.dat' index 70 using 1:2 with steps ls 5 title 'qn', \
     'data-profiles.dat' index 71 using 1:2 with steps ls 6 title 'squarem'
unset multiplot
