"""Open311 output: the same records as JSON (the Spark convention: lists become arrays) or XML
(schemaless, no namespace, UTF-8 declaration), and errors in the spec's format.

XML is built with ElementTree, which escapes every text node; JSON with msgspec. Neither ever
writes caller-supplied text unescaped.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import xml.etree.ElementTree as ET
from typing import Any

import msgspec
from aiohttp import web

log = logging.getLogger(__name__)

JSON_TYPE = "application/json"
XML_TYPE = "text/xml"
FORMATS = ("json", "xml")


class Open311Error(Exception):
    """An error answered in the spec's format: HTTP ``status``, body code ``code``."""

    def __init__(self, status: int, description: str, code: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.code = status if code is None else code
        self.description = description
        self.headers: dict[str, str] = {}


def w3(t: float | None) -> str | None:
    """A W3C date-time in UTC ('2026-12-03T08:15:30Z'), as the spec requires."""
    if t is None:
        return None
    return dt.datetime.fromtimestamp(t, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_w3(text: str) -> float:
    """Epoch seconds of a W3C date-time with its zone ('Z' or '+hh:mm'); ValueError if not one."""
    value = text.strip()
    if len(value) < 19 or value[10] != "T":
        raise ValueError(f"{text[:40]!r} is not a W3C date-time like 2010-01-01T00:00:00Z")
    parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        raise ValueError(f"{text[:40]!r} has no time zone (add Z or an offset)")
    return parsed.timestamp()


# Characters XML 1.0 cannot carry at all (escaping does not help): C0 controls but tab and line
# ends, lone surrogates, U+FFFE/U+FFFF. ElementTree writes them as they are, which would make
# the document ill-formed; they become U+FFFD.
_NOT_XML = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("\ufffd", str(value))


def _xml_item(parent: ET.Element, tag: str, value: Any, child_tags: dict[str, str]) -> None:
    el = ET.SubElement(parent, tag)
    if isinstance(value, dict):
        for key, sub in value.items():
            _xml_item(el, key, sub, child_tags)
    elif isinstance(value, list):
        inner = child_tags.get(tag, "item")
        for sub in value:
            _xml_item(el, inner, sub, child_tags)
    else:
        el.text = _text(value)


def to_xml(root: str, value: Any, child_tags: dict[str, str]) -> bytes:
    """``value`` (a list of records or one record) under ``root``; lists of the element named
    ``t`` hold elements named ``child_tags[t]`` (services/service, attributes/attribute, ...)."""
    top = ET.Element(root)
    if isinstance(value, list):
        inner = child_tags[root]
        for item in value:
            _xml_item(top, inner, item, child_tags)
    else:
        for key, sub in value.items():
            _xml_item(top, key, sub, child_tags)
    body = ET.tostring(top, encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body).encode("utf-8")


CHILD_TAGS = {
    "services": "service",
    "attributes": "attribute",
    "values": "value",
    "service_requests": "request",
    "errors": "error",
    "endpoints": "endpoint",
    "formats": "format",
}


def respond(fmt: str, root: str, value: Any, status: int = 200) -> web.Response:
    if fmt == "xml":
        return web.Response(
            body=to_xml(root, value, CHILD_TAGS),
            status=status,
            content_type=XML_TYPE,
            charset="utf-8",
        )
    return web.Response(
        body=msgspec.json.encode(value), status=status, content_type=JSON_TYPE, charset="utf-8"
    )


def error_response(fmt: str, errors: list[Open311Error]) -> web.Response:
    body = [{"code": e.code, "description": e.description} for e in errors]
    resp = respond(fmt, "errors", body, errors[0].status)
    resp.headers.update(errors[0].headers)
    return resp


def split_format(name: str) -> tuple[str, str]:
    """'requests.json' -> ('requests', 'json'); an unknown format is an Open311Error (400)."""
    stem, dot, fmt = name.rpartition(".")
    if not dot or fmt not in FORMATS:
        raise Open311Error(400, f"unknown format in {name[:60]!r}: use .json or .xml")
    return stem, fmt
