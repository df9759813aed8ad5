"""Property-based fuzzing of the HTTP side (hypothesis): whatever arrives, no 500, an answer in
the format asked for, and nothing private (a reporter's contact, a sensitive case) ever leaks."""

from __future__ import annotations

import http.client
import json
import urllib.parse
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app.server import CityServer, ServerThread
from app.server.http.citizens import CitizenStore
from tests.server.conftest import city_bodies

SECRETS = ("secret-mail@example.org", "555-0777", "Zebediah", "SENSITIVE-CASE-TEXT", "dev-4242")
PATHS = [
    "/",
    "/static/app.js",
    "/static/{x}",
    "/open311/discovery.{fmt}",
    "/open311/v2/services.{fmt}",
    "/open311/v2/services/{x}.{fmt}",
    "/open311/v2/requests.{fmt}",
    "/open311/v2/requests/{x}.{fmt}",
    "/open311/v2/tokens/{x}.{fmt}",
    "/media/{x}",
    "/public/api/cases",
    "/public/api/case/{x}",
    "/public/api/departments",
    "/verify/{x}",
    "/{x}",
]
PARAMS = [
    "jurisdiction_id",
    "service_code",
    "service_request_id",
    "status",
    "start_date",
    "end_date",
    "lat",
    "long",
    "address_string",
    "address_id",
    "email",
    "phone",
    "first_name",
    "last_name",
    "description",
    "media_url",
    "account_id",
    "device_id",
    "attribute[address]",
    "attribute[description]",
    "answer",
    "comment",
    "api_key",
]
text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60)
value = st.one_of(
    text,
    st.sampled_from(
        [
            "json",
            "xml",
            "event.exposed_garbage",
            "open,closed",
            "2026-000001",
            "37.78",
            "-122.41",
            "nan",
            "1e999",
            "2020-01-01T00:00:00Z",
            "sfgov.org",
            "med.general",
            "<b>x</b>",
            "' OR 1=1 --",
            "../../etc/passwd",
            "",
        ]
    ),
)


class Target:
    def __init__(self, db: Path) -> None:
        store = CitizenStore(db)
        self.key = store.create_key("fuzz")
        store.close()
        self.thread = ServerThread(
            db,
            deadline_interval=0,
            http_port=0,
            http_rate=1e9,
            http_burst=1e9,
            http_key_rate=1e9,
            http_key_burst=1e9,
        )
        self.thread.start()
        self.thread.call(self._seed)
        assert self.thread.server is not None and self.thread.server.http is not None
        self.port = self.thread.server.http.port

    async def _seed(self, server: CityServer) -> None:
        await server.inject(city_bodies())

    def request(
        self, method: str, path: str, body: bytes = b"", ctype: str = ""
    ) -> tuple[int, str, bytes]:
        con = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Content-Type": ctype} if ctype else {}
        con.request(method, path, body=body or None, headers=headers)
        resp = con.getresponse()
        out = resp.status, resp.getheader("Content-Type") or "", resp.read()
        con.close()
        return out


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    t = Target(tmp_path_factory.mktemp("fuzz") / "city.db")
    # A real report carrying private data, and a sensitive case, that must never come out.
    form = urllib.parse.urlencode(
        {
            "api_key": t.key,
            "service_code": "event.exposed_garbage",
            "lat": "37.78",
            "long": "-122.41",
            "address_string": "Market",
            "description": "bags",
            "email": SECRETS[0],
            "phone": SECRETS[1],
            "first_name": SECRETS[2],
            "device_id": SECRETS[4],
        }
    ).encode()
    status, _, body = t.request(
        "POST", "/open311/v2/requests.json", form, "application/x-www-form-urlencoded"
    )
    assert status == 200, body
    form = urllib.parse.urlencode(
        {
            "api_key": t.key,
            "service_code": "med.general",
            "lat": "37.78",
            "long": "-122.41",
            "description": SECRETS[3],
        }
    ).encode()
    assert (
        t.request("POST", "/open311/v2/requests.json", form, "application/x-www-form-urlencoded")[0]
        == 404
    )
    yield t
    t.thread.stop()


def check(status: int, ctype: str, body: bytes, path: str) -> None:
    assert status < 500, (path, body[:300])
    for secret in SECRETS:
        assert secret.encode() not in body, (path, secret)
    if ctype.startswith("application/json"):
        json.loads(body)
    elif ctype.startswith("text/xml"):
        ET.fromstring(body)


def build_path(template: str, x: str, fmt: str) -> str:
    return template.replace("{x}", urllib.parse.quote(x, safe="")).replace("{fmt}", fmt)


FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(
    template=st.sampled_from(PATHS),
    x=text,
    fmt=st.sampled_from(["json", "xml", "html", ""]),
    params=st.dictionaries(st.sampled_from(PARAMS), value, max_size=6),
)
# Found by this test: a control character echoed in an XML error made the document ill-formed.
@example(template="/open311/v2/services/{x}.{fmt}", x="\x1f{", fmt="xml", params={})
def test_get_anything(
    target: Target, template: str, x: str, fmt: str, params: dict[str, str]
) -> None:
    path = build_path(template, x, fmt)
    if params:
        path += "?" + urllib.parse.urlencode(params)
    check(*target.request("GET", path), path)


@FUZZ
@given(
    template=st.sampled_from(["/open311/v2/requests.{fmt}", "/verify/{x}", "/{x}"]),
    x=text,
    fmt=st.sampled_from(["json", "xml", "txt"]),
    fields=st.dictionaries(st.sampled_from(PARAMS), value, max_size=12),
    keyed=st.booleans(),
    ctype=st.sampled_from(
        [
            "application/x-www-form-urlencoded",
            "application/json",
            "multipart/form-data; boundary=xx",
            "text/plain",
            "",
        ]
    ),
    raw=st.one_of(st.none(), st.binary(max_size=300)),
)
def test_post_anything(
    target: Target,
    template: str,
    x: str,
    fmt: str,
    fields: dict[str, str],
    keyed: bool,
    ctype: str,
    raw: bytes | None,
) -> None:
    if keyed:
        fields["api_key"] = target.key
    body = raw if raw is not None else urllib.parse.urlencode(fields).encode()
    path = build_path(template, x, fmt)
    check(*target.request("POST", path, body, ctype), path)


@FUZZ
@given(
    code=st.sampled_from(["event.exposed_garbage", "comp.street_light", "event.graffiti"]),
    lat=st.floats(-100, 100),
    lon=st.floats(-200, 200),
    description=text,
    address=text,
    fmt=st.sampled_from(["json", "xml"]),
)
def test_valid_looking_posts_create_or_refuse_cleanly(
    target: Target, code: str, lat: float, lon: float, description: str, address: str, fmt: str
) -> None:
    form = urllib.parse.urlencode(
        {
            "api_key": target.key,
            "service_code": code,
            "lat": repr(lat),
            "long": repr(lon),
            "description": description,
            "address_string": address,
        }
    ).encode()
    path = f"/open311/v2/requests.{fmt}"
    status, ctype, body = target.request("POST", path, form, "application/x-www-form-urlencoded")
    check(status, ctype, body, path)
    assert status in (200, 400), body
    if status == 200:
        assert b"service_request_id" in body


@FUZZ
@given(
    fields=st.dictionaries(st.sampled_from(PARAMS), value, max_size=8),
    keyed=st.booleans(),
    field=st.sampled_from(["media", "photo", "description"]),
    filename=st.sampled_from(["", "p.jpg", "../../x.png", 'a"b.gif']),
    data=st.one_of(
        st.binary(max_size=400),
        st.sampled_from(
            [b"", b"\xff\xd8\xff\xe0" + b"\0" * 200, b"\x89PNG\r\n\x1a\n" + b"\0" * 64]
        ),
    ),
    path=st.sampled_from(["/open311/v2/requests.json", "/open311/v2/requests.xml", "/verify/x"]),
)
def test_multipart_uploads(
    target: Target,
    fields: dict[str, str],
    keyed: bool,
    field: str,
    filename: str,
    data: bytes,
    path: str,
) -> None:
    if keyed:
        fields["api_key"] = target.key
    boundary = "fuzzboundary7MA4YWxkTrZu0gW"
    parts = []
    for name, val in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + val.encode("utf-8", "surrogatepass")
            + b"\r\n"
        )
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
        f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
        + data
        + b"\r\n"
    )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    check(*target.request("POST", path, body, f"multipart/form-data; boundary={boundary}"), path)
