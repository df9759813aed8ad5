"""NENA EIDO 1.0 (Emergency Incident Data Object): an incident handed to or received from
another centre as JSON.

Out: :func:`export_incident` writes location (PIDF-LO with a geodetic point and the address),
incident type, agencies, units, status times and notes; the reporter's contact only when asked.
In: :func:`read_eido` turns a received EIDO into the commands that create the incident (source
``transfer``), with the sender kept in a ``transfer`` note. Both check the document against the
EIDO schema (resources/eido/, built from NENA's OpenAPI file: see resources/eido/README.md).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import jsonschema
from lxml import etree

from app.domain import commands as c
from app.domain.model import Incident, SourceChannel
from app.domain.state import CityState
from app.interop.xmlsafe import Refused, parse
from app.paths import resource_path

log = logging.getLogger(__name__)

EIDO_VERSION = "1.0"
DEFAULT_ISSUER = "cityops.invalid"
PIDF = "urn:ietf:params:xml:ns:pidf"
GP = "urn:ietf:params:xml:ns:pidf:geopriv10"
GML = "http://www.opengis.net/gml"
CIVIC = "urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr"
TRANSFER_NOTE = "transfer"  # the narrative kind of the note that keeps the sender

# NENA incident type registry words from our category prefixes, and back.
TYPE_OUT = {
    "fire": "Fire",
    "med": "Medical",
    "rescue": "Rescue",
    "hazmat": "Hazmat",
    "natural": "Natural Disaster",
    "traffic": "Traffic",
    "police": "Police",
    "comp": "Public Works",
    "service": "Other",
}
TYPE_IN = {
    "fire": "fire.structure",
    "medical": "med.general",
    "ems": "med.general",
    "rescue": "rescue.extrication",
    "hazmat": "hazmat.release",
    "police": "police.assist",
    "law": "police.assist",
    "traffic": "traffic.collision",
    "natural disaster": "natural.flooding",
}
FALLBACK_CATEGORY = "service.other"


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(resource_path("eido", "eido-1.0.schema.json").read_text("utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)  # type: ignore[no-any-return]


def validate(doc: Any) -> None:
    """Raise :class:`Refused` with the schema's reason when ``doc`` is not a valid EIDO."""
    try:
        err = jsonschema.exceptions.best_match(_validator().iter_errors(doc))
    except jsonschema.exceptions._WrappedReferencingError as exc:  # a dangling $ref upstream
        raise Refused(f"EIDO uses a part the schema does not define: {exc}") from None
    if err is not None:
        where = "/".join(str(p) for p in err.absolute_path) or "(top)"
        raise Refused(f"invalid EIDO at {where}: {err.message}")


def _iso(t: float) -> str:
    return dt.datetime.fromtimestamp(t, dt.UTC).isoformat(timespec="milliseconds")


def _pidf(lat: float, lon: float, entity: str) -> str:
    root = etree.Element(f"{{{PIDF}}}presence", nsmap={None: PIDF, "gp": GP, "gml": GML})
    root.set("entity", entity)
    tuple_ = etree.SubElement(root, f"{{{PIDF}}}tuple", id="incident")
    status = etree.SubElement(tuple_, f"{{{PIDF}}}status")
    geopriv = etree.SubElement(status, f"{{{GP}}}geopriv")
    info = etree.SubElement(geopriv, f"{{{GP}}}location-info")
    point = etree.SubElement(info, f"{{{GML}}}Point", srsName="urn:ogc:def:crs:EPSG::4326")
    pos = etree.SubElement(point, f"{{{GML}}}pos")
    pos.text = f"{lat!r} {lon!r}"
    text: str = etree.tostring(root, encoding="unicode")
    return text


def export_incident(
    state: CityState,
    inc: Incident,
    *,
    include_reporter: bool = False,
    issuer: str = DEFAULT_ISSUER,
) -> dict[str, Any]:
    """``inc`` as an EIDO 1.0 object (valid against the schema; checked before returning)."""
    me = {"$ref": issuer}
    urn = f"urn:emergency:uid:incidentid:{inc.id}:{issuer}"

    def prologue(id_: str, t: float) -> dict[str, Any]:
        return {"$id": id_, "lastUpdateTimeStamp": _iso(t), "updatedByAgencyReference": me}

    t = inc.updated_at or inc.created_at
    agencies = [inc.department, *[a for a in inc.linked_agencies if a != inc.department]]
    agency_comps = [
        {
            **prologue(issuer, t),
            "agencyRoleDescriptionRegistryText": ["CallReceiving"],
            "agencyType": ["psap"],
        }
    ]
    for a in agencies:
        if not a:
            continue
        agency_comps.append(
            {
                **prologue(f"{a}.{issuer}", t),
                "agencyRoleDescriptionRegistryText": ["Responding"],
                "agencyType": [a],
                "incidentOwningAgencyIndicator": a == inc.department,
            }
        )
    loc_id = f"{urn}:location"
    location = {
        **prologue(loc_id, t),
        "locationTypeDescriptionRegistryText": "Incident",
        "locationByValue": _pidf(inc.location.lat, inc.location.lon, urn),
    }
    if inc.location.address:
        location["locationDescriptionText"] = inc.location.address
    notes = []
    if inc.description:
        notes.append({**prologue(f"{urn}:description", t), "notesActionComments": inc.description})
    for i, entry in enumerate(e for e in inc.narrative if e.kind == "note"):
        text = entry.text
        if entry.struck is not None:  # kept, as in the narrative, but never as a standing note
            s = entry.struck
            text = f"[STRUCK OUT by {s.who} at {_iso(s.at)}: {s.reason}] {text}"
        notes.append({**prologue(f"{urn}:note:{i}", entry.at), "notesActionComments": text})
    prefix = inc.category.partition(".")[0]
    incident: dict[str, Any] = {
        **prologue(urn, t),
        "incidentTypeCommonRegistryText": TYPE_OUT.get(prefix, "Other"),
        "incidentTypeInternalCode": inc.category,
        "incidentCommonPriorityNumber": inc.priority,
        "incidentStatusInternalText": [
            inc.status.value,
            *(f"{s}@{_iso(at)}" for s, at in sorted(inc.timestamps.items(), key=lambda x: x[1])),
        ],
        "internalIncidentId": inc.number,
        "locationReference": [{"$ref": loc_id}],
    }
    if notes:
        incident["notesReference"] = [{"$ref": n["$id"]} for n in notes]
    resources = []
    for uid in inc.assigned_units:
        unit = state.units.get(uid)
        if unit is None:
            continue
        resources.append(
            {
                **prologue(f"{unit.id}.{unit.agency}.{issuer}", unit.status_since or t),
                "agentReference": [{"$ref": f"{unit.agency}.{issuer}"}],
                "emergencyResourceName": unit.id,
                "emergencyResourceTypeCommonRegistryText": unit.type,
                "primaryUnitStatusRegistryText": unit.status.value,
                "resourceAttributeRegistryText": list(unit.capabilities),
                "secondaryUnitStatusRegistryText": [],
                "activeOnIncidentId": urn,
            }
        )
    doc: dict[str, Any] = {
        **prologue(f"urn:emergency:uid:eido:{inc.id}:{issuer}", t),
        "eidoVersion": EIDO_VERSION,
        "issuingElementIdentification": issuer,
        "agencyComponent": agency_comps,
        "incidentComponent": incident,
        "locationComponent": [location],
    }
    if notes:
        doc["notesComponent"] = notes
    if resources:
        doc["emergencyResourceComponent"] = resources
    if include_reporter and inc.reporter_contact:
        cb_id = f"{urn}:callback"
        doc["callbackComponent"] = [
            {**prologue(cb_id, t), "callBackInformationUri": [inc.reporter_contact]}
        ]
        doc["personComponent"] = [
            {
                **prologue(f"{urn}:reporter", t),
                "personIncidentRoleRegistryText": ["Caller"],
                "callBackReference": {"$ref": cb_id},
            }
        ]
    validate(doc)
    return doc


def city_centre(state: CityState) -> tuple[float, float] | None:
    """The middle of the city's grid (None when no grid is loaded)."""
    g = state.grid_spec
    if g is None:
        return None
    return g.origin_lat - g.rows * g.cell_dlat / 2, g.origin_lon + g.cols * g.cell_dlon / 2


# --- in -----------------------------------------------------------------------------------------
@dataclass
class Received:
    """What a received EIDO asks for: the incident and its notes, and who sent it."""

    create: c.CreateIncident
    notes: list[str] = field(default_factory=list)
    sender: str = ""
    transfer_note: str = ""


def _position(pidf: str) -> tuple[float, float] | None:
    try:
        root = parse(pidf.encode("utf-8"))
    except Refused:
        return None
    pos = root.find(f".//{{{GML}}}pos")
    if pos is None or not pos.text:
        return None
    parts = pos.text.split()
    try:
        return float(parts[0]), float(parts[1])
    except (IndexError, ValueError):
        return None


def _civic(pidf: str) -> str:
    try:
        root = parse(pidf.encode("utf-8"))
    except Refused:
        return ""
    civic = root.find(f".//{{{CIVIC}}}civicAddress")
    if civic is None:
        return ""
    v = {etree.QName(el).localname: (el.text or "").strip() for el in civic}
    street = " ".join(x for x in (v.get("HNO"), v.get("PRD"), v.get("RD"), v.get("STS")) if x)
    return ", ".join(
        x for x in (street, v.get("A3", ""), v.get("A1", ""), v.get("country", "")) if x
    )


def read_eido(doc: Any, state: CityState, fallback: tuple[float, float] | None = None) -> Received:
    """The incident a received EIDO describes; raises :class:`Refused` (schema, no position)."""
    validate(doc)
    sender = str(doc["issuingElementIdentification"])
    incident = doc.get("incidentComponent") or {}
    locations = {loc["$id"]: loc for loc in doc.get("locationComponent", [])}
    wanted = [r["$ref"] for r in incident.get("locationReference", [])] or list(locations)
    lat_lon, address, described = None, "", ""
    for key in wanted:
        loc = locations.get(key)
        if loc is None:
            continue
        by_value = loc.get("locationByValue", "")
        lat_lon = lat_lon or (_position(by_value) if by_value else None)
        address = address or (_civic(by_value) if by_value else "")
        described = described or loc.get("locationDescriptionText", "")
    address = described or address
    placed = ""
    fallback = fallback or city_centre(state)
    if lat_lon is None:
        if fallback is None:
            raise Refused("the EIDO gives no geodetic position and no fallback position was given")
        lat_lon = fallback
        placed = "position not given by the sender: placed at the centre's fallback point; verify"
    library = state.rules().library
    code = incident.get("incidentTypeInternalCode", "")
    if code not in library.by_code:
        common = str(incident.get("incidentTypeCommonRegistryText", "")).lower()
        code = TYPE_IN.get(common, FALLBACK_CATEGORY)
    priority = incident.get("incidentCommonPriorityNumber", 0)
    priority = priority if isinstance(priority, int) and 1 <= priority <= 4 else 0
    notes_by_id = {n["$id"]: n["notesActionComments"] for n in doc.get("notesComponent", [])}
    description = next((v for k, v in notes_by_id.items() if k.endswith(":description")), "")
    notes = [v for k, v in notes_by_id.items() if not k.endswith(":description")]
    cat = library.by_code.get(code)
    if not description and cat is not None and "description" in cat.required_fields:
        description = f"transferred by {sender}"
    their_id = incident.get("$id") or doc.get("$id", "")
    line = f"received by EIDO from {sender}"
    agency = (doc.get("updatedByAgencyReference") or {}).get("$ref", "")
    if agency and agency != sender:
        line += f" (agency {agency})"
    line += f"; their incident {their_id}, sent {doc.get('lastUpdateTimeStamp', '')}"
    if placed:
        line += f"; {placed}"
    create = c.CreateIncident(
        category=code,
        priority=priority,
        source=SourceChannel.TRANSFER,
        lat=lat_lon[0],
        lon=lat_lon[1],
        address=address or f"(address not given by {sender})",
        description=description,
    )
    return Received(create=create, notes=notes, sender=sender, transfer_note=line)
