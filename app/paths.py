"""Locating bundled resources and per-workstation data, from the source tree or a frozen bundle."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """Path of a file under ``resources/`` (source tree or PyInstaller bundle)."""
    return _root().joinpath("resources", *parts)


def data_dir() -> Path:
    """The workstation's writable data folder (cache, settings), created on demand."""
    base = os.environ.get("CITYOPS_DATA_DIR")
    if base:
        path = Path(base)
    else:
        xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        path = Path(xdg) / "cityops"
    path.mkdir(parents=True, exist_ok=True)
    return path
