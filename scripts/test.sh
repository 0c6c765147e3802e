#!/usr/bin/env bash
# Runs every test. Installs the system packages the tests need first (listed in scripts/test-packages.txt),
# and gives GUI tests a virtual display (xvfb-run) when there is none.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

missing=()
while read -r pkg; do
  pkg="${pkg%%#*}"; pkg="$(echo "$pkg" | tr -d '[:space:]')"
  [ -z "$pkg" ] && continue
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done < scripts/test-packages.txt

if [ "${#missing[@]}" -gt 0 ]; then
  echo "test: installing ${missing[*]}" >&2
  if [ "$(id -u)" -eq 0 ]; then SUDO=(); else SUDO=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The scale-out tests talk to a real RabbitMQ on 127.0.0.1:5672: use the one running there, or install and start
# Debian's rabbitmq-server. They never skip: without a broker they fail.
broker_up() { (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null; }
if ! broker_up; then
  if ! command -v rabbitmq-server >/dev/null; then
    echo "test: installing rabbitmq-server" >&2
    if [ "$(id -u)" -eq 0 ]; then SUDO=(); else SUDO=(sudo); fi
    export DEBIAN_FRONTEND=noninteractive
    "${SUDO[@]}" apt-get update -qq
    "${SUDO[@]}" apt-get install -y -qq --no-install-recommends rabbitmq-server >/dev/null
  fi
  echo "test: starting rabbitmq-server" >&2
  rabbitmq-server -detached >/dev/null 2>&1 || true
  rabbitmqctl -q await_startup --timeout 120 >/dev/null 2>&1 || true
  for _ in $(seq 1 60); do broker_up && break; sleep 1; done
  broker_up || { echo "test: RabbitMQ did not start on 127.0.0.1:5672" >&2; exit 1; }
fi

# Tests that need tmux or an X display skip on a developer's machine without them; here the tools were just
# installed, so such a skip would hide an untested delivery method: make it a failure instead.
export SWITCHBOARD_REQUIRE_TOOLS=1

# Maven from the system if it has one, else the wrapper (it fetches the pinned version from Maven Central).
MVN=("$(command -v mvn || echo "$ROOT/mvnw")" -B -ntp verify "$@")
if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then
  echo "test: no DISPLAY; running under xvfb-run" >&2
  exec xvfb-run -a -s "-screen 0 1920x1080x24" "${MVN[@]}"
fi
exec "${MVN[@]}"
