"""Plays the priority-1 alert sound (and stays quiet where there is no audio device)."""

from __future__ import annotations

import logging
from typing import Any

from PySide6 import QtCore

from app.paths import resource_path

log = logging.getLogger(__name__)


class AlertPlayer(QtCore.QObject):
    """Owns the alert sound; ``play()`` is safe to call in bursts (one sound at a time).

    ``forced_mute`` (the --mute flag) keeps it silent whatever the sound settings say.
    """

    def __init__(
        self, parent: QtCore.QObject | None = None, muted: bool = False, volume: float = 0.9
    ) -> None:
        super().__init__(parent)
        self.forced_mute = muted
        self.muted = muted
        self.volume = volume
        self.played = 0  # how many alerts were raised (tests and the status bar read it)
        self.sounded = 0  # how many were actually sent to the audio device
        self._effect: Any = None
        self._tried = False

    def set_volume(self, volume: float) -> None:
        self.volume = max(0.0, min(1.0, volume))
        if self._effect is not None:
            self._effect.setVolume(self.volume)

    def set_muted(self, muted: bool) -> None:
        self.muted = muted or self.forced_mute

    def _sound(self) -> Any:
        if self._effect is None and not self._tried:
            self._tried = True
            try:
                from PySide6 import QtMultimedia

                effect = QtMultimedia.QSoundEffect(self)
                effect.setSource(
                    QtCore.QUrl.fromLocalFile(str(resource_path("sounds", "alert.wav")))
                )
                effect.setVolume(self.volume)
                self._effect = effect
            except Exception as exc:  # no multimedia backend on this machine
                log.warning("alert sound unavailable: %s", exc)
        return self._effect

    def play(self) -> None:
        self.played += 1
        self.test()

    def test(self) -> bool:
        """Sound once at the current volume (the settings' Test button); False when silent."""
        if self.muted or self.volume <= 0.0:
            return False
        effect = self._sound()
        if effect is None:
            return False
        if not effect.isPlaying():
            effect.play()
        self.sounded += 1
        return True
