"""PecMassivaClient: the async HTTP client of the PEC Massiva API (api.md section 4).

One request, one answer: the client never retries on its own, because only the caller knows
whether a retry is safe (a POST /send that may have been committed must never be repeated
blindly). Every httpx or JSON failure is translated here, once, into the :mod:`pecdesk.errors`
family; credentials never appear in an error's text or in the client's repr.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Mapping, Sequence
from types import TracebackType
from typing import Any, Self
from urllib.parse import quote

import httpx

from pecdesk.api import schemas
from pecdesk.domain.models import InboxPage, Message, Quota, Receipt, SendResult
from pecdesk.errors import (
    ApiError,
    AuthError,
    DailyLimitError,
    InvalidRequestError,
    NetworkError,
    NotFoundError,
    RateLimitedError,
    ServerError,
)

DEFAULT_TIMEOUT = 30.0
_TAGS = re.compile(r"<[^>]*>")
_RATE_WORDS = ("limit", "many")
# A limit per day rather than per second (api.md 8's optional daily cap; wording undocumented).
_DAILY_WORDS = ("daily", "per day", "a day", "giornalier", "al giorno", "quotidian")


class PecMassivaClient:
    """Async client of one PEC Massiva account (bearer token plus one PEC mailbox).

    Use it as an async context manager; it owns one ``httpx.AsyncClient``.

    Args:
        base_url: e.g. ``https://ws.pecmassiva.com`` or the built-in sandbox's URL.
        token: the openapi bearer token.
        username: the PEC mailbox username (normally its address).
        password: the PEC mailbox password.
        timeout: seconds for each network operation (connect, read, write), as httpx means it.
        transport: an httpx transport to use instead of the network (tests only).
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
    ) -> None:
        self._base_url = base_url.rstrip("/")
        self._username = username
        self._password = password
        self._secrets = tuple(s for s in (token, password) if s)
        self._http = httpx.AsyncClient(
            base_url=self._base_url,
            timeout=timeout,
            transport=transport,
            follow_redirects=False,
            headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
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

        Raises:
            NetworkError: with ``outcome_unknown`` True when the PEC may have been sent anyway.
        """
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
        envelope = await self._call("POST", "/send", json_body=payload, mailbox_headers=False)
        return schemas.parse_send_result(envelope)

    async def sending_receipts(self, code: str) -> list[Receipt]:
        """GET /send/{code}: receipts and notices of one sending; [] while none has arrived."""
        try:
            envelope = await self._call("GET", f"/send/{_segment(code)}")
        except NotFoundError as error:
            if error.json_answer or "empty" in error.server_message.lower():
                return []  # "Result empty": no receipt has arrived yet (api.md 7.11)
            raise
        return [schemas.parse_receipt(item) for item in schemas.data_items(envelope)]

    async def delete_sending(self, code: str) -> None:
        """DELETE /send/{code}: remove a sending's receipts from the mailbox."""
        await self._call("DELETE", f"/send/{_segment(code)}")

    async def inbox_page(self, page: int = 1, query: str | None = None) -> InboxPage:
        """GET /inbox: one page (up to 25 rows) of the mailbox, optionally filtered by ``query``."""
        params: dict[str, str | int] = {"page": page}
        if query:
            params["q"] = query
        envelope = await self._call("GET", "/inbox", params=params)
        return schemas.parse_inbox_page(envelope, page)

    async def message(self, message_id: int) -> Message:
        """GET /inbox/{id}: one message with its body decoded."""
        envelope = await self._call("GET", f"/inbox/{int(message_id)}")
        return schemas.parse_message(envelope)

    async def delete_message(self, message_id: int) -> None:
        """DELETE /inbox/{id}: delete one message (ids may renumber afterwards)."""
        await self._call("DELETE", f"/inbox/{int(message_id)}")

    async def quota(self, mailbox: str = "INBOX") -> Quota:
        """GET /quota/{mailbox}: usage and limit of the mailbox."""
        envelope = await self._call("GET", f"/quota/{_segment(mailbox)}")
        return schemas.parse_quota(envelope)

    async def probe_token(self) -> None:
        """POST /send with no body at all: tells whether the bearer token alone is accepted.

        Nothing can be sent: there is no sender, recipient or mailbox credential. The token is
        checked before the body (api.md 8.1), so a valid token gets "invalid request".

        Raises:
            InvalidRequestError: the token passed and the empty request was refused (expected).
            AuthError: the token (probably) was refused.
        """
        await self._call("POST", "/send", mailbox_headers=False)

    # -- plumbing ----------------------------------------------------------------------------

    async def _call(
        self,
        method: str,
        path: str,
        *,
        json_body: Mapping[str, Any] | None = None,
        params: Mapping[str, str | int] | None = None,
        mailbox_headers: bool = True,
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
            response = await self._http.request(
                method, path, json=json_body, params=params, headers=headers
            )
        except httpx.HTTPError as exc:
            raise _network_error(exc) from None
        return self._envelope_or_raise(response)

    def _envelope_or_raise(self, response: httpx.Response) -> schemas.JsonObject:
        status = response.status_code
        envelope = _json_object(response)
        if envelope is None:
            text = self._scrub(_TAGS.sub(" ", response.text)).strip()[:200]
            # A 2xx that is not JSON lands on ServerError too: it is not the service speaking.
            raise _error_for_status(status, text or _NOT_JSON, response, json=False)
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
        if any(word in lowered for word in _RATE_WORDS):
            kind = DailyLimitError if _is_daily(lowered) else RateLimitedError
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
        for secret in self._secrets:
            text = text.replace(secret, "***")
        return text


_NOT_JSON = "not a JSON answer"


def _segment(value: str) -> str:
    return quote(str(value), safe="")


def _json_object(response: httpx.Response) -> schemas.JsonObject | None:
    try:
        decoded = json.loads(response.content) if response.content else None
    except ValueError:
        return None
    return decoded if isinstance(decoded, Mapping) else None


def _error_for_status(
    status: int, message: str, response: httpx.Response, *, json: bool
) -> ApiError:
    lowered = message.lower()
    if status in (401, 403):
        return AuthError(status=status, server_message=message, json_answer=json)
    if status == 429 or (json and status == 400 and any(w in lowered for w in _RATE_WORDS)):
        kind = DailyLimitError if _is_daily(lowered) else RateLimitedError
        return kind(
            status=status,
            server_message=message,
            retry_after=_retry_after(response),
            json_answer=json,
        )
    if status == 404:
        return NotFoundError(status=status, server_message=message, json_answer=json)
    if 400 <= status < 500 and status != 408:
        return InvalidRequestError(status=status, server_message=message, json_answer=json)
    return ServerError(status=status, server_message=message, json_answer=json)


def _is_daily(lowered_message: str) -> bool:
    """Whether a rate refusal speaks of a daily allowance, not of sending too fast."""
    return any(word in lowered_message for word in _DAILY_WORDS)


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _network_error(exc: httpx.HTTPError) -> NetworkError:
    """Sort transport failures by whether the request may have reached the service."""
    never_left = (
        httpx.ConnectError,
        httpx.ConnectTimeout,
        httpx.PoolTimeout,
        httpx.UnsupportedProtocol,
        httpx.ProxyError,
        httpx.InvalidURL,
    )
    if isinstance(exc, never_left):
        return NetworkError(outcome_unknown=False, reason=type(exc).__name__)
    if isinstance(exc, httpx.TimeoutException):
        return NetworkError(outcome_unknown=True, reason="timeout")
    return NetworkError(outcome_unknown=True, reason=type(exc).__name__)
