"""One HTTP exchange with bounds a hostile server cannot stretch: a total deadline and a size cap.

:class:`~pecdesk.api.client.PecMassivaClient` sends every request through :func:`bounded`. The
whole exchange — connecting, sending and reading every byte of the answer — runs under one
deadline, so a server that trickles a byte a second cannot hold it longer; the answer is streamed
and refused as soon as it passes its cap, so memory stays bounded. httpcore's trace events tell
whether a byte of the request was written, which decides what a missed deadline means for a
``POST /send``: before, certainly not sent; after, maybe sent.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from typing import Any

import httpx

from pecdesk.api import answers

MIB = 1024 * 1024


class WireTimes:
    """When the last request made under :func:`wire_times` left, and when its answer came.

    A send queue paces on these rather than on when it called the client: Python's own work
    before the bytes leave (building, encoding, a collection) and after the answer arrives
    (parsing) varies by milliseconds, and the service's rate window sees neither.

    Attributes:
        sent: the request's last byte written (its clock), None until then.
        answered: the answer's headers read whole, None until then.
    """

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self.sent: float | None = None
        self.answered: float | None = None


_WIRE: ContextVar[WireTimes | None] = ContextVar("pecdesk_wire_times", default=None)


@contextlib.contextmanager
def wire_times(clock: Callable[[], float] = time.monotonic) -> Iterator[WireTimes]:
    """Record, on ``clock``, when the requests made inside the block leave and are answered."""
    times = WireTimes(clock)
    token = _WIRE.set(times)
    try:
        yield times
    finally:
        _WIRE.reset(token)


async def bounded(
    http: httpx.AsyncClient,
    method: str,
    path: str,
    *,
    json_body: Mapping[str, Any] | None,
    params: Mapping[str, str | int] | None,
    headers: Mapping[bytes, bytes],
    timeout: float,
    limit: int,
    on_date: Callable[[str | None], None],
) -> httpx.Response:
    """One request within ``timeout`` seconds in all, its answer read whole but at most ``limit``.

    ``on_date`` gets the answer's ``Date`` header (the client measures the service's clock from
    it). Returns a response whose body is already read (the connection is released).

    Raises:
        httpx.HTTPError: the transport failed. The deadline becomes ``httpx.ConnectTimeout``
            when not a byte of the request was written, else ``httpx.ReadTimeout``.
        TooLargeError: the answer is larger than ``limit`` bytes.
    """
    progress = _Progress()
    request = http.build_request(
        method,
        path,
        json=json_body,
        params=params,
        headers=headers,
        extensions={"trace": progress.trace},
    )
    deadline = asyncio.timeout(timeout)
    try:
        async with deadline:
            response = await http.send(request, stream=True)
            progress.left = True
            try:
                on_date(response.headers.get("Date"))
                content = await _read_capped(response, limit)
            finally:
                await response.aclose()
    except TimeoutError:
        if not deadline.expired():
            raise
        text = f"no complete answer within {timeout:g} s"
        if progress.may_have_left:
            raise httpx.ReadTimeout(text, request=request) from None
        raise httpx.ConnectTimeout(text, request=request) from None
    return httpx.Response(
        response.status_code,
        headers=[
            (name, value)
            for name, value in response.headers.multi_items()
            if name.lower() not in _FRAMING
        ],
        content=content,
        request=request,
    )


_FRAMING = frozenset({"content-encoding", "content-length", "transfer-encoding"})
"""Headers that describe the bytes on the wire, not the body once read."""


class TooLargeError(Exception):
    """An answer larger than the cap of its request (the client turns it into a PecError)."""

    def __init__(self, response: httpx.Response, limit: int) -> None:
        super().__init__(response.status_code, limit)
        self.status = response.status_code
        self.limit = limit
        self.retry_after = answers.retry_after(response)


class _Progress:
    """How far a request went, from httpcore's trace events: did a byte of it leave?"""

    def __init__(self) -> None:
        self.traced = False
        self.left = False
        self.wire = _WIRE.get()

    async def trace(self, event: str, info: Mapping[str, Any]) -> None:
        self.traced = True
        if "send_request" in event:  # "http11.send_request_headers.started" and the like
            self.left = True
        if self.wire is not None:
            if event.endswith("send_request_body.complete"):
                self.wire.sent = self.wire.clock()
            elif event.endswith("receive_response_headers.complete"):
                self.wire.answered = self.wire.clock()

    @property
    def may_have_left(self) -> bool:
        """True unless the trace proves nothing was written (a transport without trace: True)."""
        return self.left or not self.traced


async def _read_capped(response: httpx.Response, limit: int) -> bytes:
    """The body, read chunk by chunk; TooLargeError as soon as it passes ``limit`` bytes.

    The bytes counted are the body once decoded. The client asks for no compression
    (``Accept-Encoding: identity``); a server compressing anyway costs at most the cap plus one
    decompressed chunk.
    """
    declared = response.headers.get("Content-Length", "").strip()
    if declared.isascii() and declared.isdigit() and int(declared) > limit:
        raise TooLargeError(response, limit)
    chunks = bytearray()
    async for chunk in response.aiter_bytes():
        chunks += chunk
        if len(chunks) > limit:
            raise TooLargeError(response, limit)
    return bytes(chunks)


def too_large_text(limit: int) -> str:
    """The plain words for an answer refused unread."""
    return f"an answer larger than {limit // MIB} MiB, not read"
