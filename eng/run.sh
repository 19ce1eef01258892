#!/usr/bin/env bash
# Sets up the machine (eng/setup.sh), then runs the whole platform under the Aspire AppHost:
# PostgreSQL, RabbitMQ, Redis and the five services, with the Aspire dashboard. Ctrl+C stops all.
# Extra arguments go to the AppHost, e.g. --Infrastructure:Mode=containers.
set -euo pipefail
cd "$(dirname "$0")/.."
bash eng/setup.sh
echo "[run] building (the first build takes a few minutes) ..."
dotnet build AppHost/AppHost.csproj -nologo -v quiet -clp:ErrorsOnly
cat <<'TXT'
[run] starting. Where to look once the resources are healthy:
        Aspire dashboard   http://localhost:18888  (log in with the link the AppHost prints below)
        funding-api        http://localhost:5101/openapi/v1.json
        facilities-api     http://localhost:5102/openapi/v1.json
        staffing-api       http://localhost:5103/openapi/v1.json
        welfare-api        http://localhost:5104/openapi/v1.json
        inspection-api     http://localhost:5105/openapi/v1.json
        PostgreSQL 127.0.0.1:55432 (user postgres)   RabbitMQ 127.0.0.1:55672, UI :55674 (guest/guest)   Redis 127.0.0.1:56379
      Ctrl+C stops everything.
TXT
exec dotnet run --project AppHost/AppHost.csproj --no-build --launch-profile http -- "$@"
