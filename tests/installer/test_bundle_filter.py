"""What the bundle spec leaves out: plugin lists, pruning of unlinked libraries, debug data.

Fast, no PyInstaller needed: these run in the default suite.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import av
import PySide6
import pytest

from installer import bundle_filter as bf

QT = Path(PySide6.__file__).resolve().parent / "Qt"


def test_unused_plugins_and_translations_are_dropped_and_the_rest_kept() -> None:
    entries = [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", "/src/libqoffscreen.so", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", "/src/libqeglfs.so", "BINARY"),
        ("PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so", "/src/ff.so", "BINARY"),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", "/src/libqjpeg.so", "BINARY"),
        ("PySide6\\Qt\\plugins\\imageformats\\qpdf.dll", "C:\\src\\qpdf.dll", "BINARY"),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/src/libqgtk3.so", "BINARY"),
        ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", "/src/p.so", "BINARY"),
        ("PySide6/Qt/translations/qtbase_de.qm", "/src/qtbase_de.qm", "DATA"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/src/libQt6Core.so.6", "BINARY"),
        ("resources/city/units.json", "/src/units.json", "DATA"),
    ]
    kept, dropped = bf.drop_unused(entries)
    assert {e[0].replace("\\", "/").rsplit("/", 1)[1] for e in dropped} == {
        "libqeglfs.so",
        "libffmpegmediaplugin.so",
        "qpdf.dll",
        "libqgtk3.so",
        "qtbase_de.qm",
    }
    assert len(kept) + len(dropped) == len(entries)
    assert ("resources/city/units.json", "/src/units.json", "DATA") in kept


def test_plugin_name_reads_folder_and_name() -> None:
    assert bf.plugin_name("PySide6/Qt/plugins/platforms/libqxcb.so") == ("platforms", "qxcb")
    assert bf.plugin_name("PySide6/Qt/plugins/imageformats/qjpeg.dll") == ("imageformats", "qjpeg")
    assert bf.plugin_name("PySide6/Qt/lib/libQt6Core.so.6") is None
    assert bf.plugin_name("PySide6/Qt/plugins/README") is None


def test_prune_keeps_what_roots_reach_and_drops_the_rest() -> None:
    binaries = [
        ("PySide6/QtWidgets.abi3.so", "/s/QtWidgets.abi3.so", "EXTENSION"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/s/libqxcb.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", "/s/libQt6Widgets.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/s/libQt6Gui.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/s/libQt6Core.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "/s/libQt6XcbQpa.so.6", "BINARY"),
        ("libxcb-cursor.so.0", "/usr/lib/libxcb-cursor.so.0", "BINARY"),
        # left behind by a plugin that was dropped before pruning
        ("PySide6/Qt/lib/libQt6Quick.so.6", "/s/libQt6Quick.so.6", "BINARY"),
        ("libcairo.so.2", "/usr/lib/libcairo.so.2", "BINARY"),
        ("libpython3.11.so.1.0", "/py/libpython3.11.so.1.0", "BINARY"),
        ("libpython3.11.so", "libpython3.11.so.1.0", "SYMLINK"),
    ]
    links = {
        "/s/QtWidgets.abi3.so": ["libQt6Widgets.so.6", "libc.so.6"],
        "/s/libQt6Widgets.so.6": ["libQt6Gui.so.6"],
        "/s/libQt6Gui.so.6": ["libQt6Core.so.6"],
        "/s/libqxcb.so": ["libQt6XcbQpa.so.6"],
        "/s/libQt6XcbQpa.so.6": ["/usr/lib/libxcb-cursor.so.0"],
        "/s/libQt6Quick.so.6": ["libcairo.so.2", "libQt6Core.so.6"],
    }
    kept, pruned = bf.prune_unlinked(
        binaries, lambda src: links.get(src, []), loaded_by_name=["libpython3.11.so.1.0"]
    )
    assert {e[0] for e in pruned} == {"PySide6/Qt/lib/libQt6Quick.so.6", "libcairo.so.2"}
    assert [e for e in binaries if e not in pruned] == kept
    assert ("libpython3.11.so.1.0", "/py/libpython3.11.so.1.0", "BINARY") in kept


def test_links_to_pruned_files_are_dropped() -> None:
    bundle = [
        ("PySide6/Qt/lib/libQt6Core.so.6", "/s/libQt6Core.so.6", "BINARY"),
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Quick.so.6", "SYMLINK"),
        ("av.libs/libx.so", "../PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("av.libs/liby.so", "libgone.so", "SYMLINK"),
    ]
    kept, dropped = bf.drop_dangling_links(bundle, bundle)
    assert {e[0] for e in dropped} == {"libQt6Quick.so.6", "av.libs/liby.so"}
    assert {e[0] for e in kept} == {
        "PySide6/Qt/lib/libQt6Core.so.6",
        "libQt6Core.so.6",
        "av.libs/libx.so",
    }


def _elf_files() -> list[Path]:
    files = sorted(Path(av.__file__).resolve().parent.glob("*.so"))[:6]
    files += sorted((QT / "lib").glob("libQt6Core.so*"))[:1]
    files += sorted((QT / "plugins" / "platforms").glob("*.so"))[:3]
    return files


def test_debug_info_detection_matches_readelf() -> None:
    readelf = shutil.which("readelf")
    if readelf is None:
        pytest.skip("readelf (binutils) is not installed")
    files = _elf_files()
    assert files, "no shared libraries found to read"
    answers = {}
    for path in files:
        sections = subprocess.run(
            [readelf, "-S", "-W", str(path)], capture_output=True, text=True, check=True
        ).stdout
        answers[path.name] = (bf.has_debug_info(str(path)), ".debug_info" in sections)
    assert all(ours == theirs for ours, theirs in answers.values()), answers
    # Both kinds are among the files, so the check can tell them apart.
    assert {ours for ours, _ in answers.values()} == {True, False}, answers


def test_debug_info_detection_rejects_non_elf_and_truncated_files(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a library")
    assert bf.has_debug_info(str(text)) is False
    lib = _elf_files()[0]
    cut = tmp_path / "cut.so"
    cut.write_bytes(lib.read_bytes()[:200])
    assert bf.has_debug_info(str(cut)) is False
