#!/usr/bin/env bash
# Sets up the machine (eng/setup.sh), builds, and runs every test: unit, integration (against real
# PostgreSQL, RabbitMQ and Redis the tests start themselves) and the end-to-end AppHost test.
# Extra arguments go to `dotnet test`, e.g. --filter-class or --project tests/Facilities.Tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash eng/setup.sh
dotnet build EduPlatform.sln -nologo -v quiet -clp:ErrorsOnly
log=$(mktemp)
status=0
# The services' OpenAPI documents, exported by their OpenApiTests, are linted below: none may be stale.
rm -rf artifacts/openapi
rm -f tests/EndToEnd.Tests/bin/Debug/net10.0/TestResults/e2e-stages*.txt tests/EndToEnd.Tests/bin/Debug/net10.0/TestResults/faults.md tests/EndToEnd.Tests/bin/Debug/net10.0/TestResults/screenshots/steps.txt
if [ $# -eq 0 ]; then
  # The end-to-end tests take longest (two AppHost runs, one after the other): they start at once, beside the other
  # assemblies one at a time, rather than whenever the runner reaches them (it runs as many modules as there are cores).
  e2e_log=$(mktemp)
  # The others as a solution filter, from the test projects on disk, so a new one cannot be left out.
  others=artifacts/all-but-end-to-end.slnf
  mkdir -p artifacts
  printf '{"solution":{"path":"%s","projects":[%s]}}\n' "$PWD/EduPlatform.sln" \
    "$(ls tests/*.Tests/*.Tests.csproj | grep -v '^tests/EndToEnd\.Tests/' | sed 's/.*/"&"/' | paste -sd,)" >"$others"
  dotnet test --project tests/EndToEnd.Tests --no-build >"$e2e_log" 2>&1 &
  e2e=$!
  dotnet test --solution "$others" --no-build --max-parallel-test-modules 1 2>&1 | tee "$log" || status=$?
  wait "$e2e" || status=$?
  tee -a "$log" <"$e2e_log"
  rm -f "$e2e_log"
else
  dotnet test --solution EduPlatform.sln --no-build "$@" 2>&1 | tee "$log" || status=$?
fi
# The API contract stays complete enough to generate a client from (.spectral.yaml): Spectral, from npm.
if compgen -G "artifacts/openapi/*.json" >/dev/null; then
  echo "Linting the OpenAPI documents: $(ls artifacts/openapi | tr '\n' ' ')"
  npx --yes @stoplight/spectral-cli@6.16.3 lint artifacts/openapi/*.json --ruleset .spectral.yaml --fail-severity error || status=$?
fi
# The alert rules fire when their conditions are made true; the dashboard's queries parse (promtool).
bash eng/check-observability.sh || status=$?
# Where the end-to-end tests spent their time (each stage since the one before), for a CI log from a slower machine,
# and the short fault suite's table (eng/faults.sh runs the long form).
for f in tests/EndToEnd.Tests/bin/Debug/net10.0/TestResults/e2e-stages*.txt tests/EndToEnd.Tests/bin/Debug/net10.0/TestResults/screenshots/steps.txt \
  tests/EndToEnd.Tests/bin/Debug/net10.0/TestResults/faults.md; do
  if [ -f "$f" ]; then echo "== ${f##*/}"; cat "$f"; fi
done
# Each failed test's name and first lines of its error, last, where a CI log's tail shows them.
grep -E -A12 '^\s*failed [^:]' "$log" | grep -v -E '^\s*(info|warn|dbug):' | head -60 || true
# The runner's summary as one plain line ("N passed, N failed, N skipped") for CI.
awk '/^ *succeeded:/ {p+=$2} /^ *failed:/ {f+=$2} /^ *skipped:/ {s+=$2} END {if (p != "") printf "%d passed, %d failed, %d skipped\n", p, f, s}' "$log"
rm -f "$log"
exit $status
