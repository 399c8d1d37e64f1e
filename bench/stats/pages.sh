#!/usr/bin/env bash
# The public statistics pages against a project page, served by the same release build, with wrk.
#
# Usage: bench/stats/pages.sh          (needs wrk: apt-get install wrk)
# Environment: BIN (default the release build of this checkout), DURATION (wrk's -d, default 10s), ROUNDS
# (default 3), CONNECTIONS (default 64), PORT (default 18181).
#
# Fills a fresh SQLite store with the synthetic national figures of 27 Member States × 2008-2024 at the detail
# countries report (`stats synth`, then `stats import --publish`: 858 tables, 104,650 figures) beside the
# bundled projects, starts `rapporteur serve` and measures, for each page, ROUNDS runs of
# `wrk -t2 -cCONNECTIONS -dDURATION --latency` and gives the median requests a second and its ratio to the
# project page's. Warm: the same address again and again, answered from the server's kept pages. Uncached:
# every request another address (bench/distinct.lua adds a counter `r`), so every one is built anew, at
# CONNECTIONS and at 8 connections. The first request of each page after start-up is timed with curl too.
# Writes wrk's reports and the table to target/bench/stats/pages/.
set -euo pipefail
cd "$(dirname "$0")/../.."
duration="${DURATION:-10s}"
rounds="${ROUNDS:-3}"
connections="${CONNECTIONS:-64}"
port="${PORT:-18181}"
out=target/bench/stats/pages
data="$out/data"
if [ -z "${BIN:-}" ]; then
  cargo build --release -p rapporteur
  BIN="${CARGO_TARGET_DIR:-target}/release/rapporteur"
fi
rm -rf "$out"
mkdir -p "$out"
"$BIN" stats synth --seed 1 --years 2008-2024 --out "$out/synth" > /dev/null
"$BIN" stats import "$out"/synth/*.csv --publish --data-dir "$data" > "$out/import.log" 2>&1
"$BIN" serve --data-dir "$data" --addr "127.0.0.1:$port" > "$out/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 300); do curl -sf "$base/healthz" > /dev/null && break; sleep 1; done
project="/projects/$(curl -sf "$base/api/v1/projects" | sed -n 's/^{"items":\[{"slug":"\([^"]*\)".*/\1/p')"
# name|warm address|uncached pattern (bench/distinct.lua)
targets=(
  "project page|$project|$project?r={r}"
  "EU statistics page|/statistics|/statistics?r={r}"
  "national statistics page|/statistics/de|/statistics/de?r={r}"
  "THB_VICT as JSON-stat (API)|/api/v1/stats/THB_VICT?format=json-stat|/api/v1/stats/THB_VICT?format=json-stat&r={r}"
)
{
  echo "| page | first request | bytes |"
  echo "|---|---:|---:|"
  for t in "${targets[@]}"; do
    IFS='|' read -r name path _ <<< "$t"
    curl -s -o /dev/null -w "| $name (\`$path\`) | %{time_total} s | %{size_download} |\n" "$base$path"
  done
} > "$out/first.md"

rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
p99() { awk '$1=="99%" {print $2}' "$1"; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
run() { # kind connections name path-or-pattern -> median req/s and the last p99
  local kind=$1 conns=$2 name=$3 path=$4 slug values=() report
  slug=$(echo "$kind-$conns-$name" | tr -c 'a-zA-Z0-9' '-')
  for r in $(seq 1 "$rounds"); do
    report="$out/wrk-$slug-$r.txt"
    if [ "$kind" = warm ]; then
      wrk -t2 -c"$conns" -d"$duration" --latency "$base$path" > "$report"
    else
      PATTERN="$path" N=1 wrk -t2 -c"$conns" -d"$duration" --latency -s bench/distinct.lua "$base" > "$report"
    fi
    values+=("$(rps "$report")")
  done
  echo "$(printf '%s\n' "${values[@]}" | median) $(p99 "$report")"
}
{
  echo "| page | kind | connections | req/s | p99 | / project page |"
  echo "|---|---|---:|---:|---:|---:|"
} > "$out/summary.md"
for kind_conns in "warm $connections" "uncached $connections" "uncached 8"; do
  read -r kind conns <<< "$kind_conns"
  reference=""
  for t in "${targets[@]}"; do
    IFS='|' read -r name path pattern <<< "$t"
    [ "$kind" = warm ] && what="$path" || what="$pattern"
    read -r value latency <<< "$(run "$kind" "$conns" "$name" "$what")"
    [ -n "$reference" ] || reference="$value"
    echo "| $name (\`$what\`) | $kind | $conns | $value | $latency | $(echo "scale=3; $value / $reference" | bc) |" >> "$out/summary.md"
  done
done
echo "server resident memory at the end: $(($(awk '/VmRSS/ {print $2}' "/proc/$server/status") / 1024)) MB" >> "$out/summary.md"
cat "$out/first.md" "$out/summary.md"
