"""The four stage clocks of a case (register, dispatch, handle, verify) painted side by side."""

from __future__ import annotations

import logging

from PySide6 import QtCore, QtGui, QtWidgets

from app.console.i18n import QT_TRANSLATE_NOOP
from app.domain.model import Incident, Stage, StageClock
from app.domain.rules import Rules, clock_overdue
from widgets import theme
from widgets.detail.timefmt import clock_time, duration

log = logging.getLogger(__name__)

STAGES = [Stage.REGISTER, Stage.DISPATCH, Stage.HANDLE, Stage.VERIFY]
SUSPENDED = "#b78cff"
# The stage names painted on the boxes (app/domain's Stage values are ids, not words).
STAGE_TITLES = {
    Stage.REGISTER: QT_TRANSLATE_NOOP("StageTimeline", "REGISTER"),
    Stage.DISPATCH: QT_TRANSLATE_NOOP("StageTimeline", "DISPATCH"),
    Stage.HANDLE: QT_TRANSLATE_NOOP("StageTimeline", "HANDLE"),
    Stage.VERIFY: QT_TRANSLATE_NOOP("StageTimeline", "VERIFY"),
}
# Named ``translate`` so lupdate finds the strings (it knows calls by that name, not aliases).
translate = QtCore.QCoreApplication.translate


def describe(
    clock: StageClock | None, now: float, left_s: float | None = None, working: bool = False
) -> tuple[str, str, str, float]:
    """(state word, detail line, colour, elapsed fraction 0..1) for one stage clock.

    ``left_s`` is the time the clock still has as the deadline engine counts it (working seconds
    where the category counts working hours, ``working``); without it, wall-clock time.
    """
    # Working-time clocks say so: their time left counts working hours only.
    wt = translate("StageTimeline", " (work hrs)") if working else ""
    if clock is None or clock.started is None:
        return translate("StageTimeline", "not started"), "", theme.TEXT_DIM, 0.0
    due = clock.due
    ext = (
        translate("StageTimeline", " (+%1 min)").replace("%1", str(clock.extended_minutes))
        if clock.extended_minutes
        else ""
    )
    if clock.done is not None:
        late = due is not None and clock.done > due
        took = duration(clock.done - clock.started)
        if late:
            assert due is not None
            over = translate("StageTimeline", "took %1, %2 over").replace("%1", took)
            return (
                translate("StageTimeline", "done late"),
                over.replace("%2", duration(clock.done - due)) + ext,
                theme.WARN,
                1.0,
            )
        return (
            translate("StageTimeline", "done"),
            translate("StageTimeline", "took %1").replace("%1", took) + ext,
            theme.OK,
            1.0,
        )
    if clock.suspended_at is not None:
        span = left_s if left_s is not None else (due - clock.suspended_at if due else None)
        left = (
            translate("StageTimeline", "%1 left").replace("%1", duration(span) + wt)
            if span is not None
            else ""
        )
        since = translate("StageTimeline", "since %1; %2").replace(
            "%1", clock_time(clock.suspended_at, now)
        )
        return (
            translate("StageTimeline", "suspended"),
            since.replace("%2", left),
            SUSPENDED,
            _frac(clock, clock.suspended_at),
        )
    if due is None:
        since = translate("StageTimeline", "since %1").replace("%1", clock_time(clock.started, now))
        return translate("StageTimeline", "running"), since, theme.ACCENT, 0.0
    if clock_overdue(clock, now):
        level = [
            "",
            translate("StageTimeline", " · supervisor warned"),
            translate("StageTimeline", " · escalated"),
        ][min(clock.escalation, 2)]
        by = translate("StageTimeline", "by %1").replace("%1", duration(now - due))
        return translate("StageTimeline", "OVERDUE"), by + ext + level, theme.DANGER, 1.0
    span = left_s if left_s is not None else due - now
    left = translate("StageTimeline", "%1 left").replace("%1", duration(span) + wt)
    return translate("StageTimeline", "running"), left + ext, theme.ACCENT, _frac(clock, now)


def _frac(clock: StageClock, at: float) -> float:
    if clock.started is None or clock.due is None or clock.due <= clock.started:
        return 0.0
    return max(0.0, min(1.0, (at - clock.started) / (clock.due - clock.started)))


class StageTimeline(QtWidgets.QWidget):
    """Shows one incident's stage clocks: state, time left or overdue, due time, progress."""

    stageClicked = QtCore.Signal(str)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StageTimeline")
        self._clocks: dict[str, StageClock] = {}
        self._incident: Incident | None = None
        self._rules: Rules | None = None
        self._current: str | None = None
        self._now = 0.0
        self.setMinimumHeight(96)
        self.setSizePolicy(
            QtWidgets.QSizePolicy.Policy.Expanding, QtWidgets.QSizePolicy.Policy.Fixed
        )

    def sizeHint(self) -> QtCore.QSize:
        return QtCore.QSize(520, 100)

    def set_incident(
        self, incident: Incident | None, now: float, rules: Rules | None = None
    ) -> None:
        """Show ``incident``'s clocks; ``rules`` (the state's) count the time left as the
        deadline engine does: working time where the category says so."""
        self._incident = incident
        self._rules = rules
        self._clocks = dict(incident.clocks) if incident else {}
        self._current = incident.current_stage() if incident else None
        self._now = now
        self.setToolTip(self._tooltip())
        self.update()

    def set_now(self, now: float) -> None:
        self._now = now
        self.update()

    def stage_text(self, stage: str) -> str:
        """The state word and detail of one stage, as painted (for tests and screen readers)."""
        word, detail, _, _ = self._describe(stage)
        return f"{word} {detail}".strip()

    def _describe(self, stage: str) -> tuple[str, str, str, float]:
        inc, rules = self._incident, self._rules
        if inc is None or rules is None:
            return describe(self._clocks.get(stage), self._now)
        left = rules.remaining_s(inc, stage, self._now)
        return describe(self._clocks.get(stage), self._now, left, rules.working_hours(inc.category))

    def _tooltip(self) -> str:
        lines = []
        for st in STAGES:
            clk = self._clocks.get(st.value)
            title = translate("StageTimeline", STAGE_TITLES[st]).lower()
            if clk is None or clk.started is None:
                lines.append(translate("StageTimeline", "%1: not started").replace("%1", title))
                continue
            line = (
                translate("StageTimeline", "%1: started %2, due %3, done %4")
                .replace("%1", title)
                .replace("%2", clock_time(clk.started, self._now))
                .replace("%3", clock_time(clk.due, self._now))
                .replace("%4", clock_time(clk.done, self._now))
            )
            lines.append(line)
        return "\n".join(lines)

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        p = QtGui.QPainter(self)
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        w = self.width()
        gap = 6
        box_w = (w - gap * (len(STAGES) - 1)) / len(STAGES)
        h = self.height() - 2
        base = self.font()
        title_font = QtGui.QFont(base)
        title_font.setBold(True)
        title_font.setPointSizeF(base.pointSizeF() * 0.95)
        state_font = QtGui.QFont(base)
        state_font.setBold(True)
        state_font.setPointSizeF(base.pointSizeF() * 1.15)
        small = QtGui.QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.9)
        for i, st in enumerate(STAGES):
            x = i * (box_w + gap)
            rect = QtCore.QRectF(x + 1, 1, box_w - 2, h)
            clk = self._clocks.get(st.value)
            word, detail, color, frac = self._describe(st.value)
            current = st.value == self._current
            p.setPen(
                QtGui.QPen(QtGui.QColor(color if current else theme.BORDER), 2 if current else 1)
            )
            p.setBrush(QtGui.QColor(theme.PANEL))
            p.drawRoundedRect(rect, 4, 4)
            # Progress along the bottom: how much of the allowed time is used.
            if frac > 0:
                bar = QtCore.QRectF(
                    rect.left() + 3, rect.bottom() - 8, (rect.width() - 6) * frac, 5
                )
                p.setPen(QtCore.Qt.PenStyle.NoPen)
                p.setBrush(QtGui.QColor(color))
                p.drawRoundedRect(bar, 2, 2)
            inner = rect.adjusted(8, 4, -6, -10)
            title = translate("StageTimeline", STAGE_TITLES[st])
            p.setPen(QtGui.QColor(theme.TEXT_DIM))
            p.setFont(title_font)
            due = ""
            if clk is not None and clk.started is not None:
                # Start and due side by side: when the stage began and when it must end.
                due = f"{clock_time(clk.started, self._now)} → {clock_time(clk.due, self._now)}"
            p.drawText(
                inner,
                QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignTop,
                title,
            )
            p.setFont(small)
            # In a narrow dock fall back to the due time alone, then to nothing.
            room = inner.width() - QtGui.QFontMetrics(title_font).horizontalAdvance(title + "  ")
            small_m = QtGui.QFontMetrics(small)
            if due and small_m.horizontalAdvance(due) > room and clk is not None:
                due = translate("StageTimeline", "due %1").replace(
                    "%1", clock_time(clk.due, self._now)
                )
                if small_m.horizontalAdvance(due) > room:
                    due = ""
            p.drawText(
                inner, QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignTop, due
            )
            p.setPen(QtGui.QColor(color))
            # The state word shrinks to fit a narrow box ("not started" was cut to
            # "not starte"), and is elided with "…" only below 75 % of the body size.
            fitted = QtGui.QFont(state_font)
            p.setFont(fitted)
            while (
                p.fontMetrics().horizontalAdvance(word) > inner.width()
                and fitted.pointSizeF() > base.pointSizeF() * 0.75
            ):
                fitted.setPointSizeF(fitted.pointSizeF() - 0.5)
                p.setFont(fitted)
            p.drawText(
                inner,
                QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignVCenter,
                p.fontMetrics().elidedText(
                    word, QtCore.Qt.TextElideMode.ElideRight, int(inner.width()) + 1
                ),
            )
            started = clk is not None and clk.started is not None
            p.setPen(QtGui.QColor(theme.TEXT if started else theme.TEXT_DIM))
            p.setFont(small)
            metrics = QtGui.QFontMetrics(small)
            text = metrics.elidedText(
                detail, QtCore.Qt.TextElideMode.ElideRight, int(inner.width())
            )
            p.drawText(
                inner, QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignBottom, text
            )
        p.end()
