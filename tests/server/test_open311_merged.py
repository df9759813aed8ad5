"""Merged reports over real HTTP: two citizen reports of one problem merged into one master;
Open311 shows the master's status and the ``merged_into`` extension field; the master's
resolution asks both reporters, one answer verifies the master; closing it closes both requests
and tells every reporter the outcome; an unmerge gives the report back as its own open case."""

from __future__ import annotations

import asyncio
import re
import time
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from app.domain.model import Status
from tests.server.citizen_helpers import Citizen, citizen_server, command, resolve
from tests.server.conftest import login, run


async def request_of(c: Citizen, number: str, fmt: str = "json") -> Any:
    resp = await c.get(f"/open311/v2/requests/{number}.{fmt}")
    assert resp.status == 200, await resp.text()
    if fmt == "xml":
        return ET.fromstring(await resp.read()).find("request")
    return (await resp.json())[0]


async def outbox_of(c: Citizen, number: str, count: int) -> list[tuple[str, str, str]]:
    inc = c.incident(number)
    end = time.monotonic() + 5
    while len(c.store.outbox(inc.id)) < count:
        assert time.monotonic() < end, c.store.outbox(inc.id)
        await asyncio.sleep(0.01)
    return c.store.outbox(inc.id)


def test_two_citizen_reports_merged_follow_the_master_to_its_close_and_back(
    tmp_path: Path,
) -> None:
    async def main() -> None:
        async with citizen_server(tmp_path / "c.db") as c:
            first = await c.report(email="ann@example.org")
            second = await c.report(phone="+1 415 555 0100", description="Garbage bags again")
            master, report = c.incident(first), c.incident(second)
            sup = await login(c.server, "sup")
            try:
                await command(
                    sup,
                    "merge_reports",
                    master_id=master.id,
                    report_ids=[report.id],
                    reason="same bags",
                )
                await resolve(c, first)  # dispatched and resolved: the master only
                # The merged report speaks with the master's status and names it.
                row = await request_of(c, second)
                assert row["status"] == "closed"  # resolved is closed for Open311
                assert row["merged_into"] == first
                assert first in row["status_notes"] and "fixed" in row["status_notes"]
                xml = await request_of(c, second, "xml")
                assert xml.findtext("merged_into") == first
                assert "merged_into" not in await request_of(c, first)
                # Both reporters are asked; the second reporter's answer verifies the master.
                msgs = await outbox_of(c, second, 1)
                assert msgs[0][0] == "+1 415 555 0100" and first in msgs[0][2]
                await outbox_of(c, first, 1)
                link = re.search(r"https?://\S+/verify/\S+", msgs[0][2])
                assert link is not None
                page = await (await c.http.get(link.group(0))).text()
                assert "is it fixed?" in page and first in page
                resp = await c.http.post(link.group(0), data={"answer": "fixed"})
                assert resp.status == 200 and "answer is recorded" in await resp.text()
                assert c.incident(first).status == Status.VERIFIED
                assert c.store.report(report.id).verify_answer == "fixed"  # type: ignore[union-attr]
                await command(sup, "transition", incident_id=master.id, action="close")
                for number in (first, second):
                    assert c.incident(number).status == Status.CLOSED
                    row = await request_of(c, number)
                    assert row["status"] == "closed" and "closed" in row["status_notes"].lower()
                assert any(
                    f"closed with master {first}" in n.text for n in c.incident(second).narrative
                )
                # Every reporter with a contact gets the outcome.
                out = await outbox_of(c, second, 2)
                assert out[-1][0] == "+1 415 555 0100" and "fixed and closed" in out[-1][1]
                assert first in out[-1][2]
                out = await outbox_of(c, first, 2)
                assert out[-1][0] == "ann@example.org" and "fixed and closed" in out[-1][1]
                # Open311's filters follow: both are closed requests now.
                resp = await c.get("/open311/v2/requests.json", status="open")
                assert {r["service_request_id"] for r in await resp.json()} & {
                    first,
                    second,
                } == set()
                # It was another pile after all: the report is its own open case again.
                await command(sup, "unmerge_report", report_id=report.id, reason="other corner")
                inc = c.incident(second)
                assert inc.status == Status.REPORTED and not inc.merged_into
                row = await request_of(c, second)
                assert row["status"] == "open" and "merged_into" not in row
                assert first not in row["status_notes"]
                resp = await c.get("/open311/v2/requests.json", status="open")
                assert second in {r["service_request_id"] for r in await resp.json()}
            finally:
                await sup.close()

    run(main())


def test_merge_refusals_reach_the_desk_with_their_code(tmp_path: Path) -> None:
    async def main() -> None:
        async with citizen_server(tmp_path / "c.db") as c:
            first = await c.report(email="ann@example.org")
            second = await c.report()
            a, b = c.incident(first).id, c.incident(second).id
            sup = await login(c.server, "sup")
            try:
                ans = await sup.send_command("merge_reports", {"master_id": a, "report_ids": [a]})
                assert getattr(ans, "code", "") == "invalid_payload"
                await command(sup, "merge_reports", master_id=a, report_ids=[b])
                ans = await sup.send_command("merge_reports", {"master_id": b, "report_ids": [a]})
                assert getattr(ans, "code", "") == "merge_cycle"
                ans = await sup.send_command("unmerge_report", {"report_id": b, "reason": ""})
                assert getattr(ans, "code", "") == "text_required"
                ans = await sup.send_command("transition", {"incident_id": b, "action": "register"})
                assert getattr(ans, "code", "") == "merged" and first in ans.message  # type: ignore[union-attr]
            finally:
                await sup.close()

    run(main())
