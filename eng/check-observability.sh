#!/usr/bin/env bash
# Checks deploy/base/observability offline with Prometheus' own promtool (Debian package prometheus): the alert
# rules parse, each alert fires when its condition is made true (alerts.test.yaml), and every query of the
# Grafana dashboard parses as PromQL. The collector's YAML is only parsed: no collector binary is served here.
set -euo pipefail
cd "$(dirname "$0")/../deploy/base/observability"
command -v promtool >/dev/null || { echo "promtool is missing: apt-get install prometheus" >&2; exit 1; }
promtool check rules prometheus/alerts.yaml
(cd prometheus && promtool test rules alerts.test.yaml)
queries=$(mktemp --suffix=.yaml)
trap 'rm -f "$queries"' EXIT
python3 - grafana/eduplatform.json >"$queries" <<'PY'
import json, sys
panels = json.load(open(sys.argv[1]))["panels"]
print("groups:\n  - name: dashboard-queries\n    rules:")
for p in panels:
    for t in p["targets"]:
        print(f"      - record: dashboard:panel_{p['id']}_{t['refId']}\n        expr: {json.dumps(t['expr'])}")
PY
echo "Grafana dashboard queries:"
promtool check rules "$queries"
python3 -c 'import sys, yaml; yaml.safe_load(open(sys.argv[1]))' otel-collector.yaml && echo "otel-collector.yaml: YAML parses"
