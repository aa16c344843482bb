#!/usr/bin/env bash
# Render benchmark (not a test): the desktop app in local demo mode under a virtual X server with
# software rendering; after the dashboard fills, measures frames per second, the CPU time of the
# FX and renderer threads and the event-to-pixel latency (the newest sale behind the sales tiles to
# the layout pulse that shows it, p50/p99/max) for SECONDS (default 30), and prints a table and one
# JSON line. Usage: [PULSEBOARD_GENERATOR_RATE=20000] scripts/render-bench.sh [SECONDS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v xvfb-run >/dev/null 2>&1 || { echo "render-bench: needs xvfb-run (see scripts/screenshots.sh)" >&2; exit 1; }
DATA="$(mktemp -d)"
trap 'rm -rf "$DATA"' EXIT
PULSEBOARD_JAVA_OPTS="-Dprism.order=sw -Dpulseboard.data.home=$DATA" \
  xvfb-run -a -s "-screen 0 1600x1000x24" "$ROOT/pulseboard" --render-bench="${1:-30}" 2>/dev/null | grep -E "render benchmark|event to pixel|made of|newest event|pipeline at|fps"
