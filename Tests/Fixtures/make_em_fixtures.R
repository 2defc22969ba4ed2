# Runs R mixtools' normalmixEM on one EM fixture and writes its answer as JSON.
#
#   Rscript Tests/Fixtures/make_em_fixtures.R <fixture.json> <answer.json> [stepTolerance] [maxIterations]
#
# <fixture.json> holds "variance" ("per-component" | "shared"), "k", "data" and
# "start" {"weights", "means", "sds"} (see make_em_fixtures.py, which calls
# this script). <answer.json> receives mixtools' final weights, means and sds
# (ordered by mean ascending), the log-likelihood recomputed here by
# log-sum-exp from those parameters, mixtools' own log-likelihood, the
# iteration count, and the data and start as parsed (so the caller can check
# the parse was exact). Numbers are written with sprintf("%.17g").
#
# Convergence. normalmixEM stops when one iteration raises the log-likelihood
# by less than `epsilon`; near the optimum that change is at the rounding
# level of a sum of ~1e3 while the parameters can still be ~1e-4 (relative)
# from the fixed point when EM is slow. So:
#   stage 1: normalmixEM(..., epsilon = 1e-14, maxit, maxrestarts = 0);
#   stage 2: from stage 1's answer, normalmixEM(..., maxit = 1) again and
#            again (each call is exactly one mixtools iteration from the
#            parameters passed in) until one iteration moves no weight, mean
#            or sd by more than stepTolerance (relative; default 1e-14).
# "iterations" is the total of both stages.
#
# Shared variance. normalmixEM decides arbvar from the length of `sigma`
# (normalmix.init: arbvar <- length(sigma) > 1), overriding the arbvar
# argument, so the shared fit passes a scalar sigma together with
# arbvar = FALSE. It then returns sigma as a length-k vector of one common
# value. (With arbvar = TRUE and k > 1 mixtools 2.0.0 runs its ECM variant:
# parse.constraints gives sd categories 1:k and normalmixEM sets
# ECM <- ECM || any(sdcat != 1). With arbvar = FALSE it updates sigma from
# residuals about the previous iteration's means. Both have the same fixed
# points as plain EM; only the path and the iteration count differ.)

suppressPackageStartupMessages({
  library(jsonlite)
  library(mixtools)
})

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 2) {
  stop("usage: Rscript make_em_fixtures.R <fixture.json> <answer.json> [stepTolerance] [maxIterations]")
}
stepTolerance <- if (length(args) >= 3) as.numeric(args[3]) else 1e-14
maxIterations <- if (length(args) >= 4) as.integer(args[4]) else 100000L

fixture <- fromJSON(args[1], simplifyVector = TRUE)
x <- as.numeric(fixture$data)
k <- as.integer(fixture$k)
shared <- switch(fixture$variance, "per-component" = FALSE, "shared" = TRUE,
                 stop("unknown variance: ", fixture$variance))
startWeights <- as.numeric(fixture$start$weights)
startMeans <- as.numeric(fixture$start$means)
startSDs <- as.numeric(fixture$start$sds)
stopifnot(length(startWeights) == k, length(startMeans) == k, length(startSDs) == k)
if (shared) stopifnot(all(startSDs == startSDs[1]))

# One call of normalmixEM from (lambda, mu, sigma); its console chatter
# ("number of iterations=", "WARNING! NOT CONVERGENT!") is swallowed.
runMixtools <- function(lambda, mu, sigma, epsilon, maxit) {
  sigmaArg <- if (shared) sigma[1] else sigma
  fit <- NULL
  invisible(capture.output(
    fit <- normalmixEM(x, lambda = lambda, mu = mu, sigma = sigmaArg,
                       arbmean = TRUE, arbvar = !shared,
                       epsilon = epsilon, maxit = maxit, maxrestarts = 0)
  ))
  if (length(fit$sigma) != k) stop("mixtools returned ", length(fit$sigma), " sigmas for k = ", k)
  if (shared && any(fit$sigma != fit$sigma[1])) stop("shared fit returned unequal sigmas")
  list(lambda = fit$lambda, mu = fit$mu, sigma = fit$sigma, loglik = fit$loglik,
       iterations = length(fit$all.loglik) - 1L)
}

relativeStep <- function(a, b) {
  max(abs(c(a$lambda, a$mu, a$sigma) - c(b$lambda, b$mu, b$sigma)) /
        abs(c(b$lambda, b$mu, b$sigma)))
}

# Stage 1: mixtools' own stopping rule.
fit <- runMixtools(startWeights, startMeans, startSDs, epsilon = 1e-14, maxit = maxIterations)
iterations <- fit$iterations
stage1 <- fit

# Stage 2: one iteration at a time until the parameters stop moving.
step <- Inf
while (iterations < maxIterations) {
  nextFit <- runMixtools(fit$lambda, fit$mu, fit$sigma, epsilon = 1e-14, maxit = 1L)
  iterations <- iterations + nextFit$iterations
  step <- relativeStep(nextFit, fit)
  fit <- nextFit
  if (step <= stepTolerance) break
}
if (step > stepTolerance) stop("mixtools did not settle within ", maxIterations, " iterations (last step ", step, ")")

# Order components by mean ascending.
o <- order(fit$mu)
weights <- fit$lambda[o]
means <- fit$mu[o]
sds <- fit$sigma[o]

# Log-likelihood by log-sum-exp from the final parameters.
logTerms <- sapply(seq_len(k), function(j) log(weights[j]) + dnorm(x, means[j], sds[j], log = TRUE))
rowMax <- apply(logTerms, 1, max)
logLikelihood <- sum(rowMax + log(rowSums(exp(logTerms - rowMax))))

num <- function(v) sprintf("%.17g", v)
arr <- function(v) paste0("[", paste(num(v), collapse = ", "), "]")
lines <- c(
  "{",
  sprintf('  "tool": "R mixtools %s normalmixEM",', as.character(packageVersion("mixtools"))),
  sprintf('  "rVersion": "%s",', R.version.string),
  sprintf('  "weights": %s,', arr(weights)),
  sprintf('  "means": %s,', arr(means)),
  sprintf('  "sds": %s,', arr(sds)),
  sprintf('  "logLikelihood": %s,', num(logLikelihood)),
  sprintf('  "toolLogLikelihood": %s,', num(fit$loglik)),
  sprintf('  "iterations": %d,', as.integer(iterations)),
  sprintf('  "stage1Iterations": %d,', as.integer(stage1$iterations)),
  sprintf('  "stage1Means": %s,', arr(stage1$mu[order(stage1$mu)])),
  sprintf('  "lastStep": %s,', num(step)),
  sprintf('  "parsedStart": {"weights": %s, "means": %s, "sds": %s},',
          arr(startWeights), arr(startMeans), arr(startSDs)),
  sprintf('  "parsedData": %s', arr(x)),
  "}"
)
writeLines(lines, args[2])
