"""From an httpx answer (or failure) to the shape the outcome rule judges, and back to an error.

:mod:`pecdesk.domain.send_outcome` decides what an answer to ``POST /send`` proves; this module
only reduces an httpx response or exception to its :class:`~pecdesk.domain.send_outcome.Answer`,
and turns a judgement into the :mod:`pecdesk.errors` exception the send queue understands.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping

import httpx

from pecdesk.api import schemas
from pecdesk.domain.send_outcome import Answer, Body, Judgement, Transport
from pecdesk.errors import (
    ApiError,
    AuthError,
    DailyLimitError,
    InvalidRequestError,
    NetworkError,
    NotFoundError,
    OutcomeUnknownError,
    RateLimitedError,
    ServerError,
)

NOT_JSON = "not a JSON answer"
_TAGS = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")
_NEVER_LEFT = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.UnsupportedProtocol,
    httpx.ProxyError,
    httpx.InvalidURL,
)
"""Failures that happen before a single byte of the request is sent."""


def decode(content: bytes) -> tuple[Body, object]:
    """What a body is, and its decoded JSON (None unless it is JSON)."""
    if not content.strip():
        return Body.EMPTY, None
    try:
        decoded = schemas.loads_strict(content)
    except ValueError:  # UnicodeDecodeError included
        return Body.NOT_JSON, None
    return (Body.OBJECT if isinstance(decoded, Mapping) else Body.NOT_OBJECT), decoded


def transport_of(exc: httpx.HTTPError) -> Transport:
    """Whether a transport failure happened before the request was sent."""
    return Transport.NOT_SENT if isinstance(exc, _NEVER_LEFT) else Transport.MAY_HAVE_LEFT


def network_error(exc: httpx.HTTPError) -> NetworkError:
    """The NetworkError for a transport failure, ``outcome_unknown`` set by where it happened."""
    return NetworkError(
        outcome_unknown=transport_of(exc) is Transport.MAY_HAVE_LEFT, reason=_reason(exc)
    )


def _reason(exc: httpx.HTTPError) -> str:
    if isinstance(exc, httpx.TimeoutException) and not isinstance(exc, _NEVER_LEFT):
        return "timeout"
    return type(exc).__name__


def answer_of(status: int, body: Body, decoded: object) -> Answer:
    """The shape of an HTTP answer, for :func:`pecdesk.domain.send_outcome.judge`."""
    if not isinstance(decoded, Mapping):
        return Answer(status, body=body)
    message = schemas.unwrap_message(decoded.get("message"))
    message_id = decoded.get("message_id")
    if message_id is None:
        message_id = _inner_message_id(decoded.get("message"))
    return Answer(
        status,
        body=body,
        success=decoded.get("success"),
        message=message,
        message_id=message_id,
    )


def _inner_message_id(message: object) -> object:
    """``message_id`` of a ``message`` that is itself a JSON object (the PHP SDK's SMTP case)."""
    if not isinstance(message, str) or not message.strip().startswith("{"):
        return None
    try:
        inner = schemas.loads_strict(message.strip())
    except ValueError:
        return None
    return inner.get("message_id") if isinstance(inner, Mapping) else None


def page_text(response: httpx.Response) -> str:
    """The first 200 characters of a non-JSON body, tags and runs of spaces removed."""
    text = _SPACES.sub(" ", _TAGS.sub(" ", response.text)).strip()
    return text[:200]


def describe(answer: Answer, response: httpx.Response) -> str:
    """A short account of an answer that is not a clean one (not translated: the service's)."""
    if answer.body is Body.EMPTY:
        return "an empty answer"
    if answer.body is Body.NOT_JSON:
        text = page_text(response)
        return f"{NOT_JSON}: {text}" if text else NOT_JSON
    if answer.body is Body.NOT_OBJECT:
        return "a JSON answer that is not an object"
    shown = _shown(answer.success)
    return f"success {shown}; {answer.message}" if answer.message else f"success {shown}"


def _shown(value: object) -> str:
    """A JSON value in a few characters (containers by kind: they may nest deeply)."""
    if value is None:
        return "missing"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return json.dumps(value, ensure_ascii=False)[:40]


def send_error(
    judgement: Judgement,
    answer: Answer,
    response: httpx.Response,
    scrub: Callable[[str], str],
) -> ApiError:
    """The error for an HTTP answer to ``POST /send`` that is not :attr:`Judgement.SENT`."""
    status = answer.status or 0
    json_answer = answer.body is Body.OBJECT
    message = scrub(answer.message)
    if judgement is Judgement.RETRY:
        return ServerError(status=status, server_message=scrub(answer.smtp_text) or message)
    if judgement in (Judgement.RATE_LIMITED, Judgement.DAILY_LIMIT):
        kind = DailyLimitError if judgement is Judgement.DAILY_LIMIT else RateLimitedError
        text = message if json_answer else scrub(page_text(response))
        return kind(
            status=status,
            server_message=text,
            retry_after=retry_after(response),
            json_answer=json_answer,
        )
    if judgement is Judgement.CREDENTIALS:
        return AuthError(status=status, server_message=message)
    if judgement is Judgement.REJECTED:
        kind_rejected = NotFoundError if status == 404 else InvalidRequestError
        return kind_rejected(status=status, server_message=message)
    return OutcomeUnknownError(
        status=status, server_message=scrub(describe(answer, response)), json_answer=json_answer
    )


def transport_error(judgement: Judgement, exc: httpx.HTTPError) -> NetworkError:
    """The error for a ``POST /send`` that got no HTTP answer, as the table judged it."""
    return NetworkError(outcome_unknown=judgement is not Judgement.RETRY, reason=_reason(exc))


def retry_after(response: httpx.Response) -> float | None:
    """The ``Retry-After`` header in seconds, when it holds a finite number."""
    try:
        seconds = float(response.headers.get("Retry-After", ""))
    except ValueError:
        return None
    return max(0.0, seconds) if math.isfinite(seconds) else None
