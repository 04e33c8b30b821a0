"""Waiting for a test send's receipts: ACCETTAZIONE, then CONSEGNA, or what went wrong (Qt-free).

A test send proves the message can go only once the provider accepted it and the mailbox
received it. :func:`wait_for_receipts` follows one campaign (the test send's single job) from the
queue's journal to the ledger's receipts and ends with a :class:`ReceiptOutcome` the window can say
in plain words: delivered, not accepted, not delivered, not sent, or nothing final after the wait.

It wakes on the mailbox's events (a job answered, receipts filed) and otherwise asks for the
receipts itself now and then (``poll``, with a growing wait), so it ends as soon as the receipts
are in whether or not something else tracks them. Cancelling the coroutine stops the wait and
nothing else: the PEC and its receipts are the queue's and the tracker's business.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum

from pecdesk.domain.delivery import DeliveryState
from pecdesk.domain.jobs import JobState
from pecdesk.errors import PecError
from pecdesk.services.events import Events
from pecdesk.storage import QueueStore
from pecdesk.storage.ledger import LedgerStore

_log = logging.getLogger(__name__)

TEST_WAIT = 600.0
"""Seconds a test send's receipts are waited for before saying "no receipt yet"."""


class Stage(StrEnum):
    """How far a test send has come (what the progress line says)."""

    SENDING = "sending"  # queued or in flight, or its answer was lost (being settled)
    SUBMITTED = "submitted"  # the service took it: waiting for the ACCETTAZIONE
    ACCEPTED = "accepted"  # accepted: waiting for the CONSEGNA


class Verdict(StrEnum):
    """How a test send ended."""

    DELIVERED = "delivered"  # ACCETTAZIONE and CONSEGNA
    ACCEPTED = "accepted"  # ACCETTAZIONE; an ordinary mailbox never sends a CONSEGNA
    NOT_ACCEPTED = "not_accepted"  # AVVISO DI NON ACCETTAZIONE
    NOT_DELIVERED = "not_delivered"  # AVVISO DI MANCATA CONSEGNA (or its timeout)
    NOT_SENT = "not_sent"  # the service refused the request, or it was cancelled
    NO_RECEIPT = "no_receipt"  # nothing final within the wait


@dataclass(frozen=True, slots=True)
class ReceiptOutcome:
    """What a test send's wait found.

    Attributes:
        verdict: how it ended.
        stage: how far it had come (for :attr:`Verdict.NO_RECEIPT`: what is still missing).
        code: the sending code ("" when none).
        reason: the provider's or the queue's reason, as recorded ("" when none).
        accepted_at: POSIX time of the ACCETTAZIONE, if one came.
        final_at: POSIX time of the receipt that settled it, if one did.
        waited: seconds waited.
    """

    verdict: Verdict
    stage: Stage
    code: str = ""
    reason: str = ""
    accepted_at: float | None = None
    final_at: float | None = None
    waited: float = 0.0


@dataclass(frozen=True, slots=True)
class _Look:
    stage: Stage
    verdict: Verdict | None = None
    code: str = ""
    reason: str = ""
    accepted_at: float | None = None
    final_at: float | None = None


_REFUSED = frozenset({JobState.REJECTED, JobState.FAILED, JobState.CANCELLED, JobState.NOT_SENT})
_ENDINGS = {
    DeliveryState.DELIVERED: Verdict.DELIVERED,
    DeliveryState.REJECTED: Verdict.NOT_ACCEPTED,
    DeliveryState.FAILED: Verdict.NOT_DELIVERED,
    DeliveryState.FAILED_TIMEOUT: Verdict.NOT_DELIVERED,
}


@dataclass(frozen=True, slots=True)
class ReceiptWatch:
    """Where a wait looks: the journal, the ledger, the events, and how to ask for receipts.

    Attributes:
        store: the queue store (the job's state).
        ledger: the ledger (its receipts).
        events: the mailbox's events (wake-ups).
        poll: asks the service for one campaign's receipts and files them; None relies on
            whatever else tracks them.
        clock: POSIX time.
        first: seconds before the first poll repeats; doubles while nothing changes.
        longest: the longest wait between polls.
    """

    store: QueueStore
    ledger: LedgerStore
    events: Events
    poll: Callable[[int], Awaitable[object]] | None = None
    clock: Callable[[], float] = time.time
    first: float = 2.0
    longest: float = 60.0


async def _look(watch: ReceiptWatch, campaign_id: int) -> _Look:
    jobs = await watch.store.jobs(campaign_ids=[campaign_id])
    if not jobs:
        return _Look(Stage.SENDING, Verdict.NOT_SENT)
    job = jobs[0]
    if job.state in _REFUSED:
        return _Look(Stage.SENDING, Verdict.NOT_SENT, job.code or "", job.reason)
    if job.state is not JobState.SUBMITTED:
        return _Look(Stage.SENDING)
    rows = await watch.ledger.rows(campaign_id)
    if not rows:
        return _Look(Stage.SUBMITTED, code=job.code or "")
    row = rows[0]
    accepted = row.accepted_at is not None or row.state in (
        DeliveryState.ACCEPTED, DeliveryState.DELAYED, DeliveryState.DELIVERED)
    stage = Stage.ACCEPTED if accepted else Stage.SUBMITTED
    verdict = _ENDINGS.get(row.state)
    if verdict is None and row.ordinary and accepted:
        verdict = Verdict.ACCEPTED
    return _Look(stage, verdict, row.code, row.reason, row.accepted_at, row.final_at)


async def wait_for_receipts(
    watch: ReceiptWatch,
    campaign_id: int,
    *,
    timeout: float = TEST_WAIT,
    on_stage: Callable[[Stage], None] | None = None,
) -> ReceiptOutcome:
    """Wait until the test send ``campaign_id`` is settled, or ``timeout`` seconds pass.

    Args:
        watch: where to look.
        campaign_id: the test send's campaign (one job, one recipient).
        timeout: seconds to wait at most.
        on_stage: told each time it gets further (sending, submitted, accepted).
    """
    started = watch.clock()
    wake = asyncio.Event()
    stops = [
        watch.events.job_changed.subscribe(lambda _job, _state: wake.set()),
        watch.events.receipt_classified.subscribe(
            lambda cid, _job, _addresses: wake.set() if cid == campaign_id else None
        ),
    ]
    stage: Stage | None = None
    quiet = 0
    try:
        while True:
            wake.clear()
            look = await _look(watch, campaign_id)
            if look.stage != stage:
                stage, quiet = look.stage, 0
                if on_stage is not None and look.verdict is None:
                    on_stage(stage)
            waited = watch.clock() - started
            if look.verdict is not None or waited >= timeout:
                return ReceiptOutcome(look.verdict or Verdict.NO_RECEIPT, look.stage, look.code,
                                   look.reason, look.accepted_at, look.final_at, waited)
            pause = min(watch.longest, watch.first * 2.0**quiet, timeout - waited)
            quiet += 1
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wake.wait(), timeout=max(0.0, pause))
            if look.stage is not Stage.SENDING and watch.poll is not None and not wake.is_set():
                await _poll(watch, campaign_id)
    finally:
        for stop in stops:
            stop()


async def _poll(watch: ReceiptWatch, campaign_id: int) -> None:
    """Ask for the receipts; a failure only means looking again later."""
    assert watch.poll is not None
    try:
        await watch.poll(campaign_id)
    except PecError as error:
        _log.info("Receipts of the test send not read yet: %s", error.message)
