"""Notes are named by their id and struck out with a reason by their author or a supervisor;
a struck note stays in the narrative, marked with who struck it, when and why."""

from __future__ import annotations

import itertools

import msgspec
import pytest

from app.domain import commands as c
from app.domain import events as ev
from app.domain.commands import CommandError
from app.domain.model import Role, User
from app.domain.runner import CommandRunner
from app.domain.state import CityState, OverlayState

DANA = User(username="dana", display_name="Dana", role=Role.DISPATCHER)
DEV = User(username="dev", display_name="Dev", role=Role.DISPATCHER)
SAM = User(username="sam", display_name="Sam", role=Role.SUPERVISOR)
CARL = User(username="carl", display_name="Carl", role=Role.CALL_TAKER)
OLGA = User(username="olga", display_name="Olga", role=Role.OBSERVER)
AUDREY = User(username="audrey", display_name="Audrey", role=Role.AUDITOR)
T0 = 1_795_000_000.0
_seq = itertools.count(1)


def run(st: CityState, user: User, cmd: msgspec.Struct, t: float = T0) -> list[ev.EventBody]:
    bodies = CommandRunner().run(st, user, cmd, t)
    st.apply_all(ev.Event(seq=next(_seq), time=t, actor=user.username, body=b) for b in bodies)
    return bodies


def refused(st: CityState, user: User, cmd: msgspec.Struct) -> str:
    before = msgspec.json.encode(st.incidents["inc-1"])
    with pytest.raises(CommandError) as err:
        run(st, user, cmd)
    assert msgspec.json.encode(st.incidents["inc-1"]) == before  # nothing changed
    return err.value.code


def case_with_notes() -> CityState:
    st = CityState()
    run(
        st,
        CARL,
        c.CreateIncident(
            incident_id="inc-1",
            category="fire.structure",
            lat=37.78,
            lon=-122.41,
            address="1 Market St",
            description="smoke",
        ),
    )
    run(st, DANA, c.AddNote(incident_id="inc-1", text="caller says 3rd floor", note_id="n-dana"))
    run(st, CARL, c.AddNote(incident_id="inc-1", text="second caller", note_id="n-carl"))
    return st


def test_notes_carry_an_id_and_a_note_without_one_gets_its_own() -> None:
    st = case_with_notes()
    bodies = run(st, DANA, c.AddNote(incident_id="inc-1", text="no id given"))
    assert isinstance(bodies[0], ev.NoteAdded)
    given = bodies[0].entry.id
    assert given and given not in ("n-dana", "n-carl")
    notes = [e for e in st.incidents["inc-1"].narrative if e.kind == "note"]
    assert [e.id for e in notes] == ["n-dana", "n-carl", given]
    # The lines the reducer writes (transitions) have none: they are not notes to strike.
    assert all(e.id == "" for e in st.incidents["inc-1"].narrative if e.kind == "transition")
    code = refused(st, DEV, c.AddNote(incident_id="inc-1", text="again", note_id="n-dana"))
    assert code == "duplicate_id"


def test_the_author_strikes_a_note_out_with_a_reason_and_it_stays() -> None:
    st = case_with_notes()
    version = st.incidents["inc-1"].version
    count = len(st.incidents["inc-1"].narrative)
    bodies = run(
        st,
        DANA,
        c.StrikeNote(incident_id="inc-1", note_id="n-dana", reason="  wrong incident  "),
        t=T0 + 90,
    )
    assert bodies == [ev.NoteStruck(incident_id="inc-1", note_id="n-dana", reason="wrong incident")]
    inc = st.incidents["inc-1"]
    assert len(inc.narrative) == count  # nothing deleted
    note = next(e for e in inc.narrative if e.id == "n-dana")
    assert note.text == "caller says 3rd floor"
    assert note.struck is not None
    assert (note.struck.who, note.struck.at, note.struck.reason) == (
        "dana",
        T0 + 90,
        "wrong incident",
    )
    other = next(e for e in inc.narrative if e.id == "n-carl")
    assert other.struck is None
    assert inc.version == version + 1


def test_a_supervisor_strikes_anyone_s_note_and_a_call_taker_their_own() -> None:
    st = case_with_notes()
    run(st, SAM, c.StrikeNote(incident_id="inc-1", note_id="n-dana", reason="duplicate"))
    run(st, CARL, c.StrikeNote(incident_id="inc-1", note_id="n-carl", reason="misheard"))
    struck = {e.id: e.struck.who for e in st.incidents["inc-1"].narrative if e.struck}
    assert struck == {"n-dana": "sam", "n-carl": "carl"}


def test_refusals() -> None:
    st = case_with_notes()
    strike = c.StrikeNote(incident_id="inc-1", note_id="n-dana", reason="wrong incident")
    assert refused(st, DEV, strike) == "forbidden"  # another dispatcher's note
    assert refused(st, CARL, strike) == "forbidden"
    assert refused(st, OLGA, strike) == "forbidden"
    assert refused(st, AUDREY, strike) == "forbidden"
    no_reason = c.StrikeNote(incident_id="inc-1", note_id="n-dana", reason="   ")
    assert refused(st, DANA, no_reason) == "text_required"
    unknown = c.StrikeNote(incident_id="inc-1", note_id="n-none", reason="x")
    assert refused(st, DANA, unknown) == "unknown_id"
    assert refused(st, SAM, unknown) == "unknown_id"
    # A line the reducer wrote has no id; the empty id names nothing.
    assert refused(st, SAM, c.StrikeNote(incident_id="inc-1", note_id="", reason="x")) == (
        "unknown_id"
    )
    gone = c.StrikeNote(incident_id="inc-9", note_id="n-dana", reason="x")
    assert refused(st, DANA, gone) == "unknown_id"
    run(st, DANA, strike)
    assert refused(st, DANA, strike) == "no_change"  # struck already
    assert refused(st, SAM, strike) == "no_change"


def test_a_refusal_asked_before_the_reason_is_typed_is_the_real_one() -> None:
    """What a desk asks to grey out "Strike out…": without the reason only text_required."""
    st = case_with_notes()
    runner = CommandRunner()
    ask = c.StrikeNote(incident_id="inc-1", note_id="n-dana")
    assert runner.refusal(st, DANA, ask, now=T0).code == "text_required"  # type: ignore[union-attr]
    assert runner.refusal(st, DEV, ask, now=T0).code == "forbidden"  # type: ignore[union-attr]


def test_a_note_added_and_struck_in_one_go_on_an_overlay() -> None:
    """A desk's pending note (its own id) can be struck before the server has seen it."""
    st = case_with_notes()
    runner = CommandRunner()
    add = c.AddNote(incident_id="inc-1", text="pending", note_id="n-new")
    strike = c.StrikeNote(incident_id="inc-1", note_id="n-new", reason="typed on the wrong case")
    assert runner.refusal(st, DANA, add, strike, now=T0) is None
    view = OverlayState(st)
    for cmd in (add, strike):
        view.apply_all(
            ev.Event(seq=0, time=T0, actor="dana", body=b) for b in runner.run(view, DANA, cmd, T0)
        )
    assert next(e for e in view.incidents["inc-1"].narrative if e.id == "n-new").struck
    assert all(e.struck is None for e in st.incidents["inc-1"].narrative)  # the base is untouched


def test_a_struck_note_goes_to_another_centre_marked_struck() -> None:
    """An incident handed over as NENA EIDO keeps the struck note, marked, never as standing."""
    from app.interop.eido import export_incident

    st = case_with_notes()
    run(st, DANA, c.StrikeNote(incident_id="inc-1", note_id="n-dana", reason="wrong incident"))
    doc = export_incident(st, st.incidents["inc-1"])
    texts = [n["notesActionComments"] for n in doc["notesComponent"]]
    struck = [t for t in texts if "caller says 3rd floor" in t]
    assert len(struck) == 1 and struck[0].startswith("[STRUCK OUT by dana at ")
    assert "wrong incident" in struck[0]
    assert "second caller" in texts  # the standing note unchanged
