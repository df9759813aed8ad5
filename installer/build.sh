#!/usr/bin/env bash
# Build the self-contained CityOps desktop bundle (Linux): dist/cityops/, started by
# dist/cityops/cityops. Installs what is missing first: the console's packages in .venv
# (scripts/setup.sh) and the pinned build tools of installer/requirements.txt (the `installer`
# extra) into the same .venv, so a second run installs nothing and reuses PyInstaller's cache in
# build/installer/. Prints the bundle's size and the build time.
# Usage: installer/build.sh [--clean]     (--clean: forget PyInstaller's cache first)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[installer] %s\n' "$*" >&2; }
start=$(date +%s)

CLEAN=()
[ "${1:-}" = "--clean" ] && CLEAN=(--clean)

scripts/setup.sh

# PyInstaller reads and strips binaries with binutils (objdump, strip).
if ! command -v objdump >/dev/null 2>&1 || ! command -v strip >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then
    say "installing binutils"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends binutils >/dev/null
  else
    say "binutils (objdump, strip) is missing: sudo apt-get install binutils, then run this again"
    exit 2
  fi
fi

stamp=.venv/.stamp-installer
want=$(cat installer/requirements.txt constraints.txt | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] \
    || ! .venv/bin/python -c 'import PyInstaller' 2>/dev/null; then
  say "installing the build tools (installer/requirements.txt)"
  .venv/bin/python -m pip install -q --disable-pip-version-check \
    -r installer/requirements.txt -c constraints.txt
  echo "$want" > "$stamp"
fi

say "building dist/cityops with PyInstaller $(.venv/bin/python -c 'import PyInstaller; print(PyInstaller.__version__)')"
.venv/bin/python -m PyInstaller --noconfirm "${CLEAN[@]}" --log-level WARN \
  --distpath dist --workpath build/installer installer/cityops.spec

if [ ! -x dist/cityops/cityops ]; then
  say "the build finished without dist/cityops/cityops"
  exit 1
fi
size_mb=$(du -sm dist/cityops | cut -f1)
files=$(find dist/cityops -type f | wc -l)
say "bundle: dist/cityops (${size_mb} MB, ${files} files); start it with dist/cityops/cityops"
say "built in $(( $(date +%s) - start )) s"
