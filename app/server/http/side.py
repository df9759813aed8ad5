"""The HTTP side of the server: Open311, the public page and the reporter's verification page,
served by aiohttp in the same process and event loop as the websocket server, on its own port.

aiohttp runs on the asyncio loop the server already has (no second loop, no thread), so a
citizen's request becomes a command job on the same processor queue as a workstation's, and
reads the same authoritative state without copying it.
"""

from __future__ import annotations

import asyncio
import logging
import ssl as ssl_module
import time
import uuid
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Coroutine
from typing import TYPE_CHECKING, Any

from aiohttp import web
from multidict import MultiDictProxy

from app.domain import events as ev
from app.domain.model import FINAL_STATUSES, Status, User
from app.protocol import Ack, CommandMsg, ErrorMsg, encode
from app.server.http.citizens import CitizenStore, Contact
from app.server.http.index import CaseIndex
from app.server.http.limits import RateLimiter
from app.server.http.merged import group_of, tell_outcome, verify_body, with_master
from app.server.http.render import Open311Error, error_response
from app.server.limits import TooLarge, check_payload
from app.server.processor import CommandJob, decode_answer

if TYPE_CHECKING:
    from app.server.core import CityServer

log = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
}


async def read_form(request: web.Request) -> MultiDictProxy[Any]:
    """The request's form; a body that is not one (bad encoding, broken multipart) is a 400."""
    try:
        return await request.post()
    except web.HTTPException:
        raise
    except (ValueError, LookupError, AssertionError) as exc:  # aiohttp's parsers raise these
        raise Open311Error(400, f"the form could not be read ({type(exc).__name__})") from None


class Busy(Exception):
    """The command queue is full."""


Answer = asyncio.Future[bytes]
ReportRow = tuple[str, str, Contact, str]  # incident id, application, reporter, photo id


async def answer_within(fut: Answer, wait: float) -> Ack | ErrorMsg | None:
    """The command's answer, or None when it has not come within ``wait`` seconds."""
    try:
        data = await asyncio.wait_for(asyncio.shield(fut), wait)
    except TimeoutError:
        return None
    return decode_answer(data)


class HttpSide:
    """Owns the aiohttp application, its listening site and the citizen-side tables."""

    def __init__(self, server: CityServer, host: str, port: int, ssl: ssl_module.SSLContext | None):
        self.server = server
        self.host = host
        self.port = port
        self.ssl = ssl
        cfg = server.config
        self.by_address = RateLimiter(cfg.http_rate, cfg.http_burst)
        self.by_key = RateLimiter(cfg.http_key_rate, cfg.http_key_burst)
        self.citizens = CitizenStore(server.db_path, cfg.synchronous)
        self.index: CaseIndex
        self.in_flight: set[str] = set()  # incident ids (= tokens) of POSTs not answered yet
        self.refused: OrderedDict[str, str] = OrderedDict()  # token -> why, the latest ones
        self._rows: list[tuple[str, str, Contact, str, str]] = []
        self.unwritten_media: dict[str, str] = {}
        self._writer: asyncio.Task[None] | None = None
        self._runner: web.AppRunner | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def base_url(self) -> str:
        if self.server.config.public_url:
            return self.server.config.public_url.rstrip("/")
        scheme = "https" if self.ssl is not None else "http"
        return f"{scheme}://{self.host}:{self.port}"

    def build_app(self) -> web.Application:
        from app.server.http.alert_feed import AlertFeed
        from app.server.http.cap_post import CapPost
        from app.server.http.field import FieldApi
        from app.server.http.open311 import Open311Api
        from app.server.http.public import PublicPages
        from app.server.http.verify import VerifyPages

        app = web.Application(
            client_max_size=self.server.config.http_max_body,
            middlewares=[self._guard],
            handler_args={"max_field_size": 8190, "max_line_size": 8190},
        )
        Open311Api(self).add_routes(app.router)
        PublicPages(self).add_routes(app.router)
        VerifyPages(self).add_routes(app.router)
        AlertFeed(self).add_routes(app.router)
        CapPost(self).add_routes(app.router)
        FieldApi(self).add_routes(app.router)
        return app

    async def start(self) -> None:
        self.index = CaseIndex(lambda: self.server.state)
        self._runner = web.AppRunner(self.build_app(), access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port, ssl_context=self.ssl)
        await site.start()
        server = site._server  # aiohttp keeps the asyncio server there; its socket has the port
        if server is not None and server.sockets:  # type: ignore[attr-defined]
            self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
        log.info("HTTP side (Open311, public page) on %s:%s", self.host, self.port)
        if not self.server.config.public_url and self.host in ("0.0.0.0", "::", ""):
            log.warning(
                "links sent to reporters would name %s; give --public-url (the address "
                "citizens reach this server at)",
                self.base_url,
            )

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        for task in list(self._tasks):
            task.cancel()
        if self._writer is not None:
            await asyncio.gather(self._writer, return_exceptions=True)
        if self._rows:
            self.citizens.add_reports(self._rows)
        self.citizens.close()

    # --- every request --------------------------------------------------------------------------
    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Per-address rate limit, errors in the spec's format, security headers on everything."""
        peer = request.remote or "?"
        fmt = "xml" if request.path.endswith(".xml") else "json"
        try:
            if not self.by_address.take(peer):
                raise self.rate_limited(self.by_address, peer, "this address")
            resp = await handler(request)
        except Open311Error as exc:
            resp = error_response(fmt, [exc])
        except web.HTTPRequestEntityTooLarge:
            limit = self.server.config.http_max_body
            resp = error_response(fmt, [Open311Error(413, f"the body is over {limit} bytes")])
        except web.HTTPException as exc:
            if exc.status < 400:
                raise
            text = exc.reason if exc.status != 404 else f"no such resource: {request.path[:100]}"
            resp = error_response(fmt, [Open311Error(exc.status, text)])
        except (asyncio.CancelledError, ConnectionResetError):
            raise
        except Exception:
            log.exception("HTTP %s %s failed", request.method, request.path[:200])
            err = Open311Error(500, "the server failed on this request; it has been logged")
            resp = error_response(fmt, [err])
        resp.headers.update(SECURITY_HEADERS)
        resp.headers["Server"] = "CityOps"  # not the library's name and version
        return resp

    def rate_limited(self, limiter: RateLimiter, key: str, who: str) -> Open311Error:
        err = Open311Error(429, f"too many requests from {who}; slow down")
        err.headers["Retry-After"] = str(max(1, round(limiter.retry_after(key) + 0.5)))
        return err

    # --- commands -------------------------------------------------------------------------------
    def submit(
        self, ctype: str, payload: dict[str, Any], user: User, peer: str, command_id: str = ""
    ) -> Answer:
        """Queue a command on the server's processor, as ``user``; the future of its answer.
        ``command_id``: a client-chosen id (the processor answers a re-sent id from memory)."""
        proc = self.server.proc
        if proc.queue.qsize() >= self.server.config.max_queue:
            raise Busy
        fut: Answer = asyncio.get_running_loop().create_future()
        msg = CommandMsg(id=command_id or str(uuid.uuid4()), type=ctype, payload=payload)
        try:  # the same size limits as the websocket's commands
            check_payload(payload)
        except TooLarge as exc:
            details = {"field": exc.path, "limit": exc.limit}
            err = ErrorMsg(id=msg.id, code="too_large", message=str(exc), details=details)
            fut.set_result(encode(err))  # answers travel encoded, as the processor sends them
            return fut
        proc.submit(
            CommandJob(msg=msg, user=user, workstation=user.username, peer=peer, origin=fut)
        )
        return fut

    async def call(
        self, ctype: str, payload: dict[str, Any], user: User, peer: str, wait: float
    ) -> Ack | ErrorMsg | None:
        """Run a command and wait up to ``wait`` s for its answer (None: not yet; it still runs)."""
        return await answer_within(self.submit(ctype, payload, user, peer), wait)

    # --- Open311 reports ------------------------------------------------------------------------
    def report_answered(self, row: ReportRow, answer: Ack | ErrorMsg) -> None:
        """Keep a report's private record once its command is answered. Rows are written in
        batches off the request's path: while one batch is in the worker thread the next ones
        gather, so the citizen tables cost one transaction per batch, not per POST."""
        self.in_flight.discard(row[0])
        error = "" if isinstance(answer, Ack) else answer.message
        if error:
            self.refused[row[0]] = error
            while len(self.refused) > 10_000:
                self.refused.popitem(last=False)
        self._rows.append((*row, error))
        if row[3]:
            self.unwritten_media[row[0]] = row[3]
        if self._writer is None or self._writer.done():
            self._writer = asyncio.get_running_loop().create_task(self._write_rows())

    async def _write_rows(self) -> None:
        loop = asyncio.get_running_loop()
        while self._rows:
            rows, self._rows = self._rows, []
            try:
                await loop.run_in_executor(None, self.citizens.add_reports, rows)
            except Exception:
                log.exception("could not record %d citizen reports", len(rows))
            for row in rows:
                self.unwritten_media.pop(row[0], None)

    async def reports_written(self) -> None:
        """Wait until the records of the reports answered so far are in the database."""
        while self._writer is not None and not self._writer.done():
            await asyncio.shield(self._writer)

    def media_of(self, incident_ids: list[str]) -> dict[str, str]:
        """Photo ids of these reports (written or not yet)."""
        found = self.citizens.media_of(incident_ids)
        for i in incident_ids:
            if i in self.unwritten_media:
                found[i] = self.unwritten_media[i]
        return found

    # --- after each commit ------------------------------------------------------------------------
    def committed(self, events: list[ev.Event]) -> None:
        """Called by the server after each commit: resolved citizen reports ask their reporter
        (a master's merged reports ask theirs too); a master's final status tells every reporter
        of its group the outcome."""
        self.index.committed(events)
        for e in events:
            body = e.body
            if not isinstance(body, ev.IncidentTransitioned):
                continue
            if body.to_status == Status.RESOLVED:
                self._spawn(self._ask_reporter(body.incident_id))
            elif body.to_status in FINAL_STATUSES:
                inc = self.server.state.incidents.get(body.incident_id)
                if inc is not None and inc.merged and not inc.merged_into:
                    self._spawn(self._tell_outcome(inc.id))

    def _spawn(self, job: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(job)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _ask_reporter(self, incident_id: str) -> None:
        master = self.server.state.incidents.get(incident_id)
        if master is None:
            return
        until = time.time() + self.server.config.verify_timeout
        base = self.base_url
        loop = asyncio.get_running_loop()
        await self.reports_written()  # a case may be resolved moments after its report
        for inc in group_of(self.server.state, master):
            what = with_master(inc, master)

            def make_body(secret: str, what: str = what) -> str:
                return verify_body(what, f"{base}/verify/{secret}", until)

            subject = f"Case {inc.number}: is it fixed?"
            try:
                await loop.run_in_executor(
                    None, self.citizens.open_verification, inc.id, until, subject, make_body
                )
            except Exception:
                log.exception("could not open the verification of %s", inc.id)

    async def _tell_outcome(self, master_id: str) -> None:
        from app.server.http.records import status_notes

        master = self.server.state.incidents.get(master_id)
        if master is None:
            return
        group = group_of(self.server.state, master)
        notes = status_notes(self.server, master)
        loop = asyncio.get_running_loop()
        try:
            await self.reports_written()
            await loop.run_in_executor(None, tell_outcome, self.citizens, group, notes)
        except Exception:
            log.exception("could not tell the reporters of %s the outcome", master_id)
