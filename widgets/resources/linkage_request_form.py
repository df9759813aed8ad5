"""Ask another agency for help on the selected incident: to agency, capability, count."""

from __future__ import annotations

import logging
import uuid

from PySide6 import QtCore, QtGui, QtWidgets

from app.domain import commands as c
from app.store.gateway import CommandGateway
from app.store.selection import Selection
from app.store.store import Store
from widgets.detail.access import why_not

log = logging.getLogger(__name__)

REQUEST_KEY = "Alt+Q"


class LinkageRequestForm(QtWidgets.QWidget):
    """Owns the three inputs and submits ``request_linkage`` from ``agency_id``."""

    def __init__(
        self,
        store: Store,
        selection: Selection,
        gateway: CommandGateway,
        agency_id: str,
        shortcut_scope: QtWidgets.QWidget | None = None,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"LinkageRequestForm-{agency_id}")
        self._store = store
        self._selection = selection
        self._gateway = gateway
        self._agency = agency_id
        self.to_agency = QtWidgets.QComboBox()
        self.to_agency.setObjectName("LinkageToAgency")
        self.capability = QtWidgets.QComboBox()
        self.capability.setObjectName("LinkageCapability")
        self.count = QtWidgets.QSpinBox()
        self.count.setObjectName("LinkageCount")
        self.count.setRange(1, 20)
        self.count.setPrefix("× ")
        self.button = QtWidgets.QPushButton(
            self.tr("Request linkage (%1)").replace("%1", REQUEST_KEY)
        )
        self.button.setObjectName("RequestLinkage")
        for combo in (self.to_agency, self.capability):
            combo.setSizeAdjustPolicy(
                QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(12)
        lay = QtWidgets.QGridLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(QtWidgets.QLabel(self.tr("Ask")), 0, 0)
        lay.addWidget(self.to_agency, 0, 1, 1, 2)
        lay.addWidget(self.capability, 1, 1)
        lay.addWidget(self.count, 1, 2)
        lay.addWidget(self.button, 1, 3)
        lay.setColumnStretch(1, 1)
        self.to_agency.currentIndexChanged.connect(self._fill_capabilities)
        self.button.clicked.connect(self.submit)
        sc = QtGui.QShortcut(QtGui.QKeySequence(REQUEST_KEY), shortcut_scope or self)
        sc.setContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
        sc.activated.connect(self.submit)
        selection.incidentSelected.connect(lambda _i: self._update())
        store.incidentsChanged.connect(lambda _ids: self._update())
        store.agenciesChanged.connect(lambda _ids: self._fill_agencies())
        store.stateReset.connect(self._fill_agencies)
        store.sessionChanged.connect(self._update)
        self._fill_agencies()

    def _fill_agencies(self) -> None:
        keep = self.to_agency.currentData()
        self.to_agency.blockSignals(True)
        self.to_agency.clear()
        for a in sorted(self._store.state.agencies.values(), key=lambda a: a.name):
            if a.id != self._agency:
                self.to_agency.addItem(a.name, a.id)
        i = self.to_agency.findData(keep)
        self.to_agency.setCurrentIndex(max(0, i))
        self.to_agency.blockSignals(False)
        self._fill_capabilities()

    def _fill_capabilities(self) -> None:
        agency = self.to_agency.currentData()
        caps = sorted(
            {
                c
                for u in self._store.state.units.values()
                if u.agency == agency
                for c in u.capabilities
            }
        )
        self.capability.clear()
        for cap in caps:
            self.capability.addItem(cap.replace("_", " "), cap)
        self._update()

    def _why_not(self) -> str:
        inc = self._store.state.incidents.get(self._selection.incident_id)
        if inc is None:
            return "Select an incident first"
        if not inc.is_open():
            return f"{inc.number} is {inc.status.value}"
        if self.to_agency.currentData() is None or self.capability.currentData() is None:
            return "Choose an agency and a capability"
        return why_not(self._store, self._gateway, self._command())

    def _update(self) -> None:
        reason = self._why_not()
        self.button.setEnabled(not reason)
        inc = self._store.state.incidents.get(self._selection.incident_id)
        self.button.setToolTip(
            reason
            or self.tr("Ask for help on %1 (%2)")
            .replace("%1", inc.number if inc else "")
            .replace("%2", REQUEST_KEY)
        )

    def submit(self) -> None:
        if self._why_not():
            return
        self._gateway.submit(self._command(request_id=str(uuid.uuid4())))

    def _command(self, request_id: str = "") -> c.RequestLinkage:
        """The request this form would send now."""
        return c.RequestLinkage(
            incident_id=self._selection.incident_id,
            to_agency=self.to_agency.currentData() or "",
            capability=self.capability.currentData() or "",
            count=self.count.value(),
            from_agency=self._agency,
            request_id=request_id,
        )
