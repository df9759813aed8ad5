"""Started with --server and no credentials (from a desktop icon: no terminal), the console asks
with a sign-in dialog and signs in with what is typed there."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path
from typing import Any

import pytest
from PySide6 import QtCore, QtWidgets

from app.console.runtime import DEMO_LOGIN, EmbeddedCity
from app.domain.library import default_library
from app.store.selection import Selection
from app.store.store import Store
from main import parse_args
from tests.console.conftest import until
from widgets.console.assemble import Services
from widgets.console.launcher import Launcher
from widgets.console.sign_in_dialog import SignInDialog


def test_sign_in_dialog_when_no_credentials_were_given(
    aloop: asyncio.AbstractEventLoop,
    city: EmbeddedCity,
    tmp_path: Path,
    qapp: QtWidgets.QApplication,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CITYOPS_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("CITYOPS_USER", raising=False)
    monkeypatch.delenv("CITYOPS_PASSWORD", raising=False)
    monkeypatch.setattr("os.isatty", lambda _fd: False)
    args = parse_args(["--server", city.url])
    launcher = Launcher(qapp, args)
    store = Store()
    settings = QtCore.QSettings(str(tmp_path / "c.ini"), QtCore.QSettings.Format.IniFormat)
    services = Services(store, Selection(), default_library(), settings, socket.gethostname())
    seen: list[str] = []

    def answer() -> None:
        dialogs = [w for w in qapp.topLevelWidgets() if isinstance(w, SignInDialog)]
        if not dialogs or not dialogs[0].isVisible():
            QtCore.QTimer.singleShot(50, answer)
            return
        d = dialogs[0]
        seen.append(d.windowTitle())
        d.user.setText(DEMO_LOGIN[0])
        assert not d.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok).isEnabled()
        d.password.setText(DEMO_LOGIN[1])
        d.workstation.setText("desk-signin")
        d.accept()

    QtCore.QTimer.singleShot(50, answer)

    async def go() -> Any:
        await launcher._start_live(services)
        engine: Any = launcher.engine
        await until(lambda: store.user is not None and engine.status.online, 20.0)
        return engine

    engine = aloop.run_until_complete(go())
    try:
        assert seen == ["CityOps — sign in"]
        assert store.user is not None and store.user.username == DEMO_LOGIN[0]
        assert services.workstation == "desk-signin"
    finally:
        aloop.run_until_complete(engine.stop())
        engine.close()
