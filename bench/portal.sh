#!/usr/bin/env bash
# The portal against nginx serving the same pages as static files, side by side in one run, with wrk.
#
# Usage: bench/portal.sh [PROJECTS]        (default 100000; needs wrk and nginx: apt-get install wrk nginx)
# Environment: DURATION (wrk's -d, default 10s), ROUNDS (default 3), CONNECTIONS (default 64), BIN (default the
# release build of this checkout).
#
# Warm pages: each is saved once and nginx serves the copy; then nginx and the portal are asked in turn,
# ROUNDS times each, and the table gives the medians and the ratio of the medians (pairs taken in turn hold
# when the machine's speed drifts). Uncached pages: every request asks for another address (bench/distinct.lua),
# so no kept page answers; they have no static twin, and are given at CONNECTIONS and at 8 connections.
# Writes wrk's reports to target/bench/ and the table to target/bench/summary.md.
set -euo pipefail
cd "$(dirname "$0")/.."
projects="${1:-100000}"
duration="${DURATION:-10s}"
rounds="${ROUNDS:-3}"
connections="${CONNECTIONS:-64}"
out=target/bench
data="$out/data-$projects"
port=18081
nginx_port=18090
mkdir -p "$out"

if [ -z "${BIN:-}" ]; then
  cargo build --release -p rapporteur
  BIN="${CARGO_TARGET_DIR:-target}/release/rapporteur"
fi
bin="$BIN"
if [ ! -f "$data/rapporteur.sqlite3" ]; then
  start=$(date +%s.%N)
  "$bin" demo-content --projects "$projects" --data-dir "$data"
  echo "demo-content --projects $projects: $(echo "$(date +%s.%N) - $start" | bc) s" | tee "$out/demo-content-$projects.txt"
fi

"$bin" serve --data-dir "$data" --addr "127.0.0.1:$port" > "$out/serve.log" 2>&1 &
server=$!
root="$out/nginx"
cleanup() { kill "$server" 2>/dev/null || true; [ -f "$root/nginx.pid" ] && kill "$(cat "$root/nginx.pid")" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")

base="http://127.0.0.1:$port"
project="/projects/synthetic-$((projects / 2))"
filtered="/projects?programme=SYNTHETIC&country=DE&sort=-budget"
# Each warm target: a name, the portal's address, and the file nginx serves a copy of it as.
targets=(
  "project page|$project|project.html"
  "project list, first page|/projects|list.html"
  "home page|/|home.html"
  "filtered project list|$filtered|filtered.html"
  "search, a word in every project|/search?q=trafficking|search.html"
  "project (JSON API)|/api/v1/projects/synthetic-$((projects / 2))|project.json"
)
rm -rf "$root"
mkdir -p "$root/static" "$root/logs"
for t in "${targets[@]}"; do
  IFS='|' read -r _ path file <<< "$t"
  curl -sf "$base$path" > "$root/static/$file"
done
nginx -p "$PWD/$root" -c "$PWD/bench/nginx.conf"
sleep 1

# wrk's requests per second and p99 latency for one run.
measure() { # label url connections [script pattern n]
  local label=$1 url=$2 conns=$3 report="$out/wrk-$1.txt"
  if [ $# -gt 3 ]; then
    PATTERN="$4" N="$5" wrk -t2 -c"$conns" -d"$duration" --latency -s bench/distinct.lua "$url" > "$report"
  else
    wrk -t2 -c"$conns" -d"$duration" --latency "$url" > "$report"
  fi
  local rps p99 p50
  rps=$(awk '/Requests\/sec/ {print $2}' "$report")
  p50=$(awk '$1=="50%" {print $2}' "$report")
  p99=$(awk '$1=="99%" {print $2}' "$report")
  echo "$rps $p50 $p99"
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

summary="$out/summary.md"
{
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC'), $(git rev-parse --short HEAD), SQLite, $projects synthetic + 6 real projects;"
  echo "server resident memory after start-up: $((rss_kb / 1024)) MB. wrk -t2 -c$connections -d$duration, $rounds rounds."
  echo
  echo "| warm page | nginx req/s | portal req/s | ratio | nginx p99 | portal p99 |"
  echo "|---|---:|---:|---:|---:|---:|"
} > "$summary"
for t in "${targets[@]}"; do
  IFS='|' read -r name path file <<< "$t"
  slug=$(echo "$name" | tr -c 'a-z0-9' '-')
  nginx_rps=(); portal_rps=(); nginx_p99=(); portal_p99=()
  for r in $(seq 1 "$rounds"); do
    read -r rps _ p99 <<< "$(measure "nginx-$slug-$r" "http://127.0.0.1:$nginx_port/$file" "$connections")"
    nginx_rps+=("$rps"); nginx_p99+=("$p99")
    read -r rps _ p99 <<< "$(measure "portal-$slug-$r" "$base$path" "$connections")"
    portal_rps+=("$rps"); portal_p99+=("$p99")
  done
  n=$(printf '%s\n' "${nginx_rps[@]}" | median)
  p=$(printf '%s\n' "${portal_rps[@]}" | median)
  ratio=$(echo "scale=2; $p / $n" | bc)
  echo "| $name (\`$path\`) | $n | $p | $ratio | ${nginx_p99[-1]} | ${portal_p99[-1]} |" >> "$summary"
done
{
  echo
  echo "| uncached page (every request another address) | connections | req/s | p50 | p99 |"
  echo "|---|---:|---:|---:|---:|"
} >> "$summary"
uncached=(
  "project page|/projects/synthetic-{n}?r={r}|$projects"
  "search, a word in every project|/search?q=trafficking&r={r}|1"
  "search, one word|/search?q={word}&r={r}|1"
  "search, two words|/search?q={word}+{word2}&r={r}|1"
  "search API, two words|/api/v1/search?q={word}+{word2}&r={r}|1"
  "filtered project list, any page|/projects?country=DE&sort=-budget&page={n}&r={r}|$((projects / 27 / 20 + 1))"
)
for u in "${uncached[@]}"; do
  IFS='|' read -r name pattern n <<< "$u"
  slug=$(echo "$name" | tr -c 'a-z0-9' '-')
  for conns in "$connections" 8; do
    read -r rps p50 p99 <<< "$(measure "uncached-$slug-$conns" "$base" "$conns" "$pattern" "$n")"
    echo "| $name (\`$pattern\`) | $conns | $rps | $p50 | $p99 |" >> "$summary"
  done
done
cat "$summary"
