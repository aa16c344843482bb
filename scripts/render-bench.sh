#!/usr/bin/env bash
# Render benchmark (not a test): the desktop app in local demo mode under a virtual X server with
# software rendering; after the dashboard fills, measures frames per second and the CPU time of the
# FX and renderer threads for SECONDS (default 30). Usage: scripts/render-bench.sh [SECONDS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v xvfb-run >/dev/null 2>&1 || { echo "render-bench: needs xvfb-run (see scripts/screenshots.sh)" >&2; exit 1; }
DATA="$(mktemp -d)"
trap 'rm -rf "$DATA"' EXIT
PULSEBOARD_JAVA_OPTS="-Dprism.order=sw -Dpulseboard.data.home=$DATA" \
  xvfb-run -a -s "-screen 0 1600x1000x24" "$ROOT/pulseboard" --render-bench="${1:-30}" 2>/dev/null | grep -E "render benchmark|fps"
