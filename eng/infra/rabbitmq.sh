#!/usr/bin/env bash
# Runs the machine's RabbitMQ in the foreground on 127.0.0.1:<port> with its data in <dir>, and its
# management API and web UI on 127.0.0.1:<port>+2 (guest/guest).
# Debian's wrapper (/usr/sbin/rabbitmq-server) forks through `su`, so the real script is called
# directly; as root it runs as the `rabbitmq` user, which must own the folder.
# Erlang distribution uses <port>+1. RabbitMQ's start-up wants an epmd: the script runs a private
# one on <port>+3 itself. Both children get a parent-death signal, so even if this script is killed
# outright (as an orchestrator may do), neither outlives it.
set -euo pipefail
dir=$(realpath -m "${1:?usage: rabbitmq.sh <data-dir> <port>}")
port=${2:?usage: rabbitmq.sh <data-dir> <port>}
dist=$((port + 1))
management=$((port + 2))
epmd_port=$((port + 3))
mkdir -p "$dir/mnesia" "$dir/log"
echo '[rabbitmq_management].' > "$dir/enabled_plugins"
cat > "$dir/rabbitmq.conf" <<CONF
listeners.tcp.1 = 127.0.0.1:$port
management.tcp.ip = 127.0.0.1
management.tcp.port = $management
loopback_users = none
log.console = true
log.console.level = warning
log.file = false
CONF
export HOME="$dir" \
  RABBITMQ_NODENAME="edu$port@localhost" \
  RABBITMQ_NODE_PORT="$port" \
  RABBITMQ_DIST_PORT="$dist" \
  RABBITMQ_MNESIA_BASE="$dir/mnesia" \
  RABBITMQ_LOG_BASE="$dir/log" \
  RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf" \
  RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" \
  RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf" \
  RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config" \
  ERL_EPMD_PORT="$epmd_port" \
  ERL_EPMD_ADDRESS=127.0.0.1 \
  RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-start_epmd false -erl_epmd_port $dist -kernel inet_dist_use_interface {127,0,0,1}" \
  RABBITMQ_CTL_ERL_ARGS="-start_epmd false -erl_epmd_port $dist"
run=(setpriv --pdeathsig TERM)
if [ "$(id -u)" = 0 ]; then
  chown -R rabbitmq:rabbitmq "$dir"
  run+=(--reuid=rabbitmq --regid=rabbitmq --init-groups)
fi
run+=(--)
# The rabbitmq user may not be able to read the folder this was started from (a mktemp clone is 0700), and
# Erlang looks in its working folder first: every lookup there would log an eacces error.
here=$(cd "$(dirname "$0")" && pwd)
cd "$dir"
"${run[@]}" epmd -port "$epmd_port" -address 127.0.0.1 &
epmd_pid=$!
"${run[@]}" /usr/lib/rabbitmq/bin/rabbitmq-server &
server=$!
trap 'kill -TERM $server 2>/dev/null' TERM INT HUP
. "$here/watchdog.sh"
watch_parent TERM
status=0
wait $server || status=$?
# wait returns early when a trapped signal arrives: wait again for the server to finish stopping.
while kill -0 $server 2>/dev/null; do wait $server || status=$?; done
kill -TERM $epmd_pid 2>/dev/null || true
exit $status
