"""The incident's full history and its printable report, saved as a PDF with Qt's own writer."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

from app.console.history import report_html
from app.domain.library import Library
from app.store.store import Store

log = logging.getLogger(__name__)


def write_pdf(html: str, path: Path) -> None:
    """Lay ``html`` out on A4 pages and write them to ``path`` (QPdfWriter, no external tool)."""
    writer = QtGui.QPdfWriter(str(path))
    writer.setPageSize(QtGui.QPageSize(QtGui.QPageSize.PageSizeId.A4))
    writer.setPageMargins(QtCore.QMarginsF(15, 15, 15, 15), QtGui.QPageLayout.Unit.Millimeter)
    writer.setResolution(150)
    writer.setTitle(path.stem)
    writer.setCreator("CityOps")
    doc = QtGui.QTextDocument()
    doc.setHtml(html)
    doc.print_(writer)


class HistoryDialog(QtWidgets.QDialog):
    """Shows the report of one incident; "Save PDF…" writes it."""

    def __init__(
        self,
        store: Store,
        library: Library,
        incident_id: str,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("IncidentHistory")
        self._store = store
        self._library = library
        self.incident_id = incident_id
        inc = store.state.incidents.get(incident_id)
        number = inc.number if inc else incident_id
        self.setWindowTitle(self.tr("Incident %1 — history and report").replace("%1", number))
        self.view = QtWidgets.QTextBrowser()
        self.view.setObjectName("IncidentHistoryView")
        # The report is a printable page: dark text on white, as it will be on paper.
        self.view.setStyleSheet("QTextBrowser { background: #ffffff; color: #000000; }")
        self.save_button = QtWidgets.QPushButton(self.tr("Save PDF…"))
        self.save_button.setObjectName("SaveReportPdf")
        self.save_button.clicked.connect(self._ask_and_save)
        close = QtWidgets.QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        self.status = QtWidgets.QLabel()
        self.status.setObjectName("ReportStatus")
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.save_button)
        row.addWidget(close)
        lay = QtWidgets.QVBoxLayout(self)
        lay.addWidget(self.view, 1)
        lay.addLayout(row)
        self.resize(900, 760)
        self.refresh()

    def html(self) -> str:
        inc = self._store.state.incidents.get(self.incident_id)
        if inc is None:
            return "<p>" + self.tr("The incident is not known to this console.") + "</p>"
        return report_html(inc, self._store.state, self._library, self._store.now())

    def refresh(self) -> None:
        self.view.setHtml(self.html())

    def save_pdf(self, path: Path) -> bool:
        try:
            write_pdf(self.html(), path)
        except OSError as exc:
            self.status.setText(self.tr("Not saved: %1").replace("%1", str(exc)))
            return False
        ok = path.exists() and path.stat().st_size > 0
        self.status.setText(
            (self.tr("Saved %1") if ok else self.tr("Could not write %1")).replace("%1", str(path))
        )
        return ok

    def _ask_and_save(self) -> None:
        inc = self._store.state.incidents.get(self.incident_id)
        name = f"incident-{inc.number if inc else self.incident_id}.pdf"
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, self.tr("Save the incident report"), str(Path.home() / name), "PDF (*.pdf)"
        )
        if path:
            self.save_pdf(Path(path))
