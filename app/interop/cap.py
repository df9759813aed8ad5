"""CAP in: one reader for a CAP 1.2 or 1.1 message, an Atom or RSS feed of them, or an EDXL-DE
envelope around them. Every alert found is checked against the OASIS schema of its version
(resources/cap/) before anything is taken from it: a document is accepted whole or refused
whole, with the validator's reason, so nothing is ever half-imported.

Feeds that only index alerts (entries that link to a CAP message instead of carrying it) are
accepted with no alerts: links are never followed here (fetching is the poller's job, not the
parser's).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from functools import cache

from lxml import etree

from app.domain.alerts import Alert, AlertArea, AlertCircle
from app.interop.xmlsafe import Refused, parse, safe_parser
from app.paths import resource_path

log = logging.getLogger(__name__)

CAP12 = "urn:oasis:names:tc:emergency:cap:1.2"
CAP11 = "urn:oasis:names:tc:emergency:cap:1.1"
CAP_VERSIONS = {CAP12: "1.2", CAP11: "1.1"}
OLD_CAP = ("http://www.incident.com/cap/1.0", "urn:oasis:names:tc:emergency:cap:1.0")
ATOM = "http://www.w3.org/2005/Atom"
EDXL_DE = "urn:oasis:names:tc:emergency:EDXL:DE:1.0"
XMLDSIG = "http://www.w3.org/2000/09/xmldsig#"


@dataclass
class CapDocument:
    """What one accepted document held."""

    kind: str  # cap | atom | rss | edxl-de
    alerts: list[Alert] = field(default_factory=list)
    linked: int = 0  # feed entries that only link to an alert (not fetched)

    def summary(self) -> str:
        text = f"{self.kind}, {len(self.alerts)} alert(s)"
        if self.linked:
            text += f", {self.linked} linked alert(s) not fetched"
        return text


@cache
def _schema(version: str) -> etree.XMLSchema:
    path = resource_path("cap", f"CAP-v{version}.xsd")
    doc = etree.parse(str(path), parser=safe_parser())
    return etree.XMLSchema(doc)


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname


def _ns(el: etree._Element) -> str:
    return etree.QName(el).namespace or ""


def read_cap(data: bytes) -> CapDocument:
    """The alerts in a document; raises :class:`Refused` with the reason."""
    root = parse(data)
    ns, name = _ns(root), _local(root)
    if name == "alert":
        return CapDocument("cap", [_alert(root)])
    if ns == ATOM and name == "feed":
        return _atom(root)
    if ns == "" and name == "rss":
        return _rss(root)
    if ns == EDXL_DE and name == "EDXLDistribution":
        return _edxl(root)
    raise Refused(f"not a CAP alert, Atom or RSS feed or EDXL-DE envelope: root <{root.tag}>")


# --- one alert ----------------------------------------------------------------------------------
def _alert(el: etree._Element) -> Alert:
    ns = _ns(el)
    if ns in OLD_CAP:
        raise Refused(f"CAP 1.0 ({ns}) is not supported; send CAP 1.1 or 1.2")
    version = CAP_VERSIONS.get(ns)
    if version is None:
        raise Refused(f"<alert> in an unknown namespace {ns or '(none)'!r}; expected {CAP12}")
    schema = _schema(version)
    # Validate the alert on its own (it may sit inside a feed or an envelope).
    doc = etree.ElementTree(etree.fromstring(etree.tostring(el), parser=safe_parser()))
    if version == "1.1":
        # CAP 1.1 allows an enveloped XML signature (spec 3.3.2.1) that its schema does not
        # list; it is set aside for validation. Signatures are not verified here.
        for sig in doc.getroot().findall(_q(XMLDSIG, "Signature")):
            doc.getroot().remove(sig)
    if not schema.validate(doc):
        err = schema.error_log.last_error
        where = f"line {err.line}: " if err is not None and err.line else ""
        msg = err.message if err is not None else "invalid"
        raise Refused(f"invalid CAP {version}: {where}{msg}")
    _check_rules(doc.getroot(), version)
    return alert_from_element(doc.getroot(), version)


_RESTRICTED = re.compile(r"[\s,<&]")


def _check_rules(el: etree._Element, version: str) -> None:
    """The CAP rules the schema cannot state (spec 3.2.1): identifiers and senders without
    spaces, commas or restricted characters; references as "sender,identifier,sent" entries."""
    ns = _ns(el)
    for name in ("identifier", "sender"):
        value = _text(el, ns, name)
        if _RESTRICTED.search(value):
            raise Refused(
                f"invalid CAP {version}: <{name}> {value!r} contains a space, comma, '<' or '&'"
            )
    refs = el.find(_q(ns, "references"))
    if refs is not None:
        entries = (refs.text or "").split()
        if not entries:
            raise Refused(f"invalid CAP {version}: <references> is present but empty")
        for entry in entries:
            if len(entry.split(",")) != 3:
                raise Refused(
                    f"invalid CAP {version}: reference {entry!r} is not sender,identifier,sent"
                )


def _text(el: etree._Element, ns: str, name: str) -> str:
    child = el.find(_q(ns, name))
    return (child.text or "").strip() if child is not None else ""


def _epoch(iso: str) -> float:
    if not iso:
        return 0.0
    try:
        return dt.datetime.fromisoformat(iso).timestamp()
    except ValueError:
        return 0.0


def _points(text: str) -> list[tuple[float, float]]:
    pts = []
    for pair in text.split():
        lat, _, lon = pair.partition(",")
        pts.append((float(lat), float(lon)))
    return pts


def _area(el: etree._Element, ns: str) -> AlertArea:
    polygons, circles = [], []
    for p in el.findall(_q(ns, "polygon")):
        try:
            polygons.append(_points(p.text or ""))
        except ValueError:
            raise Refused(f"unreadable polygon {(p.text or '')[:60]!r}") from None
    for cel in el.findall(_q(ns, "circle")):
        centre, _, radius = (cel.text or "").strip().rpartition(" ")
        try:
            ((lat, lon),) = _points(centre)
            circles.append(AlertCircle(lat=lat, lon=lon, radius_km=float(radius)))
        except ValueError:
            raise Refused(f"unreadable circle {(cel.text or '')[:60]!r}") from None
    geocodes = [
        (_text(g, ns, "valueName"), _text(g, ns, "value")) for g in el.findall(_q(ns, "geocode"))
    ]
    return AlertArea(
        description=_text(el, ns, "areaDesc"),
        polygons=polygons,
        circles=circles,
        geocodes=geocodes,
    )


def alert_from_element(el: etree._Element, version: str) -> Alert:
    """An :class:`Alert` from a schema-valid ``<alert>`` (the first ``<info>``)."""
    ns = _ns(el)
    identifier, sender, sent = (_text(el, ns, k) for k in ("identifier", "sender", "sent"))
    refs = _text(el, ns, "references").split()
    info = el.find(_q(ns, "info"))
    fields: dict[str, object] = {}
    if info is not None:
        expires = _text(info, ns, "expires")
        fields = {
            "language": _text(info, ns, "language") or "en-US",
            "categories": [(c.text or "").strip() for c in info.findall(_q(ns, "category"))],
            "event": _text(info, ns, "event"),
            "urgency": _text(info, ns, "urgency"),
            "severity": _text(info, ns, "severity"),
            "certainty": _text(info, ns, "certainty"),
            "headline": _text(info, ns, "headline"),
            "description": _text(info, ns, "description"),
            "instruction": _text(info, ns, "instruction"),
            "sender_name": _text(info, ns, "senderName"),
            "effective": _text(info, ns, "effective"),
            "onset": _text(info, ns, "onset"),
            "expires": expires,
            "expires_at": _epoch(expires),
            "areas": [_area(a, ns) for a in info.findall(_q(ns, "area"))],
        }
    incident_id = ""
    for inc in _text(el, ns, "incidents").split():
        incident_id = incident_id or inc
    return Alert(
        id=f"{sender},{identifier},{sent}",
        identifier=identifier,
        sender=sender,
        sent=sent,
        status=_text(el, ns, "status"),
        msg_type=_text(el, ns, "msgType"),
        scope=_text(el, ns, "scope"),
        cap_version=version,
        references=refs,
        incident_id=incident_id,
        **fields,  # type: ignore[arg-type]
    )


# --- containers ---------------------------------------------------------------------------------
def _alerts_in(el: etree._Element) -> list[etree._Element]:
    return [x for x in el.iter() if isinstance(x.tag, str) and _local(x) == "alert"]


ATOM_FEED = {"author", "category", "contributor", "generator", "icon", "id", "link", "logo"}
ATOM_FEED |= {"rights", "subtitle", "title", "updated", "entry"}
ATOM_ENTRY = {"author", "category", "content", "contributor", "id", "link", "published"}
ATOM_ENTRY |= {"rights", "source", "summary", "title", "updated"}


def _atom_check(el: etree._Element, allowed: set[str], what: str) -> None:
    """The RFC 4287 rules a consumer can check: known Atom children only, exactly one id, title
    and updated."""
    counts: dict[str, int] = {}
    for child in el:
        if not isinstance(child.tag, str) or _ns(child) != ATOM:
            continue  # foreign markup is allowed anywhere
        name = _local(child)
        if name not in allowed:
            raise Refused(f"invalid Atom {what}: unknown element <{name}>")
        counts[name] = counts.get(name, 0) + 1
    for name in ("id", "title", "updated"):
        if counts.get(name, 0) != 1:
            found = counts.get(name, 0)
            raise Refused(f"invalid Atom {what}: needs exactly one <{name}> (found {found})")


def _atom(root: etree._Element) -> CapDocument:
    _atom_check(root, ATOM_FEED, "feed")
    doc = CapDocument("atom")
    for entry in root.findall(_q(ATOM, "entry")):
        _atom_check(entry, ATOM_ENTRY, "entry")
        content = entry.find(_q(ATOM, "content"))
        links = entry.findall(_q(ATOM, "link"))
        alternate = [x for x in links if x.get("rel", "alternate") == "alternate"]
        if content is None and not alternate:
            raise Refused("invalid Atom entry: no <content> and no alternate <link>")
        found = _alerts_in(content) if content is not None else []
        if found:
            doc.alerts.extend(_alert(a) for a in found)
        elif alternate:
            doc.linked += 1
    return doc


def _rss(root: etree._Element) -> CapDocument:
    channel = root.find("channel")
    if channel is None:
        raise Refused("invalid RSS: no <channel>")
    for name in ("title", "link", "description"):
        if channel.find(name) is None:
            raise Refused(f"invalid RSS channel: no <{name}>")
    doc = CapDocument("rss")
    for item in channel.findall("item"):
        if item.find("title") is None and item.find("description") is None:
            raise Refused("invalid RSS item: needs a <title> or a <description>")
        found = _alerts_in(item)
        if found:
            doc.alerts.extend(_alert(a) for a in found)
        elif item.find("link") is not None:
            doc.linked += 1
    return doc


EDXL_REQUIRED: tuple[str, ...] = ("distributionID", "senderID", "dateTimeSent")
EDXL_REQUIRED += ("distributionStatus", "distributionType", "combinedConfidentiality")


def _edxl(root: etree._Element) -> CapDocument:
    for name in EDXL_REQUIRED:
        if root.find(_q(EDXL_DE, name)) is None:
            raise Refused(f"invalid EDXL-DE: no <{name}>")
    doc = CapDocument("edxl-de")
    for obj in root.findall(_q(EDXL_DE, "contentObject")):
        xml = obj.find(f"{_q(EDXL_DE, 'xmlContent')}/{_q(EDXL_DE, 'embeddedXMLContent')}")
        if xml is not None:
            doc.alerts.extend(_alert(a) for a in xml if _local(a) == "alert")
    if not doc.alerts:
        raise Refused("EDXL-DE envelope carries no CAP alert")
    return doc
