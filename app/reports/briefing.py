"""A major incident's briefing in the spirit of ICS 201: situation, objectives, organisation,
resources and the decision log, as HTML and as a PDF written by Qt's own PDF writer."""

from __future__ import annotations

import datetime as dt
import html
import logging
from pathlib import Path

from PySide6 import QtCore, QtGui

from app.domain.command_board import resources, role_label
from app.domain.model import ICS_ROLES, Incident
from app.domain.state import CityState

log = logging.getLogger(__name__)

_CSS = """
body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; color: #000; }
h1 { font-size: 16pt; margin: 0 0 4pt 0; }
h2 { font-size: 12pt; margin: 10pt 0 4pt 0; border-bottom: 1px solid #444; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 1px solid #888; padding: 3pt 5pt; vertical-align: top; text-align: left; }
th { background: #ddd; }
.dim { color: #555; }
"""


def _t(ts: float | None, tz: dt.tzinfo) -> str:
    if ts is None:
        return "—"
    return dt.datetime.fromtimestamp(ts, tz).strftime("%Y-%m-%d %H:%M")


def briefing_html(state: CityState, inc: Incident, now: float) -> str:
    """The briefing of a major incident as self-contained HTML (every text escaped)."""
    board = inc.board
    if board is None:
        raise ValueError(f"{inc.number} is not a major incident")
    tz = state.rules().calendar.zone
    e = html.escape
    lib = state.rules().library
    cat = lib.by_code.get(inc.category)
    parts = [
        f"<html><head><style>{_CSS}</style></head><body>",
        f"<h1>{e(board.name)} — incident briefing (ICS 201)</h1>",
        f"<p class='dim'>{e(inc.number)} · {e(cat.name_en if cat else inc.category)} · "
        f"P{inc.priority} · {e(inc.status.value.replace('_', ' '))} · declared "
        f"{_t(board.declared_at, tz)} by {e(board.declared_by)} · operational period "
        f"{board.period} since {_t(board.period_started, tz)} · printed {_t(now, tz)}</p>",
        "<h2>1. Situation</h2>",
        f"<p>{e(inc.location.address or f'{inc.location.lat:.5f}, {inc.location.lon:.5f}')}"
        f" ({e(inc.location.neighbourhood or '—')}). {e(inc.description)}</p>",
    ]
    kids = [state.incidents[c] for c in board.children if c in state.incidents]
    if kids:
        parts.append(
            "<table width='100%' cellspacing='0' cellpadding='4' border='1'><tr><th>Grouped incident</th><th>Category</th><th>Status</th>"
            "<th>Where</th></tr>"
        )
        for k in kids:
            kc = lib.by_code.get(k.category)
            parts.append(
                f"<tr><td>{e(k.number)}</td><td>{e(kc.name_en if kc else k.category)}</td>"
                f"<td>{e(k.status.value)}</td><td>{e(k.location.address)}</td></tr>"
            )
        parts.append("</table>")
    parts.append(
        "<h2>2. Objectives</h2><table width='100%' cellspacing='0' cellpadding='4' border='1'><tr><th>Period</th><th>Objective</th><th>Met</th></tr>"
    )
    for o in board.objectives:
        parts.append(
            f"<tr><td>{o.period}</td><td>{e(o.text)}</td><td>{'yes' if o.done else ''}</td></tr>"
        )
    if not board.objectives:
        parts.append("<tr><td colspan='3' class='dim'>none set</td></tr>")
    parts.append(
        "</table><h2>3. Organisation</h2><table width='100%' cellspacing='0' cellpadding='4' border='1'><tr><th>Role</th><th>Person</th></tr>"
    )
    for role in ICS_ROLES:
        person = board.roles.get(role, "")
        parts.append(
            f"<tr><td>{e(role_label(role))}</td><td>{e(person) or '<i>vacant</i>'}</td></tr>"
        )
    parts.append(
        "</table><h2>4. Resources by agency</h2><table width='100%' cellspacing='0' cellpadding='4' border='1'><tr><th>Agency</th>"
        "<th>Units on scene or assigned</th><th>Requested, not yet sent</th></tr>"
    )
    res = resources(state, inc)
    for r in res:
        agency = state.agencies.get(r.agency)
        units = ", ".join(f"{u.id} ({u.status.value.replace('_', ' ')})" for u in r.units)
        parts.append(
            f"<tr><td>{e(agency.name if agency else r.agency)}</td><td>{e(units) or '—'}</td>"
            f"<td>{r.requested or ''}</td></tr>"
        )
    if not res:
        parts.append("<tr><td colspan='3' class='dim'>none</td></tr>")
    parts.append(
        "</table><h2>5. Decision log</h2><table width='100%' cellspacing='0' cellpadding='4' border='1'><tr><th>Time</th><th>Who</th><th>Entry</th></tr>"
    )
    for entry in board.log:
        parts.append(
            f"<tr><td>{_t(entry.at, tz)}</td><td>{e(entry.who)}</td><td>{e(entry.text)}</td></tr>"
        )
    parts.append("</table></body></html>")
    return "".join(parts)


def write_pdf(html_text: str, path: Path | str, title: str = "") -> Path:
    """An A4 PDF of ``html_text`` through Qt's own writer (QTextDocument + QPdfWriter)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = QtGui.QPdfWriter(str(path))
    writer.setPageSize(QtGui.QPageSize(QtGui.QPageSize.PageSizeId.A4))
    writer.setPageMargins(QtCore.QMarginsF(15, 15, 15, 15), QtGui.QPageLayout.Unit.Millimeter)
    writer.setResolution(150)
    if title:
        writer.setTitle(title)
    writer.setCreator("CityOps")
    doc = QtGui.QTextDocument()
    # Lay the text out on the page in points (not the writer's device pixels), so 10 pt prints
    # as 10 pt; print_() scales it onto the page.
    doc.setDefaultFont(QtGui.QFont("DejaVu Sans", 10))
    doc.setHtml(html_text)
    layout = writer.pageLayout()
    rect = layout.paintRect(QtGui.QPageLayout.Unit.Point)
    doc.setPageSize(QtCore.QSizeF(rect.width(), rect.height()))
    doc.print_(writer)
    log.info("briefing written to %s", path)
    return path
