#!/usr/bin/env bash
# Builds one SDMX-CSV file of exactly 1,000,000 observations of THB_VICT from `rapporteur stats synth`, for
# timing `stats validate` and `stats import` against pandas.read_csv (bench/stats/pandas_read.py).
#
# Usage: bench/stats/make-million.sh [OUT]     (default target/bench/stats/million.csv)
# Environment: BIN (default the release build of this checkout), ROWS (default 1000000), SEED (default 1).
#
# `synth --detail full` writes every cell of the cross-classification: 23,760 a country and year. Two years
# (2023-2024) for the 27 Member States give 48 country-years with seed 1 (about one in twenty is left out on
# purpose, as late reporting is); the victims files are joined in country order under one header and cut at
# ROWS data rows: 42 whole country-years and the first 2,080 rows of a 43rd, 123 MB. Every row stays valid
# (a table cut short is a partial cross-classification, which submissions may be), and every figure is
# labelled synthetic.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-target/bench/stats/million.csv}"
rows="${ROWS:-1000000}"
seed="${SEED:-1}"
if [ -z "${BIN:-}" ]; then
  cargo build --release -p rapporteur
  BIN="${CARGO_TARGET_DIR:-target}/release/rapporteur"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$BIN" stats synth --seed "$seed" --years 2023-2024 --detail full --out "$work" >&2
mkdir -p "$(dirname "$out")"
files=("$work"/synthetic-THB_VICT-*.csv)
{
  head -n 1 "${files[0]}"
  for file in "${files[@]}"; do tail -n +2 "$file"; done
} | awk -v last="$((rows + 1))" 'NR <= last' > "$out"    # awk reads to the end: no broken pipe
have=$(($(wc -l < "$out") - 1))
if [ "$have" -ne "$rows" ]; then
  echo "only $have data rows could be made (asked for $rows)" >&2
  exit 1
fi
echo "$out: $have observations, $(du -m "$out" | cut -f1) MB" >&2
