"""Helpers for reconciliation tests: a mailbox on a PC whose clock is off, a re-checking queue."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from pecdesk.app.wiring import Mailbox, open_mailbox
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.receipts.reconcile import Reconciler
from pecdesk.services.sending.queue import SendQueue
from pecdesk.services.sending.throttle import Throttle
from pecdesk.storage import QueueStore
from tests.unit.services.engine_helpers import FAST_RETRY, sandbox_account


class PcClock:
    """This computer's clock as pecdesk reads it: the true time plus ``skew`` seconds.

    Attributes:
        skew: how far the clock is off (set it to make the clock jump).
    """

    def __init__(self, skew: float = 0.0) -> None:
        self.skew = skew

    def __call__(self) -> float:
        return time.time() + self.skew


@asynccontextmanager
async def skewed_mailbox(
    box: EmbeddedSandbox, data_dir: Path, clock: PcClock
) -> AsyncIterator[Mailbox]:
    """The test mailbox wired as the app wires it, every piece (store too) reading ``clock``.

    The sandbox keeps the true time: its receipt dates and ``Date`` headers are the service's.
    """
    store = await asyncio.to_thread(QueueStore.open, data_dir, clock=clock)
    wired = open_mailbox(
        sandbox_account(box), store, throttle=Throttle(500.0), policy=FAST_RETRY, clock=clock
    )
    try:
        yield wired
    finally:
        await wired.aclose()
        await asyncio.to_thread(store.close)


def rechecking_queue(mailbox: Mailbox, reconciler: Reconciler | None = None) -> SendQueue:
    """A queue of ``mailbox`` that re-checks re-queued jobs with ``reconciler`` (its own)."""
    checker = reconciler or mailbox.reconciler
    return SendQueue(
        store=mailbox.store, client=mailbox.client, throttle=Throttle(500.0),
        lock=mailbox.store.runner_lock(), sender=mailbox.sender, service=mailbox.service,
        policy=FAST_RETRY, recheck=checker.recheck,
    )


def later(mailbox: Mailbox, seconds: float, clock: PcClock | None = None) -> Reconciler:
    """The mailbox's reconciler as it will look ``seconds`` from now on ``clock``.

    Only "now" moves: the client measures the service's clock against ``clock`` as before.
    """
    base = clock or PcClock()
    return Reconciler(
        store=mailbox.store, client=mailbox.client, sender=mailbox.sender,
        service=mailbox.service, clock=lambda: base() + seconds,
    )
