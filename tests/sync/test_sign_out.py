"""Signing out from a desk revokes its token on the server and forgets it in the cache."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.sync.conftest import PASSWORD, LiveServer, make_engine


def test_sign_out_revokes_the_token(
    aloop: asyncio.AbstractEventLoop, server: LiveServer, tmp_path: Path
) -> None:
    async def scenario() -> None:
        eng = make_engine(server.url, "ws1", tmp_path / "c.sqlite")
        eng.start("dana", PASSWORD)
        await eng.wait_until(eng.synced)
        assert eng.cache.load_session()[1]
        assert server.query("SELECT COUNT(*) FROM tokens WHERE username = 'dana'")[0][0] == 1
        await eng.sign_out()
        await eng.stop()
        assert eng.cache.load_session()[1] == ""
        assert server.query("SELECT COUNT(*) FROM tokens WHERE username = 'dana'")[0][0] == 0
        eng.close()

    aloop.run_until_complete(scenario())
