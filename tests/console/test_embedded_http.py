"""The embedded default with an HTTP side: the demo city's services and public page are served."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

from app.console.runtime import EmbeddedCity


def test_embedded_city_serves_open311_and_the_public_page(tmp_path: Path) -> None:
    city = EmbeddedCity(tmp_path / "city.sqlite", demo=False, http_port=0)
    city.start()
    try:
        server = city.server.server
        assert server is not None and server.http is not None
        base = server.http.base_url
        with urllib.request.urlopen(base + "/open311/v2/services.json", timeout=10) as resp:
            codes = {s["service_code"] for s in json.loads(resp.read())}
        assert "comp.street_light" in codes
        with urllib.request.urlopen(base + "/public/api/departments", timeout=10) as resp:
            assert "departments" in json.loads(resp.read())
        with urllib.request.urlopen(base + "/", timeout=10) as resp:
            assert b"Open cases" in resp.read()
    finally:
        city.stop()
