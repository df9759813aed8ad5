"""The Qt side of the player: a QTimer drives the replay clock and feeds the Store.

QtCore only. On seek the store's state is replaced by the replay's state at that time; while
playing, each tick applies the events the clock passed. In training the clock only moves forward
and the store's state (replay plus the trainee's events) is never replaced.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6 import QtCore

from app.domain.events import Event
from app.replay.player import ReplayPlayer
from app.replay.replayfile import ReplayError
from app.store.store import Store

log = logging.getLogger(__name__)

TICK_MS = 100


class ReplayDriver(QtCore.QObject):
    """Owns the play timer; the single writer of the store while a replay is open."""

    clockChanged = QtCore.Signal(float)  # replay time (UTC epoch seconds)
    playingChanged = QtCore.Signal(bool)
    speedChanged = QtCore.Signal(float)
    finished = QtCore.Signal()  # reached the end of the replay
    seekRefused = QtCore.Signal(str)  # why a seek was not possible (training goes forward only)

    def __init__(
        self,
        player: ReplayPlayer,
        store: Store,
        training: bool = False,
        on_tick: Callable[[float], None] | None = None,
        parent: QtCore.QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.player = player
        self.store = store
        self.training = training
        self._on_tick = on_tick
        self._timer = QtCore.QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._elapsed = QtCore.QElapsedTimer()
        store.set_clock(lambda: self.player.clock)

    @property
    def clock(self) -> float:
        return self.player.clock

    def is_playing(self) -> bool:
        return self.player.playing

    def play(self) -> None:
        self.player.play()
        if self.player.playing and not self._timer.isActive():
            self._elapsed.start()
            self._timer.start()
        self.playingChanged.emit(self.player.playing)

    def pause(self) -> None:
        self.player.pause()
        self._timer.stop()
        self.playingChanged.emit(False)

    def toggle(self) -> None:
        if self.player.playing:
            self.pause()
        else:
            self.play()

    def set_speed(self, speed: float) -> None:
        self.player.set_speed(speed)
        self.speedChanged.emit(self.player.speed)

    def step(self) -> None:
        self._deliver(self.player.step())

    def seek(self, t: float) -> bool:
        """Move to ``t``; in training only forward (returns False and says why otherwise)."""
        if self.training:
            if t < self.player.clock:
                msg = "a training session runs forward only"
                self.seekRefused.emit(msg)
                self.clockChanged.emit(self.player.clock)
                return False
            self._deliver(self.player.advance_to(t))
            return True
        try:
            state = self.player.seek(t)
        except ReplayError as exc:
            self.seekRefused.emit(str(exc))
            return False
        self.store.replace_state(state)
        self.clockChanged.emit(self.player.clock)
        return True

    def _tick(self) -> None:
        dt = self._elapsed.restart() / 1000.0
        self._deliver(self.player.advance(dt))

    def _deliver(self, events: list[Event]) -> None:
        if events:
            self.store.apply_events(events)
        if self._on_tick is not None:
            self._on_tick(self.player.clock)
        self.clockChanged.emit(self.player.clock)
        if self.player.at_end and self._timer.isActive():
            self._timer.stop()
            self.playingChanged.emit(False)
            self.finished.emit()

    def stop(self) -> None:
        self._timer.stop()
