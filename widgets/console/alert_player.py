"""Plays the priority-1 alert sound (and stays quiet where there is no audio device)."""

from __future__ import annotations

import logging

from PySide6 import QtCore

from app.paths import resource_path

log = logging.getLogger(__name__)


class AlertPlayer(QtCore.QObject):
    """Owns the alert sound; ``play()`` is safe to call in bursts (one sound at a time)."""

    def __init__(self, parent: QtCore.QObject | None = None, muted: bool = False) -> None:
        super().__init__(parent)
        self.muted = muted
        self.played = 0  # how many alerts were raised (tests and the status bar read it)
        self._effect = None
        if muted:
            return
        try:
            from PySide6 import QtMultimedia

            effect = QtMultimedia.QSoundEffect(self)
            effect.setSource(QtCore.QUrl.fromLocalFile(str(resource_path("sounds", "alert.wav"))))
            effect.setVolume(0.9)
            self._effect = effect
        except Exception as exc:  # no multimedia backend on this machine
            log.warning("alert sound unavailable: %s", exc)

    def play(self) -> None:
        self.played += 1
        if self.muted or self._effect is None:
            return
        if not self._effect.isPlaying():
            self._effect.play()
