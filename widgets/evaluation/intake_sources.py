"""Where cases come from (hotline, citizens, inspectors, sensors, video, alerts, transfers) and
how often the machines that open cases cry wolf (false alarms per device kind and camera zone)."""

from __future__ import annotations

import logging

from PySide6 import QtCore, QtGui, QtWidgets

from app.domain.intake import FalseAlarms, false_alarm_rates
from app.domain.model import SourceChannel
from app.evaluation.tracker import EvaluationTracker
from app.models.evaluation_model import UNDEFINED
from widgets.evaluation.bar_chart import BarChart
from widgets.evaluation.chart_style import share_colour
from widgets.util import named

log = logging.getLogger(__name__)

SOURCE_LABELS: dict[str, str] = {
    SourceChannel.HOTLINE.value: QtCore.QCoreApplication.translate("IntakeSources", "Hotline"),
    SourceChannel.CITIZEN.value: QtCore.QCoreApplication.translate("IntakeSources", "Citizen"),
    SourceChannel.INSPECTOR.value: QtCore.QCoreApplication.translate("IntakeSources", "Inspector"),
    SourceChannel.SENSOR.value: QtCore.QCoreApplication.translate("IntakeSources", "Sensor"),
    SourceChannel.VIDEO.value: QtCore.QCoreApplication.translate("IntakeSources", "Video"),
    SourceChannel.CAP.value: QtCore.QCoreApplication.translate("IntakeSources", "Alert"),
    SourceChannel.TRANSFER.value: QtCore.QCoreApplication.translate("IntakeSources", "Transfer"),
    SourceChannel.IMPORT.value: QtCore.QCoreApplication.translate("IntakeSources", "Import"),
}
FALSE_ALARM_TARGET_PCT = 80.0  # share of reviewed detections that should be real


def origin_label(key: str) -> str:
    """ "kind:water_level" -> "Sensor kind water_level"; "zone:C1/kerb" -> "Camera zone C1/kerb"."""
    kind, _, rest = key.partition(":")
    if kind == "zone":
        return QtCore.QCoreApplication.translate("IntakeSources", "Camera zone {0}").format(rest)
    return QtCore.QCoreApplication.translate("IntakeSources", "Sensor kind {0}").format(rest)


class IntakeSources(QtWidgets.QWidget):
    """Cases by source as bars; false alarms as a table (reviewed, dismissed, rate)."""

    def __init__(self, tracker: EvaluationTracker, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("IntakeSources")
        self.tracker = tracker
        self.bars = BarChart(self.tr("Cases by source"))
        self.table = named(QtWidgets.QTableWidget(0, 4), "FalseAlarmTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Device kind or zone"), self.tr("Reviewed"), self.tr("Dismissed"),
             self.tr("False alarms")]
        )  # fmt: skip
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        hdr = self.table.horizontalHeader()
        hdr.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        hdr.setStretchLastSection(True)
        self.empty = QtWidgets.QLabel(self.tr("No machine-opened case reviewed yet"))
        self.empty.setProperty("role", "dim")
        lay = QtWidgets.QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.bars, 2)
        right = QtWidgets.QVBoxLayout()
        right.addWidget(self.table, 1)
        right.addWidget(self.empty)
        lay.addLayout(right, 3)
        self.counts: dict[str, int] = {}
        self.rates: dict[str, FalseAlarms] = {}

    def refresh(self, now: float) -> None:
        rows = self.tracker.breakdown("source", now)
        counts = {k: rows[k].incidents if k in rows else 0 for k in SOURCE_LABELS}
        counts.update({k: s.incidents for k, s in rows.items() if k not in counts})
        if counts != self.counts:  # bars only rebuilt when a count changed
            self.counts = counts
            keys = list(counts)
            self.bars.set_bars(
                keys, [SOURCE_LABELS.get(k, k) for k in keys], [float(counts[k]) for k in keys]
            )
        # Only the machine-opened cases of the period (sensor and video sources): walking every
        # incident on each repaint cost tens of ms of GUI time at 100,000 incidents.
        incidents = self.tracker.state.incidents
        machine = [
            incidents[i]
            for source in (SourceChannel.SENSOR.value, SourceChannel.VIDEO.value)
            for i in self.tracker.ids("source", source)
            if i in incidents
        ]
        rates = false_alarm_rates(self.tracker.state, machine)
        if rates != self.rates:
            self.rates = rates
            self._fill(rates)

    def _fill(self, rates: dict[str, FalseAlarms]) -> None:
        ordered = sorted(rates.items(), key=lambda kv: (-(kv[1].rate or 0.0), kv[0]))
        self.table.setRowCount(len(ordered))
        for r, (key, fa) in enumerate(ordered):
            name = QtWidgets.QTableWidgetItem(origin_label(key))
            name.setToolTip(key)
            self.table.setItem(r, 0, name)
            self.table.setItem(r, 1, QtWidgets.QTableWidgetItem(str(fa.reviewed)))
            self.table.setItem(r, 2, QtWidgets.QTableWidgetItem(str(fa.dismissed)))
            rate = fa.rate
            it = QtWidgets.QTableWidgetItem(UNDEFINED if rate is None else f"{100 * rate:.0f}%")
            real = None if rate is None else 100.0 * (1.0 - rate)
            it.setForeground(QtGui.QColor(share_colour(real, FALSE_ALARM_TARGET_PCT)))
            self.table.setItem(r, 3, it)
        self.empty.setVisible(not ordered)
