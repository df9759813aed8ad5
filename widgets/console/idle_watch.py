"""The idle sign-out every desk follows: no keyboard or mouse for the administrator's number of
minutes (``CityState.desk_policy``) signs the desk out, with a warning shortly before that any
key or mouse movement dismisses."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6 import QtCore, QtWidgets

from app.store.store import Store
from widgets.util import named

log = logging.getLogger(__name__)

_INPUT = frozenset(
    {
        QtCore.QEvent.Type.KeyPress,
        QtCore.QEvent.Type.MouseButtonPress,
        QtCore.QEvent.Type.MouseMove,
        QtCore.QEvent.Type.Wheel,
        QtCore.QEvent.Type.TouchBegin,
    }
)


class IdleWatch(QtCore.QObject):
    """Owns the application-wide input filter, the tick and the warning banner."""

    expired = QtCore.Signal(float)  # the idle minutes that ran out

    def __init__(
        self,
        store: Store,
        parent_window: QtWidgets.QWidget | None = None,
        clock: Callable[[], float] = time.monotonic,
        tick_ms: int = 1000,
    ) -> None:
        super().__init__(parent_window)
        self._store = store
        self._clock = clock
        self.last_input = clock()
        self.fired = False
        self.warning = named(QtWidgets.QLabel(parent_window), "IdleWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(
            "background: #7a1f1f; color: #ffffff; font-weight: bold; padding: 10px;"
            " border: 2px solid #ff6b6b;"
        )
        self.warning.hide()
        self._timer = QtCore.QTimer(self, interval=tick_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()
        app = QtCore.QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if event.type() in _INPUT:
            self.touch()
        return False

    def touch(self) -> None:
        """Someone is at the desk: start counting again and take the warning down."""
        self.last_input = self._clock()
        if self.warning.isVisible():
            self.warning.hide()

    def rearm(self) -> None:
        """After a new sign-in: watch again from now."""
        self.fired = False
        self.touch()

    def remaining(self) -> float | None:
        """Seconds until the idle sign-out (None: the policy has none)."""
        policy = self._store.state.desk_policy
        if policy.idle_minutes <= 0:
            return None
        return policy.idle_minutes * 60.0 - (self._clock() - self.last_input)

    def check(self) -> None:
        left = self.remaining()
        if left is None or self.fired or self._store.user is None:
            self.warning.hide()
            return
        policy = self._store.state.desk_policy
        if left <= 0:
            self.fired = True
            self.warning.hide()
            log.info("no input for %g min: the desk signs out", policy.idle_minutes)
            self.expired.emit(policy.idle_minutes)
        elif left <= policy.warn_seconds:
            self.warning.setText(
                self.tr(
                    "No activity: this desk signs out in %1 s. Move the mouse or press a key "
                    "to stay signed in."
                ).replace("%1", str(int(left + 0.999)))
            )
            self._place()
            self.warning.show()
            self.warning.raise_()

    def _place(self) -> None:
        parent = self.warning.parentWidget()
        if parent is None:
            self.warning.adjustSize()
            return
        width = min(560, max(200, parent.width() - 40))
        self.warning.setFixedWidth(width)
        self.warning.adjustSize()
        self.warning.move((parent.width() - width) // 2, 40)

    def stop(self) -> None:
        self._timer.stop()
        app = QtCore.QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
