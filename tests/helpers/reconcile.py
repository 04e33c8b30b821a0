"""Helpers for reconciliation tests: a mailbox on a PC whose clock is off, a re-checking queue."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from pecdesk.api import PecMassivaClient
from pecdesk.app.wiring import Mailbox, open_mailbox
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.receipts.reconcile import Reconciler
from pecdesk.services.sending.queue import SendQueue
from pecdesk.services.sending.throttle import Throttle
from pecdesk.storage import QueueStore
from tests.helpers.engine import FAST_RETRY, sandbox_account


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


RESET_ALWAYS = {"fault_rate": 1.0, "fault_kinds": ["reset"]}


async def acceptances(client: PecMassivaClient) -> int:
    """How many ACCETTAZIONE (or non-acceptance) receipts the mailbox holds."""
    count, page = 0, 1
    while True:
        result = await client.inbox_page(page)
        count += sum("ACCETTAZIONE:" in item.subject for item in result.items)
        if len(result.items) < 25:
            return count
        page += 1


async def wait_acceptances(client: PecMassivaClient, expected: int) -> None:
    """Poll the mailbox (server-side timing) until ``expected`` receipts arrived."""
    for _ in range(400):
        if await acceptances(client) >= expected:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("receipts never arrived")


async def interrupted_job(
    store: QueueStore, job_id: int, *, clock_offset: float | None = 0.0
) -> None:
    """Leave ``job_id`` as a crash would: claimed, never sent, then recovered as unknown.

    Claimed a minute ago, with the service's clock measured equal to ours (``clock_offset`` 0:
    the sandbox runs in this process, on this computer's clock); None claims it unmeasured.
    """
    claimed = await store.claim(job_id, start_at=time.time() - 60, clock_offset=clock_offset)
    assert claimed is not None
    assert await store.recover_interrupted() == [job_id]


async def interrupted_job_one(store: QueueStore, job_id: int) -> None:
    """Like :func:`interrupted_job`, for one of several queued jobs."""
    assert await store.claim(job_id, start_at=time.time() - 60, clock_offset=0.0) is not None
    await store.recover_interrupted()
