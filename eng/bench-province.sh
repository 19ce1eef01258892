#!/usr/bin/env bash
# bash eng/bench.sh --province: loads the province demo city (80 counties, 12,200 schools, 534,000 teachers)
# through the README's run command, in a fresh clone of this repository (its own .state), then times the reads
# an inspector makes first and the closing of an evaluation, and prints one table. Long: the load alone takes
# about 20 minutes on 2 cores. Every figure is read from the running platform; nothing is asserted.
#   bash eng/bench.sh --province [folder]   a folder an earlier run left (…/repo): its loaded city is started
#                                           again and only the reads and the close are measured
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
out="$repo/artifacts/bench"
mkdir -p "$out"
if [ -n "${1:-}" ]; then
  cd "$1"
  echo "[province] starting the city loaded earlier in $1" >&2
else
  work=$(mktemp -d /tmp/eduplatform-province.XXXXXX)
  echo "[province] cloning into $work (the platform's state stays there)" >&2
  git clone -q "$repo" "$work/repo"
  cd "$work/repo"
fi
here=$(pwd)
trap 'echo "[province] failed at line $LINENO: $BASH_COMMAND" >&2' ERR
log="$out/province-run.log"
start=$(date +%s)
DEMO_CITY=province setsid bash eng/run.sh >"$log" 2>&1 &
runner=$!
stop() { kill -TERM -- -"$runner" 2>/dev/null || true; wait "$runner" 2>/dev/null || true; }
trap stop EXIT

# Peak memory (VmHWM) of each service process, sampled while the load runs: a process that restarts keeps its peak here.
declare -A peak
sample() {
  for service in Funding Facilities Staffing StudentWelfare Inspection; do
    for pid in $(pgrep -f "$here/services/$service/bin/" || true); do
      kb=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
      if [ "${kb:-0}" -gt "${peak[$service]:-0}" ]; then peak[$service]=$kb; fi
    done
  done
}
echo "[province] loading (log: $log) ..." >&2
until grep -q "the platform is running" "$log"; do
  kill -0 "$runner" 2>/dev/null || { echo "[province] the run stopped; its log ends:" >&2; tail -n 40 "$log" >&2; exit 1; }
  sample
  sleep 10
done
sample
loaded=$(( $(date +%s) - start ))
summary=$(grep -o 'Submitted in .*' "$log" | tail -n 1 || true)

credentials=.state/identity/dev-credentials.json
user=$(jq -r '.people[] | select(.roles | index("admin")) | .username' "$credentials" | head -n 1)
password=$(jq -r --arg u "$user" '.people[] | select(.username == $u) | .password' "$credentials")
token=$(curl -sf http://localhost:5100/connect/token -d grant_type=password -d username="$user" -d password="$password" | jq -r .access_token)
api=http://localhost:5105
get() { curl -sf -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" "$api$1"; }
ms() { awk -v s="$1" 'BEGIN { printf "%.0f ms", s * 1000 }'; }
redis() { redis-cli -p 56379 "$@"; }
# One school year's scorecards of the scopes matched (city: the ranking; [0-9]*: every county) dropped from Redis and,
# through the channel a refresh publishes on, from every instance's own copies. The other years stay cached, as they
# would be: dropping them too would have the refresher compute them again meanwhile, beside the read being timed.
cold() {
  local year=$1
  shift
  for pattern in "$@"; do
    for key in $(redis --scan --pattern "inspection:scorecards:*:$pattern"); do redis HDEL "$key" "$year" >/dev/null; done
    for key in $(redis --scan --pattern "inspection:generation:*:$pattern"); do
      # inspection:generation:<edition>:<scope>
      scope=${key##*:}
      edition=${key#inspection:generation:}
      redis PUBLISH "inspection:refreshed:${edition%:*}" "$scope" >/dev/null
    done
  done
}

county=$(curl -sf -H "Authorization: Bearer $token" "$api/api/counties" | jq -r '.[0].code')
cold 2025 city
ranking_2025=$(get /api/years/2025/scorecards)
ranking_cached=$(get /api/years/2025/scorecards)
cold 2024 city '[0-9]*'
ranking_2024=$(get /api/years/2024/scorecards)
cold 2025 city '[0-9]*'
ranking_all_cold=$(get /api/years/2025/scorecards)
# Three more, for the median: the first ones after a start also pay for the service's code being compiled.
again=()
for _ in 1 2 3; do
  cold 2025 city '[0-9]*'
  again+=("$(get /api/years/2025/scorecards)")
done
ranking_cold_median=$(printf '%s\n' "${again[@]}" | sort -n | sed -n 2p)
get "/api/counties/$county/years/2025/scorecard" >/dev/null
county_cached=$(get "/api/counties/$county/years/2025/scorecard")

# Closing: the final evaluation the loader opened (80 counties), timed from the request until it says closed.
evaluation=$(curl -sf -H "Authorization: Bearer $token" "$api/api/evaluations" | jq -r '.[] | select(.kind == "final" and .status == "open") | .id' | head -n 1)
# Closed by an earlier run: a new evaluation of an earlier year, of the first kind and year not opened yet.
for candidate in $(for y in $(seq 2025 -1 2017); do echo "final:$y mid-term:$y"; done); do
  [ -z "$evaluation" ] || break
  evaluation=$(curl -s -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$api/api/evaluations" \
    -d "{\"kind\":\"${candidate%%:*}\",\"schoolYear\":${candidate##*:},\"asOf\":\"2026-11-01\"}" | jq -r '.id // empty')
done
[ -n "$evaluation" ] || { echo "[province] no evaluation could be opened to close" >&2; exit 1; }
close_start=$(date +%s.%N)
close_answer=$(curl -sf -o /dev/null -w '%{time_total}' -X POST -H "Authorization: Bearer $token" "$api/api/evaluations/$evaluation/close")
until [ "$(curl -sf -H "Authorization: Bearer $token" "$api/api/evaluations/$evaluation" | jq -r .evaluation.status)" = closed ]; do sleep 0.2; done
close_seconds=$(awk -v a="$close_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')

echo
echo "EduPlatform province benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores (run log: $log)"
echo
echo "| what (province: 80 counties) | figure |"
echo "|---|---|"
echo "| from the run command until the city is loaded and inspection has it all | $((loaded / 60)) min $((loaded % 60)) s |"
echo "| loader | ${summary:-nothing submitted: the city was loaded by an earlier run} |"
for service in Funding Facilities Staffing StudentWelfare Inspection; do
  echo "| peak memory (VmHWM), $service | $(( ${peak[$service]:-0} / 1024 )) MB |"
done
echo "| \`GET /api/years/2025/scorecards\`, the ranking not cached, its counties cached | $(ms "$ranking_2025") |"
echo "| \`GET /api/years/2025/scorecards\`, cached | $(ms "$ranking_cached") |"
echo "| \`GET /api/years/2024/scorecards\`, nothing cached (the ranking and its 80 counties) | $(ms "$ranking_2024") |"
echo "| \`GET /api/years/2025/scorecards\`, nothing cached | $(ms "$ranking_all_cold") |"
echo "| the same three times more, nothing cached each time: median (all three) | $(ms "$ranking_cold_median") ($(for a in "${again[@]}"; do ms "$a"; echo -n ' '; done | sed 's/ $//')) |"
echo "| one county's scorecard, cached | $(ms "$county_cached") |"
echo "| closing an evaluation: the request answered (202) | $(ms "$close_answer") |"
echo "| closing an evaluation: until it says closed (80 counties frozen) | ${close_seconds} s |"
