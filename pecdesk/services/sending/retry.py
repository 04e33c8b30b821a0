"""Reason-aware retry: re-send to exactly the temporarily failed recipients, as a linked sending.

Temporary failures (mailbox full, temporarily unavailable, the maximum-time notices) are worth
another try; permanent ones (no such mailbox, revoked) need the address corrected first and are
only listed. A retry is a *new* campaign, linked to the original, carrying the very same
subject, body and attachments, so the evidence of both sendings stays separate and complete.
Each recipient is retried at most once per original campaign.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from pecdesk.domain.delivery import DeliveryState
from pecdesk.domain.ledger import LedgerRow
from pecdesk.storage import AttachmentData, NewCampaign, NewJob, QueueStore
from pecdesk.storage.ledger import LedgerStore

FAILED_STATES = (DeliveryState.FAILED, DeliveryState.FAILED_TIMEOUT)
Enqueue = Callable[[NewCampaign], Awaitable[int]]
"""Stores a campaign and returns its id (``SendQueue.enqueue`` or ``QueueStore.add_campaign``)."""


async def temporary_failures(ledger: LedgerStore, campaign_id: int) -> list[LedgerRow]:
    """Recipients of the campaign whose failure is temporary and not yet retried."""
    retried = await _retried(ledger, campaign_id)
    rows = await ledger.rows(campaign_id, states=FAILED_STATES)
    return [r for r in rows if r.temporary and r.address.lower() not in retried]


async def permanent_failures(ledger: LedgerStore, campaign_id: int) -> list[LedgerRow]:
    """Recipients that need a corrected address: permanent failures and rejections."""
    rows = await ledger.rows(campaign_id, states=[*FAILED_STATES, DeliveryState.REJECTED])
    return [r for r in rows if not r.temporary]


async def _retried(ledger: LedgerStore, campaign_id: int) -> set[str]:
    children = [c.id for c in await ledger.overview() if c.parent_id == campaign_id]
    found: set[str] = set()
    for child in children:
        found |= {r.address.lower() for r in await ledger.rows(child)}
    return found


async def retry_temporary(
    *, ledger: LedgerStore, store: QueueStore, campaign_id: int, enqueue: Enqueue
) -> int | None:
    """Enqueue a linked campaign to the temporarily failed recipients; its id (None: nobody)."""
    rows = await temporary_failures(ledger, campaign_id)
    if not rows:
        return None
    by_job: dict[int, list[str]] = {}
    for row in rows:
        by_job.setdefault(row.job_id, []).append(row.address)
    jobs: list[NewJob] = []
    attachments: tuple[AttachmentData, ...] = ()
    one_for_all = False
    for job_id, addresses in by_job.items():
        sent = await store.load_payload(job_id)
        attachments = attachments or sent.attachments
        one_for_all = one_for_all or len(sent.payload.recipients) > 1
        jobs.append(NewJob(tuple(addresses), sent.payload.subject, sent.payload.body))
    sender, subject, body = await ledger.campaign_body(campaign_id)
    new = NewCampaign(sender, subject, body, one_for_all, attachments, tuple(jobs))
    child = await enqueue(new)
    await ledger.link(child, campaign_id)
    return child
