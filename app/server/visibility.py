"""What a connection may see: liaisons get only incidents shared with their agency, never the
reporter's contact; everyone else sees everything.

Live filtering works per commit batch. An incident that becomes shared with an agency during a
batch (a linkage request to it, the agency linked, one of its units assigned) is sent to that
agency's liaisons as one ``incident_created`` upsert carrying the incident's full current record
(with the seq of the batch's last event about it) instead of the batch's events about it,
followed by a ``linkage_upserted`` per linkage request of the incident; the client's reducer
replaces the records, so it never needs the history it was not allowed to see. An incident that
stops being shared is removed with ``incident_withdrawn`` (app.domain.view_events).
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
    """A copy of the incident as a liaison may see it (no private reporter contact).

    Always a copy: the live record changes with the next commit, possibly before this one is sent.
    """
    return msgspec.structs.replace(inc, reporter_contact="")


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


def incidents_touched(body: ev.EventBody, state: CityState) -> tuple[str, ...]:
    """Incidents whose record the event changes (unit movements and statuses: none)."""
    if isinstance(body, (ev.UnitStatusChanged, ev.UnitMoved, ev.UnitRelocated)):
        return ()
    if isinstance(body, ev.IncidentsLinked):
        return (body.incident_id, body.other_id)
    if isinstance(body, (ev.ReportMerged, ev.ReportUnmerged)):  # the report and its master
        return (body.incident_id, body.master_id)
    key = ev.incident_of(body, state.linkages)
    return (key,) if key else ()


def units_of(body: ev.EventBody) -> tuple[str, ...]:
    """Units an event changes, whatever it is about."""
    if isinstance(
        body,
        (ev.UnitAssigned, ev.UnitReleased, ev.UnitStatusChanged, ev.UnitMoved, ev.UnitRelocated),
    ):
        return (body.unit_id,)
    if isinstance(body, ev.UnitUpserted):
        return (body.unit.id,)
    return ()


def units_touched(body: ev.EventBody) -> tuple[str, ...]:
    """Units an incident event also changes."""
    if isinstance(body, (ev.UnitAssigned, ev.UnitReleased)):
        return (body.unit_id,)
    return ()


class AgencyView:
    """Tracks which incidents are shared with one agency and filters batches for its liaisons.

    An event the liaison's reducer can apply as it is (it only touches incidents the liaison
    already holds) passes, stripped of the reporter's contact. An incident that became shared in
    the batch, or that an event links to an incident the liaison may not see, is *refreshed*: its
    events in the batch are replaced by one ``incident_created`` upsert of its current record at
    the seq of its last event. Unit side effects of replaced or hidden events (a unit assigned to
    an incident the liaison cannot see) arrive as ``unit_upserted`` with the current unit record at
    the same seq, so a message may hold several events with one seq; they follow each other.
    """

    def __init__(self, agency: str, state: CityState) -> None:
        self.agency = agency
        self.shared: set[str] = {i.id for i in state.incidents.values() if shared_with(i, agency)}

    def _visible(self, incident_id: str, state: CityState) -> bool:
        inc = state.incidents.get(incident_id)
        return inc is not None and shared_with(inc, self.agency)

    def filter_batch(self, events: list[ev.Event], state: CityState) -> list[ev.Event]:
        """Events of one committed batch (already applied to ``state``) as this agency sees them."""
        touched = [incidents_touched(e.body, state) for e in events]
        visible = {i: self._visible(i, state) for incs in touched for i in incs}
        refresh: set[str] = set()
        for incs in touched:
            for i in incs:
                if visible[i] and (i not in self.shared or not all(visible[j] for j in incs)):
                    refresh.add(i)
        grew = bool(refresh)
        while grew:  # an event folded into one upsert folds the other incidents it touches too
            grew = False
            for incs in touched:
                if any(i in refresh for i in incs):
                    for j in incs:
                        if visible[j] and j not in refresh:
                            refresh.add(j)
                            grew = True
        last = {i: idx for idx, incs in enumerate(touched) for i in incs if i in refresh}
        # Incidents the agency held that it may no longer see: withdrawn at their last event.
        gone = {
            i: idx
            for idx, incs in enumerate(touched)
            for i in incs
            if not visible[i] and i in self.shared
        }
        requests: dict[str, list[str]] = {}
        if refresh:  # the requests of a refreshed incident travel with it
            for req in state.linkages.values():
                if req.incident_id in refresh:
                    requests.setdefault(req.incident_id, []).append(req.id)
        # Units whose change is folded or hidden arrive as an upsert of their end-of-batch
        # record, placed after the batch's last event about the unit (an event passed after the
        # upsert would be applied twice).
        passes = [
            not incs or all(visible[i] and i not in refresh for i in incs) for incs in touched
        ]
        stale = {
            u for e, ok in zip(events, passes, strict=True) if not ok for u in units_touched(e.body)
        }
        unit_last = {u: idx for idx, e in enumerate(events) for u in units_of(e.body) if u in stale}
        out: list[ev.Event] = []
        for idx, (e, incs) in enumerate(zip(events, touched, strict=True)):
            if passes[idx]:
                body = strip_body(e.body)
                out.append(e if body is e.body else msgspec.structs.replace(e, body=body))
                self._upsert_units(e, idx, unit_last, state, out)
                continue
            for i in incs:
                if last.get(i) == idx:
                    inc = state.incidents[i]
                    upsert = ev.IncidentCreated(incident=strip_incident(inc))
                    out.append(msgspec.structs.replace(e, body=upsert, exercise=inc.exercise))
                    for rid in requests.get(i, ()):
                        req = msgspec.structs.replace(state.linkages[rid])  # a copy: see above
                        out.append(msgspec.structs.replace(e, body=ev.LinkageUpserted(request=req)))
                elif gone.get(i) == idx:
                    out.append(msgspec.structs.replace(e, body=ev.IncidentWithdrawn(incident_id=i)))
            self._upsert_units(e, idx, unit_last, state, out)
        for i, vis in visible.items():
            if vis:
                self.shared.add(i)
            else:
                self.shared.discard(i)  # never shared, or no longer (its department changed)
        return out

    @staticmethod
    def _upsert_units(
        e: ev.Event, idx: int, unit_last: dict[str, int], state: CityState, out: list[ev.Event]
    ) -> None:
        for unit_id in units_of(e.body):
            unit = state.units.get(unit_id)
            if unit_last.get(unit_id) == idx and unit is not None:
                # a copy, for the same reason as strip_incident
                upsert = ev.UnitUpserted(unit=msgspec.structs.replace(unit))
                out.append(msgspec.structs.replace(e, body=upsert))
