"""The idle sign-out every desk follows: the administrator sets it in the window, another desk
learns it, warns a minute before, stays signed in on input, and signs out (token revoked on the
server) into the sign-in dialog when nobody touches it."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

from app.domain.desk_policy import DeskPolicy
from app.server.auth import make_user_record
from app.server.store import SqliteEventStore
from tests.sync.conftest import PASSWORD, LiveServer, make_engine
from widgets.admin.admin_panel import AdminPanel
from widgets.console.idle_watch import IdleWatch
from widgets.console.session_guard import SessionGuard


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_a_desk_signs_out_after_the_administrator_s_idle_time(
    aloop: asyncio.AbstractEventLoop, server: LiveServer, tmp_path: Path, qtbot: object
) -> None:
    store = SqliteEventStore(server.db)
    store.put_user(make_user_record("ada", PASSWORD, "admin", display_name="Ada", cost=2**10))
    store.close()

    async def scenario() -> None:
        admin = make_engine(server.url, "ws-admin", tmp_path / "a.sqlite")
        desk = make_engine(server.url, "ws-desk", tmp_path / "d.sqlite")
        admin.start("ada", PASSWORD)
        desk.start("dana", PASSWORD)
        await admin.wait_until(admin.synced)
        await desk.wait_until(desk.synced)
        panel = AdminPanel(admin.store, admin, admin.admin)
        tab = panel.sessions
        assert "do not sign out" in tab.current.text()
        tab.idle.setValue(5)
        tab.warn.setValue(60)
        assert tab.submit(), tab.status.text()
        want = DeskPolicy(idle_minutes=5, warn_seconds=60)
        await desk.wait_until(lambda: desk.store.state.desk_policy == want)
        await admin.wait_until(lambda: "5 min" in tab.current.text())
        # A dispatcher may not change it.
        other = AdminPanel(desk.store, desk, desk.admin)
        other.sessions.idle.setValue(0)
        assert not other.sessions.submit()

        window = QtWidgets.QWidget()
        window.resize(900, 600)
        window.show()
        edit = QtWidgets.QLineEdit(window)
        clock = FakeClock()
        quits: list[int] = []
        guard = SessionGuard(desk, window, lambda: quits.append(1))
        idle = IdleWatch(desk.store, window, clock=clock, tick_ms=3_600_000)  # ticks by hand
        idle.expired.connect(lambda m: asyncio.ensure_future(guard.sign_out_idle(m)))
        guard.signedIn.connect(idle.rearm)
        clock.t += 4 * 60 - 1
        idle.check()
        assert not idle.warning.isVisible()
        clock.t += 2  # less than a minute left: the warning
        idle.check()
        assert idle.warning.isVisible() and "59 s" in idle.warning.text()
        window.grab().save(str(tmp_path / "idle-warning.png"))
        # A key press anywhere in the application counts as someone at the desk.
        QtWidgets.QApplication.sendEvent(
            edit,
            QtGui.QKeyEvent(
                QtCore.QEvent.Type.KeyPress,
                QtCore.Qt.Key.Key_A,
                QtCore.Qt.KeyboardModifier.NoModifier,
            ),
        )
        assert not idle.warning.isVisible()
        clock.t += 4 * 60
        idle.check()
        assert not idle.fired
        clock.t += 61  # five minutes without input
        idle.check()
        assert idle.fired
        await desk.wait_until(lambda: guard.dialog is not None)
        assert guard.dialog is not None and "5 min without activity" in guard.dialog.message.text()
        rows = server.query("SELECT COUNT(*) FROM tokens WHERE username = 'dana'")
        assert rows[0][0] == 0  # revoked on the server, not only forgotten here
        assert desk.cache.load_session()[1] == ""
        guard.dialog.password.setText(PASSWORD)
        guard.dialog.accept()
        await desk.wait_until(desk.synced)
        assert not idle.fired and not quits
        idle.stop()
        for e in (admin, desk):
            await e.stop()
            e.close()

    aloop.run_until_complete(scenario())
