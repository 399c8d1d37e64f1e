#!/usr/bin/env bash
# How adding projects scales: `demo-content` into a fresh store for each size, timed with /usr/bin/time.
#
# Usage: bench/demo_content.sh [SIZES...]        (default: 10000 100000 1000000)
# Environment: BIN (default the release build), OUT (default target/bench/demo-content).
# Prints, per size, the seconds, the microseconds a project and the peak memory; a linear write path keeps
# the microseconds a project flat as the store grows.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 1000000)
out="${OUT:-target/bench/demo-content}"
if [ -z "${BIN:-}" ]; then
  cargo build --release -p rapporteur
  BIN="${CARGO_TARGET_DIR:-target}/release/rapporteur"
fi
mkdir -p "$out"
printf '| projects | seconds | µs a project | peak memory |\n|---:|---:|---:|---:|\n'
for n in "${sizes[@]}"; do
  dir="$out/$n"
  rm -rf "$dir"
  /usr/bin/time -f '%e %M' -o "$out/time-$n.txt" "$BIN" demo-content --projects "$n" --data-dir "$dir" > "$out/log-$n.txt" 2>&1
  read -r seconds kb < "$out/time-$n.txt"
  printf '| %s | %s | %s | %s MB |\n' "$n" "$seconds" "$(echo "scale=0; $seconds * 1000000 / $n" | bc)" "$((kb / 1024))"
done
