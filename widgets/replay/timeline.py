"""The replay timeline: play/pause, speed, step, a seek slider with priority-1 markers, and the
current replay time in the city's time zone."""

from __future__ import annotations

import logging
from typing import TypeVar

from PySide6 import QtCore, QtGui, QtWidgets

from app.replay.player import SPEEDS
from app.replay.replayfile import ReplayError
from app.replay.score import score_training
from app.replay.session import ReplaySession
from app.replay.timeparse import format_local
from widgets.replay.marker_slider import MarkerSlider
from widgets.replay.score_dialog import ScoreDialog

log = logging.getLogger(__name__)

W = TypeVar("W", bound=QtWidgets.QWidget)


def _named(widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget


TIME_FORMAT = "%a %Y-%m-%d %H:%M:%S %Z"
PLAY, PAUSE, STEP = "\u25b6", "||", "\u25b6|"


class TimelineWidget(QtWidgets.QWidget):
    """Transport controls of one :class:`ReplaySession`; reads and drives its ReplayDriver."""

    scoreRequested = QtCore.Signal()  # training: the trainee asked for the score

    def __init__(self, session: ReplaySession, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("replayTimeline")
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
        self.session = session
        self.driver = session.driver
        self.player = session.player
        self._updating = False

        # Text glyphs rather than the style's icons: they stay legible in dark themes.
        self.play_button = _named(QtWidgets.QToolButton(), "replayPlay")
        self.play_button.setText(PLAY)
        self.play_button.setToolTip(self.tr("Play / pause (Space while the timeline has focus)"))
        self.step_button = _named(QtWidgets.QToolButton(), "replayStep")
        self.step_button.setText(STEP)
        self.step_button.setToolTip(
            self.tr("Step to the next event (Right while the timeline has focus)")
        )
        self.speed_box = _named(QtWidgets.QComboBox(), "replaySpeed")
        for s in SPEEDS:
            self.speed_box.addItem(f"{s:g}x", s)
        self.speed_box.setToolTip(self.tr("Replay speed"))
        self.slider = MarkerSlider()
        self.slider.setObjectName("replaySlider")
        self.slider.setRange(0, max(1, int(self.player.end - self.player.start)))
        self.slider.setPageStep(3600)
        self.slider.setSingleStep(60)
        self.time_label = _named(QtWidgets.QLabel(), "replayTime")
        self.time_label.setMinimumWidth(self.time_label.fontMetrics().horizontalAdvance("W" * 16))
        self.mode_label = _named(
            QtWidgets.QLabel("TRAINING" if session.training else "REPLAY"), "replayMode"
        )
        self.mode_label.setStyleSheet(
            "font-weight: bold; color: %s;" % ("#e65100" if session.training else "#1565c0")
        )
        self.mode_label.setToolTip(session.meta.title)

        row = QtWidgets.QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        row.addWidget(self.mode_label)
        row.addWidget(self.play_button)
        row.addWidget(self.step_button)
        row.addWidget(self.speed_box)
        row.addWidget(self.slider, 1)
        row.addWidget(self.time_label)
        if session.training:
            self.score_button = _named(QtWidgets.QPushButton(self.tr("Score…")), "replayScore")
            self.score_button.setToolTip(
                self.tr("Compare your dispatching with what really happened")
            )
            self.score_button.clicked.connect(self.scoreRequested)
            self.scoreRequested.connect(self.show_score)
            row.addWidget(self.score_button)

        self._set_markers()
        idx = self.speed_box.findData(self.player.speed)
        self.speed_box.setCurrentIndex(idx if idx >= 0 else 2)
        self.play_button.clicked.connect(self.driver.toggle)
        self.step_button.clicked.connect(self.driver.step)
        self.speed_box.currentIndexChanged.connect(self._speed_chosen)
        self.slider.sliderReleased.connect(self._slider_released)
        self.slider.actionTriggered.connect(self._slider_action)
        self.slider.sliderMoved.connect(self._preview)
        self.slider.jumped.connect(lambda v: self.driver.seek(self.player.start + v))
        self.driver.clockChanged.connect(self._on_clock)
        self.driver.playingChanged.connect(self._on_playing)
        self.driver.seekRefused.connect(self._on_refused)
        self._on_clock(self.player.clock)

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:
        # Keys only while the timeline has focus: Space and Right mean other things elsewhere.
        if event.key() == QtCore.Qt.Key.Key_Space:
            self.driver.toggle()
        elif event.key() == QtCore.Qt.Key.Key_Right:
            self.driver.step()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def show_score(self) -> ScoreDialog | None:
        """Pause, score the session so far and show it (training only)."""
        gateway, path = self.session.gateway, self.session.training_log
        if gateway is None or path is None:
            return None
        self.driver.pause()
        gateway.flush()
        try:
            score = score_training(path)
        except ReplayError as exc:
            QtWidgets.QMessageBox.warning(self, self.tr("Training score"), str(exc))
            return None
        dialog = ScoreDialog(score, self)
        dialog.setModal(False)
        dialog.show()
        return dialog

    def _set_markers(self) -> None:
        start = self.player.start
        tz = self.session.time_zone
        self.slider.set_markers(
            [
                (
                    int(m.time - start),
                    f"{m.number} {m.category} {format_local(m.time, tz, '%m-%d %H:%M')}",
                )
                for m in self.player.markers()
            ]
        )

    # --- user actions ------------------------------------------------------------------------------
    def _speed_chosen(self, index: int) -> None:
        self.driver.set_speed(float(self.speed_box.itemData(index)))

    def _slider_released(self) -> None:
        self.driver.seek(self.player.start + self.slider.value())

    def _slider_action(self, action: int) -> None:
        if self._updating or self.slider.isSliderDown():
            return
        # Page / step clicks on the groove: seek once the slider has taken the new value.
        QtCore.QTimer.singleShot(
            0, lambda: self.driver.seek(self.player.start + self.slider.value())
        )

    def _preview(self, value: int) -> None:
        self.time_label.setText(
            format_local(self.player.start + value, self.session.time_zone, TIME_FORMAT)
        )

    # --- driver -> view ----------------------------------------------------------------------------
    def _on_clock(self, t: float) -> None:
        self.time_label.setText(format_local(t, self.session.time_zone, TIME_FORMAT))
        if not self.slider.isSliderDown():
            self._updating = True
            self.slider.setValue(int(t - self.player.start))
            self._updating = False

    def _on_playing(self, playing: bool) -> None:
        self.play_button.setText(PAUSE if playing else PLAY)

    def _on_refused(self, message: str) -> None:
        self.time_label.setToolTip(message)
        QtWidgets.QToolTip.showText(
            self.slider.mapToGlobal(QtCore.QPoint(0, 0)), message, self.slider
        )
