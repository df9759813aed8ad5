"""Every number a command carries is range-checked wherever it enters; a command that changes
nothing is refused and bumps no version; a unit named twice and a liaison speaking for another
agency are refused."""

from __future__ import annotations

from pathlib import Path

from app.protocol import Ack, ErrorMsg
from tests.server.conftest import create_incident, live_server, login, run


def test_positions_headings_and_empty_updates_are_refused(tmp_path: Path) -> None:
    async def main() -> None:
        async with live_server(tmp_path / "city.db") as server:
            disp = await login(server, "disp1")
            inc = await create_incident(disp)
            version = server.state.incidents[inc].version
            for lat, lon in ((1000.0, -5000.0), (91.0, 0.0), (1e100, 1.8e19)):
                ans = await disp.send_command(
                    "update_incident",
                    {"incident_id": inc, "changes": {"location": {"lat": lat, "lon": lon}}},
                )
                assert isinstance(ans, ErrorMsg) and ans.code == "invalid_payload", (lat, lon)
            for heading in (-1e308, 360.0, -0.5):
                ans = await disp.send_command(
                    "move_unit", {"unit_id": "E1", "lat": 37.7, "lon": -122.4, "heading": heading}
                )
                assert isinstance(ans, ErrorMsg) and ans.code == "invalid_payload", heading
            ok = await disp.send_command(
                "move_unit", {"unit_id": "E1", "lat": 37.7, "lon": -122.4, "heading": 359.5}
            )
            assert isinstance(ok, Ack)
            # Nothing changes: refused, and the version stays where another operator saw it.
            same = server.state.incidents[inc].priority
            ans = await disp.send_command(
                "update_incident", {"incident_id": inc, "changes": {"priority": same}}
            )
            assert isinstance(ans, ErrorMsg) and ans.code == "no_change"
            assert server.state.incidents[inc].version == version
            other = await login(server, "disp2")
            ans = await other.send_command(
                "update_incident",
                {"incident_id": inc, "changes": {"priority": 4 if same != 4 else 3}},
                expected_version=version,
            )
            assert isinstance(ans, Ack)
            # A moved incident is located by the server's one locator (the test city has no grid:
            # what the client sent is kept).
            ans = await disp.send_command(
                "update_incident",
                {
                    "incident_id": inc,
                    "changes": {"location": {"lat": 37.77, "lon": -122.41, "grid_cell": "G-1-1"}},
                },
            )
            assert isinstance(ans, Ack)
            assert server.state.incidents[inc].location.grid_cell == "G-1-1"
            await disp.close()
            await other.close()

    run(main())


def test_a_unit_named_twice_and_a_liaison_for_another_agency_are_refused(tmp_path: Path) -> None:
    async def main() -> None:
        async with live_server(tmp_path / "city.db") as server:
            disp = await login(server, "disp1")
            inc = await create_incident(disp)
            ans = await disp.send_command(
                "assign_units", {"incident_id": inc, "unit_ids": ["E1", "E2", "E1"]}
            )
            assert isinstance(ans, ErrorMsg) and ans.code == "invalid_payload"
            assert "E1" in ans.message and server.state.incidents[inc].assigned_units == []
            fire = await login(server, "fire_li")
            ans = await fire.send_command(
                "request_linkage",
                {
                    "incident_id": inc,
                    "to_agency": "police",
                    "capability": "law_enforcement",
                    "from_agency": "police",
                },
            )
            assert isinstance(ans, ErrorMsg) and ans.code == "forbidden"
            ans = await fire.send_command(
                "request_linkage",
                {"incident_id": inc, "to_agency": "police", "capability": "law_enforcement"},
            )
            assert isinstance(ans, Ack)
            (req,) = server.state.linkages.values()
            assert req.from_agency == "fire" and req.requested_by == "fire_li"
            await disp.close()
            await fire.close()

    run(main())
