"""Helpers for client tests: run a coroutine, and a client over a scripted transport."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx

from pecdesk.api import PecMassivaClient

T = TypeVar("T")
TOKEN = "feedfacecafebeef00112233"
USER = "studio@pecmassiva.com"
PASSWORD = "pässword+segreto%"
Handler = Callable[[httpx.Request], httpx.Response]


def run(awaitable: Awaitable[T]) -> T:
    """Run one coroutine to completion on a fresh asyncio loop."""

    async def wrapper() -> T:
        return await awaitable

    return asyncio.run(wrapper())


def reply(status: int, body: Any, headers: dict[str, str] | None = None) -> httpx.Response:
    """An httpx response with a JSON body (or raw text when ``body`` is a str)."""
    if isinstance(body, str):
        return httpx.Response(status, text=body, headers=headers)
    return httpx.Response(status, content=json.dumps(body).encode(), headers=headers)


def call(handler: Handler, action: Callable[[PecMassivaClient], Awaitable[T]]) -> T:
    """Run ``action`` on a client whose every request is answered by ``handler``."""

    async def go() -> T:
        transport = httpx.MockTransport(handler)
        async with PecMassivaClient(
            "https://test.ws.pecmassiva.com", TOKEN, USER, PASSWORD, transport=transport
        ) as client:
            return await action(client)

    return asyncio.run(go())
