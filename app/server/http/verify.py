"""The reporter's verification page: when a case reported with a way to reach the reporter is
resolved, the reporter gets a link (``/verify/SECRET``, in the outbox message). "Fixed" verifies
the case; "not fixed" fails its verification, which sends it back to the department as rework
(the workflow's ``fail_verification``). Both are commands through the server's processor, as the
server-side identity ``citizen-verify``. With no answer within ``verify_timeout`` the link
expires and the centre verifies as it always has.

A report merged into a master case is verified through the master: its reporter is asked when
the master is resolved, and the answer verifies (or fails) the master; the first reporter's answer
decides, a later one is told the case no longer waits for verification.

The page is rendered here with every value escaped; it has no script.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import html
import logging
import time
from typing import TYPE_CHECKING

from aiohttp import web

from app.domain.merge import master_of
from app.domain.model import Incident, Role, Status, User
from app.protocol import Ack
from app.server.http.citizens import Report
from app.server.http.media import MediaError, clean_photo
from app.server.http.records import status_notes
from app.server.http.render import Open311Error
from app.server.http.side import Busy, read_form

if TYPE_CHECKING:
    from app.server.http.side import HttpSide

log = logging.getLogger(__name__)

VERIFIER = User(username="citizen-verify", display_name="Reporter's answer", role=Role.DISPATCHER)
MAX_COMMENT = 1000
PHOTO_SIDE = 1280  # the note travels to every console: a photo for a person, not a print


def _page(title: str, body: str, status: int = 200) -> web.Response:
    text = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{html.escape(title)}</title>"
        "<link rel='stylesheet' href='/static/style.css'></head>"
        f"<body><main class='narrow'><h1>{html.escape(title)}</h1>{body}</main></body></html>"
    )
    return web.Response(text=text, status=status, content_type="text/html", charset="utf-8")


class VerifyPages:
    def __init__(self, side: HttpSide) -> None:
        self.side = side
        self.server = side.server

    def add_routes(self, router: web.UrlDispatcher) -> None:
        router.add_get("/verify/{secret}", self.show)
        router.add_post("/verify/{secret}", self.answer)

    async def _report(self, secret: str) -> Report | None:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, self.side.citizens.report_by_verification, secret)

    def _case(self, rep: Report) -> Incident | None:
        """The case the answer is about: the report's master when it is merged, else itself."""
        inc = self.server.state.incidents.get(rep.incident_id)
        return master_of(self.server.state, inc) if inc is not None else None

    def _closed_page(self, rep: Report | None) -> web.Response | None:
        """The page to show instead of the question, or None when the question stands."""
        if rep is None:
            return _page("Link not valid", "<p>This verification link is not valid.</p>", 404)
        inc = self._case(rep)
        if inc is None:
            return _page("Link not valid", "<p>This verification link is not valid.</p>", 404)
        number = html.escape(inc.number)
        if rep.verify_answer:
            return _page(
                f"Case {inc.number}",
                f"<p>Thank you: your answer for case {number} is recorded.</p>"
                f"<p class='status'>{html.escape(status_notes(self.server, inc))}</p>",
            )
        if inc.status != Status.RESOLVED:
            return _page(
                f"Case {inc.number}",
                f"<p>Case {number} is no longer waiting for verification.</p>"
                f"<p class='status'>{html.escape(status_notes(self.server, inc))}</p>",
            )
        if time.time() > rep.verify_until:
            return _page(
                f"Case {inc.number}",
                "<p>The time to answer has passed; the operations centre checks the work "
                "itself.</p>",
                410,
            )
        return None

    async def show(self, request: web.Request) -> web.Response:
        secret = request.match_info["secret"]
        rep = await self._report(secret)
        closed = self._closed_page(rep)
        if closed is not None:
            return closed
        assert rep is not None
        inc = self._case(rep)
        assert inc is not None
        cat = self.server.state.rules().library.by_code.get(inc.category)
        what = html.escape(cat.name_en if cat else inc.category)
        action = html.escape(f"/verify/{secret}", quote=True)
        body = (
            f"<p>You reported <b>{what}</b> (case {html.escape(inc.number)}). "
            f"{html.escape(status_notes(self.server, inc))}</p>"
            "<p>Is the problem fixed?</p>"
            f"<form method='post' action='{action}' class='verify' enctype='multipart/form-data'>"
            "<label for='comment'>Anything to add (optional)</label>"
            f"<textarea id='comment' name='comment' maxlength='{MAX_COMMENT}' rows='3'></textarea>"
            "<label for='photo'>A photo of how it looks now (optional)</label>"
            "<input type='file' id='photo' name='photo' accept='image/jpeg,image/png'>"
            "<div class='buttons'>"
            "<button type='submit' name='answer' value='fixed' id='fixed'>Yes, it is fixed</button>"
            "<button type='submit' name='answer' value='not_fixed' id='not-fixed' "
            "class='warn'>No, it is not fixed</button>"
            "</div></form>"
        )
        return _page(f"Case {inc.number}: is it fixed?", body)

    async def _attach(self, incident_id: str, data: bytes, request: web.Request) -> None:
        """The reporter's photo as a snapshot note on the case (cleaned, at most 1280 px)."""
        if not data:
            return
        loop = asyncio.get_running_loop()
        try:
            _mime, clean = await loop.run_in_executor(None, clean_photo, data, PHOTO_SIDE)
        except MediaError as exc:
            log.info("reporter's photo for %s refused: %s", incident_id, exc)
            return
        payload = {
            "incident_id": incident_id,
            "text": "The reporter's photo: not fixed",
            "kind": "snapshot",
            "attachment": "data:image/jpeg;base64," + base64.b64encode(clean).decode("ascii"),
        }
        with contextlib.suppress(Busy):
            await self.side.call("add_note", payload, VERIFIER, request.remote or "?", 10.0)

    async def answer(self, request: web.Request) -> web.Response:
        secret = request.match_info["secret"]
        cfg = self.server.config
        limit = cfg.http_max_body if request.content_type.startswith("multipart/") else None
        if (request.content_length or 0) > (limit or cfg.http_max_form):
            raise Open311Error(413, "the answer is too long")
        form = await read_form(request)
        answer = form.get("answer")
        comment = form.get("comment")
        comment = comment.strip()[:MAX_COMMENT] if isinstance(comment, str) else ""
        if answer not in ("fixed", "not_fixed"):
            return _page("Answer not understood", "<p>Choose “fixed” or “not fixed”.</p>", 400)
        rep = await self._report(secret)
        closed = self._closed_page(rep)
        if closed is not None:
            return closed
        assert rep is not None
        inc = self._case(rep)
        assert inc is not None
        if answer == "fixed":
            payload = {"incident_id": inc.id, "action": "verify", "reason": comment}
        else:
            reason = "The reporter says it is not fixed" + (f": {comment}" if comment else "")
            payload = {"incident_id": inc.id, "action": "fail_verification", "reason": reason}
        try:
            result = await self.side.call(
                "transition", payload, VERIFIER, request.remote or "?", 10.0
            )
        except Busy:
            return _page("Busy", "<p>The centre is busy; please try again in a minute.</p>", 503)
        if not isinstance(result, Ack):
            text = result.message if result is not None else "no answer in time"
            return _page("Not recorded", f"<p>{html.escape(text)}</p>", 409)
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(
            None, self.side.citizens.answer_verification, rep.incident_id, answer
        )
        photo = form.get("photo")
        if isinstance(photo, web.FileField) and answer == "not_fixed":
            await self._attach(inc.id, photo.file.read(cfg.http_max_body + 1), request)
        inc = self.server.state.incidents[inc.id]
        return _page(
            f"Case {inc.number}",
            "<p>Thank you: your answer is recorded.</p>"
            f"<p class='status' id='status'>{html.escape(status_notes(self.server, inc))}</p>",
        )
