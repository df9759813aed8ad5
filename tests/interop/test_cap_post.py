"""CAP by HTTP POST to the real HTTP side (POST /cap/v1/alerts): every file of the CAP test
folder is recorded (201) or refused with the reader's reason (422) or the runner's (409), never
half-imported; keys, content types and sizes are checked before anything is read."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from app.interop.cap import read_cap
from app.interop.cap_out import cancel_of, to_xml, update_of
from app.interop.xmlsafe import Refused
from tests.interop.common import NOW, shared
from tests.interop.test_cap_files import KNOWN_INVALID
from tests.server.citizen_helpers import Citizen, citizen_server
from tests.server.conftest import run

CAP_TYPE = "application/cap+xml"


async def post(
    c: Citizen, body: bytes, ctype: str = CAP_TYPE, key: str | None = None
) -> tuple[int, Any]:
    headers = {"Content-Type": ctype}
    if key is None:
        key = c.key
    if key:
        headers["Authorization"] = f"Bearer {key}"
    resp = await c.http.post(f"{c.base}/cap/v1/alerts", data=body, headers=headers)
    return resp.status, await resp.json()


def _files() -> list[Path]:
    root = shared() / "data" / "cap"
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and p.parent.name != "schema" and p.suffix != ".pem"
    )


def test_every_cap_file_is_recorded_or_refused_with_a_reason(tmp_path: Path) -> None:
    files = _files()
    assert len(files) > 70

    async def main() -> None:
        async with citizen_server(tmp_path / "s.db") as c:
            verdicts: dict[str, int] = {}
            seen: set[str] = set()  # CAP ids recorded so far
            for path in files:
                data = path.read_bytes()
                try:
                    doc = read_cap(data)
                    reason = "" if doc.alerts else "the document carries no CAP alert"
                except Refused as exc:
                    doc, reason = None, exc.reason
                seq, held = c.server.state.seq, dict(c.server.state.alerts)
                status, body = await post(c, data, "application/xml")
                key = f"{path.parent.name}/{path.name}"
                verdicts[key] = status
                if reason:
                    assert status == 422, (key, body)
                    assert body[0]["description"].startswith(reason), (key, body)
                elif status == 201:
                    assert doc is not None
                    assert not seen & {a.id for a in doc.alerts}, key
                    assert [a["message"] for a in body["alerts"]] == [a.id for a in doc.alerts]
                    for a in body["alerts"]:
                        assert a["alert_id"] in c.server.state.alerts, key
                    seen.update(a.id for a in doc.alerts)
                else:  # the runner refused: a message held already, or a cancel of nothing
                    assert doc is not None
                    assert status == 409, (key, body)
                    why = body[0]["description"]
                    if why.startswith("duplicate_id: "):
                        assert seen & {a.id for a in doc.alerts}, key
                    else:
                        assert why.startswith("unknown_id: cancel "), (key, why)
                        assert any(a.msg_type == "Cancel" for a in doc.alerts), key
                if status != 201:  # nothing half-imported
                    assert (c.server.state.seq, c.server.state.alerts) == (seq, held), key
            by_name = {k.rsplit("/", 1)[1]: v for k, v in verdicts.items()}
            for name in KNOWN_INVALID:
                assert by_name[name] == 422, name
            assert sum(1 for v in verdicts.values() if v == 201) >= 25
            assert sum(1 for v in verdicts.values() if v == 409) >= 1  # the same alert twice

    run(main(), timeout=300)


def test_update_and_cancel_by_post_apply_to_the_alert(tmp_path: Path) -> None:
    path = shared() / "data" / "cap" / "official_cap12_appendixA" / "v1dot2_appendix_adot1.xml"
    (alert,) = read_cap(path.read_bytes()).alerts
    update = update_of(alert, NOW + 60, headline="advisory, updated")
    cancel = cancel_of(update, NOW + 120)

    async def main() -> None:
        async with citizen_server(tmp_path / "s.db") as c:
            status, body = await post(c, path.read_bytes())
            assert status == 201 and body["alerts"][0]["alert_id"] == alert.id, body
            status, body = await post(c, path.read_bytes())  # the same message again
            assert status == 409 and "already held" in body[0]["description"], body
            status, body = await post(c, to_xml(update))
            assert status == 201, body
            assert body["alerts"][0] == {
                "message": update.id,
                "alert_id": alert.id,
                "msg_type": "Update",
                "cancelled": False,
            }
            assert c.server.state.alerts[alert.id].headline == "advisory, updated"
            status, body = await post(c, to_xml(cancel), "text/xml")
            assert status == 201 and body["alerts"][0]["cancelled"] is True, body
            assert c.server.state.alerts[alert.id].cancelled
            assert c.server.state.alerts[alert.id].history[-1] == cancel.id

    run(main())


def test_keys_types_and_sizes_are_checked_first(tmp_path: Path) -> None:
    path = shared() / "data" / "cap" / "official_cap12_appendixA" / "v1dot2_appendix_adot1.xml"
    good = path.read_bytes()

    async def main() -> None:
        async with citizen_server(tmp_path / "s.db", cap_max_body=len(good) + 10) as c:
            status, body = await post(c, good, key="")
            assert status == 401 and "API key" in body[0]["description"], body
            status, body = await post(c, good, key="not-a-key")
            assert status == 403, body
            resp = await c.http.post(
                f"{c.base}/cap/v1/alerts",
                data=good,
                headers={"Content-Type": CAP_TYPE, "X-API-Key": c.key},
            )
            assert resp.status == 201, await resp.text()
            status, body = await post(c, good, "application/json")
            assert status == 415 and "application/cap+xml" in body[0]["description"], body
            status, body = await post(c, b"  \n", CAP_TYPE)
            assert status == 400, body
            status, body = await post(c, good + b" " * 20)
            assert status == 413 and "over" in body[0]["description"], body

            async def chunks() -> AsyncIterator[bytes]:  # no Content-Length
                yield good
                yield b" " * 20

            resp = await c.http.post(
                f"{c.base}/cap/v1/alerts",
                data=chunks(),
                headers={"Content-Type": CAP_TYPE, "Authorization": f"Bearer {c.key}"},
            )
            assert resp.status == 413, await resp.text()
            status, body = await post(c, b"<alert>broken", CAP_TYPE)
            assert status == 422 and body[0]["description"], body
            assert len(c.server.state.alerts) == 1
            c.store.revoke_key("app1")
            status, body = await post(c, good)
            assert status == 403, body

    run(main())


def test_a_busy_application_is_slowed(tmp_path: Path) -> None:
    async def main() -> None:
        settings = {"http_key_rate": 0.001, "http_key_burst": 1}
        async with citizen_server(tmp_path / "s.db", **settings) as c:
            status, _ = await post(c, b"<x/>")
            assert status == 422
            status, body = await post(c, b"<x/>")
            assert status == 429, body

    run(main())
