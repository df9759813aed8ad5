"""The centre's own warnings as an Atom feed on the real HTTP side: issued through the
processor, served at /alerts.atom, and read back by our own (strict) CAP reader."""

from __future__ import annotations

from pathlib import Path

import aiohttp

from app.interop.cap import read_cap
from app.interop.cap_out import alert_from_incident, cancel_of
from app.interop.submit import import_alerts, submit
from tests.interop.common import DISPATCHER, FLOOD, NOW, shared
from tests.server.conftest import live_server, run


def test_feed_serves_own_alerts_only(tmp_path: Path) -> None:
    foreign_file = (
        shared() / "data" / "cap" / "official_cap12_appendixA" / "v1dot2_appendix_adot1.xml"
    )
    foreign = read_cap(foreign_file.read_bytes()).alerts

    async def main() -> None:
        async with live_server(tmp_path / "s.db", http_port=0) as server:
            assert server.http is not None
            feed_url = f"http://127.0.0.1:{server.http.port}/alerts.atom"
            async with aiohttp.ClientSession() as http:
                resp = await http.get(feed_url)
                assert resp.status == 200
                assert resp.headers["Content-Type"].startswith("application/atom+xml")
                empty = read_cap(await resp.read())
                assert (empty.kind, empty.alerts) == ("atom", [])

                answers = await submit(server.proc, [("f1", FLOOD)], DISPATCHER)
                assert type(answers[0]).__name__ == "Ack"
                ours = alert_from_incident(server.state.incidents["inc-flood"], NOW, radius_km=0.4)
                answers = await import_alerts(server.proc, [ours, *foreign], "test")
                assert all(type(a).__name__ == "Ack" for a in answers), answers
                feed = read_cap(await (await http.get(feed_url)).read())
                assert [a.id for a in feed.alerts] == [ours.id]  # the foreign one is not ours
                assert feed.alerts[0].areas == ours.areas

                cancel = cancel_of(ours, NOW + 60)
                answers = await import_alerts(server.proc, [cancel], "t")
                assert type(answers[0]).__name__ == "Ack"
                feed = read_cap(await (await http.get(feed_url)).read())
                (shown,) = feed.alerts  # the cancel, referencing the warning it ends
                assert (shown.id, shown.msg_type, shown.references) == (
                    cancel.id,
                    "Cancel",
                    [f"{ours.sender},{ours.identifier},{ours.sent}"],
                )

    run(main())
