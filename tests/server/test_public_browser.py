"""A real browser (Debian's chromium, driven by playwright) on the public page and on the
reporter's verification page, against a real server thread with its HTTP side."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import re
import shutil
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from app.domain.model import Status
from app.net.client import Connection
from app.protocol import Ack
from app.server import CityServer, ServerThread
from app.server.auth import make_user_record
from app.server.http.citizens import CitizenStore
from tests.server.conftest import CHEAP, PASSWORD, USERS, city_bodies, drain_catch_up

CHROMIUM = "/usr/bin/chromium"
playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(
    shutil.which(CHROMIUM) is None, reason="Debian's chromium is not installed (setup.sh --dev)"
)
PRIVATE = ("ann@example.org", "555-0142", "Evergreen", "Annabel")


class City:
    def __init__(self, db: Path) -> None:
        keys = CitizenStore(db)
        self.key = keys.create_key("browser-app")
        keys.close()
        self.thread = ServerThread(
            db,
            deadline_interval=0,
            http_port=0,
            http_rate=10_000,
            http_burst=10_000,
            login_delay_base=0.01,
        )
        self.thread.start()
        self.thread.call(self._seed)
        server = self.thread.server
        assert server is not None and server.http is not None
        self.server: CityServer = server
        self.base = f"http://127.0.0.1:{server.http.port}"

    async def _seed(self, server: CityServer) -> None:
        assert server.store is not None
        for name, role, agency in USERS:
            server.store.put_user(make_user_record(name, PASSWORD, role, name, agency, cost=CHEAP))
        await server.inject(city_bodies())

    def report(self, **fields: str) -> str:
        data = urllib.parse.urlencode({"api_key": self.key, **fields}).encode()
        with urllib.request.urlopen(f"{self.base}/open311/v2/requests.json", data, timeout=10) as r:
            return str(json.loads(r.read())[0]["service_request_id"])

    def incident(self, number: str) -> Any:
        return next(i for i in self.server.state.incidents.values() if i.number == number)

    def command(self, user: str, ctype: str, **payload: Any) -> None:
        async def go() -> None:
            url = f"ws://127.0.0.1:{self.server.port}"
            conn = await Connection.connect(url, user, PASSWORD, "ws-test")
            await drain_catch_up(conn)
            ans = await conn.send_command(ctype, payload)
            await conn.close()
            assert isinstance(ans, Ack), ans

        # A thread of its own: playwright's sync API keeps an event loop running in this one.
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, go()).result(30)

    def stop(self) -> None:
        self.thread.stop()


@pytest.fixture
def city(tmp_path: Path) -> Iterator[City]:
    c = City(tmp_path / "city.db")
    yield c
    c.stop()


@pytest.fixture
def page() -> Iterator[Any]:
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        pg = browser.new_page(viewport={"width": 1200, "height": 900})
        dialogs: list[str] = []

        def seen(dialog: Any) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        pg.on("dialog", seen)
        pg.dialogs = dialogs
        yield pg
        browser.close()


def test_public_page_shows_an_open311_case_redacted(city: City, page: Any, tmp_path: Path) -> None:
    number = city.report(
        service_code="event.exposed_garbage",
        lat="37.77931",
        long="-122.41927",
        address_string="742 Evergreen Terrace",
        description="<img src=x onerror=alert(1)> bags by Annabel's door",
        email="ann@example.org",
        phone="555-0142",
        first_name="Annabel",
    )
    city.command(
        "disp1",
        "create_incident",
        category="med.general",
        lat=37.78,
        lon=-122.41,
        address="1 Market St",
        description="fall",
        incident_id="00000000-0000-4000-8000-000000000001",
    )
    page.goto(city.base + "/")
    row = page.locator(f'#cases tr[data-number="{number}"]')
    row.wait_for(timeout=10_000)
    text = row.inner_text()
    assert "Exposed garbage" in text and "37.780, -122.420" in text
    body = page.content()
    for secret in PRIVATE:
        assert secret not in body
    assert "onerror" not in body
    med = city.server.state.incidents["00000000-0000-4000-8000-000000000001"].number
    assert page.locator(f'#cases tr[data-number="{med}"]').count() == 0
    assert page.locator("#cases tbody tr").count() == 1
    assert page.locator("#map circle").count() == 1
    page.locator("#departments tbody tr").first.wait_for()
    assert "Public Works" in page.locator("#departments").inner_text()

    page.fill("#number", number)
    page.click("#lookup button")
    card = page.locator("#lookup-result .card")
    card.wait_for()
    assert number in card.inner_text() and "operations centre will register" in card.inner_text()
    page.fill("#number", med)
    page.click("#lookup button")
    page.locator("#lookup-result .card.error").wait_for()
    assert "no public case" in page.locator("#lookup-result").inner_text()
    page.fill("#number", number)
    page.click("#lookup button")
    card.wait_for()
    shot = tmp_path / "public.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert page.dialogs == []  # the reporter's markup never ran


def test_verification_page_reopens_the_case(city: City, page: Any, tmp_path: Path) -> None:
    number = city.report(
        service_code="event.exposed_garbage",
        lat="37.78",
        long="-122.41",
        address_string="Market & 5th",
        description="bags",
        email="ann@example.org",
    )
    inc = city.incident(number)
    city.command("sup", "assign_units", incident_id=inc.id, unit_ids=["S1"])
    city.command("sup", "transition", incident_id=inc.id, action="resolve", reason="cleaned")
    store = CitizenStore(city.server.db_path)
    end = time.monotonic() + 10
    while not store.outbox(inc.id):
        assert time.monotonic() < end, "no verification message"
        time.sleep(0.02)
    link = re.search(r"http://\S+/verify/\S+", store.outbox(inc.id)[0][2])
    store.close()
    assert link is not None
    page.goto(link.group(0))
    assert "is it fixed?" in page.locator("h1").inner_text()
    page.fill("#comment", "still there")
    shot = tmp_path / "now.png"
    Image.new("RGB", (300, 200), (120, 60, 30)).save(shot)
    page.set_input_files("#photo", str(shot))
    page.screenshot(path=str(tmp_path / "verify.png"), full_page=True)
    page.click("#not-fixed")
    page.get_by_text("your answer is recorded").wait_for()
    assert "Reopened" in page.locator("#status").inner_text()
    after = city.incident(number)
    assert after.status == Status.DISPATCHED and after.rework_count == 1
    end = time.monotonic() + 10
    while not any(n.kind == "snapshot" for n in city.incident(number).narrative):
        assert time.monotonic() < end, "the reporter's photo did not reach the case"
        time.sleep(0.02)
