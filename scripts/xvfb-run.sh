#!/usr/bin/env bash
# Run a command on a virtual X display with two 1920x1080 RandR monitors side by side.
# Usage: scripts/xvfb-run.sh CMD [ARGS...]   (DISPLAY number from CITYOPS_XVFB_DISPLAY, default :97)
set -euo pipefail
disp="${CITYOPS_XVFB_DISPLAY:-:97}"
Xvfb "$disp" -screen 0 3840x1080x24 -noreset -nolisten tcp >/dev/null 2>&1 &
xpid=$!
trap 'kill $xpid 2>/dev/null || true' EXIT
for _ in $(seq 50); do DISPLAY="$disp" xrandr >/dev/null 2>&1 && break; sleep 0.1; done
DISPLAY="$disp" xrandr --setmonitor LEFT 1920/508x1080/286+0+0 screen >/dev/null 2>&1 || true
DISPLAY="$disp" xrandr --setmonitor RIGHT 1920/508x1080/286+1920+0 none >/dev/null 2>&1 || true
DISPLAY="$disp" QT_QPA_PLATFORM=xcb "$@"
