"""The operator's verdict on a case a device or a camera opened: confirm it or dismiss it."""

from __future__ import annotations

import logging

from PySide6 import QtWidgets

from app.domain import devices as dv
from app.domain.model import Incident
from app.store.gateway import CommandGateway
from app.store.store import Store
from widgets import theme
from widgets.detail.access import why_not

log = logging.getLogger(__name__)


class DetectionBar(QtWidgets.QFrame):
    """Says what opened the case (device, its silence, a camera zone) and whether the device has
    cleared it; Confirm / Dismiss send ``review_detection`` (dismissals are counted per device
    and per camera zone). Hidden for cases people reported."""

    def __init__(
        self, store: Store, gateway: CommandGateway, parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("DetectionBar")
        self.setStyleSheet(
            f"#DetectionBar {{ background: #1d2633; border: 2px solid {theme.ACCENT};"
            " border-radius: 4px; }"
            f"#DetectionBar QLabel {{ background: transparent; color: {theme.TEXT}; }}"
        )
        self._store = store
        self._gateway = gateway
        self._incident: Incident | None = None
        lay = QtWidgets.QHBoxLayout(self)
        lay.setContentsMargins(10, 6, 6, 6)
        self.label = QtWidgets.QLabel()
        self.label.setObjectName("DetectionText")
        self.label.setWordWrap(True)
        self.confirm = QtWidgets.QPushButton(self.tr("Confirm"))
        self.confirm.setObjectName("ConfirmDetection")
        self.dismiss = QtWidgets.QPushButton(self.tr("Dismiss as false alarm"))
        self.dismiss.setObjectName("DismissDetection")
        self.confirm.clicked.connect(lambda: self._review("confirm"))
        self.dismiss.clicked.connect(lambda: self._review("dismiss"))
        lay.addWidget(self.label, 1)
        lay.addWidget(self.confirm)
        lay.addWidget(self.dismiss)
        self.hide()

    def describe(self, inc: Incident) -> str:
        kind, _, ident = inc.origin.partition(":")
        if kind == "device":
            text = self.tr("Opened by sensor {0}").format(ident)
        elif kind == "stale":
            text = self.tr("Sensor {0} stopped reporting").format(ident)
        else:
            cam, _, zone = ident.partition("/")
            text = self.tr("Opened by video analytics: camera {0}, zone {1}").format(cam, zone)
        if dv.CLEARED in inc.flags:
            text += self.tr(" · <b>cleared by the device</b>")
        if dv.CONFIRMED in inc.flags:
            text += self.tr(" · confirmed")
        if dv.DISMISSED in inc.flags:
            text += self.tr(" · dismissed as a false alarm")
        return text

    def set_incident(self, inc: Incident | None) -> None:
        self._incident = inc
        if inc is None or not inc.origin:
            self.hide()
            return
        self.label.setText(self.describe(inc))
        reviewed = dv.CONFIRMED in inc.flags or dv.DISMISSED in inc.flags
        for verdict, button in (("confirm", self.confirm), ("dismiss", self.dismiss)):
            cmd = dv.ReviewDetection(incident_id=inc.id, verdict=verdict)
            block = why_not(self._store, self._gateway, cmd)
            button.setVisible(not reviewed)
            button.setEnabled(not block)
            button.setToolTip(block)
        self.show()

    def _review(self, verdict: str) -> None:
        inc = self._incident
        if inc is None:
            return
        self._gateway.submit(dv.ReviewDetection(incident_id=inc.id, verdict=verdict))
