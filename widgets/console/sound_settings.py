"""Sound settings: priority-1 alert volume, mute, and a test button; kept per workstation."""

from __future__ import annotations

import logging

from PySide6 import QtCore, QtWidgets

from widgets.console.alert_player import AlertPlayer

log = logging.getLogger(__name__)

VOLUME_KEY = "sound/p1_volume"
MUTED_KEY = "sound/muted"


def load_sound_settings(settings: QtCore.QSettings, player: AlertPlayer) -> None:
    volume = settings.value(VOLUME_KEY, player.volume)
    try:
        player.set_volume(float(str(volume)))
    except ValueError:
        log.warning("ignoring a bad %s setting: %r", VOLUME_KEY, volume)
    player.set_muted(str(settings.value(MUTED_KEY, "false")).lower() in ("true", "1"))


class SoundSettingsDialog(QtWidgets.QDialog):
    """Changes apply at once (and are saved); Test plays the alert at the chosen volume."""

    def __init__(
        self,
        player: AlertPlayer,
        settings: QtCore.QSettings,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("SoundSettings")
        self.setWindowTitle(self.tr("Sound settings"))
        self._player = player
        self._settings = settings
        self.volume = QtWidgets.QSlider(QtCore.Qt.Orientation.Horizontal)
        self.volume.setObjectName("AlertVolume")
        self.volume.setRange(0, 100)
        self.volume.setValue(round(player.volume * 100))
        self.volume_label = QtWidgets.QLabel()
        self.volume_label.setMinimumWidth(48)
        self.mute = QtWidgets.QCheckBox(self.tr("Mute alerts on this workstation"))
        self.mute.setObjectName("AlertMute")
        self.mute.setChecked(player.muted)
        self.mute.setEnabled(not player.forced_mute)
        if player.forced_mute:
            self.mute.setToolTip(self.tr("Started with --mute: no sound in this session"))
        self.test_button = QtWidgets.QPushButton(self.tr("Test"))
        self.test_button.setObjectName("AlertTest")
        self.test_result = QtWidgets.QLabel()
        self.test_result.setObjectName("AlertTestResult")
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.volume, 1)
        row.addWidget(self.volume_label)
        form = QtWidgets.QFormLayout()
        form.addRow(self.tr("Priority-1 alert volume"), row)
        form.addRow("", self.mute)
        test_row = QtWidgets.QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)
        form.addRow("", test_row)
        close = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        lay = QtWidgets.QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(close)
        self.volume.valueChanged.connect(self._volume_changed)
        self.mute.toggled.connect(self._mute_changed)
        self.test_button.clicked.connect(self.test)
        self._volume_changed(self.volume.value())

    def _volume_changed(self, value: int) -> None:
        self.volume_label.setText(f"{value} %")
        self._player.set_volume(value / 100)
        self._settings.setValue(VOLUME_KEY, value / 100)

    def _mute_changed(self, on: bool) -> None:
        self._player.set_muted(on)
        self._settings.setValue(MUTED_KEY, on)

    def test(self) -> None:
        if self._player.test():
            self.test_result.setText(
                self.tr("Alert played at %1 %").replace("%1", str(self.volume.value()))
            )
        elif self._player.muted:
            self.test_result.setText(self.tr("Muted: no sound"))
        elif self._player.volume <= 0:
            self.test_result.setText(self.tr("Volume is 0: no sound"))
        else:
            self.test_result.setText(self.tr("No audio device: the alert shows on screen only"))
