#!/usr/bin/env bash
# Runs the machine's PostgreSQL in the foreground on 127.0.0.1:<port> with its data in <dir>.
# Used by the AppHost (local mode) and the test fixture. PostgreSQL refuses to run as root, so as
# root the server runs as the `postgres` user; as anyone else it runs as that user.
# Local development only: trust authentication on loopback, no password.
set -euo pipefail
dir=$(realpath -m "${1:?usage: postgres.sh <data-dir> <port>}")
port=${2:?usage: postgres.sh <data-dir> <port>}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || bin=$(dirname "$(command -v postgres)")
mkdir -p "$dir"
run=()
if [ "$(id -u)" = 0 ]; then
  chown -R postgres:postgres "$dir"
  run=(setpriv --reuid=postgres --regid=postgres --init-groups --)
fi
if [ ! -f "$dir/PG_VERSION" ]; then
  echo "postgres.sh: initialising a new cluster in $dir"
  "${run[@]}" "$bin/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
fi
. "$(dirname "$0")/watchdog.sh"
watch_parent INT # PostgreSQL's fast shutdown
cd "$dir" # a working folder the postgres user can read (a mktemp clone is 0700)
# The socket goes into the data folder so several servers never collide in /var/run/postgresql.
exec "${run[@]}" "$bin/postgres" -D "$dir" -p "$port" -k "$dir" \
  -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=256MB \
  -c logging_collector=off -c log_min_messages=warning
