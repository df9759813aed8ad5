#!/usr/bin/env bash
# Install the CityOps bundle with its menu entry and icon.
#   as root:      /opt/cityops, /usr/local/share/applications, /usr/local/share/icons,
#                 /usr/local/bin/cityops
#   as a user:    ~/.local/opt/cityops, ~/.local/share/applications, ~/.local/share/icons,
#                 ~/.local/bin/cityops
# Usage: install.sh [--user] [--uninstall]
#   --user       install for the current user even when run as root
#   --uninstall  remove what an earlier install put there
# Run it from the repository after installer/build.sh (it takes dist/cityops), or from a copy
# of the bundle folder (build.sh puts this script, the menu entry and the icons in it).
set -euo pipefail

say() { printf '[install] %s\n' "$*" >&2; }

USER_MODE=0
UNINSTALL=0
for arg in "$@"; do
  case "$arg" in
    --user) USER_MODE=1 ;;
    --uninstall) UNINSTALL=1 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) say "unknown option: $arg (try --help)"; exit 2 ;;
  esac
done

here=$(cd "$(dirname "$0")" && pwd)
if [ -x "$here/cityops" ] && [ -d "$here/_internal" ]; then
  bundle=$here                       # running from inside a bundle folder
  share=$here/share
else
  bundle=$(cd "$here/../.." && pwd)/dist/cityops
  share=$here
fi

if [ "$(id -u)" = "0" ] && [ $USER_MODE = 0 ]; then
  prefix=/opt/cityops
  data=/usr/local/share
  bin=/usr/local/bin
else
  prefix=$HOME/.local/opt/cityops
  data=${XDG_DATA_HOME:-$HOME/.local/share}
  bin=$HOME/.local/bin
fi
apps=$data/applications
icons=$data/icons/hicolor

refresh_caches() {
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$apps" || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$icons" || true
}

# Only a folder that holds a CityOps bundle (or nothing) is ever replaced or removed.
safe_to_replace() {
  [ ! -e "$1" ] || { [ -x "$1/cityops" ] && [ -d "$1/_internal" ]; } \
    || [ -z "$(ls -A "$1" 2>/dev/null)" ]
}

if [ $UNINSTALL = 1 ]; then
  if ! safe_to_replace "$prefix"; then
    say "$prefix does not look like a CityOps bundle: left alone"
    exit 1
  fi
  rm -rf "$prefix"
  rm -f "$apps/cityops.desktop" "$icons/256x256/apps/cityops.png" \
    "$icons/scalable/apps/cityops.svg"
  [ -L "$bin/cityops" ] && rm -f "$bin/cityops"
  refresh_caches
  say "removed $prefix and its menu entry"
  exit 0
fi

if [ ! -x "$bundle/cityops" ]; then
  say "no bundle at $bundle: build it first with installer/build.sh"
  exit 1
fi
for f in cityops.desktop cityops.png cityops.svg; do
  [ -f "$share/$f" ] || { say "missing $share/$f"; exit 1; }
done
if ! safe_to_replace "$prefix"; then
  say "$prefix exists and does not look like a CityOps bundle: not overwriting it"
  exit 1
fi

# Copy next to the target, then swap, so a failed copy leaves the old install working.
mkdir -p "$(dirname "$prefix")"
tmp="$prefix.new.$$"
rm -rf "$tmp"
cp -a "$bundle" "$tmp"
rm -rf "$prefix"
mv "$tmp" "$prefix"

mkdir -p "$apps" "$icons/256x256/apps" "$icons/scalable/apps" "$bin"
sed "s|^Exec=.*|Exec=$prefix/cityops|" "$share/cityops.desktop" > "$apps/cityops.desktop"
chmod 644 "$apps/cityops.desktop"
install -m 644 "$share/cityops.png" "$icons/256x256/apps/cityops.png"
install -m 644 "$share/cityops.svg" "$icons/scalable/apps/cityops.svg"
ln -sfn "$prefix/cityops" "$bin/cityops"
refresh_caches

say "installed $(du -sm "$prefix" | cut -f1) MB in $prefix"
say "menu entry: $apps/cityops.desktop; command: $bin/cityops"
