"""Helpers for send-queue tests: a mailbox wired (as the app wires it) to a sandbox, and checks."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from pecdesk.accounts.account import Account
from pecdesk.api import PecMassivaClient
from pecdesk.app.wiring import Mailbox, open_mailbox
from pecdesk.domain.jobs import JobState
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.receipts.reconcile import Reconciler
from pecdesk.services.receipts.tracking import Backoff
from pecdesk.services.sending.campaigns import RecipientRow, build_campaign
from pecdesk.services.sending.outcomes import RetryPolicy
from pecdesk.services.sending.queue import SendQueue
from pecdesk.services.sending.throttle import Throttle
from pecdesk.storage import NewCampaign, QueueStore
from tests.helpers.sandbox import MAILBOX, PASSWORD, TOKEN

FAST_RETRY = RetryPolicy(max_attempts=8, base_delay=0.02, max_delay=0.5)


def sandbox_account(
    box: EmbeddedSandbox | str,
    *,
    mailbox: str = MAILBOX,
    password: str = PASSWORD,
    send_rate: float = 500.0,
    sender: str | None = None,
) -> Account:
    """An account of ``mailbox`` on ``box`` (or on a base URL), sending from ``sender``.

    ``sender`` defaults to ``mailbox``; another address makes the service refuse each PEC
    after accepting the request (an AVVISO DI NON ACCETTAZIONE).
    """
    base_url = box if isinstance(box, str) else box.base_url
    return Account(base_url=base_url, token=TOKEN, username=mailbox, password=password,
                   sender=sender or mailbox, send_rate=send_rate)


@dataclass
class Engine:
    """A mailbox wired by :func:`pecdesk.app.wiring.open_mailbox` over one sandbox, as the app does.

    Attributes:
        mailbox: the client, queue, reconciler and tracker.
        throttle: the queue's throttle.
    """

    mailbox: Mailbox
    throttle: Throttle

    @property
    def store(self) -> QueueStore:
        """The queue store."""
        return self.mailbox.store

    @property
    def client(self) -> PecMassivaClient:
        """The API client."""
        return self.mailbox.client

    @property
    def queue(self) -> SendQueue:
        """The send queue (this mailbox, this service)."""
        return self.mailbox.queue

    def reconciler(self) -> Reconciler:
        """The mailbox's reconciler (same store and client)."""
        return self.mailbox.reconciler


@asynccontextmanager
async def engine(
    box: EmbeddedSandbox | str,
    data_dir: Path,
    *,
    rate: float = 500.0,
    timeout: float = 5.0,
    mailbox: str = MAILBOX,
    password: str = PASSWORD,
    sender: str | None = None,
    policy: RetryPolicy = FAST_RETRY,
    backoff: Backoff | None = None,
) -> AsyncIterator[Engine]:
    """An engine for ``mailbox`` on ``box`` (or a base URL) with its store in ``data_dir``."""
    store = await asyncio.to_thread(QueueStore.open, data_dir)
    throttle = Throttle(rate)
    account = sandbox_account(
        box, mailbox=mailbox, password=password, send_rate=rate, sender=sender
    )
    wired = open_mailbox(
        account, store, throttle=throttle, policy=policy, backoff=backoff, timeout=timeout
    )
    try:
        yield Engine(wired, throttle)
    finally:
        await wired.aclose()
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
