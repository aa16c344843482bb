#!/usr/bin/env bash
# Cold start of the installed .deb against the source checkout, in one run: process start to the
# dashboard's first live figures (the app's --first-metric-file signal), desktop app in local demo
# mode under Xvfb, interleaved: installed launcher, installed launcher without its class-data
# archive, ./pulseboard --local-demo. Each run gets a fresh home with a warm JavaFX cache.
# Usage (root, after `./mvnw -Pinstallers package -pl installers -am`): scripts/installed-cold-start.sh [ROUNDS]
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${1:-3}"
deb="$(ls "$ROOT"/installers/target/bundles/pulseboard_*.deb)" || exit 1
apt-get install -y -qq --reinstall --no-install-recommends "$deb" >/dev/null 2>&1 || { echo "install failed" >&2; exit 1; }
"$ROOT/pulseboard" --help >/dev/null 2>&1 # builds and trains the source launcher's archive first
display=96
while [ -e "/tmp/.X11-unix/X$display" ]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1280x720x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
archive=/opt/pulseboard/lib/app/pulseboard.jsa
trap 'kill $xvfb 2>/dev/null; [ -f /tmp/pulseboard.jsa.aside ] && mv /tmp/pulseboard.jsa.aside $archive; apt-get remove -y -qq pulseboard >/dev/null 2>&1' EXIT
sleep 1
run() { # NAME LAUNCHER
  local name=$1 launcher=$2 home
  home="$(mktemp -d)"
  [ -d "$HOME/.openjfx" ] && cp -r "$HOME/.openjfx" "$home/.openjfx"
  env -i PATH=/usr/bin:/bin HOME="$home" DISPLAY=":$display" JAVA_TOOL_OPTIONS="-Duser.home=$home" \
    PULSEBOARD_JAVA_OPTS="-Duser.home=$home" "$launcher" --local-demo --first-metric-file="$home/first" >"$home/out" 2>&1 &
  local app=$!
  for _ in $(seq 1 240); do [ -s "$home/first" ] && break; sleep 0.5; done
  echo "$name $(cat "$home/first" 2>/dev/null || echo none)"
  kill -TERM $app 2>/dev/null; wait $app 2>/dev/null
  rm -rf "$home"
}
for _ in $(seq 1 "$ROUNDS"); do
  run installed /opt/pulseboard/bin/Pulseboard
  mv "$archive" /tmp/pulseboard.jsa.aside
  run installed-without-archive /opt/pulseboard/bin/Pulseboard
  mv /tmp/pulseboard.jsa.aside "$archive"
  run source-checkout "$ROOT/pulseboard"
done
