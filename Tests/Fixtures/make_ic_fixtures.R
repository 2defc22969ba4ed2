# R mclust's side of the information-criterion fixtures (see make_ic_fixtures.py,
# which calls this script; you need not run it yourself).
#
#   Rscript Tests/Fixtures/make_ic_fixtures.R faithful <out.txt>
#       writes R's faithful$waiting (272 values, R's order) one per line under
#       the header `waiting`.
#   Rscript Tests/Fixtures/make_ic_fixtures.R fit <request.json> <answer.json>
#       for every model of the request ({"data": [...], "models": [{"k",
#       "variance", "start": {"weights", "means", "sds"}}, ...]}) runs mclust's
#       em() from that start ("V" per-component, "E" shared; one component:
#       mvn("X")) and writes, per model, mclust's log-likelihood, the
#       log-likelihood recomputed here by log-sum-exp from mclust's parameters,
#       mclust's BIC (bic(): 2 loglik - p log n, larger is better), mclust's
#       ICL (mclust:::icl.Mclust: BIC + 2 sum_i sum_k C_ik log z_ik, C the MAP
#       hard classification), p (nMclustParams), the parameters (ordered by
#       mean ascending) and the iteration count. Numbers are written with
#       sprintf("%.17g").
#
# Convergence. em() stops when |l - l_old| / (1 + |l|) <= tol[1]. Stage 1
# runs it at tol = 0 (until one iteration changes l by nothing at all); where
# EM is slow the parameters can still creep then (about 1e-6 relative for
# faithful, K = 3), so stage 2 runs one iteration at a time (em() from the
# last answer with itmax = 1) until one moves no parameter by more than
# 1e-14, relative. "iterations" counts both stages.

suppressPackageStartupMessages({
  library(jsonlite)
  library(mclust)
})

args <- commandArgs(trailingOnly = TRUE)
num <- function(v) sprintf("%.17g", v)
arr <- function(v) paste0("[", paste(num(v), collapse = ", "), "]")

if (length(args) == 2 && args[1] == "faithful") {
  writeLines(c("waiting", sprintf("%d", as.integer(faithful$waiting))), args[2])
  quit(status = 0)
}
if (length(args) != 3 || args[1] != "fit") {
  stop("usage: make_ic_fixtures.R faithful <out.txt> | fit <request.json> <answer.json>")
}

request <- fromJSON(args[2], simplifyVector = TRUE, simplifyDataFrame = FALSE)
x <- as.numeric(request$data)
n <- length(x)

logLikelihoodOf <- function(weights, means, sds) {
  terms <- sapply(seq_along(weights), function(j) log(weights[j]) + dnorm(x, means[j], sds[j], log = TRUE))
  terms <- matrix(terms, nrow = n)
  top <- apply(terms, 1, max)
  sum(top + log(rowSums(exp(terms - top))))
}

entries <- character(0)
for (model in request$models) {
  k <- as.integer(model$k)
  shared <- model$variance == "shared"
  start <- model$start
  if (k == 1) {
    fit <- mvn("X", x)
    weights <- 1
    means <- as.numeric(fit$parameters$mean)
    sds <- sqrt(as.numeric(fit$parameters$variance$sigmasq))
    loglik <- fit$loglik
    z <- matrix(1, nrow = n, ncol = 1)
    modelName <- "X"
    iterations <- 0L
  } else {
    modelName <- if (shared) "E" else "V"
    sigmasq <- as.numeric(start$sds)^2
    if (shared) sigmasq <- sigmasq[1]
    parameters <- list(pro = as.numeric(start$weights), mean = as.numeric(start$means),
                       variance = list(modelName = modelName, d = 1L, G = k, sigmasq = sigmasq))
    runEM <- function(parameters, tol, itmax) {
      fit <- em(data = x, modelName = modelName, parameters = parameters,
                control = emControl(tol = c(tol, tol), itmax = c(itmax, itmax)), warn = FALSE)
      if (is.na(fit$loglik)) stop("mclust em returned NA for k = ", k, " ", model$variance)
      fit
    }
    flat <- function(fit) c(fit$parameters$pro, fit$parameters$mean, fit$parameters$variance$sigmasq)
    # Stage 1: mclust's rule at tol = 0 (stops when one iteration leaves l unchanged).
    # attr(, "info")[1] is the iteration count, negated when em() hit itmax
    # (always in stage 2, whose calls run exactly itmax = 1 iteration).
    fit <- runEM(parameters, 0, 200000L)
    iterations <- abs(as.integer(attr(fit, "info")[1]))
    # Stage 2: l can stop changing while slow parameters still creep, so run
    # one iteration at a time (itmax = 1) until one moves no parameter by more
    # than 1e-14, relative.
    repeat {
      nextFit <- runEM(fit$parameters, 0, 1L)
      iterations <- iterations + abs(as.integer(attr(nextFit, "info")[1]))
      step <- max(abs(flat(nextFit) - flat(fit)) / abs(flat(fit)))
      fit <- nextFit
      if (step <= 1e-14) break
      if (iterations > 2000000L) stop("mclust did not settle for k = ", k, " ", model$variance)
    }
    weights <- as.numeric(fit$parameters$pro)
    means <- as.numeric(fit$parameters$mean)
    sds <- sqrt(rep_len(as.numeric(fit$parameters$variance$sigmasq), k))
    loglik <- fit$loglik
    z <- fit$z
  }
  p <- nMclustParams(modelName, d = 1, G = k)
  bicValue <- bic(modelName, loglik, n, 1, k)
  iclValue <- mclust:::icl.Mclust(list(n = n, z = z, bic = bicValue))
  o <- order(means)
  entries <- c(entries, paste0(
    "{", sprintf('"k": %d, "variance": "%s", "modelName": "%s", ', k, model$variance, modelName),
    sprintf('"logLikelihood": %s, "toolLogLikelihood": %s, ', num(logLikelihoodOf(weights, means, sds)), num(loglik)),
    sprintf('"parameters": %d, "bic": %s, "icl": %s, ', as.integer(p), num(bicValue), num(iclValue)),
    sprintf('"weights": %s, "means": %s, "sds": %s, "iterations": %d', arr(weights[o]), arr(means[o]), arr(sds[o]), iterations),
    "}"))
}
lines <- c("{",
           sprintf('  "tool": "R mclust %s em()",', as.character(packageVersion("mclust"))),
           sprintf('  "rVersion": "%s",', R.version.string),
           sprintf('  "parsedData": %s,', arr(x)),
           '  "models": [',
           paste0("    ", entries, collapse = ",\n"),
           "  ]", "}")
writeLines(lines, args[3])
