"""The audit trail's rows and filters as they travel (``read_audit`` admin requests) and export
(CSV): shared by the server that reads them and the console that shows them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging

import msgspec

log = logging.getLogger(__name__)

COLUMNS = (
    "time",
    "username",
    "workstation",
    "peer",
    "kind",
    "command_id",
    "command_type",
    "result",
    "detail",
    "incident_id",
    "incident_number",
)


class AuditFilter(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """What to list; every field optional. ``outcome``: ``accepted`` (result ok), ``refused``
    (any error code), or '' for both. ``incident`` is an incident number or id."""

    since: float | None = None
    until: float | None = None
    user: str = ""
    workstation: str = ""
    incident: str = ""
    command_type: str = ""
    kind: str = ""  # command | login | admin
    outcome: str = ""
    limit: int = 1000


class AuditRow(msgspec.Struct, kw_only=True):
    time: float
    username: str
    workstation: str
    peer: str
    kind: str
    command_id: str
    command_type: str
    result: str
    detail: str
    incident_id: str = ""
    incident_number: str = ""


def to_csv(rows: list[AuditRow], tz: dt.tzinfo | None = None) -> str:
    """The rows as CSV with a header; times as ISO 8601 in ``tz`` (default: UTC)."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(COLUMNS)
    for r in rows:
        when = dt.datetime.fromtimestamp(r.time, tz or dt.UTC).isoformat(timespec="seconds")
        w.writerow([when, *(getattr(r, c) for c in COLUMNS[1:])])
    return buf.getvalue()
