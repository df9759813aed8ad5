"""The headline figures of the dashboard in large type, readable across the room."""

from __future__ import annotations

import logging

from PySide6 import QtWidgets

from app.console.i18n import QT_TRANSLATE_NOOP
from app.evaluation.indicators import NFPA_1225_SHARE, Indicators
from app.models.evaluation_model import UNDEFINED, pct, score_colour
from widgets.evaluation.chart_style import share_colour
from widgets.theme import TEXT

log = logging.getLogger(__name__)


def _s(x: float | None) -> str:
    return UNDEFINED if x is None else f"{x:.0f} s"


class KpiStrip(QtWidgets.QFrame):
    """Label over value, one tile per figure; undefined figures read "—"."""

    TILES = (
        ("incidents", QT_TRANSLATE_NOOP("KpiStrip", "Cases")),
        ("score", QT_TRANSLATE_NOOP("KpiStrip", "Score /100")),
        ("within60", QT_TRANSLATE_NOOP("KpiStrip", "Dispatched ≤ 60 s")),
        ("dispatch", QT_TRANSLATE_NOOP("KpiStrip", "Dispatch p50 · p90")),
        ("onscene", QT_TRANSLATE_NOOP("KpiStrip", "On scene p50 · p90")),
        ("on_time", QT_TRANSLATE_NOOP("KpiStrip", "Handled on time")),
        ("overdue", QT_TRANSLATE_NOOP("KpiStrip", "Overdue open")),
    )

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("KpiStrip")
        lay = QtWidgets.QHBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 4)
        self.values: dict[str, QtWidgets.QLabel] = {}
        for key, label in self.TILES:
            box = QtWidgets.QVBoxLayout()
            name = QtWidgets.QLabel(self.tr(label))
            name.setProperty("role", "dim")
            value = QtWidgets.QLabel(UNDEFINED)
            value.setObjectName(f"Kpi_{key}")
            value.setStyleSheet(f"font-size: 20pt; font-weight: 600; color: {TEXT};")
            box.addWidget(name)
            box.addWidget(value)
            lay.addLayout(box)
            lay.addStretch(1)
            self.values[key] = value

    def text(self, key: str) -> str:
        return self.values[key].text()

    def _set(self, key: str, text: str, colour: str = TEXT) -> None:
        v = self.values[key]
        if v.text() != text:
            v.setText(text)
        # A style sheet re-polishes the label (~1 ms each): set it only when the colour changes.
        style = f"font-size: 20pt; font-weight: 600; color: {colour};"
        if v.styleSheet() != style:
            v.setStyleSheet(style)

    def set_indicators(self, s: Indicators) -> None:
        self._set("incidents", str(s.incidents))
        self._set(
            "score",
            UNDEFINED if s.score is None else f"{s.score:.1f}",
            score_colour(s.score).name(),
        )
        w = s.dispatch.within_60s_pct
        self._set(
            "within60",
            UNDEFINED if w is None else f"{w:.0f}%",
            share_colour(w, NFPA_1225_SHARE),
        )
        self._set("dispatch", f"{_s(s.dispatch.p50)} · {_s(s.dispatch.p90)}")
        self._set("onscene", f"{_s(s.onscene.p50)} · {_s(s.onscene.p90)}")
        self._set("on_time", pct(s.on_time_rate))
        self._set("overdue", str(s.overdue_pending) if s.cases else UNDEFINED)
