# Sourced by the server scripts just before they exec the server: if whoever started the script
# (Aspire's orchestrator, a test run) dies without stopping it, the server is stopped too, instead
# of living on unowned. The watchdog ends by itself when the server does.
# usage: watch_parent <signal>   (the server will have this shell's PID after exec)
watch_parent() {
  local signal=$1 parent=$PPID server=$$
  (
    while kill -0 "$parent" 2>/dev/null && kill -0 "$server" 2>/dev/null; do sleep 1; done
    kill -0 "$parent" 2>/dev/null || kill "-$signal" "$server" 2>/dev/null
  ) </dev/null >/dev/null 2>&1 &
}
