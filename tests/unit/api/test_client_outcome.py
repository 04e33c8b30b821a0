"""send() judges its answer by the outcome table; strict JSON; the service's clock (scripted).

The sandbox produces the committing bad answers too (test_client_sandbox.py); the scripted
transport covers the shapes no faithful server emits: NaN, 1e400, duplicate keys, JSON nested
100,000 deep, a 401 page, an SMTP text hidden in a JSON ``message``.
"""

from __future__ import annotations

import json
from email.utils import formatdate
from typing import Any

import httpx
import pytest

from pecdesk.api import (
    AuthError,
    DailyLimitError,
    InvalidRequestError,
    NetworkError,
    OutcomeUnknownError,
    PecMassivaClient,
    RateLimitedError,
    ServerError,
)
from pecdesk.api.schemas import loads_strict
from pecdesk.domain.models import SendResult
from pecdesk.errors import PecError
from tests.helpers.api import PASSWORD, TOKEN, USER, call, reply, run

CODE = "2026120415300012"
GOOD = {"sent": 1, "message_id": CODE, "success": True, "message": ""}
DEEP = "[" * 100_000 + "]" * 100_000


def _send(status: int, body: Any, headers: dict[str, str] | None = None) -> SendResult:
    return call(
        lambda request: reply(status, body, headers),
        lambda c: c.send("a@pec.it", "b@pec.it", "Oggetto", "Testo"),
    )


def _envelope(**changes: object) -> str:
    return json.dumps({**GOOD, **changes})


@pytest.mark.parametrize(
    ("status", "body", "error"),
    [
        (201, _envelope(success="true"), OutcomeUnknownError),
        (201, _envelope(success="false"), OutcomeUnknownError),
        (201, _envelope(success=0), OutcomeUnknownError),
        (201, _envelope(success=1), OutcomeUnknownError),
        (201, json.dumps({"sent": 1, "message_id": CODE}), OutcomeUnknownError),
        (201, _envelope(success=False), OutcomeUnknownError),
        (201, f"[{_envelope()}]", OutcomeUnknownError),
        (201, "<b>Warning</b>: Undefined index<br />" + _envelope(), OutcomeUnknownError),
        (201, _envelope()[:25], OutcomeUnknownError),
        (200, "", OutcomeUnknownError),
        (201, '{"success": true, "success": false, "message_id": "1"}', OutcomeUnknownError),
        (201, '{"success": true, "sent": NaN, "message_id": "1"}', OutcomeUnknownError),
        (201, '{"success": true, "sent": 1e400, "message_id": "1"}', OutcomeUnknownError),
        (201, DEEP, OutcomeUnknownError),
        (502, "<html><h1>502 Bad Gateway</h1></html>", OutcomeUnknownError),
        (503, {"success": False, "message": "Service unavailable"}, OutcomeUnknownError),
        (504, "", OutcomeUnknownError),
        (500, "<b>Fatal error</b>: Allowed memory size exhausted", OutcomeUnknownError),
        (401, "<html>Unauthorized</html>", OutcomeUnknownError),
        (302, "", OutcomeUnknownError),
        (500, {"success": False, "message": "MySQL Error 1205"}, ServerError),
        (200, {"success": False, "message": "", "message_id": "SMTP Error: x"}, ServerError),
        (
            200,
            {"success": False, "message": '{"message_id": "SMTP Error: no host"}'},
            ServerError,
        ),
        (429, "<html>slow down</html>", RateLimitedError),
        (200, {"success": False, "message": "Too many requests"}, RateLimitedError),
        (429, {"success": False, "message": "Daily sending limit reached"}, DailyLimitError),
        (401, {"success": False, "message": "Authorization is not valid or empty"}, AuthError),
        (400, {"success": False, "message": "Post parameter is not valid"}, InvalidRequestError),
    ],
)
def test_send_raises_what_the_table_says(status: int, body: Any, error: type[PecError]) -> None:
    """Only proof of "not sent" raises a retryable error; the rest is OutcomeUnknownError."""
    with pytest.raises(error) as caught:
        _send(status, body)
    assert type(caught.value) is error
    if isinstance(caught.value, OutcomeUnknownError):
        assert caught.value.status == status
        assert "will not send it again" in caught.value.message


def test_send_clean_success_returns_the_code() -> None:
    """A 201 envelope with ``success: true`` is the one answer that returns."""
    assert _send(201, GOOD) == SendResult(CODE, 1)


def test_smtp_text_in_a_json_message_is_named() -> None:
    """The PHP SDK's SMTP case: message is itself JSON holding message_id; its text is shown."""
    body = {"success": False, "message": '{"message_id": "SMTP Error: no host"}'}
    with pytest.raises(ServerError) as caught:
        _send(200, body)
    assert caught.value.server_message == "SMTP Error: no host"


def test_unknown_answer_shows_a_scrubbed_excerpt() -> None:
    """The error quotes the page (tags removed), never the credentials echoed in it."""
    page = f"<p>Warning: bad password {PASSWORD} for {TOKEN}</p>{_envelope()}"
    with pytest.raises(OutcomeUnknownError) as caught:
        _send(201, page)
    text = caught.value.message
    assert "Warning" in text and "<p>" not in text
    assert PASSWORD not in text and TOKEN not in text


@pytest.mark.parametrize(
    "text",
    [
        "NaN",
        "[Infinity]",
        '{"a": -Infinity}',
        "1e400",
        '{"a": 1, "a": 2}',
        DEEP,
        '{"a":' * 100_000 + "1" + "}" * 100_000,
        b"\xff\xfe\x00garbage",
    ],
)
def test_loads_strict_refuses_unclean_json(text: str | bytes) -> None:
    """NaN, infinities, 1e400, duplicate keys and absurd nesting are ValueError, nothing else."""
    with pytest.raises(ValueError):  # any ValueError: the point is that nothing else escapes
        loads_strict(text)


def test_loads_strict_keeps_clean_json() -> None:
    """Ordinary JSON, big-but-finite numbers included, decodes as usual."""
    assert loads_strict('{"a": [1, 2.5, 1e300, null, "x"]}') == {"a": [1, 2.5, 1e300, None, "x"]}


def test_deep_json_on_other_endpoints_is_a_server_error() -> None:
    """A 100,000-deep body on GET /inbox is a ServerError, never a RecursionError."""
    with pytest.raises(ServerError):
        call(lambda request: reply(200, DEEP), lambda c: c.inbox_page())
    deep_message = {"success": False, "message": '{"a":' * 100_000}
    with pytest.raises(InvalidRequestError):
        call(lambda request: reply(400, deep_message), lambda c: c.quota())


class _Clock:
    """A settable clock for the client."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def _dated(when: float | None, status: int = 200) -> httpx.Response:
    headers = {} if when is None else {"Date": formatdate(when, usegmt=True)}
    body = {"success": True, "message": "", "data": {"usage": 1, "limit": 2}}
    return reply(status, body if status < 400 else {"success": False, "message": "x"}, headers)


def test_clock_offset_follows_the_latest_dated_answer() -> None:
    """None before any answer; then service minus client, from the latest answer with a Date."""
    clock = _Clock(1_800_000_000.0)
    answers = iter(
        [
            _dated(1_800_000_000.0 + 3600),  # the service runs an hour ahead
            _dated(None),  # no Date: the last measure stands
            _dated(1_800_000_000.0 - 300, status=404),  # an error answer counts too
        ]
    )

    async def go() -> list[float | None]:
        transport = httpx.MockTransport(lambda request: next(answers))
        async with PecMassivaClient(
            "https://x.test", TOKEN, USER, PASSWORD, transport=transport, clock=clock
        ) as client:
            seen: list[float | None] = [client.clock_offset]
            await client.quota()
            seen.append(client.clock_offset)
            await client.quota()
            seen.append(client.clock_offset)
            with pytest.raises(PecError):
                await client.quota()
            seen.append(client.clock_offset)
            return seen

    assert run(go()) == [None, 3600.0, 3600.0, -300.0]


@pytest.mark.parametrize("value", ["yesterday", "", "Thu, 01 Jan 1970 00:00:00 -0000"])
def test_clock_offset_ignores_a_date_it_cannot_place(value: str) -> None:
    """A Date that does not parse, or has no zone, leaves the offset unmeasured."""
    body = {"success": True, "message": "", "data": {"usage": 1, "limit": 2}}
    with_date = reply(200, body, {"Date": value})

    async def go() -> float | None:
        transport = httpx.MockTransport(lambda request: with_date)
        async with PecMassivaClient(
            "https://x.test", TOKEN, USER, PASSWORD, transport=transport
        ) as client:
            await client.quota()
            return client.clock_offset

    assert run(go()) is None


def test_send_that_never_left_measures_nothing() -> None:
    """A connection refused has no answer and no Date: the offset stays unmeasured."""

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused")

    async def go() -> float | None:
        transport = httpx.MockTransport(refuse)
        async with PecMassivaClient(
            "https://x.test", TOKEN, USER, PASSWORD, transport=transport
        ) as client:
            with pytest.raises(NetworkError) as caught:
                await client.send("a@pec.it", "b@pec.it", "s", "b")
            assert caught.value.outcome_unknown is False
            return client.clock_offset

    assert run(go()) is None
