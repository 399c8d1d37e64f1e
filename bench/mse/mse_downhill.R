# Usage: Rscript mse_downhill.R FILE.csv [NBOOT=1000] [MAXORDER=nlists-1] [SEED=1234]
# MultipleSystemsEstimation's downhill BIC search (2024, Section 5.2, main-effects start)
# repeated in each multinomial resample; BCa from its jackknife acceleration.
suppressMessages(library(MultipleSystemsEstimation))
mse <- asNamespace("MultipleSystemsEstimation")
a <- commandArgs(trailingOnly = TRUE)
z <- read.csv(a[1]); t <- ncol(z) - 1
nboot <- if (length(a) > 1) as.integer(a[2]) else 1000L
mo <- if (length(a) > 2) as.integer(a[3]) else t - 1L
seed <- if (length(a) > 3) as.integer(a[4]) else 1234L
t0 <- proc.time()[["elapsed"]]
fit <- mse$downhill_fit(z[, t + 1], z[, 1:t], maxorder = mo, verbose = TRUE)
est <- fit$minimum_value[["abundance"]]
cat("file:", basename(a[1]), " nboot:", nboot, " maxorder:", mo, "\n")
cat("model:", fit$optimum_hierarchy, " BIC:", fit$minimum_value[["BIC"]], " estimate:", est,
    " models visited:", length(fit$hierarchies_considered), "\n")
if (nboot > 0) {
  boot <- mse$downhill_bootstrapcal(z, nboot = nboot, iseed = seed, maxorder = mo)
  ahat <- mse$downhill_jackknifecal(z, maxorder = mo)
  cat("ahat:", ahat, " failed resamples:", sum(!is.finite(boot)), "\nBCa:\n")
  print(mse$bcaconfvalues(boot, est, ahat, c(0.025, 0.1, 0.9, 0.975)))
}
cat("elapsed_s:", proc.time()[["elapsed"]] - t0, "\n")
