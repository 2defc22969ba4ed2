# traces.gp — convergence of the log-likelihood, replicate 1 start 1 of the first traced conditions
# Written by emlab. Edit it and re-draw with:  cd plots && gnuplot traces.gp
set encoding utf8
set terminal svg size 900,600 dynamic enhanced font "sans,12" background rgb "white"
# emlab sets OUTPUT to a temporary file and renames it to traces.svg once gnuplot succeeds.
if (!exists("OUTPUT")) OUTPUT = "traces.svg"
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
set xrange [0:*]
set title 'Convergence: |ℓ(final) − ℓ(t)| of replicate 1, start 1, first 11 of 52 traced conditions'
set logscale y
set format y "10^{%T}"
set grid xtics ytics lc rgb "#dddddd"
set xlabel 'iteration t'
set ylabel '|ℓ(final) − ℓ(t)|  (log scale)'
set rmargin at screen 0.519
set key at screen 0.99, graph 1 right top font ",9" spacing 1.1 title 'condition (truth, sampler, n, estimator, init)'
plot 'traces.dat' index 0 using 1:2 with linespoints ls 1 ps 0.5 title '1 doc000 doc000 n=1000 doc000-as-written doc000', \
     'traces.dat' index 1 using 1:2 with linespoints ls 2 ps 0.5 title '2 doc000 doc000 n=1000 doc000-corrected doc000', \
     'traces.dat' index 2 using 1:2 with linespoints ls 3 ps 0.5 title '3 doc000 latent n=1000 doc000-as-written doc000', \
     'traces.dat' index 3 using 1:2 with linespoints ls 4 ps 0.5 title '4 doc000 latent n=1000 doc000-corrected doc000', \
     'traces.dat' index 4 using 1:2 with linespoints ls 5 ps 0.5 title '5 doc001 doc001-curve n=10000 doc001-as-written doc001 [fixed-iterations]', \
     'traces.dat' index 5 using 1:2 with linespoints ls 6 ps 0.5 title '6 doc001 doc001-curve n=10000 doc001-corrected doc001 [fixed-iterations]', \
     'traces.dat' index 6 using 1:2 with linespoints ls 7 ps 0.5 title '7 doc001 doc001-randn n=10000 doc001-as-written doc001 [fixed-iterations]', \
     'traces.dat' index 7 using 1:2 with linespoints ls 8 ps 0.5 title '8 doc001 doc001-randn n=10000 doc001-corrected doc001 [fixed-iterations]', \
     'traces.dat' index 8 using 1:2 with linespoints ls 9 ps 0.5 title '9 doc001 latent n=10000 doc001-as-written doc001 [fixed-iterations]', \
     'traces.dat' index 9 using 1:2 with linespoints ls 10 ps 0.5 title '10 doc001 latent n=10000 doc001-corrected doc001 [fixed-iterations]', \
     'traces.dat' index 10 using 1:2 with linespoints ls 11 ps 0.5 title '11 doc002 fixed n=50 doc002-as-written doc002 [fixed-iterations]'
