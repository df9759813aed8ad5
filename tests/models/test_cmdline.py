"""The command-line grammar: examples from the console's help, errors that explain."""

from __future__ import annotations

import itertools

import pytest

from app.console.cmdline import CommandLineParser, ParseError
from app.domain import events as ev
from app.domain.library import default_library
from app.domain.model import Agency, Incident, IncidentKind, Location, SourceChannel, Status, Unit
from app.domain.state import CityState

LIB = default_library()


def make_state() -> CityState:
    st = CityState()
    seq = itertools.count(1)
    for a in ("fire", "water", "medical"):
        st.apply(
            ev.Event(
                seq=next(seq),
                time=0,
                actor="t",
                body=ev.AgencyUpserted(agency=Agency(id=a, name=a)),
            )
        )
    for uid, ag, caps in (
        ("E12", "fire", ["fire_suppression"]),
        ("M4", "medical", ["ems_als"]),
        ("W2", "water", ["water_repair"]),
    ):
        st.apply(
            ev.Event(
                seq=next(seq),
                time=0,
                actor="t",
                body=ev.UnitUpserted(
                    unit=Unit(id=uid, agency=ag, type="engine", capabilities=caps)
                ),
            )
        )
    inc = Incident(
        id="abc",
        number="2026-000123",
        kind=IncidentKind.EMERGENCY,
        category="fire.structure",
        priority=1,
        status=Status.REGISTERED,
        location=Location(lat=37.78, lon=-122.41),
        source=SourceChannel.HOTLINE,
        department="fire",
    )
    st.apply(ev.Event(seq=next(seq), time=0, actor="t", body=ev.IncidentCreated(incident=inc)))
    return st


def parser(selected: str = "") -> CommandLineParser:
    st = make_state()
    return CommandLineParser(
        lambda: st,
        LIB,
        selected_fn=lambda: selected,
        geocode=lambda text: (
            (37.7837, -122.4075, "Market St & 5th St")
            if "market" in text.lower() and "5th" in text.lower()
            else None
        ),
        reverse=lambda lat, lon: "1 Test St",
    )


def test_new_incident_by_coordinates_and_priority() -> None:
    r = parser().parse("N fire.structure @ 37.781,-122.411 P1 smoke on 2nd floor")
    (cmd,) = r.commands
    assert cmd.type == "create_incident"
    assert cmd.payload["lat"] == 37.781 and cmd.payload["lon"] == -122.411
    assert cmd.payload["priority"] == 1 and cmd.payload["description"] == "smoke on 2nd floor"
    assert cmd.payload["address"] == "1 Test St" and cmd.select == cmd.payload["incident_id"]


def test_new_incident_by_address_and_category_words() -> None:
    (cmd,) = parser().parse("N exposed_garbage @ Market St & 5th St ; bags").commands
    assert cmd.payload["category"] == "event.exposed_garbage"
    assert cmd.payload["address"] == "Market St & 5th St" and cmd.payload["description"] == "bags"


def test_dispatch_status_linkage_close() -> None:
    p = parser(selected="abc")
    (d,) = p.parse("D 123 E12 m4").commands
    assert d.payload == {"incident_id": "abc", "unit_ids": ["E12", "M4"]}
    (s,) = p.parse("S E12 onscene").commands
    assert s.payload == {"unit_id": "E12", "status": "on_scene"}
    (r,) = p.parse("R 123 water 2").commands
    assert r.payload == {
        "incident_id": "abc",
        "to_agency": "water",
        "capability": "water_repair",
        "count": 2,
    }
    (c,) = p.parse("C .").commands
    assert c.payload == {"incident_id": "abc", "action": "close", "reason": ""}
    assert p.parse("HELP").action == "help"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("D 999 E12", "no incident"),
        ("D 123 Z99", "no unit"),
        ("S E12 flying", "unknown unit status"),
        ("X 123", "reason is required"),
        ("N fire.structure @ nowhere at all", "location not found"),
        ("C .", "no incident is selected"),
        ("FOO", "unknown command"),
    ],
)
def test_errors_explain_what_to_type(line: str, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parser().parse(line)


def test_completion() -> None:
    p = parser()
    assert "D" in p.completions("d")
    assert "N fire.structure" in p.completions("N fire.str")
    assert p.completions("S E1") == ["S E12"]
    assert "S E12 onscene" in p.completions("S E12 on")
