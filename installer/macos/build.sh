#!/usr/bin/env bash
# Build the CityOps bundle on macOS: dist/CityOps.app (and the plain folder dist/cityops/).
# NOT TESTED: written from the Linux build (installer/build.sh), which is the one that is built
# and started by the test suite. Expect to adjust it on the first real macOS build.
# Needs Python 3.11 (python.org installer or Homebrew python@3.11). Usage: installer/macos/build.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
say() { printf '[installer] %s\n' "$*" >&2; }
start=$(date +%s)

PY=${PYTHON:-python3.11}
if [ ! -x .venv/bin/python ]; then
  say "creating .venv with $PY"
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt -c constraints.txt
.venv/bin/python -m pip install -q --disable-pip-version-check \
  -r installer/requirements.txt -c constraints.txt

.venv/bin/python -m PyInstaller --noconfirm --log-level WARN \
  --distpath dist --workpath build/installer installer/cityops.spec

[ -d dist/CityOps.app ] || { say "the build finished without dist/CityOps.app"; exit 1; }
say "bundle: dist/CityOps.app ($(du -sm dist/CityOps.app | cut -f1) MB); open it with: open dist/CityOps.app"
say "built in $(( $(date +%s) - start )) s"
