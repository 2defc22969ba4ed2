# Fixtures for EMLab's MAP-EM under mclust's default conjugate prior
# (Tests/EMLabTests/RemedyTests.swift reads mclust-prior.json).
#
# For each data set, model ("V": a variance per component, "E": one shared)
# and G, mclust fits Mclust(x, G, modelNames, prior = priorControl()) with a
# tolerance tight enough that EM sits at its fixed point. mclust's own start
# in 1-D is z0 = unmap(mclust:::qclass(x, G)) (R/mclust.R, mclustBIC: `cl <- qclass(data, g)`),
# and its EM begins with an M-step from z0; the fixture's `start` is that
# M-step's parameters (mstep with the same prior), so EMLab, starting there
# with an E-step, follows mclust's sequence.
#
# Run from the package root:  Rscript Tests/Fixtures/remedies/make_mclust_prior_fixtures.R
suppressPackageStartupMessages({ library(mclust); library(MASS) })
dir <- "Tests/Fixtures/remedies"
waiting <- scan("Tests/Fixtures/faithful-waiting.txt", skip = 1, quiet = TRUE)
galaxies <- as.numeric(MASS::galaxies)
writeLines(sprintf("%.17g", galaxies), file.path(dir, "galaxies.txt"))
document002 <- scan(file.path(dir, "document002.txt"), quiet = TRUE)
sets <- list(
  list(name = "faithful", x = waiting, G = c(2, 3)),
  list(name = "galaxies", x = galaxies, G = c(3, 4)),
  list(name = "document002", x = document002, G = c(3)))
control <- emControl(tol = c(1e-15, sqrt(.Machine$double.eps)), itmax = c(200000, 200000))
num <- function(v) paste0("[", paste(sprintf("%.17g", v), collapse = ", "), "]")
entries <- c()
for (set in sets) for (G in set$G) for (model in c("V", "E")) {
  x <- set$x
  fit <- Mclust(x, G = G, modelNames = model, prior = priorControl(), control = control, verbose = FALSE)
  z0 <- unmap(mclust:::qclass(x, G))
  first <- mstep(modelName = model, data = x, z = z0, prior = priorControl())$parameters
  startSD <- sqrt(rep_len(first$variance$sigmasq, G))
  noPrior <- Mclust(x, G = G, modelNames = model, verbose = FALSE)
  hyper <- defaultPrior(x, G, model)
  p <- fit$parameters
  entries <- c(entries, paste0(
    "    {\"data\": \"", set$name, "\", \"model\": \"", model, "\", \"G\": ", G,
    ", \"n\": ", length(x),
    ",\n     \"prior\": {\"shrinkage\": ", sprintf("%.17g", hyper$shrinkage), ", \"mean\": ", sprintf("%.17g", hyper$mean),
    ", \"dof\": ", sprintf("%.17g", hyper$dof), ", \"scale\": ", sprintf("%.17g", hyper$scale), "}",
    ",\n     \"start\": {\"weights\": ", num(first$pro), ", \"means\": ", num(first$mean), ", \"sds\": ", num(startSD), "}",
    ",\n     \"weights\": ", num(p$pro), ", \"means\": ", num(p$mean),
    ", \"sds\": ", num(sqrt(rep_len(p$variance$sigmasq, G))),
    ",\n     \"loglik\": ", sprintf("%.17g", fit$loglik), ", \"bic\": ", sprintf("%.17g", fit$bic),
    ", \"parameters\": ", nMclustParams(model, 1, G),
    ", \"iterations\": ", if (is.null(fit$iterations)) "null" else fit$iterations,
    ", \"bicWithoutPrior\": ", if (is.null(noPrior) || is.na(noPrior$bic)) "null" else sprintf("%.17g", noPrior$bic), "}"))
}
writeLines(c(
  "{",
  paste0("  \"tool\": \"R ", R.version$major, ".", R.version$minor, ", mclust ", packageVersion("mclust"), "\","),
  "  \"fits\": [",
  paste(entries, collapse = ",\n"),
  "  ]",
  "}"), file.path(dir, "mclust-prior.json"))
