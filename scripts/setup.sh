#!/usr/bin/env bash
# Set up everything CityOps needs on a Debian machine, idempotently:
#   1. the few Debian packages Qt needs (installed when missing; root or passwordless sudo),
#   2. a virtual environment in .venv with the pinned packages (skipped when already current).
# Usage: scripts/setup.sh [--dev]   (--dev adds the test and lint tools)
set -euo pipefail
cd "$(dirname "$0")/.."

DEV=0
[ "${1:-}" = "--dev" ] && DEV=1

say() { printf '[setup] %s\n' "$*" >&2; }

# --- Debian packages --------------------------------------------------------------------------
# Runtime libraries of Qt's xcb platform plugin, sound for alerts, fonts (Latin + Chinese names),
# and Xvfb + xrandr for the virtual two-monitor workspace used by tests and screenshots.
DEB_PACKAGES=(libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0
  libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 libxcb-cursor0 libxkbcommon-x11-0 libegl1 libgl1
  libfontconfig1 libdbus-1-3 libglib2.0-0 libpulse0 fonts-dejavu-core fonts-wqy-microhei fonts-noto-cjk
  xvfb x11-xserver-utils)
# The MQTT broker the sensor-intake tests start on a free port of their own (never the system
# service); the demo city publishes sensor traffic through it when it is present.
if [ $DEV = 1 ]; then DEB_PACKAGES+=(mosquitto); fi
# --dev: Debian's chromium for the browser tests of the public page (playwright drives it; it
# cannot download a browser build of its own here), and PostgreSQL for the throwaway clusters of
# the PostgreSQL event store's tests (initdb/pg_ctl).
if [ $DEV = 1 ]; then DEB_PACKAGES+=(chromium postgresql); fi

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${DEB_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
else
  say "dpkg-query not found: not a Debian system; make sure Qt's xcb libraries are installed."
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else SUDO="NONE"; fi
  if [ "$SUDO" = "NONE" ]; then
    say "These Debian packages are missing: ${missing[*]}"
    say "Installing them needs root. Ask an administrator to run:"
    say "  sudo apt-get update && sudo apt-get install -y ${missing[*]}"
    say "then run this command again."
    exit 2
  fi
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- Python ------------------------------------------------------------------------------------
PY=""
for cand in python3.11 python3; do
  if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
    PY=$(command -v "$cand"); break
  fi
done
if [ -z "$PY" ]; then
  say "Python 3.11 is required (Debian 12: apt-get install python3 python3-venv)."
  exit 2
fi
if [ ! -x .venv/bin/python ]; then
  say "creating virtual environment .venv"
  "$PY" -m venv .venv || { say "venv failed: install python3-venv (apt-get install python3-venv)"; exit 2; }
fi

REQ=requirements.txt
[ $DEV = 1 ] && REQ=requirements-dev.txt
stamp=".venv/.stamp-$(basename "$REQ" .txt)"
want=$(cat requirements.txt requirements-dev.txt constraints.txt | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  say "installing pinned Python packages ($REQ)"
  .venv/bin/python -m pip install -q --disable-pip-version-check -r "$REQ" -c constraints.txt
  echo "$want" > "$stamp"
fi

# --- translations ------------------------------------------------------------------------------
# The catalogues (i18n/*.ts) are kept in the repo; the compiled .qm files are built here with Qt's
# own pyside6-lrelease whenever a catalogue is newer than its .qm.
for ts in i18n/*.ts; do
  [ -e "$ts" ] || continue
  qm="resources/i18n/$(basename "${ts%.ts}").qm"
  pairs="${qm%.qm}.json"  # the run-time language switch reads these (widgets/console/language.py)
  if [ ! -f "$qm" ] || [ ! -f "$pairs" ] || [ "$ts" -nt "$qm" ]; then
    .venv/bin/python scripts/i18n.py release >/dev/null || { say "building translations failed"; exit 2; }
    break
  fi
done
