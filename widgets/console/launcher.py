"""Start-up: choose the data source (embedded city, remote server, replay), build the console,
run until the window closes; or write screenshots and exit."""

from __future__ import annotations

import argparse
import asyncio
import gc
import getpass
import logging
import os
import socket
import ssl as ssl_module
import time
from collections.abc import Callable
from pathlib import Path

from PySide6 import QtCore, QtWidgets

from app.console.i18n import Translations
from app.domain.library import default_library
from app.paths import data_dir
from app.store.selection import Selection
from app.store.store import Store
from widgets.console.assemble import Services, build_console
from widgets.console.language import LanguageSwitch, saved_language
from widgets.console.main_window import MainWindow
from widgets.theme import apply_theme

log = logging.getLogger(__name__)


class Launcher:
    """Owns the runtime pieces (server thread, sync engine or replay) for one console session."""

    def __init__(self, app: QtWidgets.QApplication, args: argparse.Namespace) -> None:
        self.app = app
        self.args = args
        self.embedded: object | None = None
        self.engine: object | None = None
        self.replay: object | None = None
        self.window: MainWindow | None = None
        self.guard: QtCore.QObject | None = None

    async def run(self) -> int:
        args = self.args
        apply_theme(self.app)
        library = default_library()
        store = Store()
        selection = Selection()
        workstation = args.workstation or socket.gethostname()
        settings = QtCore.QSettings(
            str(data_dir() / "console.ini"), QtCore.QSettings.Format.IniFormat
        )
        services = Services(
            store=store,
            selection=selection,
            library=library,
            settings=settings,
            workstation=workstation,
        )
        try:
            if args.replay:
                self._start_replay(services)
            else:
                await self._start_live(services)
        except Exception as exc:
            log.exception("start-up failed")
            text = QtCore.QCoreApplication.translate("Console", "CityOps could not start:\n%1")
            title = "CityOps"  # i18n: ignore (the product's name)
            QtWidgets.QMessageBox.critical(None, title, text.replace("%1", str(exc)))
            return 1
        languages = self._languages(settings)
        self.window = build_console(services, mute=args.mute)
        languages.attach(self.window)
        # The city loaded at start, and what the panels built from it (the evaluation tracker's
        # record of every case), live as long as the console: keep them out of the cyclic
        # collector's full scans (at 100,000 incidents a full scan stalls the GUI for ~100 ms).
        gc.collect()
        gc.freeze()
        if args.screenshot:
            # Offscreen screens are small: render the console at a control-room monitor's size.
            self.window.resize(1920, 1080)
            self.window.workspace.apply_preset(self.window.workspace.preset)
        self.window.show()
        try:
            if args.screenshot:
                return await self._screenshots(args.screenshot, services)
            closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()

            def _closed() -> None:
                if not closed.done():
                    closed.set_result(None)

            # Qt must not stop the loop by itself when the window closes: qasync would end
            # ``run`` mid-flight ("Event loop stopped before Future completed") and the sync
            # engine, video and embedded server would be torn down without their shutdown.
            self.app.setQuitOnLastWindowClosed(False)
            self.window.closing.connect(_closed)
            self.window.signOutRequested.connect(
                lambda: asyncio.ensure_future(self._sign_out_and_close())
            )
            self.app.lastWindowClosed.connect(_closed)
            self._guard_session(_closed)
            await closed
            return 0
        finally:
            await self._shutdown()

    def _guard_session(self, quit: Callable[[], None]) -> None:
        """A live desk asks for a sign-in when the server ends its session or it sat idle."""
        from app.sync.engine import SyncEngine
        from widgets.console.idle_watch import IdleWatch
        from widgets.console.session_guard import SessionGuard

        if isinstance(self.engine, SyncEngine) and self.window is not None:
            guard = SessionGuard(self.engine, self.window, quit, self.window)
            idle = IdleWatch(self.engine.store, self.window)
            idle.expired.connect(
                lambda minutes: asyncio.ensure_future(guard.sign_out_idle(minutes))
            )
            guard.signedIn.connect(idle.rearm)
            self.guard = guard

    def _languages(self, settings: QtCore.QSettings) -> LanguageSwitch:
        """The console's language: --lang, else the desk's last choice (View > Language)."""
        translations = self.app.findChild(Translations) or Translations(self.app, self.app)
        lang = getattr(self.args, "lang", None) or saved_language(settings)
        if lang != translations.language:
            translations.set_language(lang)
        return LanguageSwitch(translations, settings, self.app)

    async def _sign_out_and_close(self) -> None:
        """Revoke this desk's token on the server (it signs nobody in again), then quit."""
        sign_out = getattr(self.engine, "sign_out", None)
        if sign_out is not None:
            await sign_out()
        if self.window is not None:
            self.window.close()

    # --- data sources -----------------------------------------------------------------------------
    async def _start_live(self, services: Services) -> None:
        from app.sync.engine import SyncEngine

        args = self.args
        ssl: ssl_module.SSLContext | None = None
        if args.server:
            url = args.server
            user = args.user or os.environ.get("CITYOPS_USER", "")
            password = args.password or os.environ.get("CITYOPS_PASSWORD", "")
            if url.startswith("wss://"):
                ssl = ssl_module.create_default_context(
                    cafile=str(args.ca_cert) if args.ca_cert else None
                )
        else:
            from app.console.runtime import DEMO_LOGIN, EmbeddedCity
            from app.demo.driver import DriverConfig

            city = EmbeddedCity(
                data_dir() / "embedded-city.sqlite",
                demo=not args.no_demo,
                driver_config=DriverConfig(),
                http_port=getattr(args, "http_port", None),
            )
            await asyncio.to_thread(city.start)
            self.embedded = city
            url = city.url
            user, password = args.user or DEMO_LOGIN[0], args.password or DEMO_LOGIN[1]
        engine = SyncEngine(services.store, url, services.workstation, ssl=ssl)
        if not user or (not password and not engine.has_cached_state):
            if user and os.isatty(0):
                password = await asyncio.to_thread(getpass.getpass, f"password for {user}: ")
            else:
                # Started from a menu or a desktop icon: no terminal to ask on.
                asked = await ask_credentials(url, user, services.workstation)
                if asked is None:
                    raise RuntimeError("sign-in cancelled")
                user, password, station = asked
                if station and station != services.workstation:
                    services.workstation = station
                    engine.close()
                    engine = SyncEngine(services.store, url, station, ssl=ssl)
        engine.start(user, password)
        self.engine = engine
        services.gateway = engine
        services.status = engine.status
        if not args.server:
            # Show the city at once: the embedded server answers in well under a second.
            await _wait_for(lambda: bool(services.store.state.units), 20.0)

    def _start_replay(self, services: Services) -> None:
        from app.replay.session import open_replay

        session = open_replay(self.args.replay, services.store, training=self.args.training)
        self.replay = session
        services.gateway = session.gateway
        services.replay = session
        services.mode = "TRAINING — exercise" if self.args.training else "REPLAY"

    # --- screenshots ------------------------------------------------------------------------------
    async def _screenshots(self, folder: Path, services: Services) -> int:
        assert self.window is not None
        folder.mkdir(parents=True, exist_ok=True)
        store = services.store
        replay = self.replay
        if replay is not None:
            # A replay is shown at midday of its first day, when the city is busy.
            player = replay.player  # type: ignore[attr-defined]
            replay.driver.seek(min(player.end, player.start + 12 * 3600))  # type: ignore[attr-defined]
        ok = await _wait_for(
            lambda: len(store.state.incidents) > 0 and bool(store.state.units),
            self.args.screenshot_timeout,
        )
        if not ok:
            log.error(
                "no data arrived within %.0f s; screenshots show what there is",
                self.args.screenshot_timeout,
            )
        # Select the most urgent open incident so detail, map and video have something to show.
        open_inc = sorted(
            (i for i in store.state.incidents.values() if i.is_open()),
            key=lambda i: (i.priority, -i.created_at),
        )
        if open_inc:
            services.selection.select_incident(open_inc[0].id)
        await asyncio.sleep(2.5)  # let tiles, video and the map paint
        written = []
        tops = [w for w in self.app.topLevelWidgets() if w.isVisible() and w.width() > 50]
        for n, w in enumerate(tops):
            name = w.objectName() or f"window-{n}"
            path = folder / f"{name}.png"
            w.grab().save(str(path))
            written.append(path)
        for key, dock in self.window.workspace.docks.items():
            widget = dock.widget()
            if widget is not None and widget.isVisible():
                path = folder / f"panel-{key}.png"
                widget.grab().save(str(path))
                written.append(path)
        for p in written:
            print(p)
        return 0 if ok else 1

    async def _shutdown(self) -> None:
        if self.window is not None:
            video = self.window.panels.get("video")
            shutdown = getattr(video.widget, "shutdown", None) if video is not None else None
            if shutdown is not None:
                shutdown()  # stop decoding before the cameras go away
        engine = self.engine
        if engine is not None:
            stop = getattr(engine, "stop", None)
            if stop is not None:
                await stop()
            engine.close()  # type: ignore[attr-defined]
        if self.replay is not None:
            close = getattr(self.replay, "close", None)
            if close is not None:
                close()
        if self.embedded is not None:
            await asyncio.to_thread(self.embedded.stop)  # type: ignore[attr-defined]


async def ask_credentials(server: str, user: str, workstation: str) -> tuple[str, str, str] | None:
    """Show the sign-in dialog without blocking the event loop; None when cancelled."""
    from widgets.console.sign_in_dialog import SignInDialog

    # Closing the dialog (the only window yet) must not make Qt quit and stop the loop.
    app = QtWidgets.QApplication.instance()
    if isinstance(app, QtWidgets.QApplication):
        app.setQuitOnLastWindowClosed(False)
    dialog = SignInDialog(server, user, workstation)
    done: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def finished(code: int) -> None:
        if not done.done():
            done.set_result(code)

    dialog.finished.connect(finished)
    dialog.open()
    code = await done
    creds = dialog.credentials()
    dialog.deleteLater()
    return creds if code == QtWidgets.QDialog.DialogCode.Accepted.value else None


async def _wait_for(predicate: object, timeout: float) -> bool:
    assert callable(predicate)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        await asyncio.sleep(0.1)
    return bool(predicate())
