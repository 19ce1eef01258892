#!/usr/bin/env bash
# The fault suite, long form: the AppHost with two replicas of every service loads the small demo city, then a steady
# writer keeps changing one county's classes while, one at a time and three times over, RabbitMQ is killed (-9), a
# facilities and an inspection instance are killed (-9) mid-write and started again, PostgreSQL is restarted, Redis is
# stopped for 30 s and the broker frozen (SIGSTOP) for 20 s. Prints, for each fault: writes accepted, events published,
# consumed, lost, applied twice, seconds until inspection caught up, and whether the county's scorecard equals the one
# a run without faults gives. The short form (one pass) runs in every `bash eng/test.sh` (the replica test).
# About 25 minutes on 2 cores (the run also loads the city once with one replica, to compare the scorecards with).
set -euo pipefail
cd "$(dirname "$0")/.."
bash eng/setup.sh
dotnet build tests/EndToEnd.Tests -nologo -v quiet -clp:ErrorsOnly
results=tests/EndToEnd.Tests/bin/Debug/net10.0/TestResults
rm -f "$results/faults.md"
status=0
EDUPLATFORM_FAULTS=long dotnet test --project tests/EndToEnd.Tests --no-build --filter-method "*Two_replicas_of_every_service*" || status=$?
echo
if [ -f "$results/faults.md" ]; then cat "$results/faults.md"; else echo "[faults] the suite did not get as far as the faults (see above)"; fi
for f in "$results"/e2e-stages-replicas-*.txt; do [ -f "$f" ] && { echo "== ${f##*/}"; cat "$f"; }; done
exit $status
