# traces.gp — convergence of the log-likelihood, replicate 1 start 1 of the first traced conditions
# Written by emlab. Edit it and re-draw with:  cd plots && gnuplot traces.gp
set encoding utf8
set terminal svg size 900,600 dynamic enhanced font "sans,12" background rgb "white"
# emlab sets OUTPUT to a temporary file and renames it to traces.svg once gnuplot succeeds.
if (!exists("OUTPUT")) OUTPUT = "traces.svg"
set output OUTPUT
set title 'Convergence: |ℓ(final) − ℓ(t)| of replicate 1, start 1'
set xrange [0:1]
set yrange [0:1]
unset xtics
unset ytics
unset key
set label 1 'no traces in traces.csv (set traces = N in the experiment)' at graph 0.5, graph 0.5 center
plot -1 notitle
