"""Reporters of merged reports (app.domain.merge) on the HTTP side: who is asked to verify when a
master case is resolved, and the outcome every reporter with a contact gets when it is closed.

A master's group is the master and the reports merged into it. Each reporter is reached through
the private record of their Open311 report (email, else phone) or, for a report taken by the
centre (hotline, inspector), through the case's own ``reporter_contact``; both stay on the server.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from app.domain.model import Incident, Status
from app.domain.state import CityState

if TYPE_CHECKING:
    from app.server.http.citizens import CitizenStore

log = logging.getLogger(__name__)

OUTCOME = {
    Status.CLOSED: "is fixed and closed",
    Status.CANCELLED: "was closed without work (cancelled)",
    Status.REJECTED: "was not taken up",
}


def group_of(state: CityState, master: Incident) -> list[Incident]:
    """The master and the reports merged into it now."""
    out = [master]
    for entry in master.merged:
        report = state.incidents.get(entry.incident_id)
        if report is not None and report.merged_into == master.id:
            out.append(report)
    return out


def with_master(report: Incident, master: Incident) -> str:
    """How a reporter's own case is named in a message: with its master when merged."""
    if report.id == master.id:
        return f"case {report.number}"
    return f"case {report.number}, handled together with case {master.number}"


def verify_body(what: str, link: str, until: float) -> str:
    when = dt.datetime.fromtimestamp(until, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"The city reports that the problem you reported ({what}) is fixed.\n"
        f"Please tell us whether it is: {link}\n"
        f"If we hear nothing by {when}, the operations centre checks it itself."
    )


def outcome_message(report: Incident, master: Incident, notes: str) -> tuple[str, str]:
    """Subject and body of the outcome a reporter of the group gets when the master is final."""
    outcome = OUTCOME.get(master.status, f"is {master.status.value}")
    subject = f"Case {report.number}: {outcome}"
    body = (
        f"The problem you reported ({with_master(report, master)}) {outcome}.\n"
        f"{notes}\nThank you for reporting it."
    )
    return subject, body


def contact_of(citizens: CitizenStore, inc: Incident) -> str:
    """Where the reporter of ``inc`` is reached ('' : nowhere)."""
    rep = citizens.report(inc.id)
    if rep is not None and rep.contact.reachable:
        return rep.contact.email or rep.contact.phone
    return inc.reporter_contact.strip()


def tell_outcome(citizens: CitizenStore, group: list[Incident], notes: str) -> int:
    """Queue the outcome for every reporter of the group with a contact; how many were queued.
    (Run in a worker thread: it reads and writes the citizen tables.)"""
    master = group[0]
    sent = 0
    for inc in group:
        to = contact_of(citizens, inc)
        if not to:
            continue
        subject, body = outcome_message(inc, master, notes)
        citizens.queue_message(inc.id, to, subject, body)
        sent += 1
    return sent
