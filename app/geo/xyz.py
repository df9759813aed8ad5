"""XYZ raster tiles fetched over HTTP(S) with a disk cache, for an optional base layer.

The fetch runs on Qt's network stack (asynchronous, GUI thread); ``tile()`` answers at once from
memory or disk and otherwise starts one request and returns ``None``; ``tileReady`` fires when the
bytes arrive, so the map repaints that tile only.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from collections import OrderedDict
from pathlib import Path

from PySide6 import QtCore, QtNetwork

from app.paths import data_dir

log = logging.getLogger(__name__)


class XyzTileSource(QtCore.QObject):
    """Owns the request queue and the disk cache of one URL template such as ``.../{z}/{x}/{y}.png``."""

    tileReady = QtCore.Signal(int, int, int)
    tileFailed = QtCore.Signal(int, int, int, str)

    MAX_MEMORY_TILES = 256

    def __init__(
        self,
        template: str,
        cache_dir: Path | None = None,
        parent: QtCore.QObject | None = None,
        user_agent: str = "CityOps/0.1",
    ) -> None:
        super().__init__(parent)
        if not all(k in template for k in ("{z}", "{x}", "{y}")):
            raise ValueError(f"tile URL template {template!r} must contain {{z}}, {{x}} and {{y}}")
        self.template = template
        key = hashlib.sha1(template.encode()).hexdigest()[:12]
        self.cache_dir = cache_dir or data_dir() / "tiles" / key
        self._mem: OrderedDict[tuple[int, int, int], bytes] = OrderedDict()
        self._pending: dict[tuple[int, int, int], QtNetwork.QNetworkReply] = {}
        self._failed: set[tuple[int, int, int]] = set()
        self._nam: QtNetwork.QNetworkAccessManager | None = None
        self._ua = user_agent

    def url(self, z: int, x: int, y: int) -> str:
        s = "abc"[(x + y) % 3]
        return self.template.format(z=z, x=x, y=y, s=s)

    def _path(self, z: int, x: int, y: int) -> Path:
        return self.cache_dir / str(z) / str(x) / f"{y}.tile"

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        k = (z, x, y)
        data = self._mem.get(k)
        if data is not None:
            self._mem.move_to_end(k)
            return data
        p = self._path(z, x, y)
        if p.is_file():
            data = p.read_bytes()
            self._remember(k, data)
            return data
        if k not in self._pending and k not in self._failed:
            self._request(k)
        return None

    def _remember(self, k: tuple[int, int, int], data: bytes) -> None:
        self._mem[k] = data
        while len(self._mem) > self.MAX_MEMORY_TILES:
            self._mem.popitem(last=False)

    def _request(self, k: tuple[int, int, int]) -> None:
        if self._nam is None:
            self._nam = QtNetwork.QNetworkAccessManager(self)
        req = QtNetwork.QNetworkRequest(QtCore.QUrl(self.url(*k)))
        req.setHeader(QtNetwork.QNetworkRequest.KnownHeaders.UserAgentHeader, self._ua)
        reply = self._nam.get(req)
        # The reply is looked up by key on completion: a closure holding the reply would form a
        # reference cycle whose late collection touches an already deleted C++ object.
        self._pending[k] = reply
        reply.finished.connect(functools.partial(self._done, k))

    def _done(self, k: tuple[int, int, int]) -> None:
        reply = self._pending.pop(k, None)
        if reply is None:
            return
        try:
            if reply.error() != QtNetwork.QNetworkReply.NetworkError.NoError:
                self._failed.add(k)
                log.info("tile %s failed: %s", k, reply.errorString())
                self.tileFailed.emit(*k, reply.errorString())
                return
            data = bytes(reply.readAll().data())
            p = self._path(*k)
            p.parent.mkdir(parents=True, exist_ok=True)
            tmp = p.with_suffix(".part")
            tmp.write_bytes(data)
            tmp.replace(p)
            self._remember(k, data)
            self.tileReady.emit(*k)
        finally:
            reply.deleteLater()
