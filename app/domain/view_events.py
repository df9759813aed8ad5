"""Events the server writes only into a filtered view (a liaison's stream), never into the log.

A liaison sees a subset of the city that changes over time; these two keep its copy equal to a
filtered snapshot without replaying history it was not allowed to see:

* ``linkage_upserted`` carries a linkage request's current record (sent with an incident that
  becomes visible, or whose events were folded into an upsert);
* ``incident_withdrawn`` removes an incident (and its linkage requests) that stopped being shared
  with the agency.

They are part of the event union (``app.domain.events.EventBody``) so every client's reducer
applies them, but no command produces them and the server's log never holds them.
"""

from __future__ import annotations

import msgspec

from app.domain.model import LinkageRequest


class LinkageUpserted(msgspec.Struct, kw_only=True, tag_field="type", tag="linkage_upserted"):
    request: LinkageRequest


class IncidentWithdrawn(msgspec.Struct, kw_only=True, tag_field="type", tag="incident_withdrawn"):
    incident_id: str
