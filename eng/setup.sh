#!/usr/bin/env bash
# Makes this machine ready to run and test EduPlatform: the .NET SDK must be there; PostgreSQL,
# RabbitMQ, Redis, Node (for the OpenAPI lint) and Prometheus' promtool (for the alert rules) are installed from the distribution's packages when
# missing (Debian/Ubuntu). Safe to run again: it only installs what is missing.
set -euo pipefail

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

if ! command -v dotnet >/dev/null 2>&1 || ! dotnet --list-sdks | grep -q '^10\.'; then
  say "The .NET 10 SDK is missing. Install it (https://dot.net, or your distribution's dotnet-sdk-10.0 package) and run this again."
  exit 1
fi

missing=()
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || command -v postgres >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v setpriv >/dev/null 2>&1 || missing+=(util-linux)
# Node runs the OpenAPI lint (Spectral) in eng/test.sh.
command -v npx >/dev/null 2>&1 || missing+=(nodejs npm)
# promtool checks the alert rules and dashboard queries (eng/check-observability.sh); python3-yaml parses the collector's.
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
python3 -c 'import yaml' >/dev/null 2>&1 || missing+=(python3-yaml)
# The inspectors' web application is tested in a real Chromium (Playwright drives Debian's, never a download), with Chinese fonts.
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] && ls /usr/share/fonts/opentype/noto/NotoSansCJK* >/dev/null 2>&1 || missing+=(fonts-noto-cjk)

# kubectl renders the Kubernetes manifests in a test; Debian's kubernetes-client is too old for kustomize 5.
command -v kubectl >/dev/null 2>&1 || say "kubectl is missing: the manifest test needs kubectl 1.27 or newer (kustomize 5) on the PATH."

if [ ${#missing[@]} -eq 0 ]; then
  say "PostgreSQL, RabbitMQ, Redis, Node, promtool and Chromium are installed."
  exit 0
fi

. /etc/os-release 2>/dev/null || true
if [[ " ${ID:-} ${ID_LIKE:-} " != *" debian "* && "${ID:-}" != debian ]]; then
  say "Missing: ${missing[*]}. This script installs them only on Debian/Ubuntu."
  say "Install PostgreSQL (15 or newer), RabbitMQ (3.10 or newer) and Redis (6 or newer) with your package manager, then run this again."
  exit 1
fi

sudo=()
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 || { say "Missing: ${missing[*]}; run this as root or install sudo."; exit 1; }
  sudo=(sudo)
fi

say "Installing from the distribution's packages: ${missing[*]}"
say "(The platform starts its own copies on its own ports; the packages' system services are not needed.)"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
say "Installed: ${missing[*]}"
