"""Named video wall presets (layout and camera per tile) kept in QSettings or a plain dict."""

from __future__ import annotations

import json
import logging
from collections.abc import MutableMapping

from PySide6 import QtCore

log = logging.getLogger(__name__)

LAYOUTS = (1, 4, 9, 16)
PRESET_GROUP = "videoWall/presets"
PresetStore = QtCore.QSettings | MutableMapping[str, str]


class WallPresets:
    """Owns the preset entries under ``videoWall/presets/<name>`` as JSON strings."""

    def __init__(self, store: PresetStore) -> None:
        self._store = store

    @staticmethod
    def check_name(name: str) -> str:
        """The name stripped, or ValueError saying what is wrong with it."""
        name = name.strip()
        if not name:
            raise ValueError("a wall preset needs a name")
        if "/" in name or "\\" in name:
            raise ValueError(f"preset name {name!r} may not contain '/' or '\\'")
        return name

    def names(self) -> list[str]:
        s = self._store
        if isinstance(s, QtCore.QSettings):
            s.beginGroup(PRESET_GROUP)
            keys = s.childKeys()
            s.endGroup()
            return sorted(keys)
        prefix = PRESET_GROUP + "/"
        return sorted(k[len(prefix) :] for k in s if k.startswith(prefix))

    def save(self, name: str, layout: int, cameras: list[str]) -> str:
        name = self.check_name(name)
        value = json.dumps({"layout": layout, "cameras": cameras})
        key = f"{PRESET_GROUP}/{name}"
        if isinstance(self._store, QtCore.QSettings):
            self._store.setValue(key, value)
            self._store.sync()
        else:
            self._store[key] = value
        return name

    def load(self, name: str) -> tuple[int, list[str]]:
        """``(layout, camera ids)`` of the preset; ValueError if missing or damaged."""
        name = self.check_name(name)
        key = f"{PRESET_GROUP}/{name}"
        s = self._store
        raw = s.value(key) if isinstance(s, QtCore.QSettings) else s.get(key)
        if raw is None:
            raise ValueError(f"there is no wall preset named {name!r}")
        try:
            data = json.loads(str(raw))
            layout = int(data["layout"])
            cameras = [str(c) for c in data["cameras"]]
            if layout not in LAYOUTS:
                raise ValueError(f"layout {layout} is not one of {LAYOUTS}")
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"wall preset {name!r} is damaged ({exc}); save it again") from exc
        return layout, cameras

    def delete(self, name: str) -> None:
        name = self.check_name(name)
        key = f"{PRESET_GROUP}/{name}"
        s = self._store
        if isinstance(s, QtCore.QSettings):
            s.remove(key)
        else:
            s.pop(key, None)
