"""Status bar: connection indicator, signed-in user and role, workstation, clock, alerts, and
refusals of commands that concern no incident."""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

from PySide6 import QtCore, QtWidgets

from app.console.refusal_text import refusal_text
from app.console.words import role_name
from app.store.refusal import Refusal
from app.store.store import Store
from app.sync.status import ConnectionStatus, LinkState
from widgets.elided_label import ElidedLabel
from widgets.util import named

log = logging.getLogger(__name__)

CITY_TZ = ZoneInfo("America/Los_Angeles")
NOTICE_COLOR = "#ffd84d"
REFUSED_COLOR = "#ff6b6b"
_STATE_COLORS = {
    LinkState.ONLINE: "#35c46a",
    LinkState.CATCHING_UP: "#ffb020",
    LinkState.CONNECTING: "#ffb020",
    LinkState.OFFLINE: "#ff4d4f",
}


def _num(value: float) -> str:
    """A number as the desk's locale writes it."""
    return QtCore.QLocale().toString(round(value))


def _time(t: dt.datetime) -> str:
    return QtCore.QLocale().toString(QtCore.QTime(t.hour, t.minute, t.second), "HH:mm:ss")


class ConsoleStatusBar(QtWidgets.QStatusBar):
    """Binds to the sync engine's ConnectionStatus, the store's session and its refusal inbox."""

    inboxRequested = QtCore.Signal()  # the refused count was clicked

    def __init__(
        self,
        store: Store,
        status: ConnectionStatus | None,
        parent: QtWidgets.QWidget | None = None,
        mode: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ConsoleStatusBar")
        self._store = store
        self._status = status
        self.link = named(QtWidgets.QLabel(), "LinkIndicator")
        self.user = named(QtWidgets.QLabel(), "SignedInUser")
        self.station = named(QtWidgets.QLabel(), "Workstation")
        self.clock = named(QtWidgets.QLabel(), "CityClock")
        self.alerts = named(QtWidgets.QLabel(), "AlertCount")
        self.mode = named(QtWidgets.QLabel(mode), "Mode")
        if mode:
            self.mode.setStyleSheet(
                "color: #0b0f14; background: #ffb020; font-weight: bold; padding: 2px 8px;"
            )
        for w in (self.link, self.user, self.station):
            self.addWidget(w)
        self.addWidget(self.mode)
        # Elided: a long message must not widen the main window past its monitor.
        self.notice = named(ElidedLabel(), "Notice")
        self.notice.setStyleSheet(f"color: {NOTICE_COLOR}; font-weight: bold;")
        self.addWidget(self.notice, 1)
        self._notice_timer = QtCore.QTimer(self, singleShot=True, interval=15000)
        self._notice_timer.timeout.connect(self.notice.clear)
        # The refusal inbox's count: hidden at zero, a click opens the inbox.
        self.refused = named(QtWidgets.QPushButton(), "RefusedCount")
        self.refused.setFlat(True)
        self.refused.setCursor(QtCore.Qt.CursorShape.PointingHandCursor)
        self.refused.setStyleSheet(
            f"QPushButton {{ color: {REFUSED_COLOR}; font-weight: bold; border: none;"
            " padding: 0 6px; }"
        )
        self.refused.clicked.connect(self.inboxRequested)
        self.refused.hide()
        self.addPermanentWidget(self.refused)
        self.addPermanentWidget(self.alerts)
        self.addPermanentWidget(self.clock)
        self._refusals: list[str] = []  # recent refusals with no incident, newest last
        self._alert_count = 0
        store.sessionChanged.connect(self._session)
        store.pendingChanged.connect(self._link_changed)
        store.refusals.changed.connect(self._on_refusal)
        if status is not None:
            status.changed.connect(self._link_changed)
        self._timer = QtCore.QTimer(self, interval=1000)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self._session()
        self._show_refused_count()
        self._link_changed()
        self._tick()

    def retranslate(self) -> None:
        """Every field again, in the language installed now."""
        self._session()
        self._link_changed()
        self._show_refused_count()
        self.set_alerts(self._alert_count)
        self._tick()

    def _session(self) -> None:
        u = self._store.user
        if u is None:
            self.user.setText(self.tr("not signed in"))
        else:
            role = role_name(u.role.value)
            agency = f" ({u.agency})" if u.agency else ""
            text = self.tr("User: %1 · %2%3")
            self.user.setText(
                text.replace("%1", u.display_name).replace("%2", role).replace("%3", agency)
            )
        self.station.setText(self.tr("Desk: %1").replace("%1", self._store.workstation or "—"))

    def _link_changed(self) -> None:
        if self._status is None:
            self.link.setText(self.tr("● replay (no network)"))
            self.link.setStyleSheet("color: #5fb3ff; font-weight: bold;")
            return
        st = self._status
        color = _STATE_COLORS.get(st.state, "#ffb020")
        last = ""
        if st.last_sync:
            synced = dt.datetime.fromtimestamp(st.last_sync, CITY_TZ)
            last = " · " + self.tr("synced %1").replace("%1", _time(synced))
        self.link.setText(f"● {self._link_text(st)}{last}")
        self.link.setStyleSheet(f"color: {color}; font-weight: bold;")
        rtt = "—" if st.latency_ms is None else f"{_num(st.latency_ms)} ms"
        self.link.setToolTip(
            self.tr(
                "Connection to the city server: online, offline (working from the local cache; "
                "changes wait in the outbox), or catching up.\n"
                "Pending changes: %1   Round trip: %2"
            )
            .replace("%1", _num(st.pending))
            .replace("%2", rtt)
            + (f"\n{st.detail}" if st.detail else "")
        )

    def _link_text(self, st: ConnectionStatus) -> str:
        """The link's state in the desk's language (the sync engine's detail stays in the
        tooltip: it is a diagnostic, e.g. the server's address)."""
        if QtCore.QLocale().language() == QtCore.QLocale.Language.English:
            return st.text()
        names = {
            LinkState.ONLINE: self.tr("online"),
            LinkState.OFFLINE: self.tr("offline"),
            LinkState.CONNECTING: self.tr("connecting"),
            LinkState.CATCHING_UP: self.tr("catching up"),
        }
        parts = [names.get(st.state, st.state.value)]
        if st.state == LinkState.ONLINE and st.latency_ms is not None:
            parts.append(f"{_num(st.latency_ms)} ms")
        if st.pending:
            parts.append(self.tr("%n pending", "", st.pending))
        return " · ".join(parts)

    def announce(self, text: str, color: str = NOTICE_COLOR) -> None:
        """A short notice beside the permanent fields (never hides the connection indicator)."""
        self.notice.setStyleSheet(f"color: {color}; font-weight: bold;")
        self.notice.setText(text)
        self._notice_timer.start()

    def _show_refused_count(self) -> None:
        n = len(self._store.refusals)
        self.refused.setText(self.tr("✖ %n refused", "", n))
        self.refused.setToolTip(self.tr("Open the refusal inbox"))
        self.refused.setVisible(n > 0)

    def _on_refusal(self, refusal: Refusal | None) -> None:
        """Refusals of commands about no incident (unit status, linkage answers) show here; an
        incident's own refusals show on that incident in the detail panel. All of them are in
        the refusal inbox, whose count has its own field."""
        self._show_refused_count()
        if refusal is None or refusal.incident_id:
            return
        code, message = refusal.code, refusal_text(refusal.code, refusal.message)
        now = dt.datetime.fromtimestamp(self._store.now(), CITY_TZ).strftime("%H:%M:%S")
        self._refusals = [*self._refusals[-4:], f"{now}  {message} ({code})"]
        self.announce(self.tr("✖ Refused: %1").replace("%1", message), REFUSED_COLOR)
        self.notice.setToolTip(self.tr("Recent refusals:") + "\n" + "\n".join(self._refusals))

    def set_alerts(self, n: int) -> None:
        self._alert_count = n
        if n:
            self.alerts.setText(self.tr("⚠ %n new P1 — Space to acknowledge", "", n))
            self.alerts.setStyleSheet(
                "color: #ffffff; background: #c0262b; font-weight: bold; padding: 2px 8px;"
            )
        else:
            self.alerts.setText("")
            self.alerts.setStyleSheet("")

    def refresh_clock(self) -> None:
        """Show the store's clock now (a replay calls this on every tick of its own clock)."""
        self._tick()

    def _tick(self) -> None:
        now = dt.datetime.fromtimestamp(self._store.now(), CITY_TZ)
        # The day and month in the desk's language (QLocale), the zone as the city names it.
        day = QtCore.QLocale().toString(
            QtCore.QDate(now.year, now.month, now.day), QtCore.QLocale.FormatType.ShortFormat
        )
        self.clock.setText(f"{day}  {now.strftime('%H:%M:%S %Z')}")
