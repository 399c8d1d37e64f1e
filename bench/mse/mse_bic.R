# Usage: Rscript mse_bic.R FILE.csv [NBOOT=0] [SEED=1234]
# MultipleSystemsEstimation: BIC search over all hierarchical models (default maxorder:
# 2 for 3 lists, 3 for 4-5 lists); NBOOT > 0 adds the 2024 ntop bootstrap (BCa).
suppressMessages(library(MultipleSystemsEstimation))
a <- commandArgs(trailingOnly = TRUE)
nboot <- if (length(a) > 1) as.integer(a[2]) else 0L
seed <- if (length(a) > 2) as.integer(a[3]) else 1234L
z <- read.csv(a[1])
t0 <- proc.time()[["elapsed"]]
r <- estimate_population_bic(z, nboot = nboot, iseed = seed)
el <- proc.time()[["elapsed"]] - t0
res <- r$bic_results$res
cat("file:", basename(a[1]), " nboot:", nboot, " models fitted (existing):", nrow(res), "\n")
cat("model:", r$model, " BIC:", r$BIC, " estimate:", r$popest, "\n")
# interval conditional on the chosen model: observed + exp(b0 +- 1.96 se(b0))
mse <- asNamespace("MultipleSystemsEstimation")
f <- mse$fit_hier_model(mse$ingest_data(z), r$model)
se <- sqrt(chol2inv(qr.R(f$qr))[1, 1])
cat("cond95:", sum(z[, ncol(z)]) + exp(f$coefficients[[1]] + c(-1, 1) * qnorm(0.975) * se), "\n")
cat("top models by BIC:\n"); print(head(res, 5))
if (nboot > 0) {
  q <- r$BCaquantiles
  cat("BCa, best model only:\n"); print(q[1, ])
  cat("BCa, selection among all", nrow(q), "top models:\n"); print(q[nrow(q), ])
}
cat("elapsed_s:", el, "\n")
