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

# Tests that need tmux or an X display skip on a developer's machine without them; here the tools were just
# installed, so such a skip would hide an untested delivery method: make it a failure instead.
export SWITCHBOARD_REQUIRE_TOOLS=1
MVN=(mvn -B -ntp verify "$@")
if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then
  echo "test: no DISPLAY; running under xvfb-run" >&2
  exec xvfb-run -a -s "-screen 0 1920x1080x24" "${MVN[@]}"
fi
exec "${MVN[@]}"
