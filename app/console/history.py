"""An incident's history as people read it: full timestamps in the city's time zone, stage and
status names instead of codes, and the printable report built from it (HTML for QTextDocument,
which the console turns into a PDF).

No widgets: the console's report dialog and the tests use it alike (QtCore only translates).
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from PySide6 import QtCore

from app.domain.library import Library
from app.domain.model import Incident, NarrativeEntry
from app.domain.state import CityState

log = logging.getLogger(__name__)

CITY_TZ = ZoneInfo("America/Los_Angeles")

STATUS_NAMES = {
    "reported": "Reported",
    "registered": "Registered",
    "rejected": "Rejected",
    "dispatched": "Dispatched",
    "in_progress": "Handling",
    "resolved": "Resolved (feedback)",
    "verified": "Verified",
    "closed": "Closed",
    "cancelled": "Cancelled",
}
STAGE_NAMES = {
    "register": "Registration",
    "dispatch": "Dispatch",
    "handle": "Handling",
    "verify": "Verification",
}
_TRANSITION = re.compile(r"^([a-z_]+) -> ([a-z_]+)(: .*)?$", re.DOTALL)


def full_time(t: float | None) -> str:
    """``2026-11-18 14:05:33`` in the city's time zone ('-' when not set)."""
    if t is None or t <= 0:
        return "-"
    return dt.datetime.fromtimestamp(t, CITY_TZ).strftime("%Y-%m-%d %H:%M:%S")


def status_name(code: str) -> str:
    return STATUS_NAMES.get(code, code.replace("_", " "))


def entry_text(entry: NarrativeEntry) -> str:
    """The entry's text with status codes named: ``in_progress -> resolved: done`` reads
    ``Handling → Resolved (feedback): done``."""
    m = _TRANSITION.match(entry.text) if entry.kind == "transition" else None
    if m is None:
        return entry.text
    a, b, rest = m.group(1), m.group(2), m.group(3) or ""
    return f"{status_name(a)} → {status_name(b)}{rest}"


def struck_text(entry: NarrativeEntry) -> str:
    """``Struck out by sam at 2026-11-18 14:07:02: wrong incident`` ('' for a standing entry)."""
    if entry.struck is None:
        return ""
    return (
        QtCore.QCoreApplication.translate("IncidentReport", "Struck out by %1 at %2: %3")
        .replace("%1", entry.struck.who)
        .replace("%2", full_time(entry.struck.at))
        .replace("%3", entry.struck.reason)
    )


@dataclass(frozen=True)
class HistoryRow:
    at: str
    who: str
    kind: str
    text: str
    struck: str = ""  # who struck the note out, when and why ('' : it stands)


def history(incident: Incident) -> list[HistoryRow]:
    """Every narrative entry, oldest first, ready to show (a struck note keeps its text)."""
    return [
        HistoryRow(full_time(e.at), e.who, e.kind, entry_text(e), struck_text(e))
        for e in sorted(incident.narrative, key=lambda e: e.at)
    ]


def _row_html(r: HistoryRow) -> str:
    e = html.escape
    what = e(r.text).replace(chr(10), "<br>")
    if r.struck:
        what = f"<s>{what}</s><br><i>{e(r.struck)}</i>"
    return f"<tr><td>{r.at}</td><td>{e(r.who)}</td><td>{e(r.kind)}</td><td>{what}</td></tr>"


def report_html(incident: Incident, state: CityState, library: Library, now: float) -> str:
    """A self-contained HTML report of one incident (light, printable)."""
    e = html.escape
    cat = library.by_code.get(incident.category)
    dep = state.agencies.get(incident.department)
    loc = incident.location
    fields = [
        ("Category", f"{cat.name_en} ({incident.category})" if cat else incident.category),
        ("Priority", f"P{incident.priority}"),
        ("Status", status_name(incident.status.value)),
        ("Kind / source", f"{incident.kind.value} / {incident.source.value}"),
        ("Location", loc.address or f"{loc.lat:.5f}, {loc.lon:.5f}"),
        ("Grid / area", " · ".join(x for x in (loc.grid_cell, loc.neighbourhood) if x) or "-"),
        ("Lat, lon", f"{loc.lat:.5f}, {loc.lon:.5f}"),
        ("Department", dep.name if dep else (incident.department or "-")),
        ("Linked agencies", ", ".join(incident.linked_agencies) or "-"),
        ("Units", ", ".join(incident.assigned_units) or "-"),
        ("Reported", full_time(incident.created_at)),
        ("Rework / extensions", f"{incident.rework_count} / {incident.extension_count}"),
        ("Description", incident.description or "-"),
    ]
    rows = "".join(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in fields)
    stages = []
    for code, name in STAGE_NAMES.items():
        clk = incident.clocks.get(code)
        if clk is None:
            stages.append(f"<tr><td>{e(name)}</td><td colspan='4'>not started</td></tr>")
            continue
        late = clk.overdue or (clk.due is not None and (clk.done or now) > clk.due)
        stages.append(
            f"<tr><td>{e(name)}</td><td>{full_time(clk.started)}</td><td>{full_time(clk.due)}</td>"
            f"<td>{full_time(clk.done)}</td><td>{'LATE' if late else 'in time'}</td></tr>"
        )
    log_rows = "".join(_row_html(r) for r in history(incident))
    return (
        "<html><head><style>"
        "body{font-family:sans-serif;font-size:10pt;color:#000}"
        "h1{font-size:16pt} h2{font-size:12pt;margin-top:14px}"
        "table{border-collapse:collapse} th{text-align:left;padding:2px 8px 2px 0}"
        "td{padding:2px 8px 2px 0;vertical-align:top}"
        "</style></head><body>"
        f"<h1>Incident {e(incident.number)}</h1>"
        f"<p>Report printed {full_time(now)} ({CITY_TZ.key})</p>"
        f"<table>{rows}</table>"
        "<h2>Stage deadlines</h2>"
        "<table border='1' cellspacing='0' cellpadding='3'>"
        "<tr><th>Stage</th><th>Started</th><th>Due</th><th>Done</th><th></th></tr>"
        f"{''.join(stages)}</table>"
        "<h2>History</h2>"
        "<table border='1' cellspacing='0' cellpadding='3'>"
        "<tr><th>Time</th><th>Who</th><th>Kind</th><th>What</th></tr>"
        f"{log_rows}</table>"
        "</body></html>"
    )
