"""PecMassivaClient: the async HTTP client of the PEC Massiva API (api.md section 4).

One request, one answer: the client never retries on its own, because only the caller knows
whether a retry is safe (a POST /send that may have been committed must never be repeated
blindly). Every httpx or JSON failure is translated here, once, into the :mod:`pecdesk.errors`
family; credentials never appear in an error's text or in the client's repr.

``POST /send`` is judged by the outcome table of :mod:`pecdesk.domain.send_outcome`: only an
answer that proves nothing was committed raises a retryable error; an answer that may hide a
committed send raises :class:`~pecdesk.errors.OutcomeUnknownError` (or a NetworkError with
``outcome_unknown``). JSON is decoded strictly (:func:`pecdesk.api.schemas.loads_strict`).

Hostile servers: every request goes through :func:`pecdesk.api.exchange.bounded` (one total
deadline, an answer capped per endpoint: :data:`LIMITS`). For ``POST /send`` a deadline met after
the request may have left, or an answer too large to read, is UNKNOWN; met before a byte left,
"not sent". Text that UTF-8 cannot encode is refused before any request
(:class:`~pecdesk.errors.UnencodableTextError`): in a secret when the client is built, in a field
of a PEC before it is sent (so the job is rejected, never left unknown).
"""

from __future__ import annotations

import base64
import time
from collections.abc import Callable, Mapping, Sequence
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import Any, Self
from urllib.parse import quote

import httpx

from pecdesk.api import answers, exchange, schemas
from pecdesk.api.exchange import MIB
from pecdesk.api.tls import client_verify
from pecdesk.domain.models import InboxPage, Message, Quota, Receipt, SendResult
from pecdesk.domain.secrets import Redactor
from pecdesk.domain.send_outcome import (
    Answer,
    Body,
    Judgement,
    judge,
    names_daily_limit,
    names_rate_limit,
)
from pecdesk.domain.text import unencodable_at
from pecdesk.errors import (
    ApiError,
    AuthError,
    DailyLimitError,
    InvalidRequestError,
    NotFoundError,
    OutcomeUnknownError,
    RateLimitedError,
    ServerError,
    UnencodableTextError,
)

DEFAULT_TIMEOUT = 30.0
"""Seconds for a whole request: connect, send, and read every byte of the answer."""
SMALL_ANSWER = 1 * MIB
"""Cap of an answer that is one small envelope: POST /send, DELETE, quota."""
LIMITS = {
    "send": SMALL_ANSWER,
    "delete": SMALL_ANSWER,
    "quota": SMALL_ANSWER,
    "receipts": 4 * MIB,  # the receipts of one sending: a few rows each, even for many recipients
    "inbox": 4 * MIB,  # one page: at most 25 rows of headers
    "message": 32 * MIB,  # one message's urlencoded body (up to three bytes per character)
}
"""The largest answer read, in bytes, per kind of request; a larger one is refused."""


class PecMassivaClient:
    """Async client of one PEC Massiva account (bearer token plus one PEC mailbox).

    Use it as an async context manager; it owns one ``httpx.AsyncClient``.

    Args:
        base_url: e.g. ``https://ws.pecmassiva.com`` or the built-in sandbox's URL.
        token: the openapi bearer token.
        username: the PEC mailbox username (normally its address).
        password: the PEC mailbox password.
        timeout: seconds for a whole request: connecting, sending and reading every byte of
            the answer (not per network operation).
        transport: an httpx transport to use instead of the network (tests only).
        clock: POSIX time now; :attr:`clock_offset` is measured against it (tests offset it).
    """

    def __init__(
        self,
        base_url: str,
        token: str,
        username: str,
        password: str,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        for field, value in (("API token", token), ("username", username), ("password", password)):
            if unencodable_at(value) is not None:
                raise UnencodableTextError(status=0, server_message=field)
        if not token.isascii():
            raise UnencodableTextError(status=0, server_message="API token")
        self._base_url = base_url.rstrip("/")
        self._timeout = timeout
        self._clock = clock
        self._clock_offset: float | None = None
        self._username = username
        self._password = password
        # Every encoding the service may echo the credentials in (JSON, URL, base64, HTML);
        # its pattern is compiled once, not for every error text.
        self._redactor = Redactor([s for s in (token, password) if s], username=username)
        self._http = httpx.AsyncClient(
            base_url=self._base_url,
            timeout=None,  # noqa: S113 - one total deadline per request instead: _request
            transport=transport,
            verify=client_verify(self._base_url),  # no anchors loaded where no TLS can be
            follow_redirects=False,
            headers={
                "Authorization": f"Bearer {token}",
                "Accept": "application/json",
                "Accept-Encoding": "identity",  # the size cap counts the bytes as they come
            },
        )

    def __repr__(self) -> str:
        return f"PecMassivaClient({self._base_url!r}, username={self._username!r})"

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._http.aclose()

    @property
    def clock_offset(self) -> float | None:
        """The service's clock minus this computer's, in seconds; None before any ``Date``.

        Read from the ``Date`` header of the most recent answer that had one, whatever the
        endpoint. ``Date`` counts whole seconds, so the value is about half a second low on
        average; it is meant for matching receipts across minutes or hours of skew.
        """
        return self._clock_offset

    # -- endpoints ---------------------------------------------------------------------------

    async def send(
        self,
        sender: str,
        recipients: str | Sequence[str],
        subject: str,
        body: str,
        attachments: Sequence[tuple[str, bytes]] = (),
    ) -> SendResult:
        """POST /send: send one PEC to one or several recipients.

        The answer is judged by :func:`pecdesk.domain.send_outcome.judge`; only a clean
        success returns.

        Raises:
            OutcomeUnknownError: an HTTP answer that may hide a committed send.
            NetworkError: no answer; ``outcome_unknown`` True when the PEC may have left.
            ServerError: certainly not committed (a 5xx envelope, the SMTP failure, 408).
            RateLimitedError: 429 or a rate refusal (DailyLimitError for the daily cap).
            AuthError: credentials refused in the service's envelope.
            InvalidRequestError: the request refused in the service's envelope (final).
        """
        _refuse_unencodable(sender, recipients, subject, body, attachments)
        payload: dict[str, Any] = {
            "sender": sender,
            "recipient": recipients if isinstance(recipients, str) else list(recipients),
            "subject": subject,
            "body": body,
            "username": self._username,
            "password": self._password,
        }
        if attachments:
            payload["attachments"] = [
                {"name": name, "file": base64.b64encode(data).decode("ascii")}
                for name, data in attachments
            ]
        try:
            response = await self._request(
                "POST", "/send", json_body=payload, headers={}, limit=LIMITS["send"]
            )
        except httpx.HTTPError as exc:
            verdict = judge(Answer(transport=answers.transport_of(exc)))
            raise answers.transport_error(verdict, exc) from None
        except exchange.TooLargeError as big:
            raise self._send_too_large(big) from None
        shape, decoded = answers.decode(response.content)
        answer = answers.answer_of(response.status_code, shape, decoded)
        verdict = judge(answer)
        if verdict is Judgement.SENT and isinstance(decoded, Mapping):
            return schemas.parse_send_result(decoded)
        raise answers.send_error(verdict, answer, response, self._scrub)

    async def sending_receipts(self, code: str) -> list[Receipt]:
        """GET /send/{code}: receipts and notices of one sending; [] while none has arrived."""
        try:
            envelope = await self._call("GET", f"/send/{_segment(code)}", limit=LIMITS["receipts"])
        except NotFoundError as error:
            if error.json_answer or "empty" in error.server_message.lower():
                return []  # "Result empty": no receipt has arrived yet (api.md 7.11)
            raise
        return [schemas.parse_receipt(item) for item in schemas.data_items(envelope)]

    async def delete_sending(self, code: str) -> None:
        """DELETE /send/{code}: remove a sending's receipts from the mailbox."""
        await self._call("DELETE", f"/send/{_segment(code)}", limit=LIMITS["delete"])

    async def inbox_page(self, page: int = 1, query: str | None = None) -> InboxPage:
        """GET /inbox: one page (up to 25 rows) of the mailbox, optionally filtered by ``query``."""
        params: dict[str, str | int] = {"page": page}
        if query:
            params["q"] = query
        envelope = await self._call("GET", "/inbox", params=params, limit=LIMITS["inbox"])
        return schemas.parse_inbox_page(envelope, page)

    async def message(self, message_id: int) -> Message:
        """GET /inbox/{id}: one message with its body decoded."""
        envelope = await self._call("GET", f"/inbox/{int(message_id)}", limit=LIMITS["message"])
        return schemas.parse_message(envelope)

    async def delete_message(self, message_id: int) -> None:
        """DELETE /inbox/{id}: delete one message (ids may renumber afterwards)."""
        await self._call("DELETE", f"/inbox/{int(message_id)}", limit=LIMITS["delete"])

    async def quota(self, mailbox: str = "INBOX") -> Quota:
        """GET /quota/{mailbox}: usage and limit of the mailbox."""
        envelope = await self._call("GET", f"/quota/{_segment(mailbox)}", limit=LIMITS["quota"])
        return schemas.parse_quota(envelope)

    async def probe_token(self) -> None:
        """POST /send with no body at all: tells whether the bearer token alone is accepted.

        Nothing can be sent: there is no sender, recipient or mailbox credential. The token is
        checked before the body (api.md 8.1), so a valid token gets "invalid request".

        Raises:
            InvalidRequestError: the token passed and the empty request was refused (expected).
            AuthError: the token (probably) was refused.
        """
        await self._call("POST", "/send", mailbox_headers=False, limit=LIMITS["send"])

    # -- plumbing ----------------------------------------------------------------------------

    async def _call(
        self,
        method: str,
        path: str,
        *,
        json_body: Mapping[str, Any] | None = None,
        params: Mapping[str, str | int] | None = None,
        mailbox_headers: bool = True,
        limit: int = SMALL_ANSWER,
    ) -> schemas.JsonObject:
        # UTF-8 bytes: httpx would refuse a password with an accent as a str header value.
        headers: dict[bytes, bytes] = (
            {
                b"x-username": self._username.encode("utf-8"),
                b"x-password": self._password.encode("utf-8"),
            }
            if mailbox_headers
            else {}
        )
        try:
            response = await self._request(
                method, path, json_body=json_body, params=params, headers=headers, limit=limit
            )
        except httpx.HTTPError as exc:
            raise answers.network_error(exc) from None
        except exchange.TooLargeError as big:
            text = exchange.too_large_text(big.limit)
            raise ServerError(status=big.status, server_message=text, json_answer=False) from None
        return self._envelope_or_raise(response)

    async def _request(
        self,
        method: str,
        path: str,
        *,
        json_body: Mapping[str, Any] | None = None,
        params: Mapping[str, str | int] | None = None,
        headers: Mapping[bytes, bytes],
        limit: int,
    ) -> httpx.Response:
        """One request within the total deadline, its answer read whole but at most ``limit``."""
        return await exchange.bounded(
            self._http, method, path, json_body=json_body, params=params, headers=headers,
            timeout=self._timeout, limit=limit, on_date=self._note_date,
        )

    def _send_too_large(self, big: exchange.TooLargeError) -> ApiError:
        """A ``POST /send`` answer too large to read, judged as a body that cannot be read."""
        answer = Answer(big.status, body=Body.NOT_JSON)
        verdict = judge(answer)
        if verdict in (Judgement.RATE_LIMITED, Judgement.DAILY_LIMIT):
            kind = DailyLimitError if verdict is Judgement.DAILY_LIMIT else RateLimitedError
            return kind(status=big.status, server_message=exchange.too_large_text(big.limit),
                        retry_after=big.retry_after, json_answer=False)
        return OutcomeUnknownError(
            status=big.status, server_message=exchange.too_large_text(big.limit), json_answer=False
        )

    def _note_date(self, value: str | None) -> None:
        if not value:
            return
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            return
        if when.tzinfo is not None:  # "-0000" (no zone) says nothing about the offset
            self._clock_offset = when.timestamp() - self._clock()

    def _envelope_or_raise(self, response: httpx.Response) -> schemas.JsonObject:
        status = response.status_code
        _, decoded = answers.decode(response.content)
        envelope = decoded if isinstance(decoded, Mapping) else None
        if envelope is None:
            text = self._scrub(answers.page_text(response))
            # A 2xx that is not JSON lands on ServerError too: it is not the service speaking.
            raise _error_for_status(status, text or answers.NOT_JSON, response, json=False)
        message = self._scrub(schemas.unwrap_message(envelope.get("message")))
        if 200 <= status < 300:
            if envelope.get("success") is False:
                raise self._refusal_in_success(status, envelope, message)
            return envelope
        raise _error_for_status(status, message, response, json=True)

    def _refusal_in_success(
        self, status: int, envelope: schemas.JsonObject, message: str
    ) -> ApiError:
        """A 2xx whose body says ``success: false`` (api.md 7.12, 7.14)."""
        lowered = message.lower()
        if names_rate_limit(message):
            kind = DailyLimitError if names_daily_limit(message) else RateLimitedError
            return kind(status=status, server_message=message)
        if "authoriz" in lowered:
            return AuthError(status=status, server_message=message)
        if "empty" in lowered or "not found" in lowered:
            return NotFoundError(status=status, server_message=message)
        smtp_text = schemas.as_text(envelope.get("message_id"))
        if smtp_text and not smtp_text.isdigit():
            return ServerError(status=status, server_message=self._scrub(smtp_text))
        return ServerError(status=status, server_message=message)

    def _scrub(self, text: str) -> str:
        return self._redactor.scrub(text)


def _refuse_unencodable(
    sender: str,
    recipients: str | Sequence[str],
    subject: str,
    body: str,
    attachments: Sequence[tuple[str, bytes]],
) -> None:
    """UnencodableTextError naming the first field that UTF-8 cannot encode (nothing sent)."""
    listed = [recipients] if isinstance(recipients, str) else list(recipients)
    fields = [("sender", sender), *(("recipient", r) for r in listed),
              ("subject", subject), ("body", body),
              *(("attachment name", name) for name, _ in attachments)]
    for field, value in fields:
        if unencodable_at(value) is not None:
            raise UnencodableTextError(status=0, server_message=field)


def _segment(value: str) -> str:
    return quote(str(value), safe="")


def _error_for_status(
    status: int, message: str, response: httpx.Response, *, json: bool
) -> ApiError:
    if status in (401, 403):
        return AuthError(status=status, server_message=message, json_answer=json)
    if status == 429 or (json and status == 400 and names_rate_limit(message)):
        kind = DailyLimitError if names_daily_limit(message) else RateLimitedError
        return kind(
            status=status,
            server_message=message,
            retry_after=answers.retry_after(response),
            json_answer=json,
        )
    if status == 404:
        return NotFoundError(status=status, server_message=message, json_answer=json)
    if 400 <= status < 500 and status != 408:
        return InvalidRequestError(status=status, server_message=message, json_answer=json)
    return ServerError(status=status, server_message=message, json_answer=json)
