#!/usr/bin/env bash
# Portal throughput and latency with wrk, beside nginx serving the same project page as a static file.
# Usage: bench/portal.sh [PROJECTS]   (default 100000; needs wrk and nginx: apt-get install wrk nginx)
# Writes the wrk reports to target/bench/ and prints a summary table.
set -euo pipefail
cd "$(dirname "$0")/.."
projects="${1:-100000}"
duration="${DURATION:-20s}"
connections=64
threads=2
out=target/bench
data="$out/data-$projects"
port=18081
mkdir -p "$out"

cargo build --release -p rapporteur
bin=target/release/rapporteur
if [ ! -f "$data/rapporteur.sqlite3" ]; then
  "$bin" demo-content --projects "$projects" --data-dir "$data"
fi

"$bin" serve --data-dir "$data" --addr "127.0.0.1:$port" > "$out/serve.log" 2>&1 &
server=$!
root="$out/nginx"
cleanup() { kill "$server" 2>/dev/null || true; [ -f "$root/nginx.pid" ] && kill "$(cat "$root/nginx.pid")" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done

page="/projects/synthetic-$((projects / 2))"
mkdir -p "$root/static/projects" "$root/logs"
curl -sf "http://127.0.0.1:$port$page" > "$root/static/projects/page.html"
nginx -p "$PWD/$root" -c "$PWD/bench/nginx.conf"
sleep 1

run() { # name url [connections]
  wrk -t"$threads" -c"${3:-$connections}" -d"$duration" --latency "$2" > "$out/wrk-$1.txt"
  rps=$(awk '/Requests\/sec/ {print $2}' "$out/wrk-$1.txt")
  p99=$(awk '$1=="99%" {print $2}' "$out/wrk-$1.txt")
  printf '| %-22s | %10s | %8s |\n' "$1" "$rps" "$p99"
}
printf '| %-22s | %10s | %8s |\n' "target" "req/s" "p99"
printf '|%s|%s|%s|\n' "------------------------" "------------" "----------"
run nginx-static "http://127.0.0.1:18090/projects/page.html"
run project-page "http://127.0.0.1:$port$page"
run project-list "http://127.0.0.1:$port/projects"
run search "http://127.0.0.1:$port/search?q=trafficking"
run search-rare "http://127.0.0.1:$port/search?q=baltic+shelter"
run project-json "http://127.0.0.1:$port/api/v1/projects/synthetic-$((projects / 2))"
run search-8-connections "http://127.0.0.1:$port/search?q=trafficking" 8
