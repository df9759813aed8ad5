"""Assigned units (with status), linked incidents (click to select) and nearby cameras."""

from __future__ import annotations

import html
import logging

from PySide6 import QtCore, QtWidgets

from app.console.i18n import QT_TRANSLATE_NOOP
from app.console.words import status_name, unit_status_name
from app.domain.model import Incident
from app.store.store import Store
from app.video.coverage import cameras_covering
from widgets import theme

log = logging.getLogger(__name__)

LINK_WORDS = {
    "duplicate_of": QT_TRANSLATE_NOOP("IncidentRelations", "duplicate of"),
    "child_of": QT_TRANSLATE_NOOP("IncidentRelations", "child of"),
    "related": QT_TRANSLATE_NOOP("IncidentRelations", "related"),
}

MAX_CAMERAS = 6


class IncidentRelations(QtWidgets.QWidget):
    """Owns the three relation lists of the shown incident."""

    incidentActivated = QtCore.Signal(str)  # a linked incident was clicked
    camerasRequested = QtCore.Signal(list)  # camera ids, nearest first

    def __init__(self, store: Store, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("IncidentRelations")
        self._store = store
        self.camera_ids: list[str] = []
        grid = QtWidgets.QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        self.units = self._value("RelUnits")
        self.links = self._value("RelLinks")
        self.links.linkActivated.connect(self._on_link)
        self.cameras = self._value("RelCameras")
        self.cameras.linkActivated.connect(self._on_link)
        self.show_cameras = QtWidgets.QPushButton(self.tr("Show on video wall"))
        self.show_cameras.setObjectName("ShowCameras")
        self.show_cameras.clicked.connect(self.request_cameras)
        for row, (title, w) in enumerate(
            (
                (self.tr("Units"), self.units),
                (self.tr("Linked"), self.links),
                (self.tr("Cameras"), self.cameras),
            )
        ):
            lab = QtWidgets.QLabel(title)
            lab.setStyleSheet(f"color: {theme.TEXT_DIM};")
            lab.setAlignment(QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignTop)
            grid.addWidget(lab, row, 0)
            grid.addWidget(w, row, 1)
        grid.addWidget(self.show_cameras, 3, 1, QtCore.Qt.AlignmentFlag.AlignLeft)
        grid.setColumnStretch(1, 1)

    @staticmethod
    def _value(name: str) -> QtWidgets.QLabel:
        lab = QtWidgets.QLabel()
        lab.setObjectName(name)
        lab.setWordWrap(True)
        lab.setTextFormat(QtCore.Qt.TextFormat.RichText)
        lab.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.LinksAccessibleByMouse)
        return lab

    def set_incident(self, inc: Incident | None) -> None:
        st = self._store.state
        if inc is None:
            self.units.clear()
            self.links.clear()
            self.cameras.clear()
            self.camera_ids = []
            self.show_cameras.setEnabled(False)
            return
        chips = []
        for uid in inc.assigned_units:
            u = st.units.get(uid)
            status = u.status.value if u else "unknown"
            bg = theme.UNIT_STATUS_COLORS.get(status, theme.BORDER)
            word = html.escape(unit_status_name(status).upper()).replace(" ", "&nbsp;")
            chips.append(
                f'<span style="background:{bg}; color:#0b0f14; font-weight:bold;">'
                f"&nbsp;{html.escape(uid)}&nbsp;{word}&nbsp;</span>"
            )
        self.units.setText("&nbsp; ".join(chips) or self.tr("none assigned"))
        links = []
        for lk in inc.links:
            other = st.incidents.get(lk.other_id)
            label = other.number if other else lk.other_id[:8]
            state = f" ({status_name(other.status.value)})" if other else ""
            links.append(
                f'{self.tr(LINK_WORDS.get(lk.kind.value, lk.kind.value))} <a style="color:{theme.ACCENT}" '
                f'href="incident:{html.escape(lk.other_id)}">{html.escape(label)}</a>{state}'
            )
        self.links.setText("<br>".join(links) or self.tr("none"))
        near = cameras_covering(
            inc.location.lat, inc.location.lon, st.cameras.values(), max_n=MAX_CAMERAS
        )
        self.camera_ids = [cam.id for cam, _ in near]
        cams = []
        for cam, d in near:
            off = (
                ""
                if cam.status == "online"
                else f' <span style="color:{theme.DANGER}">{cam.status}</span>'
            )
            cams.append(
                f'<a style="color:{theme.ACCENT}" href="camera:{html.escape(cam.id)}">'
                f"{html.escape(cam.id)}</a> {html.escape(cam.name)} · {round(d)} m{off}"
            )
        self.cameras.setText("<br>".join(cams) or self.tr("no camera covers this location"))
        self.show_cameras.setEnabled(bool(self.camera_ids))
        self.show_cameras.setToolTip(
            self.tr("Send %1 camera(s) to the video wall, nearest first").replace(
                "%1", str(len(self.camera_ids))
            )
            if self.camera_ids
            else self.tr("No camera covers this location")
        )

    def _on_link(self, href: str) -> None:
        kind, _, ident = href.partition(":")
        if kind == "incident":
            self.incidentActivated.emit(ident)
        elif kind == "camera":
            self.camerasRequested.emit([ident])

    def request_cameras(self) -> None:
        if self.camera_ids:
            self.camerasRequested.emit(list(self.camera_ids))
