"""The score's weights travel as an event: who may set them, what is refused, and every place
that applies the event scores with them."""

from __future__ import annotations

import msgspec
import pytest
from pytestqt.qtbot import QtBot

from app.domain import commands as c
from app.domain import events as ev
from app.domain.model import Role, User
from app.domain.runner import CommandRunner
from app.domain.scoring import DEFAULT_WEIGHTS, EvaluationWeightsSet, SetEvaluationWeights
from app.domain.state import CityState
from app.evaluation.tracker import EvaluationTracker
from app.store.store import Store
from widgets.evaluation.evaluation_panel import EvaluationPanel

SUP = User(username="sam", display_name="Sam", role=Role.SUPERVISOR)
ADMIN = User(username="root", display_name="Admin", role=Role.ADMIN)
DISP = User(username="dana", display_name="Dana", role=Role.DISPATCHER)
HANDLING_ONLY = {**dict.fromkeys(DEFAULT_WEIGHTS, 0.0), "handling": 100.0}


def test_who_may_set_the_weights_and_what_is_refused() -> None:
    runner, st = CommandRunner(), CityState()
    cmd = SetEvaluationWeights(weights=HANDLING_ONLY)
    for user in (SUP, ADMIN):
        (body,) = runner.run(st, user, cmd, 0.0)
        assert body == EvaluationWeightsSet(weights=HANDLING_ONLY)
    with pytest.raises(c.CommandError) as refused:
        runner.run(st, DISP, cmd, 0.0)
    assert refused.value.code == "forbidden"
    for bad, why in (
        ({**DEFAULT_WEIGHTS, "handling": 31.0}, "add up to 100"),
        ({**DEFAULT_WEIGHTS, "speed": 0.0}, "unknown: speed"),
        ({k: v for k, v in DEFAULT_WEIGHTS.items() if k != "rework"}, "missing: rework"),
        ({**DEFAULT_WEIGHTS, "handling": -10.0, "on_time": 60.0}, "at least 0"),
    ):
        with pytest.raises(c.CommandError) as exc:
            runner.run(st, SUP, SetEvaluationWeights(weights=bad), 0.0)
        assert exc.value.code == "invalid_payload" and why in exc.value.message
    # As it travels: the wire name and an event that round-trips.
    assert c.COMMAND_NAMES[SetEvaluationWeights] == "set_evaluation_weights"
    e = ev.Event(seq=1, time=0.0, actor="sam", body=EvaluationWeightsSet(weights=HANDLING_ONLY))
    assert ev.decode_event(ev.encode_event(e)) == e


def test_every_place_scores_with_the_event_s_weights(qtbot: QtBot, demo_store: Store) -> None:
    panel = EvaluationPanel(demo_store)
    qtbot.addWidget(panel)
    panel.model._timer.setInterval(50)
    before = panel.model.tracker.breakdown("department", demo_store.now())["medical"].score
    assert before is not None and before < 100.0
    body = CommandRunner().run(
        demo_store.state, SUP, SetEvaluationWeights(weights=HANDLING_ONLY), demo_store.now()
    )
    demo_store.apply_events(
        [ev.Event(seq=0, time=demo_store.now(), actor="sam", body=b) for b in body]
    )
    # Every medical call was closed: with handling alone weighing, the score is 100.
    after = panel.model.tracker.breakdown("department", demo_store.now())["medical"].score
    assert after == 100.0
    qtbot.waitUntil(lambda: panel.note.text().startswith("Score = 100 × handling"))
    # The weights are reference data: a snapshot (what a new desk or the cache starts from)
    # carries them, and so do the rules stored beside the current-state tables.
    snap = msgspec.msgpack.decode(
        msgspec.msgpack.encode(demo_store.state.snapshot()), type=type(demo_store.state.snapshot())
    )
    copy = CityState.from_snapshot(snap)
    assert copy.evaluation_weights == HANDLING_ONLY
    again = CityState()
    again.set_rules_data(demo_store.state.rules_data())
    assert EvaluationTracker(again).weights == HANDLING_ONLY


def test_weights_dialog_submits_through_the_gateway(qtbot: QtBot, demo_store: Store) -> None:
    from PySide6 import QtWidgets

    from app.domain.library import default_library
    from app.store.selection import Selection
    from tests.panels.scene import LocalGateway
    from widgets.evaluation.dashboard import EvaluationDashboard
    from widgets.evaluation.weights_dialog import WeightsDialog

    demo_store.set_session(DISP, "desk-1")
    gateway = LocalGateway(demo_store, default_library())
    dash = EvaluationDashboard(demo_store, Selection(), gateway)
    qtbot.addWidget(dash)
    assert dash.edit_weights.isVisibleTo(dash)
    refused = gateway.refusal(dash.weights_command(dict(DEFAULT_WEIGHTS)))
    assert refused is not None and refused.code == "forbidden"  # a dispatcher may not
    dialog = WeightsDialog(dash.tracker.weights)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled() and dialog.weights() == DEFAULT_WEIGHTS
    dialog.spins["handling"].setValue(40.0)
    assert not ok.isEnabled() and "add up to 100" in dialog.status.text()
    dialog.spins["extension"].setValue(0.0)
    assert ok.isEnabled()
    demo_store.set_session(SUP, "desk-1")
    gateway.submit(dash.weights_command(dialog.weights()))
    assert gateway.refused == []
    assert dash.tracker.weights == {**DEFAULT_WEIGHTS, "handling": 40.0, "extension": 0.0}
