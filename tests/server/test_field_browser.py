"""The field inspectors' phone client in a real browser (Debian's chromium driven by playwright,
a phone-sized viewport, geolocation granted with a fake position) against a real server thread
with its HTTP side: a report with a photo reaches the server and a connected workstation; a
verification task answered "not fixed" sends the case back to handling; a report made offline
arrives exactly once when the network returns."""

from __future__ import annotations

import asyncio
import concurrent.futures
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.domain import events as ev
from app.domain.model import SourceChannel, Status
from app.net.client import Connection
from app.protocol import Ack, EventsMsg
from app.server import CityServer, ServerThread
from app.server.auth import make_user_record
from tests.server.conftest import CHEAP, PASSWORD, USERS, city_bodies, drain_catch_up
from tests.server.field_helpers import HERE, add_inspectors, photo_bytes

CHROMIUM = "/usr/bin/chromium"
playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(
    shutil.which(CHROMIUM) is None, reason="Debian's chromium is not installed (setup.sh --dev)"
)
TRASH = "event.exposed_garbage"
PHONE = {"width": 390, "height": 844}


def wait_for(check: Callable[[], bool], what: str, page: Any = None, timeout: float = 20.0) -> None:
    """Poll ``check``; with a page, playwright's own wait (its event handlers, e.g. routes,
    only run while the sync API is inside one of its calls)."""
    end = time.monotonic() + timeout
    while not check():
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        if page is not None:
            page.wait_for_timeout(50)
        else:
            time.sleep(0.05)


class City:
    def __init__(self, db: Path) -> None:
        self.thread = ServerThread(
            db, deadline_interval=0, http_port=0, http_rate=10_000, http_burst=10_000,
            login_delay_base=0.01,
        )  # fmt: skip
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
        await add_inspectors(server)

    def commands(self, user: str, *cmds: tuple[str, dict[str, Any]]) -> None:
        async def go() -> None:
            conn = await Connection.connect(
                f"ws://127.0.0.1:{self.server.port}", user, PASSWORD, "ws"
            )
            await drain_catch_up(conn)
            for ctype, payload in cmds:
                ans = await conn.send_command(ctype, payload)
                assert isinstance(ans, Ack), (ctype, ans)
            await conn.close()

        # A thread of its own: playwright's sync API keeps an event loop running in this one.
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, go()).result(30)

    def inspector_cases(self) -> list[Any]:
        return [
            i for i in self.server.state.incidents.values() if i.source == SourceChannel.INSPECTOR
        ]


@pytest.fixture
def city(tmp_path: Path) -> Iterator[City]:
    c = City(tmp_path / "city.db")
    yield c
    c.thread.stop()


@pytest.fixture
def phone() -> Iterator[Any]:
    """A browser context like a phone's, standing at HERE, with geolocation allowed."""
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(
            viewport=PHONE,
            is_mobile=True,
            has_touch=True,
            geolocation={"latitude": HERE[0], "longitude": HERE[1]},
            permissions=["geolocation"],
        )
        yield context
        browser.close()


def sign_in(page: Any, city: City, name: str = "insp1") -> None:
    page.goto(city.base + "/field/")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("#signin-form button[type=submit]")
    page.locator("#who").filter(has_text="cells").wait_for(timeout=10_000)


def fill_report(page: Any, tmp_path: Path, search: str = "垃圾") -> None:
    page.fill("#cat-search", search)
    page.click(f'#cat-list button[data-code="{TRASH}"]')
    photo = tmp_path / "scene.jpg"
    photo.write_bytes(photo_bytes())
    page.set_input_files("#report-photo", str(photo))
    # the phone's position fills the form
    wait_for(lambda: page.input_value("#lat") != "", "the position", page)
    page.fill("input[name=address]", "1 Grove St")
    page.fill("textarea[name=description]", "bags split open on the kerb")


def test_inspector_reports_a_case_with_a_photo(city: City, phone: Any, tmp_path: Path) -> None:
    seen: list[ev.IncidentCreated] = []
    ready = threading.Event()

    async def workstation() -> None:
        conn = await Connection.connect(
            f"ws://127.0.0.1:{city.server.port}", "disp1", PASSWORD, "ws"
        )
        await drain_catch_up(conn)
        ready.set()
        try:
            while not seen:
                upd = await conn.next_update(timeout=30)
                if isinstance(upd, EventsMsg):
                    seen.extend(
                        e.body for e in upd.events if isinstance(e.body, ev.IncidentCreated)
                    )
        finally:
            await conn.close()

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        watching = pool.submit(asyncio.run, workstation())
        assert ready.wait(20)
        page = phone.new_page()
        sign_in(page, city)
        fill_report(page, tmp_path)
        assert page.input_value("#lat") == f"{HERE[0]:.6f}"
        page.click("#report-form button[type=submit]")
        page.locator("#report-status").filter(has_text="sent as case").wait_for(timeout=15_000)
        watching.result(30)
    (inc,) = city.inspector_cases()
    assert inc.category == TRASH and inc.location.grid_cell
    assert "/media/" in inc.description and inc.description.startswith("bags split open")
    assert [b.incident.id for b in seen] == [inc.id]
    assert inc.number in page.inner_text("#report-status")
    page.screenshot(path=str(tmp_path / "field.png"))


def test_not_fixed_sends_the_case_back(city: City, phone: Any, tmp_path: Path) -> None:
    incident_id = str(uuid.uuid4())
    city.commands(
        "sup",
        ("create_incident", {"incident_id": incident_id, "category": TRASH, "lat": HERE[0],
                             "lon": HERE[1], "address": "1 Grove St", "description": "bags"}),
        ("assign_units", {"incident_id": incident_id, "unit_ids": ["S1"]}),
        ("transition", {"incident_id": incident_id, "action": "resolve", "reason": "cleaned"}),
    )  # fmt: skip
    assert city.server.state.incidents[incident_id].status == Status.RESOLVED
    page = phone.new_page()
    sign_in(page, city)
    page.click("nav button[data-view=tasks]")
    card = page.locator(f'#tasks li[data-incident="{incident_id}"]')
    card.wait_for(timeout=10_000)
    assert "Verify by" in card.inner_text()
    page.screenshot(path=str(tmp_path / "tasks.png"))
    card.locator(".answer-not-fixed").click()  # without a photo: asked for one, nothing sent
    card.locator(".error").filter(has_text="photo").wait_for(timeout=5_000)
    assert city.server.state.incidents[incident_id].status == Status.RESOLVED
    photo = tmp_path / "still.jpg"
    photo.write_bytes(photo_bytes("brown"))
    card.locator(".task-photo").set_input_files(str(photo))
    card.locator(".task-note").fill("half the bags are still there")
    card.locator(".answer-not-fixed").click()
    wait_for(lambda: city.server.state.incidents[incident_id].rework_count == 1, "the rework")
    inc = city.server.state.incidents[incident_id]
    assert inc.status != Status.RESOLVED and inc.current_stage() == "handle", inc.status
    assert any("still there" in n.text for n in inc.narrative), inc.narrative
    wait_for(lambda: page.locator("#tasks li").count() == 0, "the answered task to go", page)


def test_a_report_made_offline_arrives_once(city: City, phone: Any, tmp_path: Path) -> None:
    page = phone.new_page()
    sign_in(page, city)
    # the service worker that keeps the page itself for offline use is installed and running
    assert page.evaluate("navigator.serviceWorker.ready.then((r) => r.active.scriptURL)").endswith(
        "/field/sw.js"
    )
    phone.set_offline(True)
    # the page opens without network (from the service worker's copy), still signed in
    page.reload()
    page.locator("#who").filter(has_text="cells").wait_for(timeout=10_000)
    fill_report(page, tmp_path, search="garbage")
    page.click("#report-form button[type=submit]")
    page.locator("#outbox-count").filter(has_text="1").wait_for(timeout=5_000)
    page.locator("#net").filter(has_text="offline").wait_for(timeout=10_000)
    assert city.inspector_cases() == []
    # Back online, the first answer is lost on the way back (the server made the case): the
    # phone keeps the report and sends it again under the same command id.
    posts: list[str] = []

    def lose_first_answer(route: Any) -> None:
        posts.append(route.request.url)
        if len(posts) == 1:
            route.fetch()
            route.abort("connectionreset")
        else:
            route.continue_()

    page.route("**/field/api/report", lose_first_answer)
    phone.set_offline(False)
    wait_for(lambda: len(city.inspector_cases()) == 1, "the queued report", page)
    wait_for(lambda: len(posts) >= 2, "the re-send after the lost answer", page)
    wait_for(lambda: page.inner_text("#outbox-count") == "", "the outbox to empty", page)
    page.click("nav button[data-view=outbox]")
    page.locator("#sent li").filter(has_text="sent as case").wait_for(timeout=10_000)
    assert len(city.inspector_cases()) == 1 and len(posts) == 2
    page.unroute_all(behavior="ignoreErrors")
