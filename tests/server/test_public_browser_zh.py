"""The public page in Simplified Chinese: chosen by ?lang=zh or by the browser's language, with
the categories, departments and statuses by their Chinese names; ?lang=en keeps it English.
A real browser (Debian's chromium, driven by playwright) against a real server thread."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.server.test_public_browser import CHROMIUM, City, playwright

pytestmark = pytest.mark.skipif(
    shutil.which(CHROMIUM) is None, reason="Debian's chromium is not installed (setup.sh --dev)"
)


@pytest.fixture
def city(tmp_path: Path) -> Iterator[City]:
    c = City(tmp_path / "city.db")
    yield c
    c.stop()


def _page(browser: Any, locale: str) -> Any:
    return browser.new_page(viewport={"width": 1200, "height": 900}, locale=locale)


def test_public_page_in_chinese_and_english(city: City, tmp_path: Path) -> None:
    number = city.report(
        service_code="event.exposed_garbage",
        lat="37.77931",
        long="-122.41927",
        address_string="742 Evergreen Terrace",
        description="bags on the pavement",
    )
    cat = city.server.state.rules().library.by_code["event.exposed_garbage"]
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            # The browser asks for Chinese: the page answers in Chinese without ?lang=.
            page = _page(browser, "zh-CN")
            page.goto(city.base + "/")
            row = page.locator(f'#cases tr[data-number="{number}"]')
            row.wait_for(timeout=10_000)
            assert cat.name_zh in row.inner_text()
            assert "已上报" in row.inner_text() or "已立案" in row.inner_text()
            assert page.locator("h1").inner_text() == "城市运行管理中心"
            assert page.locator("#cases th").first.inner_text() == "案件"
            assert page.locator("html").get_attribute("lang") == "zh-CN"
            page.locator("#departments tbody tr").first.wait_for()
            # The department's Chinese name where the city gives it one, else its English name.
            agency = city.server.state.agencies[cat.department]
            assert (agency.name_zh or agency.name) in page.locator("#departments").inner_text()
            page.fill("#number", number)
            page.click("#lookup button")
            card = page.locator("#lookup-result .card")
            card.wait_for()
            assert "上报于" in card.inner_text() and cat.name_zh in card.inner_text()
            page.screenshot(path=str(tmp_path / "public-zh.png"), full_page=True)
            # The link in the corner switches to English; ?lang=en wins over the browser.
            page.click("#language")
            page.wait_for_url("**lang=en**")
            row = page.locator(f'#cases tr[data-number="{number}"]')
            row.wait_for(timeout=10_000)
            assert page.locator("h1").inner_text() == "City operations centre"
            assert cat.name_en in row.inner_text()
            page.close()

            # An English browser gets English; ?lang=zh asks for Chinese.
            page = _page(browser, "en-US")
            page.goto(city.base + "/")
            page.locator(f'#cases tr[data-number="{number}"]').wait_for(timeout=10_000)
            assert page.locator("h1").inner_text() == "City operations centre"
            page.goto(city.base + "/?lang=zh")
            page.locator(f'#cases tr[data-number="{number}"]').wait_for(timeout=10_000)
            assert page.locator("#lookup button").inner_text() == "查询"
        finally:
            browser.close()
    assert (tmp_path / "public-zh.png").stat().st_size > 10_000
