"""A major incident's briefing in the spirit of ICS 201: situation, objectives, organisation,
resources and the decision log, as HTML and as a PDF written by Qt's own PDF writer."""

from __future__ import annotations

import datetime as dt
import html
import logging
from pathlib import Path

from PySide6 import QtCore, QtGui

from app.console.i18n import QT_TRANSLATE_NOOP, active_language
from app.console.words import status_name, unit_status_name
from app.domain.command_board import resources, role_label
from app.domain.model import ICS_ROLES, Incident
from app.domain.state import CityState

log = logging.getLogger(__name__)
translate = QtCore.QCoreApplication.translate
# The ICS roles as role_label() writes them, marked for the catalogue.
ROLE_LABELS = (
    QT_TRANSLATE_NOOP("Briefing", "Incident commander"),
    QT_TRANSLATE_NOOP("Briefing", "Operations"),
    QT_TRANSLATE_NOOP("Briefing", "Planning"),
    QT_TRANSLATE_NOOP("Briefing", "Logistics"),
    QT_TRANSLATE_NOOP("Briefing", "Liaison"),
    QT_TRANSLATE_NOOP("Briefing", "Safety"),
    QT_TRANSLATE_NOOP("Briefing", "Public information"),
)

_CSS = """
body { font-family: 'DejaVu Sans', 'Noto Sans CJK SC', sans-serif; font-size: 10pt; color: #000; }
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


def _f(text: str, *args: object) -> str:
    for n, arg in reversed(list(enumerate(args, 1))):
        text = text.replace(f"%{n}", str(arg))
    return text


def _table(*headers: str) -> str:
    cells = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    return f"<table width='100%' cellspacing='0' cellpadding='4' border='1'><tr>{cells}</tr>"


def briefing_html(state: CityState, inc: Incident, now: float) -> str:
    """The briefing of a major incident as self-contained HTML (every text escaped), in the
    desk's language ("Briefing" context; case categories by their name in that language)."""
    board = inc.board
    if board is None:
        raise ValueError(f"{inc.number} is not a major incident")
    tz = state.rules().calendar.zone
    e = html.escape
    lang = active_language()
    lib = state.rules().library
    cat = lib.by_code.get(inc.category)
    where = inc.location.address or f"{inc.location.lat:.5f}, {inc.location.lon:.5f}"
    parts = [
        f"<html><head><style>{_CSS}</style></head><body>",
        f"<h1>{e(_f(translate('Briefing', '%1 — incident briefing (ICS 201)'), board.name))}</h1>",
        "<p class='dim'>"
        + e(
            _f(
                translate(
                    "Briefing",
                    "%1 · %2 · P%3 · %4 · declared %5 by %6 · operational period %7 since %8"
                    " · printed %9",
                ),
                inc.number,
                cat.display_name(lang) if cat else inc.category,
                inc.priority,
                status_name(inc.status.value),
                _t(board.declared_at, tz),
                board.declared_by,
                board.period,
                _t(board.period_started, tz),
                _t(now, tz),
            )
        )
        + "</p>",
        f"<h2>{e(translate('Briefing', '1. Situation'))}</h2>",
        f"<p>{e(where)} ({e(inc.location.neighbourhood or '—')}). {e(inc.description)}</p>",
    ]
    kids = [state.incidents[c] for c in board.children if c in state.incidents]
    if kids:
        parts.append(
            _table(
                translate("Briefing", "Grouped incident"),
                translate("Briefing", "Category"),
                translate("Briefing", "Status"),
                translate("Briefing", "Where"),
            )
        )
        for k in kids:
            kc = lib.by_code.get(k.category)
            parts.append(
                f"<tr><td>{e(k.number)}</td><td>{e(kc.display_name(lang) if kc else k.category)}</td>"
                f"<td>{e(status_name(k.status.value))}</td><td>{e(k.location.address)}</td></tr>"
            )
        parts.append("</table>")
    parts.append(f"<h2>{e(translate('Briefing', '2. Objectives'))}</h2>")
    parts.append(
        _table(
            translate("Briefing", "Period"),
            translate("Briefing", "Objective"),
            translate("Briefing", "Met"),
        )
    )
    yes = translate("Briefing", "yes")
    for o in board.objectives:
        parts.append(
            f"<tr><td>{o.period}</td><td>{e(o.text)}</td><td>{e(yes) if o.done else ''}</td></tr>"
        )
    if not board.objectives:
        none_set = translate("Briefing", "none set")
        parts.append(f"<tr><td colspan='3' class='dim'>{e(none_set)}</td></tr>")
    parts.append(f"</table><h2>{e(translate('Briefing', '3. Organisation'))}</h2>")
    parts.append(_table(translate("Briefing", "Role"), translate("Briefing", "Person")))
    vacant = translate("Briefing", "vacant")
    for role in ICS_ROLES:
        person = board.roles.get(role, "")
        label = translate("Briefing", role_label(role))
        parts.append(f"<tr><td>{e(label)}</td><td>{e(person) or f'<i>{e(vacant)}</i>'}</td></tr>")
    parts.append(f"</table><h2>{e(translate('Briefing', '4. Resources by agency'))}</h2>")
    parts.append(
        _table(
            translate("Briefing", "Agency"),
            translate("Briefing", "Units on scene or assigned"),
            translate("Briefing", "Requested, not yet sent"),
        )
    )
    res = resources(state, inc)
    for r in res:
        agency = state.agencies.get(r.agency)
        units = ", ".join(f"{u.id} ({unit_status_name(u.status.value)})" for u in r.units)
        parts.append(
            f"<tr><td>{e(agency.name if agency else r.agency)}</td><td>{e(units) or '—'}</td>"
            f"<td>{r.requested or ''}</td></tr>"
        )
    if not res:
        none = translate("Briefing", "none")
        parts.append(f"<tr><td colspan='3' class='dim'>{e(none)}</td></tr>")
    parts.append(f"</table><h2>{e(translate('Briefing', '5. Decision log'))}</h2>")
    parts.append(
        _table(
            translate("Briefing", "Time"),
            translate("Briefing", "Who"),
            translate("Briefing", "Entry"),
        )
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
    font = QtGui.QFont("DejaVu Sans", 10)
    font.setFamilies(["DejaVu Sans", "Noto Sans CJK SC"])  # Chinese text falls back to Noto CJK
    doc.setDefaultFont(font)
    doc.setHtml(html_text)
    layout = writer.pageLayout()
    rect = layout.paintRect(QtGui.QPageLayout.Unit.Point)
    doc.setPageSize(QtCore.QSizeF(rect.width(), rect.height()))
    doc.print_(writer)
    log.info("briefing written to %s", path)
    return path
