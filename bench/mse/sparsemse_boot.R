# Usage: Rscript sparsemse_boot.R FILE.csv [NBOOT=1000] [SEED=1234]
# SparseMSE stepwise fit (threshold 0.02); with NBOOT > 0 also its BCa bootstrap.
suppressMessages(library(SparseMSE))
a <- commandArgs(trailingOnly = TRUE)
nboot <- if (length(a) > 1) as.integer(a[2]) else 1000L
seed <- if (length(a) > 2) as.integer(a[3]) else 1234L
z <- read.csv(a[1])
t0 <- proc.time()[["elapsed"]]
if (nboot > 0) {
  r <- estimatepopulation(z, nboot = nboot, pthresh = 0.02, iseed = seed,
                          alpha = c(0.025, 0.05, 0.95, 0.975))
  est <- r$popest; fit <- r$MSEfit$fit
} else {
  r <- estimatepopulation.0(z, method = "stepwise", quantiles = c(0.025, 0.975))
  est <- r$estimate; fit <- r$MSEfit$fit
}
cf <- coef(fit)
cat("file:", basename(a[1]), " nboot:", nboot, " seed:", seed, "\n")
cat("model:", paste(grep(":", names(cf), value = TRUE), collapse = " "), "\n")
cat("estimate:", format(est, nsmall = 2), "\n")
if (nboot > 0) {
  cat("ahat:", r$ahat, " z0:", qnorm(mean(r$bootreps < r$popest)), "\n")
  cat("BCa:\n"); print(r$BCaquantiles)
  cat("bootreps: mean", mean(r$bootreps), " sd", sd(r$bootreps), "\n")
}
cat("elapsed_s:", proc.time()[["elapsed"]] - t0, "\n")
