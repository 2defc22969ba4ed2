# defaults.R — mclust at its defaults on Old Faithful's waiting times, timed
# in-process (Benchmarks/defaults.sh runs it beside `emlab select`).
#
#     Rscript Benchmarks/defaults.R [reps]
#
# Prints one line per task: name, median seconds over the repetitions, and
# what mclust chose (the best BIC model; the LRT's sequential choice).
suppressMessages(library(mclust))
args <- commandArgs(trailingOnly = TRUE)
reps <- if (length(args) > 0) as.integer(args[1]) else 21
x <- faithful$waiting
median_time <- function(f, n) {
  f()  # warm-up
  median(sapply(seq_len(n), function(i) system.time(f())[["elapsed"]]))
}
select_time <- median_time(function() Mclust(x, G = 1:4, modelNames = c("E", "V"), verbose = FALSE), reps)
m <- Mclust(x, G = 1:4, modelNames = c("E", "V"), verbose = FALSE)
cat(sprintf("mclust-select %.6f %s,%d %.6f\n", select_time, m$modelName, m$G, max(m$BIC, na.rm = TRUE)))
set.seed(1)
lrt_time <- median_time(function() mclustBootstrapLRT(x, modelName = "V", nboot = 99, maxG = 3, verbose = FALSE),
                        max(3, reps %/% 4))
lrt <- mclustBootstrapLRT(x, modelName = "V", nboot = 99, maxG = 3, verbose = FALSE)
cat(sprintf("mclust-lrt %.6f p=%s\n", lrt_time, paste(format(lrt$p.value, digits = 3), collapse = ",")))
