"""The client against a hostile server over real HTTP on 127.0.0.1 (tests/unit/api/hostile.py).

Every request has one total deadline and a cap on the answer's size; each bad answer ends in a
PecError, and for POST /send in the outcome table's verdict. The deadline is kept small; no
assertion is about time (the bounds are benchmarks' business): a call that did not stop at its
deadline would hang the test instead.
"""

from __future__ import annotations

import asyncio
import json
import tracemalloc
from collections.abc import Awaitable, Callable
from typing import TypeVar

import pytest

from pecdesk.api import (
    NetworkError,
    OutcomeUnknownError,
    PecError,
    PecMassivaClient,
    RateLimitedError,
    ServerError,
    UnencodableTextError,
)
from pecdesk.api.client import LIMITS, SMALL_ANSWER
from pecdesk.domain.jobs import JobState
from pecdesk.domain.text import unencodable_at
from pecdesk.services.sending.outcomes import RetryPolicy, refused
from tests.helpers.api import PASSWORD, TOKEN, USER
from tests.unit.api.hostile import answer, hostile, huge, silent, trickle, unreachable

T = TypeVar("T")
DEADLINE = 0.5


def use(url: str, action: Callable[[PecMassivaClient], Awaitable[T]]) -> T:
    """Run ``action`` on a client of ``url`` whose requests have a short total deadline."""

    async def go() -> T:
        async with PecMassivaClient(url, TOKEN, USER, PASSWORD, timeout=DEADLINE) as client:
            return await action(client)

    return asyncio.run(go())


def send(client: PecMassivaClient, subject: str = "Avviso") -> Awaitable[object]:
    """A plain POST /send."""
    return client.send("studio@pecmassiva.com", ["a@pec.it"], subject, "Testo")


def test_a_trickling_answer_to_send_ends_at_the_deadline_as_may_have_left() -> None:
    """A byte at a time forever: the total deadline ends the send, outcome unknown."""
    with hostile(trickle()) as server, pytest.raises(NetworkError) as caught:
        use(server.url, send)
    assert caught.value.outcome_unknown
    assert "timeout" in caught.value.message
    assert len(server.requests) == 1


def test_a_trickling_answer_to_a_read_ends_at_the_deadline() -> None:
    """GET /quota meets the same deadline: a NetworkError, not a hang."""
    with hostile(trickle()) as server, pytest.raises(NetworkError):
        use(server.url, lambda client: client.quota())


def test_a_server_that_never_answers_leaves_a_send_unknown() -> None:
    """The request was written, the answer never came: the PEC may have left."""
    with hostile(silent) as server, pytest.raises(NetworkError) as caught:
        use(server.url, send)
    assert caught.value.outcome_unknown
    assert server.requests and server.requests[0].startswith(b"POST /send")


def test_a_deadline_met_while_connecting_is_not_sent() -> None:
    """Connect never completes: not a byte left, so the send is certainly not committed."""
    with unreachable() as url, pytest.raises(NetworkError) as caught:
        use(url, send)
    assert not caught.value.outcome_unknown


def test_a_huge_answer_to_send_is_unknown_and_not_read_whole() -> None:
    """100 MB announced by Content-Length: refused at once, judged UNKNOWN (it may have left)."""
    with hostile(huge()) as server, pytest.raises(OutcomeUnknownError) as caught:
        use(server.url, send)
    assert "MiB" in caught.value.server_message
    assert not caught.value.json_answer


def test_a_huge_chunked_answer_keeps_memory_bounded() -> None:
    """100 MB with no length given: read up to the cap only; memory stays near the cap."""
    tracemalloc.start()
    try:
        with hostile(huge(declared=False)) as server, pytest.raises(OutcomeUnknownError):
            use(server.url, send)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * SMALL_ANSWER


def test_a_huge_answer_to_a_read_is_a_server_error() -> None:
    """GET /quota with a 100 MB chunked answer: a plain ServerError naming the size."""
    with hostile(huge(declared=False)) as server, pytest.raises(ServerError) as caught:
        use(server.url, lambda client: client.quota())
    assert "MiB" in caught.value.message
    assert not caught.value.json_answer


def test_a_huge_429_is_still_a_rate_limit() -> None:
    """A 429 comes before any commit whatever its body: rate limited, not unknown."""
    with hostile(huge(429)) as server, pytest.raises(RateLimitedError) as caught:
        use(server.url, send)
    assert caught.value.status == 429


def test_each_endpoint_has_its_own_cap() -> None:
    """A 2 MiB message is read whole, while the same size from /quota is refused."""
    body = "x" * (2 * SMALL_ANSWER)
    envelope = {"success": True, "data": [{"id": 1, "subject": "s", "body": body}]}
    wire = json.dumps(envelope).encode()
    assert LIMITS["quota"] < len(wire) < LIMITS["message"]
    with hostile(answer(200, wire)) as server:
        message = use(server.url, lambda client: client.message(1))
        with pytest.raises(ServerError):
            use(server.url, lambda client: client.quota())
    assert len(message.body) == len(body)


@pytest.mark.parametrize("field", ["token", "username", "password"])
def test_a_secret_that_cannot_be_encoded_is_refused_when_the_client_is_built(field: str) -> None:
    """A lone surrogate (a non-UTF-8 byte read with surrogateescape): a plain error, no leak."""
    secrets = {"token": TOKEN, "username": USER, "password": PASSWORD}
    secrets[field] = "segr\udce9to"
    with pytest.raises(UnencodableTextError) as caught:
        PecMassivaClient(
            "http://127.0.0.1:9", secrets["token"], secrets["username"], secrets["password"]
        )
    assert isinstance(caught.value, PecError)
    assert "segr" not in caught.value.message


def test_a_non_ascii_token_is_refused_plainly() -> None:
    """A token is sent in a header as ASCII: an accent is refused, never a traceback."""
    with pytest.raises(UnencodableTextError):
        PecMassivaClient("http://127.0.0.1:9", "tökén", USER, PASSWORD)


@pytest.mark.parametrize("field", ["subject", "body"])
def test_text_that_cannot_be_encoded_never_leaves(field: str) -> None:
    """A lone surrogate in the subject or body: refused before any connection is made."""
    bad = "Fattura \udcff"

    async def action(client: PecMassivaClient) -> object:
        subject, body = (bad, "Testo") if field == "subject" else ("Avviso", bad)
        return await client.send("studio@pecmassiva.com", ["a@pec.it"], subject, body)

    with hostile(answer(201, b"{}")) as server, pytest.raises(UnencodableTextError) as caught:
        use(server.url, action)
    assert server.connections == 0
    assert field in caught.value.message


def test_an_encoding_refusal_makes_the_job_rejected_never_unknown() -> None:
    """The queue's outcome for the refusal: certainly not sent and final (not unknown)."""
    error = UnencodableTextError(status=0, server_message="subject")
    verdict = refused(error, attempts=1, policy=RetryPolicy(), now=0.0)
    assert verdict.outcome.state is JobState.REJECTED


def test_unencodable_at_finds_the_lone_surrogate() -> None:
    """The check points at the first character UTF-8 refuses; clean text passes."""
    assert unencodable_at("Perché ✓") is None
    assert unencodable_at("ab\udc80c") == 2
