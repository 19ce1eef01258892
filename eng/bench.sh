#!/usr/bin/env bash
# Runs every benchmark (Release, on servers they start themselves, as the tests do) and prints their
# figures as one table. Each benchmark's full output is kept in artifacts/bench/. Figures, not tests:
# nothing here fails because a target is missed. Takes about 3 minutes on 2 cores.
#   bash eng/bench.sh            both benchmarks with their default sizes
#   QUICK=1 bash eng/bench.sh    smaller runs (about a minute and a half), to see that they work
#   bash eng/bench.sh --province the province demo city loaded through the run command, then the first reads
#                                an inspector makes and an evaluation closed (eng/bench-province.sh; about 20 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = --province ]; then
  shift
  exec bash eng/bench-province.sh "$@"
fi
bash eng/setup.sh
for project in Messaging.Benchmark Inspection.Benchmark; do
  dotnet build "tests/$project" -c Release -nologo -v quiet -clp:ErrorsOnly
done
mkdir -p artifacts/bench
messaging=()
inspection=()
if [ -n "${QUICK:-}" ]; then
  messaging=(--count 10000 --latency-seconds 5)
  inspection=(--schools 100 --iterations 10 --seconds 3 --changes 5 --counties 4 --rankings 3)
fi
run() {
  local name=$1
  shift
  echo "[bench] $name ..." >&2
  # The benchmarks' own log lines are left in the file; the table rows are what they print last.
  (cd "tests/$name" && dotnet run -c Release --no-build -- "$@") >"artifacts/bench/$name.log" 2>&1 \
    || { echo "[bench] $name failed; its output ends:" >&2; tail -n 30 "artifacts/bench/$name.log" >&2; return 1; }
}
run Messaging.Benchmark "${messaging[@]}"
run Inspection.Benchmark "${inspection[@]}"
echo
echo "EduPlatform benchmarks, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores (full output: artifacts/bench/)"
echo
echo "| path | figure | target |"
echo "|---|---|---|"
grep -h '^| ' artifacts/bench/Messaging.Benchmark.log artifacts/bench/Inspection.Benchmark.log
