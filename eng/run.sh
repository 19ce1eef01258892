#!/usr/bin/env bash
# Sets up the machine (eng/setup.sh), then runs the whole platform under the Aspire AppHost —
# PostgreSQL, RabbitMQ, Redis and the five services, with the Aspire dashboard — and, on first run,
# loads the demo city through the departments' APIs (tools/DemoCity), closes its mid-term evaluation,
# opens the final one and prints where to look. Ctrl+C stops everything.
#   DEMO_CITY=default|small|province|none   which demo city to load (default: default; none skips it)
# Extra arguments go to the AppHost, e.g. --Infrastructure:Mode=containers.
set -euo pipefail
cd "$(dirname "$0")/.."
bash eng/setup.sh
echo "[run] building (the first build takes a few minutes) ..."
# Release: the AppHost runs its services in its own configuration, and the demo load is CPU-bound.
dotnet build AppHost/AppHost.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build tools/DemoCity/DemoCity.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
mkdir -p .state
log=.state/apphost.log
dotnet run --project AppHost/AppHost.csproj -c Release --no-build --launch-profile http -- "$@" >"$log" 2>&1 &
apphost=$!
stop() {
  trap - INT TERM EXIT
  echo "[run] stopping the platform ..."
  kill -TERM "$apphost" 2>/dev/null || true
  wait "$apphost" 2>/dev/null || true
}
trap stop INT TERM EXIT
echo "[run] starting the platform (the AppHost's own log: $log) ..."

size=${DEMO_CITY:-default}
credentials=.state/identity/dev-credentials.json
# The AppHost writes the identity service's register (fresh secrets) on its first run, as it starts.
for _ in $(seq 120); do [ -f "$credentials" ] || ! kill -0 "$apphost" 2>/dev/null && break; sleep 1; done
if [ "$size" != none ]; then
  # The loader waits for every service to be healthy, then loads the city unless inspection already has it.
  dotnet run --project tools/DemoCity/DemoCity.csproj -c Release --no-build -- --size "$size" \
    || echo "[run] the demo city is not fully loaded (see above); every request is safe to repeat: run again to complete it."
fi
kill -0 "$apphost" 2>/dev/null || { echo "[run] the AppHost stopped; its log ends:"; tail -n 40 "$log"; exit 1; }
login=$(grep -o 'http://localhost:18888/login?t=[0-9a-f]*' "$log" | tail -n 1 || true)
cat <<TXT

[run] the platform is running. Where to look:
        Aspire dashboard   ${login:-http://localhost:18888 (the login link is in $log)}
        inspectors' app    http://localhost:5106/  (sign in as inspector or admin: passwords in $credentials)
        identity           http://localhost:5100 (tokens; README, "Access")
        city scorecards    http://localhost:5105/api/years/2026/scorecards
        evaluations        http://localhost:5105/api/evaluations
        OpenAPI            http://localhost:5101/openapi/v1.json (funding) … :5105 (inspection)
        PostgreSQL 127.0.0.1:55432 (user postgres)   RabbitMQ 127.0.0.1:55672, UI :55674 (guest/guest)   Redis 127.0.0.1:56379
      Ctrl+C stops everything.
TXT
wait "$apphost"
