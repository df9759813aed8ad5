"""Every error path of the HTTP side: spec-format errors (JSON and XML) with the spec's codes,
rate limits, body limits, the api-key command line and TLS."""

from __future__ import annotations

import io
import json
import ssl
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import aiohttp
from PIL import Image

from app.server.certs import client_context, make_cert, server_context
from tests.server.citizen_helpers import TRASH, citizen_server
from tests.server.conftest import REPO_ROOT, run

GOOD = {
    "service_code": TRASH,
    "lat": "37.78",
    "long": "-122.41",
    "address_string": "Market & 5th",
    "description": "bags",
}


async def error(resp: aiohttp.ClientResponse, status: int, words: str = "") -> str:
    """The description of a spec-format error (checked in the response's format)."""
    assert resp.status == status, await resp.text()
    text = await resp.text()
    if resp.headers["Content-Type"].startswith("text/xml"):
        root = ET.fromstring(text)
        assert root.tag == "errors" and root[0].tag == "error"
        code, description = (
            int(root.findtext("error/code") or 0),
            root.findtext("error/description"),
        )
    else:
        body = json.loads(text)
        code, description = body[0]["code"], body[0]["description"]
    assert code == status and description
    assert words.lower() in description.lower(), description
    return description


def test_get_errors(tmp_path: Path) -> None:
    async def main() -> None:
        async with citizen_server(tmp_path / "c.db") as c:
            await error(await c.get("/open311/v2/services.txt"), 400, "format")
            await error(
                await c.get("/open311/v2/services.json", jurisdiction_id="x.org"), 404, "x.org"
            )
            await error(await c.get("/open311/v2/services.xml", jurisdiction_id="x.org"), 404)
            await error(await c.get("/open311/v2/services/nope.json"), 404, "nope")
            await error(await c.get("/open311/v2/services/med.general.xml"), 404, "med.general")
            await error(await c.get(f"/open311/v2/services/{TRASH}"), 400, "format")
            await error(await c.get("/open311/v2/requests.json", status="pending"), 400, "status")
            await error(await c.get("/open311/v2/requests.json", start_date="yesterday"), 400)
            await error(await c.get("/open311/v2/requests.json", end_date="2020-01-01"), 400, "W3C")
            await error(
                await c.get("/open311/v2/requests.xml", end_date="2020-01-01T00:00:00"), 400, "zone"
            )
            await error(
                await c.get(
                    "/open311/v2/requests.json",
                    start_date="2020-01-01T00:00:00Z",
                    end_date="2020-06-01T00:00:00Z",
                ),
                400,
                "90 days",
            )
            await error(
                await c.get(
                    "/open311/v2/requests.json",
                    start_date="2020-02-01T00:00:00Z",
                    end_date="2020-01-01T00:00:00Z",
                ),
                400,
                "after",
            )
            await error(await c.get("/open311/v2/requests/2026-999999.json"), 404, "999999")
            await error(await c.get("/open311/v2/requests.json", page="x"), 400, "whole")
            await error(await c.get("/open311/v2/requests.xml", page_size="5000"), 400, "page_size")
            await error(await c.get("/open311/v2/requests.json", page="0"), 400, "page")
            await error(await c.get("/open311/v2/tokens/abc.xml"), 404, "abc")
            await error(await c.get("/open311/v2/nothing.json"), 404)
            await error(await c.get("/media/nothing.jpg"), 404)
            await error(await c.get("/public/api/case/2026-999999"), 404)
            await error(await c.get("/static/../../etc/passwd"), 404)
            resp = await c.http.delete(c.base + "/open311/v2/requests.json")
            assert resp.status == 405

    run(main())


def test_post_errors(tmp_path: Path) -> None:
    async def main() -> None:
        async with citizen_server(tmp_path / "c.db") as c:

            async def post(status: int, words: str, fmt: str = "json", **fields: str) -> None:
                await error(await c.post(fmt, **{**GOOD, **fields}), status, words)

            resp = await c.http.post(c.base + "/open311/v2/requests.json", data=GOOD)
            await error(resp, 403, "api_key")
            await post(403, "api_key", api_key="co311_wrong")
            await post(403, "api_key", "xml", api_key="")
            await post(400, "service_code", service_code="")
            await post(404, "fire.structure", service_code="fire.structure")
            await post(400, "go together", long="")
            await post(400, "lat and long", lat="", long="")
            await post(400, "lat and long", lat="", long="", address_id="12")
            await post(400, "numbers", lat="north")
            await post(400, "-90..90", lat="91")
            await post(400, "-90..90", long="-190")
            await post(400, "-90..90", lat="nan")
            await post(400, "description", description="")
            await post(400, "4000", description="x" * 4001)
            await post(400, "address", address_string="")
            await post(404, "x.org", jurisdiction_id="x.org")
            await post(400, "longer than", email="e" * 300)
            resp = await c.http.post(
                c.base + "/open311/v2/requests.json", json={"api_key": c.key, **GOOD}
            )
            await error(resp, 400, "x-www-form-urlencoded")
            big = {**GOOD, "api_key": c.key, "description": "x" * 70_000}
            await error(await c.http.post(c.base + "/open311/v2/requests.json", data=big), 413)
            assert c.store.check_key(c.key) == "app1"
            assert c.store.revoke_key("app1")
            await post(403, "api_key")
            assert len(c.server.state.incidents) == 0

    run(main())


def test_photos_are_checked_and_stripped(tmp_path: Path) -> None:
    def jpeg(size: tuple[int, int], exif: dict[int, str] | None = None) -> bytes:
        img = Image.new("RGB", size, (200, 80, 40))
        out = io.BytesIO()
        tags = Image.Exif()
        for k, v in (exif or {}).items():
            tags[k] = v
        img.save(out, "JPEG", exif=tags.tobytes())
        return out.getvalue()

    async def main() -> None:
        async with citizen_server(tmp_path / "c.db") as c:

            async def send(data: bytes, name: str = "p.jpg") -> aiohttp.ClientResponse:
                form = aiohttp.FormData({**GOOD, "api_key": c.key})
                form.add_field("media", data, filename=name, content_type="image/jpeg")
                return await c.http.post(c.base + "/open311/v2/requests.json", data=form)

            empty = aiohttp.FormData({**GOOD, "api_key": c.key})
            empty.add_field("media", io.BytesIO(b""), filename="")  # a file input left empty
            resp = await c.http.post(c.base + "/open311/v2/requests.json", data=empty)
            assert resp.status == 200, await resp.text()
            await error(await send(b"GIF89a" + b"\0" * 100), 400, "media")
            await error(await send(b"not an image at all, just text" * 3), 400, "media")
            await error(await send(jpeg((8, 8))), 400, "at least")
            await error(await send(jpeg((9000, 20))), 400, "at most")
            gif = io.BytesIO()
            Image.new("RGB", (40, 40)).save(gif, "GIF")
            await error(await send(gif.getvalue(), "p.gif"), 400, "GIF")
            await error(await send(b"\xff" * (7 * 1024 * 1024)), 413)
            exif = {
                0x010F: "SpyCam",
                0x0110: "Model X",
                0x013B: "Jane Reporter",
                0x0132: "2026:12:03 08:00:00",
                0xA431: "SERIAL-123",
            }
            resp = await send(jpeg((640, 480), exif))
            assert resp.status == 200, await resp.text()
            number = (await resp.json())[0]["service_request_id"]
            rec = (await (await c.get(f"/open311/v2/requests/{number}.json")).json())[0]
            assert rec["media_url"].startswith(c.base + "/media/")
            photo = await c.http.get(rec["media_url"])
            assert photo.headers["Content-Type"] == "image/jpeg"
            data = await photo.read()
            img = Image.open(io.BytesIO(data))
            assert img.size == (640, 480)
            tags = img.getexif()
            assert tags.get(0x0132) == "2026:12:03 08:00:00"  # the time is kept
            for tag in (0x010F, 0x0110, 0x013B):
                assert tag not in tags
            assert b"SpyCam" not in data and b"Jane Reporter" not in data and b"SERIAL" not in data

    run(main())


def test_rate_limits_per_address_and_per_key(tmp_path: Path) -> None:
    async def main() -> None:
        async with citizen_server(tmp_path / "c.db", http_key_rate=0.001, http_key_burst=2) as c:
            assert (await c.post(**GOOD)).status == 200
            assert (await c.post(**GOOD)).status == 200
            resp = await c.post(**GOOD)
            await error(resp, 429, "app1")
            assert int(resp.headers["Retry-After"]) >= 1
            other = c.store.create_key("app2")  # another application has its own budget
            resp = await c.http.post(
                c.base + "/open311/v2/requests.json", data={**GOOD, "api_key": other}
            )
            assert resp.status == 200
        async with citizen_server(tmp_path / "d.db", http_rate=0.001, http_burst=3) as c:
            for _ in range(3):
                assert (await c.get("/open311/v2/services.json")).status == 200
            await error(await c.get("/open311/v2/services.xml"), 429, "address")
            await error(await c.get("/"), 429)

    run(main())


def test_busy_server_and_refused_commands(tmp_path: Path) -> None:
    async def main() -> None:
        async with citizen_server(tmp_path / "c.db", max_queue=0) as c:
            await error(await c.post(**GOOD), 503, "overloaded")
            assert not c.server.state.incidents

    run(main())


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.server", "api-key", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_api_key_command_line(tmp_path: Path) -> None:
    db = tmp_path / "keys.db"
    made = _cli("create", "--db", str(db), "--name", "fixmystreet")
    assert made.returncode == 0, made.stderr
    key = made.stdout.strip()
    assert key.startswith("co311_") and len(key) > 40
    assert _cli("create", "--db", str(db), "--name", "fixmystreet").returncode == 2
    assert _cli("create", "--db", str(db), "--name", "bad name").returncode == 2
    listing = _cli("list", "--db", str(db))
    assert "fixmystreet" in listing.stdout and "live" in listing.stdout
    assert key not in listing.stdout and key not in db.read_bytes().decode("latin-1")

    async def main(expect: int) -> None:
        async with citizen_server(db) as c:
            resp = await c.http.post(
                c.base + "/open311/v2/requests.json", data={**GOOD, "api_key": key}
            )
            assert resp.status == expect, await resp.text()

    run(main(200))
    assert _cli("revoke", "--db", str(db), "--name", "fixmystreet").returncode == 0
    assert "revoked" in _cli("list", "--db", str(db)).stdout
    assert _cli("revoke", "--db", str(db), "--name", "fixmystreet").returncode == 1
    run(main(403))


def test_https_like_the_websocket_side(tmp_path: Path) -> None:
    cert, key = make_cert(tmp_path / "tls", "localhost")

    async def main() -> None:
        async with citizen_server(tmp_path / "c.db", ssl=server_context(cert, key)) as c:
            port = c.base.rsplit(":", 1)[1]
            url = f"https://localhost:{port}/open311/v2/services.json"
            async with aiohttp.ClientSession() as s:
                resp = await s.get(url, ssl=client_context(cert))
                assert resp.status == 200 and await resp.json()
                try:
                    await s.get(url, ssl=ssl.create_default_context())
                    raise AssertionError("an untrusted certificate was accepted")
                except aiohttp.ClientConnectorCertificateError:
                    pass
                try:
                    await s.get(f"http://localhost:{port}/")
                    raise AssertionError("plain HTTP was answered on the TLS port")
                except (TimeoutError, aiohttp.ClientError):
                    pass

    run(main())
