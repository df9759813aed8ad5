#!/usr/bin/env bash
# Install what is missing, then start the CityOps console on its embedded default
# (in-process server, San Francisco demo city, demo dispatcher). Extra arguments go to main.py.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  # No screen (e.g. over ssh): run on a virtual two-monitor X display so the console still starts.
  echo "[run] no display found: starting the console on a virtual screen (Xvfb :97)" >&2
  exec scripts/xvfb-run.sh .venv/bin/python main.py "$@"
fi
exec .venv/bin/python main.py "$@"
