"""Sound settings: the P1 alert volume and mute are applied at once, kept per workstation, and
Test reports what happened."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6 import QtCore

from widgets.console.alert_player import AlertPlayer
from widgets.console.sound_settings import SoundSettingsDialog, load_sound_settings


def test_volume_and_mute_are_applied_and_kept(qtbot: Any, tmp_path: Path) -> None:
    ini = str(tmp_path / "s.ini")
    settings = QtCore.QSettings(ini, QtCore.QSettings.Format.IniFormat)
    player = AlertPlayer()
    load_sound_settings(settings, player)
    dialog = SoundSettingsDialog(player, settings)
    qtbot.addWidget(dialog)
    dialog.volume.setValue(35)
    assert player.volume == 0.35 and dialog.volume_label.text() == "35 %"
    dialog.mute.setChecked(True)
    assert player.muted
    qtbot.mouseClick(dialog.test_button, QtCore.Qt.MouseButton.LeftButton)
    assert dialog.test_result.text() == "Muted: no sound" and player.sounded == 0
    player.play()  # a P1 alert while muted: counted, not sounded
    assert player.played == 1 and player.sounded == 0

    dialog.mute.setChecked(False)
    dialog.volume.setValue(0)
    qtbot.mouseClick(dialog.test_button, QtCore.Qt.MouseButton.LeftButton)
    assert dialog.test_result.text() == "Volume is 0: no sound"
    dialog.volume.setValue(60)
    settings.sync()

    # A new session of the same workstation starts with what was chosen.
    again = AlertPlayer()
    load_sound_settings(QtCore.QSettings(ini, QtCore.QSettings.Format.IniFormat), again)
    assert again.volume == 0.6 and not again.muted


def test_forced_mute_wins(qtbot: Any, tmp_path: Path) -> None:
    settings = QtCore.QSettings(str(tmp_path / "m.ini"), QtCore.QSettings.Format.IniFormat)
    player = AlertPlayer(muted=True)
    load_sound_settings(settings, player)
    dialog = SoundSettingsDialog(player, settings)
    qtbot.addWidget(dialog)
    assert player.muted and not dialog.mute.isEnabled()
    assert not player.test()
