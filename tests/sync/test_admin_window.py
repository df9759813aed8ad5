"""The administration window against a real server: agencies, stations, units and cameras (with
a stream test on a real HTTP camera), Open311 keys and force sign-out; every change reaches
another desk, is refused for a dispatcher and shows in the audit viewer."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6 import QtWidgets

from app.audit import AuditFilter
from app.server.auth import make_user_record
from app.server.store import SqliteEventStore
from app.sync.status import LinkState
from app.video.probe import probe_stream
from app.video.testserver import CameraServer
from tests.sync.conftest import PASSWORD, LiveServer, make_engine
from widgets.admin.admin_panel import AdminPanel
from widgets.audit.audit_viewer import AuditViewer
from widgets.console.session_guard import SessionGuard


def _add_admin(server: LiveServer) -> None:
    store = SqliteEventStore(server.db)
    store.put_user(make_user_record("ada", PASSWORD, "admin", display_name="Ada", cost=2**10))
    store.close()


def test_resources_keys_and_sign_out_from_the_window(
    aloop: asyncio.AbstractEventLoop, server: LiveServer, tmp_path: Path, qtbot: object
) -> None:
    _add_admin(server)
    cams = CameraServer(None, default_size=(320, 180), seconds=1.0)
    cams.start()

    async def scenario() -> None:
        admin = make_engine(server.url, "ws-admin", tmp_path / "a.sqlite")
        desk = make_engine(server.url, "ws-desk", tmp_path / "d.sqlite")
        admin.start("ada", PASSWORD)
        desk.start("dana", PASSWORD)
        await admin.wait_until(admin.synced)
        await desk.wait_until(desk.synced)
        panel = AdminPanel(admin.store, admin, admin.admin, probe=probe_stream)
        panel.resize(1100, 760)
        panel.show()

        # --- an agency and its station
        ag = panel.agencies
        ag.agency_id.setText("parks2")
        ag.name.setText("Parks and Open Space")
        ag.name_zh.setText("公园与开放空间")
        ag.color.setText("#4ade80")
        assert ag.save_agency(), ag.status.text()
        await desk.wait_until(lambda: "parks2" in desk.store.state.agencies)
        assert server.state.agencies["parks2"].color == "#4ADE80"
        assert ag.select("parks2")
        ag.station_id.setText("PK-1")
        ag.station_name.setText("Stern Grove yard")
        ag.lat.setValue(37.7357)
        ag.lon.setValue(-122.4768)
        assert ag.submit_station(), ag.status.text()
        await desk.wait_until(
            lambda: [s.id for s in desk.store.state.agencies["parks2"].stations] == ["PK-1"]
        )
        assert ag.stations.rowCount() == 1

        # --- a unit at that station
        un = panel.units
        un.callsign.setText("PK7")
        un.agency.setCurrentIndex(un.agency.findData("parks2"))
        un.station.setCurrentIndex(un.station.findData("PK-1"))
        un.kind.setText("crew")
        un.capabilities.setText("tree, crew")
        assert un.submit(), un.status.text()
        await desk.wait_until(lambda: "PK7" in desk.store.state.units)
        pk7 = desk.store.state.units["PK7"]
        assert (pk7.agency, pk7.home_station, pk7.lat) == ("parks2", "PK-1", 37.7357)

        # --- a camera, its stream tested off the GUI thread
        cam = panel.cameras
        cam.camera_id.setText("CAM-PK")
        cam.name.setText("Sloat & 19th")
        cam.lat.setValue(37.7347)
        cam.lon.setValue(-122.4755)
        cam.heading.setValue(135)
        cam.fov.setValue(70)
        cam.url.setText(cams.url_for("CAM-PK"))
        await cam.run_test()
        assert cam.test_result.text().startswith("OK: 320 × 180"), cam.test_result.text()
        cam.url.setText("http://127.0.0.1:9/nothing.ts")
        await cam.run_test()
        assert cam.test_result.text().startswith("Failed:"), cam.test_result.text()
        cam.url.setText(cams.url_for("CAM-PK"))
        assert cam.submit(), cam.status.text()
        await desk.wait_until(lambda: "CAM-PK" in desk.store.state.cameras)
        assert desk.store.state.cameras["CAM-PK"].heading == 135
        panel.setCurrentWidget(cam)
        panel.grab().save(str(tmp_path / "cameras-tab.png"))

        # --- retire the unit, then try to retire its agency's station too early
        assert un.select("PK7")
        assert un.submit_retire(), un.status.text()
        await desk.wait_until(lambda: "PK7" not in desk.store.state.units)
        assert "PK7" not in server.state.units

        # --- a dispatcher's window: refused with the reason, nothing sent
        other = AdminPanel(desk.store, desk, desk.admin, probe=probe_stream)
        other.agencies.agency_id.setText("rogue")
        other.agencies.name.setText("Rogue")
        assert not other.agencies.save_agency()
        assert "administrator" in other.agencies.status.text()
        assert not other.cameras.submit()
        assert "rogue" not in server.state.agencies

        # --- Open311 keys: created (shown once), listed, revoked
        keys = panel.api_keys
        keys.name.setText("fixit")
        await keys.run("create_api_key")
        assert keys.new_key.text().startswith("co311_"), keys.status.text()
        assert keys.table.rowCount() == 1 and keys.table.item(0, 3).text() == ""  # type: ignore[union-attr]
        await keys.run("revoke_api_key")
        assert keys.table.item(0, 3).text().endswith("UTC")  # type: ignore[union-attr]
        await other.api_keys.run("refresh")
        assert "Refused" in other.api_keys.status.text()

        # --- force sign-out: the desk goes to the sign-in dialog and does not sign in by itself
        window = QtWidgets.QWidget()
        quits: list[int] = []
        guard = SessionGuard(desk, window, lambda: quits.append(1))
        acc = panel.accounts
        acc.username.setText("dana")
        await acc.run("end_sessions")
        assert "done" in acc.status.text(), acc.status.text()
        await desk.wait_until(lambda: guard.dialog is not None)
        assert guard.dialog is not None
        assert "signed out by the administrator" in guard.dialog.message.text()
        assert desk.status.state == LinkState.OFFLINE and desk.cache.load_session()[1] == ""
        await asyncio.sleep(0.5)  # the engine's backoff would have retried by now
        assert desk.status.state == LinkState.OFFLINE
        guard.dialog.password.setText(PASSWORD)
        guard.dialog.accept()
        await desk.wait_until(desk.synced)
        assert guard.dialog is None and not quits

        # --- the audit viewer lists the administrator's actions, accepted and refused
        viewer = AuditViewer(admin.store, admin.admin)
        await viewer.model.load(AuditFilter(limit=500))
        got = {(r.username, r.command_type, r.result) for r in viewer.model.rows}
        for row in (
            ("ada", "upsert_agency", "ok"),
            ("ada", "upsert_station", "ok"),
            ("ada", "upsert_unit", "ok"),
            ("ada", "upsert_camera", "ok"),
            ("ada", "retire_unit", "ok"),
            ("ada", "create_api_key", "ok"),
            ("ada", "revoke_api_key", "ok"),
            ("ada", "end_sessions", "ok"),
            ("dana", "list_api_keys", "forbidden"),
        ):
            assert row in got, row
        for e in (admin, desk):
            await e.stop()
            e.close()

    try:
        aloop.run_until_complete(scenario())
    finally:
        cams.stop()
