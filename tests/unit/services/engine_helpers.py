"""Helpers for send-queue tests: an engine wired to a sandbox, and ledger checks."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from pecdesk.api import PecMassivaClient
from pecdesk.domain.jobs import JobState
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.campaigns import RecipientRow, build_campaign
from pecdesk.services.outcomes import RetryPolicy
from pecdesk.services.reconcile import Reconciler
from pecdesk.services.send_queue import SendQueue
from pecdesk.services.throttle import Throttle
from pecdesk.storage import NewCampaign, QueueStore
from tests.conftest import MAILBOX, PASSWORD, TOKEN

FAST_RETRY = RetryPolicy(max_attempts=8, base_delay=0.02, max_delay=0.5)


@dataclass
class Engine:
    """A store, a client and a queue over one sandbox.

    Attributes:
        store: the queue store.
        client: the API client.
        queue: the send queue.
        throttle: its throttle.
    """

    store: QueueStore
    client: PecMassivaClient
    queue: SendQueue
    throttle: Throttle

    def reconciler(self) -> Reconciler:
        """A reconciler over the same store and client."""
        return Reconciler(store=self.store, client=self.client)


@asynccontextmanager
async def engine(
    box: EmbeddedSandbox | str,
    data_dir: Path,
    *,
    rate: float = 500.0,
    timeout: float = 5.0,
    password: str = PASSWORD,
    policy: RetryPolicy = FAST_RETRY,
) -> AsyncIterator[Engine]:
    """An engine on ``box`` (or a base URL) with its store in ``data_dir``; closed on exit."""
    base_url = box if isinstance(box, str) else box.base_url
    store = await asyncio.to_thread(QueueStore.open, data_dir)
    client = PecMassivaClient(base_url, TOKEN, MAILBOX, password, timeout=timeout)
    throttle = Throttle(rate)
    queue = SendQueue(
        store=store, client=client, throttle=throttle, lock=store.runner_lock(), policy=policy
    )
    try:
        yield Engine(store, client, queue, throttle)
    finally:
        await client.aclose()
        await asyncio.to_thread(store.close)


def recipients(count: int, *, domain: str = "pec.it", prefix: str = "cliente") -> list[str]:
    """``count`` distinct PEC addresses."""
    return [f"{prefix}{n:04d}@{domain}" for n in range(count)]


def campaign(
    addresses: Sequence[str],
    *,
    subject: str = "Avviso",
    body: str = "<p>Testo</p>",
    one_for_all: bool = False,
    sender: str = MAILBOX,
) -> NewCampaign:
    """A campaign from ``sender`` (``MAILBOX`` by default) to ``addresses``."""
    rows = [RecipientRow(a) for a in addresses]
    plan = build_campaign(
        sender=sender, subject=subject, body=body, rows=rows, one_for_all=one_for_all
    )
    return plan.campaign


def ledger_recipients(box: EmbeddedSandbox) -> Counter[str]:
    """How many committed sends each recipient appears in."""
    return Counter(r.lower() for entry in box.ledger() for r in entry["recipients"])


def ledger_codes(box: EmbeddedSandbox) -> dict[str, tuple[str, ...]]:
    """Sending code → recipients, for every committed send."""
    return {e["message_id"]: tuple(r.lower() for r in e["recipients"]) for e in box.ledger()}


async def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Poll ``condition`` (server-side or engine state, never a UI) until it holds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("condition never held")
        await asyncio.sleep(0.005)


async def states(store: QueueStore) -> Counter[JobState]:
    """Jobs by state."""
    return Counter(job.state for job in await store.jobs())
