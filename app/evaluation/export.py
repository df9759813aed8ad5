"""CSV export of a breakdown of the indicators (what the dashboard's table shows, unrounded)."""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Mapping

from app.evaluation.indicators import Indicators

log = logging.getLogger(__name__)

COLUMNS = (
    "group",
    "name",
    "incidents",
    "cases",
    "handled",
    "overdue_pending",
    *Indicators.RATES,
    "avg_handling_s",
    "score",
    "dispatch_p50_s",
    "dispatch_p90_s",
    "dispatch_within_60s_pct",
    "onscene_p50_s",
    "onscene_p90_s",
)


def breakdown_csv(rows: Mapping[str, Indicators], names: Mapping[str, str] | None = None) -> str:
    """One line per group; an undefined value is an empty field, never 0."""
    names = names or {}
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for key, s in rows.items():
        d = s.to_dict()
        w.writerow(
            [
                key,
                names.get(key, key),
                s.incidents,
                s.cases,
                s.handled,
                s.overdue_pending,
                *("" if d[r] is None else f"{d[r]:.6g}" for r in Indicators.RATES),
                "" if s.avg_handling_s is None else f"{s.avg_handling_s:.1f}",
                "" if s.score is None else f"{s.score:.2f}",
                *(
                    "" if v is None else f"{v:.1f}"
                    for v in (
                        s.dispatch.p50,
                        s.dispatch.p90,
                        s.dispatch.within_60s_pct,
                        s.onscene.p50,
                        s.onscene.p90,
                    )
                ),
            ]
        )
    return buf.getvalue()
