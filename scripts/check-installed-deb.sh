#!/usr/bin/env bash
# Builds the .deb, installs it as a user would, runs the installed app with no Java on the PATH in
# local demo mode under a virtual X server until its dashboard shows live figures (the app's own
# signal, --first-metric-file), takes a screenshot, closes the app, uninstalls, and checks that
# nothing of the program is left on disk while the user's data stays.
# Usage (root, Debian/Ubuntu): scripts/check-installed-deb.sh [OUT_DIR]   (default installers/target/check)
# .ci/run calls it; it needs xvfb and imagemagick (.ci/run installs them).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$(mkdir -p "${1:-$ROOT/installers/target/check}" && cd "${1:-$ROOT/installers/target/check}" && pwd)"
say() { echo "check-installed-deb: $*"; }
fail() { echo "check-installed-deb: FAILED: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "run as root (it installs and removes a package)"
for tool in Xvfb import apt-get dpkg; do command -v "$tool" >/dev/null 2>&1 || fail "needs $tool"; done

start=$(date +%s)
if [ -z "${SKIP_BUILD:-}" ]; then
  say "building the bundle"
  (cd "$ROOT" && ./mvnw -B ${MAVEN_OFFLINE:-} -Pinstallers package -pl installers -am -DskipTests) >"$OUT/build.log" 2>&1 \
    || { tail -50 "$OUT/build.log"; fail "the bundle did not build (whole log: $OUT/build.log)"; }
  grep '^\[installers\]\|^  ' "$OUT/build.log" || true
fi
deb="$(ls "$ROOT"/installers/target/bundles/pulseboard_*.deb 2>/dev/null || true)"
[ -n "$deb" ] || fail "no .deb in installers/target/bundles"
say "$(basename "$deb"): $(du -m "$deb" | cut -f1) MB, built in $(( $(date +%s) - start )) s"

home="$(mktemp -d)"
app=
xvfb=
# Whatever happens, nothing of this check is left running or installed.
cleanup() {
  set +e
  [ -n "$app" ] && kill -9 "$app" 2>/dev/null
  [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null
  pkill -9 -f "$home" 2>/dev/null
  if dpkg-query -W -f='${db:Status-Status}' pulseboard 2>/dev/null | grep -q '^installed$'; then
    apt-get remove -y -qq pulseboard >/dev/null 2>&1
  fi
  rm -rf "$home"
}
trap cleanup EXIT

say "installing with apt-get (it also installs the libraries the package depends on)"
apt-get install -y -qq --reinstall --no-install-recommends "$deb" >"$OUT/install.log" 2>&1 || { cat "$OUT/install.log"; fail "install"; }
grep 'Pulseboard:' "$OUT/install.log" || true
installed_kb=$(du -sk /opt/pulseboard | cut -f1)
archive_kb=$(du -sk /opt/pulseboard/lib/app/pulseboard.jsa 2>/dev/null | cut -f1 || echo 0)
say "installed: $((installed_kb / 1024)) MiB in /opt/pulseboard, of which the class-data archive made at install $((archive_kb / 1024)) MiB"
[ "$archive_kb" -gt 0 ] || fail "the install made no class-data archive (see $OUT/install.log)"
[ "$(stat -c %a /opt/pulseboard/lib/app/pulseboard.jsa)" = 644 ] || fail "the class-data archive is not readable by every user"
[ -x /usr/bin/pulseboard ] || fail "no /usr/bin/pulseboard"
desktop=/usr/share/applications/pulseboard-Pulseboard.desktop
grep -q '^Categories=Office;Finance;' "$desktop" || fail "no desktop entry with its category ($desktop)"
icon="$(sed -n 's/^Icon=//p' "$desktop")"
[ -s "$icon" ] || fail "the desktop entry's icon $icon is missing"
cp "$icon" "$OUT/desktop-entry-icon.png"
say "desktop entry $desktop, icon $icon"

# A user with no Java: an empty PATH (so no java, no redis-server, no clickhouse: the embedded Redis
# and DuckDB history), a home of its own (Java takes user.home from the password file, not from
# HOME, hence the property).
nojava="$home/empty-path"
mkdir -p "$nojava"
env -i PATH="$nojava" HOME="$home" JAVA_TOOL_OPTIONS="-Duser.home=$home" /usr/bin/pulseboard --version >"$OUT/version.txt" 2>&1 || { cat "$OUT/version.txt"; fail "pulseboard --version"; }
say "command line: $(grep -v JAVA_TOOL_OPTIONS "$OUT/version.txt" | head -1)"
# The terminal demo from the installed command: the same signal once its first metric arrives.
env -i PATH="$nojava" HOME="$home" JAVA_TOOL_OPTIONS="-Duser.home=$home" \
  /usr/bin/pulseboard demo --duration 20 --first-metric-file "$home/cli-first" >"$OUT/cli-demo.txt" 2>&1 \
  || { tail -20 "$OUT/cli-demo.txt"; fail "pulseboard demo from the installed command"; }
[ -s "$home/cli-first" ] || { tail -20 "$OUT/cli-demo.txt"; fail "pulseboard demo printed no metric"; }
say "pulseboard demo: first metric $(cat "$home/cli-first") s after start; $(grep -c '^Region' "$OUT/cli-demo.txt") tables printed"
# The reference data: PostgreSQL (Debian's when installed, else the one in the bundle) up and seeded, and
# the sales in EUR and JPY converted, not dead-lettered.
grep -q 'PostgreSQL\] READY .*reference data' "$OUT/cli-demo.txt" \
  || { grep 'PostgreSQL' "$OUT/cli-demo.txt" | tail -5; fail "the installed demo has no PostgreSQL reference data"; }
[ "$(grep '^dead letters' "$OUT/cli-demo.txt" | tail -1 | cut -d' ' -f3)" = 0 ] \
  || { grep '^dead letters' "$OUT/cli-demo.txt" | tail -2; fail "the installed demo dead-lettered sales"; }
say "pulseboard demo: $(grep -o 'PostgreSQL\] READY .*' "$OUT/cli-demo.txt" | tail -1)"

display=97
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1280x720x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X$display" ] && break; sleep 0.1; done
[ -e "/tmp/.X11-unix/X$display" ] || fail "Xvfb did not start on :$display"
signal="$home/first-metric"
launched=$(date +%s.%N)
env -i PATH="$nojava" HOME="$home" JAVA_TOOL_OPTIONS="-Duser.home=$home" DISPLAY=":$display" /opt/pulseboard/bin/Pulseboard --local-demo --first-metric-file="$signal" \
  >"$OUT/app.out" 2>&1 &
app=$!
# The app writes the signal once the dashboard has drawn live figures; 3 minutes at most.
for _ in $(seq 1 360); do
  [ -s "$signal" ] && break
  kill -0 "$app" 2>/dev/null || { tail -20 "$OUT/app.out"; fail "the installed app exited before showing live figures"; }
  sleep 0.5
done
[ -s "$signal" ] || { tail -20 "$OUT/app.out"; fail "no live figures on the dashboard within 3 minutes"; }
say "first live figures on the dashboard $(cat "$signal") s after the installed launcher started"
sleep 5 # let a few more snapshots land, so the screenshot shows the dashboard as a user sees it
DISPLAY=":$display" import -window root "$OUT/installed-dashboard.png"
say "screenshot $OUT/installed-dashboard.png"
kill -TERM "$app" 2>/dev/null || true
for _ in $(seq 1 120); do kill -0 "$app" 2>/dev/null || break; sleep 0.5; done
kill -0 "$app" 2>/dev/null && fail "the app did not exit within 60 s of SIGTERM"
wait "$app" || true
app=
if pgrep -f "$home" >/dev/null; then fail "processes of the app are left: $(pgrep -af "$home")"; fi
cp "$home/.local/state/pulseboard/pulseboard.log" "$OUT/pulseboard.log" 2>/dev/null || true

say "removing"
apt-get remove -y -qq pulseboard >"$OUT/remove.log" 2>&1 || { cat "$OUT/remove.log"; fail "remove"; }
left="$( (ls -d /opt/pulseboard /usr/bin/pulseboard "$desktop" "$icon" 2>/dev/null || true) )"
[ -z "$left" ] || fail "left on disk after removal: $left"
case "$(dpkg-query -W -f='${db:Status-Status}' pulseboard 2>/dev/null || true)" in
  ""|not-installed|config-files) ;;
  *) fail "the package is still installed" ;;
esac
[ -d "$home/.local/share/pulseboard" ] || fail "the user's data went with the program"
say "removed: nothing of the program left; the user's data stays in $home/.local/share/pulseboard"
say "passed in $(( $(date +%s) - start )) s"
