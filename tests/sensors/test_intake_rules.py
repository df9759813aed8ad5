"""The intake's rules through the one command runner (no network): what the server decides."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain import devices as dv
from app.domain import events as ev
from app.domain.commands import CommandError, Transition
from app.domain.intake import dismissals, false_alarm_rates, open_case
from app.domain.model import Camera, Role, Status, User
from app.domain.runner import CommandRunner
from app.domain.state import Changes, CityState, OverlayState

ADMIN = User(username="admin", display_name="A", role=Role.ADMIN)
INTAKE = User(username="sensor-intake", display_name="S", role=Role.SUPERVISOR)
DISP = User(username="disp", display_name="D", role=Role.DISPATCHER)
T0 = 1_764_750_000.0


class City:
    def __init__(self) -> None:
        self.state = CityState()
        self.runner = CommandRunner()
        self.t = T0
        self.apply(
            [
                ev.CameraUpserted(
                    camera=Camera(
                        id="C1", name="Market", lat=37.78, lon=-122.4, heading=0, fov=60, range_m=50
                    )
                )
            ]
        )

    def apply(self, bodies: list[ev.EventBody], actor: str = "system") -> None:
        for b in bodies:
            self.state.apply(ev.Event(seq=self.state.seq + 1, time=self.t, actor=actor, body=b))

    def run(self, user: User, cmd: object) -> list[ev.EventBody]:
        self.t += 1
        bodies = self.runner.run(self.state, user, cmd, self.t)  # type: ignore[arg-type]
        self.apply(bodies, user.username)
        return bodies


def device(**kw: object) -> dv.Device:
    base: dict[str, object] = {
        "id": "MT-1",
        "kind": "manhole_tilt",
        "lat": 37.77,
        "lon": -122.41,
        "address": "Fell & Gough",
        "category": "comp.manhole_sewer",
    }
    base.update(kw)
    return dv.Device(**base)  # type: ignore[arg-type]


def test_alarm_clear_alarm_again_and_a_new_case_after_closing() -> None:
    city = City()
    city.run(ADMIN, dv.UpsertDevice(device=device()))
    alarm = dv.SensorReport(device_id="MT-1", state="alarm", reading=20, threshold=10, unit="deg")
    city.run(INTAKE, alarm)
    inc = open_case(city.state, dv.device_origin("MT-1"))
    assert inc is not None and inc.category == "comp.manhole_sewer"
    city.run(INTAKE, dv.SensorReport(device_id="MT-1", state="normal", reading=1, threshold=10))
    assert dv.CLEARED in city.state.incidents[inc.id].flags
    with pytest.raises(CommandError) as exc:  # cleared once: nothing more to clear
        city.run(INTAKE, dv.SensorReport(device_id="MT-1", state="normal", threshold=10))
    assert exc.value.code == "no_change"
    city.run(INTAKE, alarm)
    again = city.state.incidents[inc.id]
    assert dv.CLEARED not in again.flags and "Alarm again" in again.narrative[-1].text
    city.run(DISP, dv.ReviewDetection(incident_id=inc.id, verdict="confirm"))
    assert city.state.incidents[inc.id].status == Status.REGISTERED
    with pytest.raises(CommandError) as exc:
        city.run(DISP, dv.ReviewDetection(incident_id=inc.id, verdict="dismiss"))
    assert exc.value.code == "no_change"
    city.run(INTAKE, Transition(incident_id=inc.id, action="cancel", reason="repaired"))
    city.run(INTAKE, alarm)
    second = open_case(city.state, dv.device_origin("MT-1"))
    assert second is not None and second.id != inc.id


def test_origins_survive_a_snapshot_and_an_overlay() -> None:
    city = City()
    city.run(ADMIN, dv.UpsertDevice(device=device()))
    city.run(INTAKE, dv.SensorReport(device_id="MT-1", state="alarm", reading=20, threshold=10))
    copy = city.state.copy()
    assert copy.devices == city.state.devices
    assert copy.origins == city.state.origins
    overlay = OverlayState(city.state)
    assert open_case(overlay, dv.device_origin("MT-1")) is not None


def test_bad_reference_data_and_disabled_devices_are_refused() -> None:
    city = City()
    for bad, code in [
        (device(id="a/b"), "invalid_payload"),
        (device(category="nope"), "unknown_id"),
        (device(lat=123.0), "invalid_payload"),
        (device(report_interval_s=0.5), "invalid_payload"),
    ]:
        with pytest.raises(CommandError) as exc:
            city.run(ADMIN, dv.UpsertDevice(device=bad))
        assert exc.value.code == code
    with pytest.raises(CommandError) as exc:
        city.run(DISP, dv.UpsertDevice(device=device()))
    assert exc.value.code == "forbidden"
    city.run(ADMIN, dv.UpsertDevice(device=device(enabled=False)))
    with pytest.raises(CommandError) as exc:
        city.run(INTAKE, dv.SensorReport(device_id="MT-1", state="alarm"))
    assert exc.value.code == "device_disabled"
    zone = dv.CameraZone(camera_id="C1", zone_id="z", polygon=[(0, 0), (1, 0)])
    with pytest.raises(CommandError) as exc:
        city.run(ADMIN, dv.SetCameraZone(zone=zone))
    assert exc.value.code == "invalid_payload"


def test_video_detections_one_case_per_zone_and_dismissals_counted() -> None:
    city = City()
    zone = dv.CameraZone(
        camera_id="C1", zone_id="kerb", polygon=[(0, 0), (1, 0), (1, 1)], dwell_s=30
    )
    city.run(ADMIN, dv.SetCameraZone(zone=zone))
    det = dv.VideoDetection(
        camera_id="C1", zone_id="kerb", rule="stationary", duration_s=31, snapshot="iVBORw0K"
    )
    first = city.run(INTAKE, det)
    assert isinstance(first[0], ev.IncidentCreated)
    assert isinstance(first[-1], ev.NoteAdded) and first[-1].entry.kind == "snapshot"
    again = city.run(INTAKE, det)
    assert len(again) == 1 and isinstance(again[0], ev.NoteAdded)
    inc = open_case(city.state, dv.zone_origin("C1", "kerb"))
    assert inc is not None
    city.run(DISP, dv.ReviewDetection(incident_id=inc.id, verdict="dismiss", reason="shadow"))
    assert city.state.incidents[inc.id].status == Status.REJECTED
    city.run(INTAKE, det)
    newer = open_case(city.state, dv.zone_origin("C1", "kerb"))
    assert newer is not None and newer.id != inc.id
    city.run(DISP, dv.ReviewDetection(incident_id=newer.id, verdict="dismiss"))
    assert dismissals(city.state) == {"zone:C1/kerb": 2}


def _reviewed_city() -> City:
    """Three tilt alarms: one dismissed, one confirmed, one not reviewed."""
    city = City()
    for i in range(3):
        city.run(ADMIN, dv.UpsertDevice(device=device(id=f"MT-{i}")))
        city.run(INTAKE, dv.SensorReport(device_id=f"MT-{i}", state="alarm", reading=20))
    ids = [city.state.origins[dv.device_origin(f"MT-{i}")] for i in range(3)]
    city.run(DISP, dv.ReviewDetection(incident_id=ids[0], verdict="dismiss"))
    city.run(DISP, dv.ReviewDetection(incident_id=ids[1], verdict="confirm"))
    return city


def test_false_alarm_rates_per_device_kind_and_camera_zone() -> None:
    city = _reviewed_city()
    rates = false_alarm_rates(city.state)
    assert set(rates) == {"kind:manhole_tilt"}  # the third, not reviewed, counts nowhere
    assert (rates["kind:manhole_tilt"].reviewed, rates["kind:manhole_tilt"].rate) == (2, 0.5)


def test_a_desk_s_offline_cache_keeps_devices_zones_and_origins(tmp_path: Path) -> None:
    from app.sync.cache import LocalCache

    city = City()
    city.run(ADMIN, dv.UpsertDevice(device=device()))
    zone = dv.CameraZone(camera_id="C1", zone_id="kerb", polygon=[(0, 0), (1, 0), (1, 1)])
    cache = LocalCache(tmp_path / "cache.sqlite")
    cache.save_state(city.state)
    city.run(ADMIN, dv.SetCameraZone(zone=zone))
    city.run(INTAKE, dv.SensorReport(device_id="MT-1", state="alarm", reading=20))
    ch = Changes(incidents=set(city.state.incidents), zones={zone.key})
    cache.save_changes(city.state, ch)
    cache.close()
    loaded = LocalCache(tmp_path / "cache.sqlite").load_state()
    assert loaded is not None
    assert loaded.devices == city.state.devices
    assert loaded.camera_zones == city.state.camera_zones
    assert loaded.origins == city.state.origins and loaded.origins


def test_the_evaluation_report_shows_false_alarm_rates() -> None:
    """The same reviewed cases, as the evaluation report prints them."""
    from app.evaluation.report import build_report
    from app.evaluation.tracker import EvaluationTracker

    city = _reviewed_city()
    tracker = EvaluationTracker(city.state)
    tracker.rebuild()
    out = build_report(tracker, 2e9)["false_alarms"]
    assert out == {"kind:manhole_tilt": {"reviewed": 2, "dismissed": 1, "rate_pct": 50.0}}
