"""Parsing XML from outside without trusting it.

Received XML is parsed with lxml set so that nothing outside the bytes given is ever read and
nothing is expanded: no external entities, no DTD loading, no network, no huge trees. Any
document type declaration is refused outright (as defusedxml's ``forbid_dtd`` does): a CAP
message, an Atom or RSS feed and an EDXL-DE envelope never need one, and refusing it is the
only sure defence against entity-expansion bombs and external-entity probes. The check runs on
the raw bytes before libxml2 sees them, and again on the parsed tree (for encodings the byte
scan cannot read, such as UTF-16).
"""

from __future__ import annotations

import logging
import re

from lxml import etree

log = logging.getLogger(__name__)

MAX_BYTES = 8 * 1024 * 1024  # a CAP message or a feed of them is far smaller


class Refused(Exception):
    """A document refused, with a reason a person can read."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,  # e.g. xml-stylesheet pointing at a remote XSL: never followed
        collect_ids=False,
    )


_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def parse(data: bytes) -> etree._Element:
    """The root element of ``data``; raises :class:`Refused` (DTD, entities, malformed, too big)."""
    if len(data) > MAX_BYTES:
        raise Refused(f"document too large ({len(data)} bytes; at most {MAX_BYTES})")
    if _DTD.search(data):
        raise Refused(
            "document type declarations and entities are not accepted "
            "(nothing was fetched or expanded)"
        )
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise Refused(f"not well-formed XML: {exc}") from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise Refused("document type declarations are not accepted")
    return root


def safe_parser() -> etree.XMLParser:
    """The hardened parser (for reading our own schema files too)."""
    return _parser()
