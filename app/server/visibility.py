"""What a connection may see: liaisons get only incidents shared with their agency, never the
reporter's contact; everyone else sees everything.

Live filtering works per commit batch. An incident that becomes shared with an agency during a
batch (a linkage request to it, the agency linked, one of its units assigned) is sent to that
agency's liaisons as one ``incident_created`` upsert carrying the incident's full current record
(with the seq of the batch's last event about it) instead of the batch's events about it; the
client's reducer replaces the record, so it never needs the history it was not allowed to see.
"""

from __future__ import annotations

import logging

import msgspec

from app.domain import events as ev
from app.domain.model import Incident
from app.domain.permissions import shared_with
from app.domain.state import CityState, Snapshot

log = logging.getLogger(__name__)


def strip_incident(inc: Incident) -> Incident:
    """The incident as a liaison may see it (no private reporter contact)."""
    if not inc.reporter_contact:
        return inc
    return msgspec.structs.replace(inc, reporter_contact="")


def incident_key(body: ev.EventBody, state: CityState) -> str:
    """The incident an event concerns, resolving linkage answers through the request."""
    if isinstance(body, ev.LinkageAnswered):
        req = state.linkages.get(body.request_id)
        return req.incident_id if req else ""
    return ev.incident_of(body)


def strip_body(body: ev.EventBody) -> ev.EventBody:
    if isinstance(body, ev.IncidentCreated):
        return ev.IncidentCreated(incident=strip_incident(body.incident))
    if isinstance(body, ev.IncidentUpdated) and body.changes.reporter_contact is not msgspec.UNSET:
        changes = msgspec.structs.replace(body.changes, reporter_contact=msgspec.UNSET)
        return ev.IncidentUpdated(incident_id=body.incident_id, changes=changes)
    return body


def filter_snapshot(snap: Snapshot, agency: str) -> Snapshot:
    """A liaison's snapshot: shared incidents (stripped) and their linkage requests only."""
    incidents = [strip_incident(i) for i in snap.incidents if shared_with(i, agency)]
    ids = {i.id for i in incidents}
    return msgspec.structs.replace(
        snap,
        incidents=incidents,
        linkages=[r for r in snap.linkages if r.incident_id in ids],
    )


class AgencyView:
    """Tracks which incidents are shared with one agency and filters batches for its liaisons."""

    def __init__(self, agency: str, state: CityState) -> None:
        self.agency = agency
        self.shared: set[str] = {i.id for i in state.incidents.values() if shared_with(i, agency)}

    def filter_batch(self, events: list[ev.Event], state: CityState) -> list[ev.Event]:
        """Events of one committed batch (already applied to ``state``) as this agency sees them."""
        keys = [incident_key(e.body, state) for e in events]
        newly: dict[str, int] = {}  # incident id -> index of the batch's last event about it
        for idx, key in enumerate(keys):
            if not key or key in self.shared:
                continue
            inc = state.incidents.get(key)
            if inc is not None and shared_with(inc, self.agency):
                newly[key] = idx
        out: list[ev.Event] = []
        for idx, (e, key) in enumerate(zip(events, keys, strict=True)):
            if not key:
                out.append(e)
            elif key in newly:
                if newly[key] == idx:
                    inc = state.incidents[key]
                    upsert = ev.IncidentCreated(incident=strip_incident(inc))
                    out.append(msgspec.structs.replace(e, body=upsert, exercise=inc.exercise))
            elif key in self.shared:
                inc = state.incidents.get(key)
                if inc is not None and not shared_with(inc, self.agency):
                    # No longer shared (its department changed): stop sending it.
                    self.shared.discard(key)
                    continue
                body = strip_body(e.body)
                out.append(e if body is e.body else msgspec.structs.replace(e, body=body))
        self.shared |= newly.keys()
        return out
