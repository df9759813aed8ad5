"""What the desktop bundle leaves out: Qt plugins, translations and the libraries only they need.

PyInstaller's Qt hooks collect every plugin of each Qt module the console imports, and with them
the libraries those plugins link (the FFmpeg media backend brings Qt Quick and Qt's own FFmpeg,
the GTK theme brings cairo and pango, the virtual keyboard brings QML). The console needs none of
them, so the spec drops those plugins here and then prunes every shared library that nothing left
in the bundle links to. Used by ``installer/cityops.spec``; free of PyInstaller imports so that it
can be read and tested on its own.
"""

from __future__ import annotations

import logging
import posixpath
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

log = logging.getLogger(__name__)

# One PyInstaller TOC entry: (name in the bundle, source path or link target, type code).
Entry = tuple[str, str, str]

QT_PLUGIN_DIR = "PySide6/Qt/plugins/"

# Qt plugins the console does not use, by folder and plugin name (the file name without the
# platform's "lib" prefix and extension). A whole folder is dropped with "*".
UNUSED_QT_PLUGINS: dict[str, tuple[str, ...]] = {
    # Kiosk and embedded back ends; a desktop console runs on xcb or Wayland (offscreen for
    # --screenshot, minimal for diagnostics).
    "platforms": ("qeglfs", "qlinuxfb", "qminimalegl", "qvkkhrdisplay", "qvnc"),
    "egldeviceintegrations": ("*",),
    "generic": ("*",),  # evdev and TUIO input for eglfs/linuxfb
    # The dark theme is the console's own style sheet: the GTK theme only drags in GTK's stack.
    "platformthemes": ("qgtk3",),
    # The on-screen keyboard is QML (Qt Quick and the QML engine, ~17 MB).
    "platforminputcontexts": ("qtvirtualkeyboardplugin",),
    # Tiles and icons are PNG, JPEG, WebP or SVG; nothing reads PDF, TIFF or the others.
    "imageformats": ("qpdf", "qtiff", "qicns", "qtga", "qwbmp"),
    # The alert sound is a WAV played by QSoundEffect, which decodes WAV itself and talks to the
    # audio server through QtMultimedia's own back end; the FFmpeg media plugin (video playback,
    # cameras, recording) is unused and brings Qt Quick and a second FFmpeg (~40 MB).
    "multimedia": ("*",),
    "networkinformation": ("*",),  # QNetworkInformation is unused
}

# Data folders left out: Qt's translations (the console's text is English only).
UNUSED_DATA_PREFIXES: tuple[str, ...] = ("PySide6/Qt/translations/",)

# Type codes of entries that are loaded by name at run time and so are always kept.
_ROOT_TYPES = {"EXTENSION", "EXECUTABLE"}


def plugin_name(dest: str) -> tuple[str, str] | None:
    """(folder, plugin name) of a Qt plugin entry, or None for anything else."""
    if not dest.replace("\\", "/").startswith(QT_PLUGIN_DIR):
        return None
    rel = PurePosixPath(dest.replace("\\", "/")[len(QT_PLUGIN_DIR) :])
    if len(rel.parts) < 2:
        return None
    stem = rel.name.split(".")[0]
    if stem.startswith("lib"):
        stem = stem[3:]
    return rel.parts[0], stem


def is_unused_plugin(dest: str) -> bool:
    """True for a Qt plugin listed in ``UNUSED_QT_PLUGINS``."""
    found = plugin_name(dest)
    if found is None:
        return False
    folder, name = found
    names = UNUSED_QT_PLUGINS.get(folder, ())
    return "*" in names or name in names


def drop_unused(entries: Iterable[Entry]) -> tuple[list[Entry], list[Entry]]:
    """Split entries into (kept, dropped) by the plugin and data lists above."""
    kept: list[Entry] = []
    dropped: list[Entry] = []
    for entry in entries:
        dest = entry[0].replace("\\", "/")
        if is_unused_plugin(dest) or dest.startswith(UNUSED_DATA_PREFIXES):
            dropped.append(entry)
        else:
            kept.append(entry)
    return kept, dropped


def prune_unlinked(
    binaries: list[Entry],
    imports_of: Callable[[str], Iterable[str]],
    loaded_by_name: Iterable[str] = (),
) -> tuple[list[Entry], list[Entry]]:
    """Keep the shared libraries that something kept links to, directly or not.

    The roots are Python extension modules, the executable and the Qt plugins (all loaded by
    name at run time), and the libraries named in ``loaded_by_name`` (the Python library, which
    the bootloader opens); ``imports_of(source_path)`` gives the library names a binary links to.
    Returns (kept, pruned).
    """
    by_name: dict[str, list[Entry]] = {}
    for entry in binaries:
        if entry[2] == "BINARY":
            by_name.setdefault(_base(entry[0]), []).append(entry)

    named = set(loaded_by_name)
    roots = {
        e
        for e in binaries
        if e[2] in _ROOT_TYPES or plugin_name(e[0]) is not None or _base(e[0]) in named
    }
    reached: set[str] = set()
    todo = [e[1] for e in roots]
    seen: set[str] = set()
    while todo:
        src = todo.pop()
        if src in seen:
            continue
        seen.add(src)
        for name in imports_of(src):
            base = _base(name)
            if base not in reached:
                reached.add(base)
                todo.extend(e[1] for e in by_name.get(base, ()))

    kept: list[Entry] = []
    pruned: list[Entry] = []
    for entry in binaries:
        if entry[2] == "BINARY" and entry not in roots and _base(entry[0]) not in reached:
            pruned.append(entry)
        else:
            kept.append(entry)
    return kept, pruned


def drop_dangling_links(
    entries: list[Entry], bundle: list[Entry]
) -> tuple[list[Entry], list[Entry]]:
    """Split entries into (kept, dropped): a link whose target is no longer in ``bundle`` goes.

    PyInstaller lists symbolic links (``libQt6Core.so.6`` at the top pointing at
    ``PySide6/Qt/lib/libQt6Core.so.6``) as SYMLINK entries whose source is the target's path
    relative to the link's folder.
    """
    present = {_norm(e[0]) for e in bundle if e[2] != "SYMLINK"}
    kept: list[Entry] = []
    dropped: list[Entry] = []
    for entry in entries:
        if entry[2] == "SYMLINK":
            link = PurePosixPath(_norm(entry[0]))
            target = posixpath.normpath(str(link.parent / _norm(entry[1])))
            if target not in present:
                dropped.append(entry)
                continue
        kept.append(entry)
    return kept, dropped


def _norm(name: str) -> str:
    return name.replace("\\", "/")


def _base(name: str) -> str:
    return PurePosixPath(_norm(name)).name


def total_bytes(entries: Iterable[Entry], size_of: Callable[[str], int]) -> int:
    """Sum of the sizes of the entries' source files (links count as nothing)."""
    return sum(size_of(e[1]) for e in entries if e[2] != "SYMLINK")


def has_debug_info(path: str) -> bool:
    """True for an ELF file that carries a ``.debug_info`` section (read from its headers)."""
    with open(path, "rb") as f:
        head = f.read(64)
        if len(head) < 64 or head[:4] != b"\x7fELF" or head[4] != 2 or head[5] != 1:
            return False  # only 64-bit little-endian ELF (what the Linux bundle holds)
        shoff = int.from_bytes(head[0x28:0x30], "little")
        shentsize = int.from_bytes(head[0x3A:0x3C], "little")
        shnum = int.from_bytes(head[0x3C:0x3E], "little")
        shstrndx = int.from_bytes(head[0x3E:0x40], "little")
        if not shoff or not shnum or shstrndx >= shnum:
            return False
        f.seek(shoff)
        table = f.read(shentsize * shnum)
        if len(table) < shentsize * shnum:
            return False

        def section(i: int) -> tuple[int, int, int]:
            raw = table[i * shentsize : (i + 1) * shentsize]
            name = int.from_bytes(raw[0:4], "little")
            offset = int.from_bytes(raw[0x18:0x20], "little")
            size = int.from_bytes(raw[0x20:0x28], "little")
            return name, offset, size

        _, str_off, str_size = section(shstrndx)
        f.seek(str_off)
        names = f.read(str_size)
        for i in range(shnum):
            name_off = section(i)[0]
            end = names.find(b"\0", name_off)
            if names[name_off:end] == b".debug_info":
                return True
    return False
