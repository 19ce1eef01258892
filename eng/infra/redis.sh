#!/usr/bin/env bash
# Runs the machine's redis-server in the foreground on 127.0.0.1:<port> with its data in <dir>.
# 256 logical databases, so each test class can have its own.
set -euo pipefail
dir=$(realpath -m "${1:?usage: redis.sh <data-dir> <port>}")
port=${2:?usage: redis.sh <data-dir> <port>}
mkdir -p "$dir"
. "$(dirname "$0")/watchdog.sh"
watch_parent TERM
exec redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --daemonize no \
  --appendonly yes --save "" --protected-mode no --logfile "" --databases 256
