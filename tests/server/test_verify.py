"""Verification by the reporter over real HTTP: the link goes out when a case with a reachable
reporter is resolved; 'fixed' verifies, 'not fixed' reopens as rework through the processor;
the link expires after the configured time and the centre verifies as before."""

from __future__ import annotations

import asyncio
import base64
import io
import re
import time
from collections.abc import Callable
from pathlib import Path

import aiohttp
from app.domain.evaluation import evaluate
from PIL import Image

from app.domain.model import Status
from tests.server.citizen_helpers import Citizen, citizen_server, resolve
from tests.server.conftest import run


async def link_for(c: Citizen, number: str, timeout: float = 5.0) -> str:
    """The verification link in the reporter's message (waits for the outbox)."""
    inc = c.incident(number)
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        msgs = c.store.outbox(inc.id)
        if msgs:
            found = re.search(r"https?://\S+/verify/\S+", msgs[-1][2])
            assert found, msgs
            return found.group(0)
        await asyncio.sleep(0.01)
    raise AssertionError(f"no verification message for {number}")


def photo(size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (90, 90, 90)).save(out, "JPEG")
    return out.getvalue()


async def until(cond: Callable[[], bool]) -> None:
    end = time.monotonic() + 5
    while not cond():
        assert time.monotonic() < end
        await asyncio.sleep(0.01)


async def status_of(c: Citizen, number: str, want: Status) -> None:
    end = time.monotonic() + 5
    while c.incident(number).status != want:
        assert time.monotonic() < end, c.incident(number).status
        await asyncio.sleep(0.01)


def test_not_fixed_reopens_as_rework_and_fixed_verifies(tmp_path: Path) -> None:
    async def main() -> None:
        async with citizen_server(tmp_path / "c.db") as c:
            number = await c.report(email="ann@example.org")
            silent = await c.report(description="no contact given")
            await resolve(c, number)
            await resolve(c, silent, unit="E1")
            link = await link_for(c, number)
            to, subject, _ = c.store.outbox(c.incident(number).id)[-1]
            assert to == "ann@example.org" and number in subject
            assert c.store.outbox(c.incident(silent).id) == []  # nobody to ask
            page = await (await c.http.get(link)).text()
            assert "is it fixed?" in page and "ann@example.org" not in page
            form = aiohttp.FormData({"answer": "not_fixed", "comment": "<b>still</b>"})
            form.add_field("photo", photo((2000, 1000)), filename="now.jpg")
            resp = await c.http.post(link, data=form)
            text = await resp.text()
            assert resp.status == 200 and "answer is recorded" in text
            assert "<b>still" not in text
            inc = c.incident(number)
            assert inc.status == Status.DISPATCHED and inc.rework_count == 1
            assert any("not fixed: <b>still</b>" in n.text for n in inc.narrative)
            await until(lambda: any(n.kind == "snapshot" for n in c.incident(number).narrative))
            note = next(n for n in c.incident(number).narrative if n.kind == "snapshot")
            assert note.who == "citizen-verify"
            head, data = note.attachment.split(",", 1)
            assert head == "data:image/jpeg;base64"
            assert Image.open(io.BytesIO(base64.b64decode(data))).size == (1280, 640)
            audit = [a for a in c.server.store.read_audit() if a.command_type == "transition"]  # type: ignore[union-attr]
            assert (audit[-1].username, audit[-1].result) == ("citizen-verify", "ok")
            rec = (await (await c.get(f"/open311/v2/requests/{number}.json")).json())[0]
            assert rec["status"] == "open" and "not confirmed" in rec["status_notes"]
            again = await c.http.post(link, data={"answer": "fixed"})
            assert "is recorded" in await again.text()
            assert c.incident(number).status == Status.DISPATCHED  # one answer per link

            # Fixed again by the department: a new link; 'fixed' verifies the case.
            sup_link_before = link
            await resolve_again(c, number)
            link = await link_for_new(c, number, sup_link_before)
            resp = await c.http.post(link, data={"answer": "fixed"})
            assert resp.status == 200
            await status_of(c, number, Status.VERIFIED)
            scores = {
                s.department: s for s in evaluate(c.server.state.incidents.values(), time.time())
            }
            assert scores["sanitation"].rework == 1
            bad = await c.http.post(link, data={"answer": "maybe"})
            assert bad.status == 400
            unknown = await c.http.get(c.base + "/verify/not-a-secret")
            assert unknown.status == 404

    run(main())


async def resolve_again(c: Citizen, number: str) -> None:
    from tests.server.citizen_helpers import command
    from tests.server.conftest import login

    sup = await login(c.server, "sup")
    await command(
        sup,
        "transition",
        incident_id=c.incident(number).id,
        action="resolve",
        reason="cleaned again",
    )
    await sup.close()


async def link_for_new(c: Citizen, number: str, old: str) -> str:
    end = time.monotonic() + 5
    while True:
        link = await link_for(c, number)
        if link != old:
            return link
        assert time.monotonic() < end
        await asyncio.sleep(0.01)


def test_the_link_expires_and_the_centre_verifies(tmp_path: Path) -> None:
    async def main() -> None:
        async with citizen_server(tmp_path / "c.db", verify_timeout=0) as c:
            number = await c.report(phone="555-0199")
            await resolve(c, number)
            link = await link_for(c, number)
            resp = await c.http.get(link)
            assert resp.status == 410 and "centre checks" in await resp.text()
            resp = await c.http.post(link, data={"answer": "not_fixed"})
            assert resp.status == 410
            assert c.incident(number).status == Status.RESOLVED  # the centre's to verify

    run(main())
