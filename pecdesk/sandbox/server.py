"""The HTTP face of the sandbox: aiohttp.web routes for every PEC Massiva endpoint.

Why aiohttp.web: it is one well-kept dependency (no framework stack on top of a server), it runs
embedded on its own asyncio loop in a daemon thread next to a Qt app or a test, and it gives
low-level access to the transport, which fault injection needs to drop a connection after commit.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import math
import re
import socket
import struct
from collections.abc import Awaitable, Callable
from email.utils import formatdate
from typing import Any
from urllib.parse import quote_plus

from aiohttp import web

from pecdesk.sandbox.bad_answers import bad_answer
from pecdesk.sandbox.config import SandboxConfig
from pecdesk.sandbox.dates import rfc2822, rome
from pecdesk.sandbox.echo import credentials_echo
from pecdesk.sandbox.faults import DailyCap, Fault, FaultInjector, Throttle
from pecdesk.sandbox.model import Mailbox, Message
from pecdesk.sandbox.payload import PayloadError, SendRequest, parse_send
from pecdesk.sandbox.receipts import ACCEPTED
from pecdesk.sandbox.rules import code_pattern
from pecdesk.sandbox.sending import Timing, commit_send
from pecdesk.sandbox.state import SandboxState
from pecdesk.sandbox.text import target_is_text
from pecdesk.sandbox.tokens import TokenBook, bearer

_log = logging.getLogger(__name__)

UNAUTHORIZED = "Authorization is not valid or empty"
TOO_MANY = "Too many requests"
POST_INVALID = "Post parameter is not valid"
# A path or query that is not UTF-8 on GET/DELETE: invented, the sources document no such 400.
PARAMETER_INVALID = "Parameter is not valid"
DAILY_LIMIT = "Daily sending limit reached"  # invented, like the 429 (api.md 8.1): no source
SMTP_FAILURE = "SMTP Error: Could not connect to SMTP host."
PAGE_SIZE = 25
QUOTA_LIMIT_KIB = 1048576
MAX_BODY = 128 * 1024 * 1024
_INTEGER = re.compile(r"[0-9]+")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def reply(status: int, message: str = "", **payload: Any) -> web.Response:
    """Answer with the API's envelope: ``payload`` keys first, then ``success`` and ``message``."""
    body = {**payload, "success": status < 400, "message": message}
    return web.json_response(body, status=status, dumps=lambda o: json.dumps(o, ensure_ascii=False))


class RefusalError(Exception):
    """Stops a handler with an error envelope; the middleware sends ``response``.

    Attributes:
        response: the JSON error reply.
    """

    def __init__(self, status: int, message: str) -> None:
        super().__init__(status, message)
        self.response = reply(status, message)


class SandboxApi:
    """Request handlers over one ``SandboxState``; ``application()`` wires them into aiohttp."""

    def __init__(self, config: SandboxConfig, state: SandboxState) -> None:
        self._config = config
        self._state = state
        self._tokens = TokenBook(config.tokens, host=config.api_host, clock=state.clock)
        self._faults = FaultInjector(config.fault_rate, config.fault_kinds, config.seed)
        self._throttle = Throttle(config.send_rate)
        self._cap = DailyCap(config.daily_cap, lambda: rome(state.clock()).date().isoformat())
        self._timing = Timing(config.receipt_delay, config.pec_timeout)

    def application(self) -> web.Application:
        """Build the aiohttp application."""
        app = web.Application(middlewares=[self._envelope], client_max_size=MAX_BODY)
        router = app.router
        router.add_post("/send", self.post_send)
        router.add_get("/send/{code}", self.get_send)
        router.add_delete("/send/{code}", self.delete_send)
        router.add_get("/inbox", self.get_inbox)
        router.add_get("/inbox/{id}", self.get_message)
        router.add_delete("/inbox/{id}", self.delete_message)
        router.add_get("/quota/{mailbox}", self.get_quota)
        router.add_get("/_sandbox/ledger", self.get_ledger)
        return app

    @web.middleware
    async def _envelope(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Deliver what is due, answer, and date the answer by the sandbox's own clock.

        The ``Date`` header follows the clock the receipts are dated by (a test may shift it),
        so a client measures the same skew from both. Delivering belongs to earlier sendings, so
        a failure there is logged and never turns this request into an error.
        """
        try:
            if self._state.materialize():
                self._state.save()
        except Exception:
            _log.exception("sandbox could not deliver due receipts")
        response = await self._answer(request, handler)
        if not response.prepared:
            response.headers["Date"] = formatdate(self._state.clock(), usegmt=True)
        return response

    async def _answer(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Run ``handler``, turning aiohttp's own errors into the JSON envelope."""
        try:
            return await handler(request)
        except RefusalError as refusal:
            return refusal.response
        except web.HTTPNotFound:
            return reply(404, "Not found")
        except web.HTTPMethodNotAllowed as exc:
            response = reply(405, "Method not allowed")
            response.headers["Allow"] = ", ".join(sorted(exc.allowed_methods))
            return response
        except web.HTTPException as exc:
            return reply(exc.status, exc.reason)
        except Exception:
            _log.exception("sandbox handler failed on %s %s", request.method, request.path)
            return reply(500, "An error occured: internal sandbox error")

    def _token(self, request: web.Request, segment: str) -> str:
        token = bearer(request.headers.get("Authorization"))
        if token is None or not self._tokens.allows(token, request.method, segment):
            raise RefusalError(401, UNAUTHORIZED)
        return token

    def _mailbox(self, request: web.Request, segment: str) -> Mailbox:
        self._token(request, segment)
        headers = request.headers
        box = self._state.authenticate(headers.get("x-username"), headers.get("x-password"))
        if box is None:
            raise RefusalError(401, UNAUTHORIZED)
        if not target_is_text(request.raw_path):
            raise RefusalError(400, PARAMETER_INVALID)
        return box

    async def _admit_send(self, request: web.Request) -> tuple[str, Mailbox, SendRequest]:
        """Run the checks of ``POST /send`` in the order of api.md 8.1."""
        token = self._token(request, "send")
        try:
            # Strict UTF-8: json.loads(bytes) would let encoded surrogates through (surrogatepass).
            payload = json.loads((await request.read()).decode("utf-8-sig"))
        except (ValueError, RecursionError):  # not UTF-8, not JSON, or nested too deep
            payload = None
        if not isinstance(payload, dict):
            raise RefusalError(400, POST_INVALID)
        mailbox = self._state.authenticate(payload.get("username"), payload.get("password"))
        if mailbox is None:
            raise RefusalError(401, UNAUTHORIZED)
        if self._config.echo_credentials:
            echo = credentials_echo(request.headers.get("Authorization", ""), mailbox.address,
                                    payload.get("password"))
            raise RefusalError(400, f"{POST_INVALID}: {echo}")
        try:
            if not target_is_text(request.raw_path):
                raise PayloadError("query")
            send = parse_send(payload)
        except PayloadError:
            raise RefusalError(400, POST_INVALID) from None
        if not self._throttle.allows(token):
            raise RefusalError(429, TOO_MANY)
        if not self._cap.allows(token, len(send.recipients)):
            raise RefusalError(429, DAILY_LIMIT)
        return token, mailbox, send

    async def post_send(self, request: web.Request) -> web.StreamResponse:
        """``POST /send``: bearer → JSON → body credentials → fields → rate limit → commit."""
        token, mailbox, send = await self._admit_send(request)
        fault = self._faults.draw()
        if fault is Fault.MYSQL_500:
            return reply(500, "MySQL Error 1205")
        if fault is Fault.RATE_429:
            return reply(429, TOO_MANY)
        if fault is Fault.SMTP:  # a 2xx that says it failed, the error where the code goes
            body = {"success": False, "message": "", "message_id": SMTP_FAILURE}
            return web.json_response(body, status=200)
        code = commit_send(self._state, mailbox, send, timing=self._timing, fault=fault)
        self._throttle.committed(token)
        self._cap.committed(token, len(send.recipients))
        _log.info("sandbox committed %s to %d recipient(s)", code, len(send.recipients))
        if fault is Fault.RESET:
            _drop_connection(request)
        elif fault is Fault.SLOW:
            await asyncio.sleep(self._config.slow_reply)
        elif fault is not None and fault.answers_badly:
            return bad_answer(fault, sent=len(send.recipients), code=code)
        return reply(201, sent=len(send.recipients), message_id=code)

    async def get_send(self, request: web.Request) -> web.StreamResponse:
        """``GET /send/{code}``: the INBOX mails of one sending, oldest first."""
        box = self._mailbox(request, "send")
        found = self._sending_mails(box, request.match_info["code"])
        if not found:
            return reply(404, "Result empty")
        return reply(200, data=[self._status_item(m) for m in found])

    async def delete_send(self, request: web.Request) -> web.StreamResponse:
        """``DELETE /send/{code}``: delete every INBOX mail of one sending."""
        box = self._mailbox(request, "send")
        with self._state.lock:
            found = self._sending_mails(box, request.match_info["code"])
            for message in found:
                del box.messages[message.id]
        if not found:
            return reply(404, "Email not found")
        self._state.save()
        return reply(200, "Operation succefull")

    def _sending_mails(self, box: Mailbox, code: str) -> list[Message]:
        pattern = code_pattern(code)
        with self._state.lock:
            found = [m for m in box.messages.values() if pattern.search(m.subject)]
        return sorted(found, key=lambda m: (m.date, m.id))

    def _status_item(self, message: Message) -> dict[str, str]:
        text = "" if message.subject.startswith(f"{ACCEPTED}:") else message.text
        date = rfc2822(message.date)
        if self._config.fields == "modern":
            return {
                "sender": message.sender,
                "recipient": message.recipient,
                "date": date,
                "subject": message.subject,
                "body": text,
            }
        return {
            "sender": message.sender,
            "recipient": message.recipient,
            "data": date,
            "object": message.subject,
            "message": text,
        }

    async def get_inbox(self, request: web.Request) -> web.StreamResponse:
        """``GET /inbox?q=&page=``: newest first, 25 per page."""
        box = self._mailbox(request, "inbox")
        query = request.query.get("q", "").strip()
        with self._state.lock:
            messages = box.newest_first()
            if query:
                messages = [m for m in messages if m.matches(query)]
        total, paging = len(messages), self._config.paging
        base = 0 if paging == "zero" else 1
        page = max(_page_number(request.query.get("page"), base), base)
        pages = math.ceil(total / PAGE_SIZE)
        n_of_pages = {"ceil": pages, "floor": total // PAGE_SIZE, "zero": max(pages - 1, 0)}
        start = (page - base) * PAGE_SIZE
        data = [
            {
                "sender": m.sender,
                "recipient": m.recipient,
                "date": rfc2822(m.date),
                "object": m.subject,
                "id": m.id,
            }
            for m in messages[start : start + PAGE_SIZE]
        ]
        return reply(200, data=data, total=total, page=page, n_of_pages=n_of_pages[paging])

    async def get_message(self, request: web.Request) -> web.StreamResponse:
        """``GET /inbox/{id}``: one message, body urlencoded PHP-style."""
        box = self._mailbox(request, "inbox")
        message = _lookup(box, request.match_info["id"], self._state)
        if message is None:
            return reply(404, "Message not found")
        data = {
            "sender": message.sender,
            "recipient": message.recipient,
            "date": rfc2822(message.date),
            "object": message.subject,
            "body": quote_plus(message.body),
        }
        return reply(200, data=data)

    async def delete_message(self, request: web.Request) -> web.StreamResponse:
        """``DELETE /inbox/{id}``: delete one message; an unknown id is no error."""
        box = self._mailbox(request, "inbox")
        raw = request.match_info["id"]
        if _INTEGER.fullmatch(raw):
            with self._state.lock:
                removed = box.messages.pop(int(raw), None)
            if removed is not None:
                self._state.save()
        return reply(200, "Message deleted")

    async def get_quota(self, request: web.Request) -> web.StreamResponse:
        """``GET /quota/{mailbox}``: usage of INBOX in KiB out of a 1 GiB box."""
        box = self._mailbox(request, "quota")
        if request.match_info["mailbox"].upper() != "INBOX":
            return reply(400, "An error occured: the requested mailbox might be unavailable")
        with self._state.lock:
            usage = box.usage_kib()
        return reply(200, data={"usage": usage, "limit": QUOTA_LIMIT_KIB})

    async def get_ledger(self, request: web.Request) -> web.StreamResponse:
        """``GET /_sandbox/ledger``: every committed send; a test aid with no credentials."""
        return web.json_response(
            self._state.ledger(), dumps=lambda o: json.dumps(o, ensure_ascii=False)
        )


def _page_number(raw: str | None, default: int) -> int:
    """Read ``page`` leniently: integers and integral floats; anything else is ``default``."""
    if raw is None or not raw.strip():
        return default
    try:
        value = float(raw)
    except ValueError:
        return default
    return int(value) if math.isfinite(value) and value.is_integer() else default


def _lookup(box: Mailbox, raw_id: str, state: SandboxState) -> Message | None:
    if not _INTEGER.fullmatch(raw_id):
        return None
    with state.lock:
        return box.messages.get(int(raw_id))


def _drop_connection(request: web.Request) -> None:
    """Reset the client's connection (RST, no response), as a crashed gateway would."""
    transport = request.transport
    if transport is None:
        return
    sock = transport.get_extra_info("socket")
    if sock is not None:
        # Linger on with timeout 0 makes close() send RST; where that fails, a FIN will do.
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    request.protocol.force_close()
    transport.abort()
