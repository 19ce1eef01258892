#!/usr/bin/env bash
# Keeps one local server running for the AppHost: starts `<script> <data-dir> <port>` and, when it
# ends without being asked to (a crash, a kill -9, an OOM kill), starts it again after 1, 2, 4 … 30 s
# (back to 1 s once it has run for a minute). The AppHost's resource is this script, so a crash does
# not turn it "Exited" (which left every service restarted from the dashboard "Waiting" for it); the
# AppHost reads the "ended … starting it again" line to show the resource as restarting until the
# server answers again.
# TERM or INT stops the server with <stop-signal> (its own clean shutdown) and ends the script; so
# does the death of whoever started it (watchdog.sh), and the server scripts in turn stop their
# server if this script is killed outright.
# usage: supervise.sh <stop-signal> <script> <data-dir> <port>
set -uo pipefail
stop_signal=${1:?usage: supervise.sh <stop-signal> <script> <data-dir> <port>}
script=${2:?usage: supervise.sh <stop-signal> <script> <data-dir> <port>}
shift 2
here=$(dirname "$0")
name=$(basename "$script" .sh)
stopping=0
child=0
stop() {
  stopping=1
  [ "$child" = 0 ] || kill "-$stop_signal" "$child" 2>/dev/null
}
trap stop TERM INT HUP
. "$here/watchdog.sh"
watch_parent TERM
delay=1
while :; do
  started=$SECONDS
  bash "$here/$script" "$@" &
  child=$!
  status=0
  wait "$child" 2>/dev/null || status=$?
  # A trapped signal ends `wait` early: wait again until the server has really stopped.
  while kill -0 "$child" 2>/dev/null; do wait "$child" 2>/dev/null || status=$?; done
  [ "$stopping" = 0 ] || exit 0
  ran=$((SECONDS - started))
  [ "$ran" -lt 60 ] || delay=1
  echo "supervise.sh: $name ended (status $status) after ${ran} s; starting it again in ${delay} s"
  sleep "$delay" &
  wait $! || true
  [ "$stopping" = 0 ] || exit 0
  delay=$((delay * 2 > 30 ? 30 : delay * 2))
done
