"""SentService: what the Sent tab needs, in one Qt-free place (ledger, tracking, evidence).

The tab never touches the store or the API: it asks this service for campaign overviews and
pages of recipients, and for the actions (refresh, retry, export, archive-then-purge).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from pecdesk.api import PecMassivaClient
from pecdesk.domain.delivery import DeliveryState
from pecdesk.domain.jobs import JobState, sent_from, service_key
from pecdesk.domain.ledger import CampaignOverview, LedgerRow
from pecdesk.domain.models import InboxItem, Receipt
from pecdesk.domain.receipts import ReceiptKind, classify
from pecdesk.errors import PecError
from pecdesk.i18n import QT_TRANSLATE_NOOP
from pecdesk.services.events import Events
from pecdesk.services.receipts import evidence
from pecdesk.services.receipts.archive import Archiver, ArchiveReport
from pecdesk.services.receipts.forget import DeleteReport
from pecdesk.services.receipts.reconcile import DEFAULT_GRACE, Reconciler, ReconcileReport
from pecdesk.services.receipts.statements import Attestation, attestation_of
from pecdesk.services.receipts.tracking import Tracker, TrackReport
from pecdesk.services.sending import retry
from pecdesk.services.sending.queue import SendQueue
from pecdesk.services.sending.retry import Enqueue
from pecdesk.storage import QueueStore
from pecdesk.storage.ledger import LedgerStore, RowFilter


class OtherMailboxError(PecError):
    """A sending of another account: its receipts and its credentials are that account's."""

    title = QT_TRANSLATE_NOOP("PecError", "Another mailbox's sending")
    default_template = QT_TRANSLATE_NOOP(
        "PecError",
        "This sending was made from another of your mailboxes. Open that account to send it "
        "again or to archive it.",
    )


@dataclass(frozen=True)
class SentSearch:
    """A search over every campaign of the mailbox.

    Attributes:
        text: a piece of recipient address, subject or sending code ("": any).
        states: only these states (None: all).
        since: sent at or after this POSIX time (None: no lower bound).
        until: sent before this POSIX time (None: no upper bound).
    """

    text: str = ""
    states: Collection[DeliveryState] | None = None
    since: float | None = None
    until: float | None = None


_log = logging.getLogger(__name__)
SETTLE_EVERY = 300.0
"""Seconds between two looks for the receipts of sendings whose outcome is unknown."""
_NEEDS_TEXT = frozenset({ReceiptKind.TIMEOUT_WARNING, ReceiptKind.TIMEOUT_FINAL, ReceiptKind.OTHER})


class SentService:
    """The Sent tab's service.

    Args:
        queue: the send queue retries go through (None: they are only stored, queued).
        sender: the mailbox in use: only its campaigns are shown and acted on (the store holds
            every account's).
        service: the service in use (a base URL): of that mailbox's campaigns, only those sent
            to it, or to no service in particular (queued before campaigns were bound to
            one). Another service's receipts are not there, and its sending codes name nothing
            (or something else) here.
        events: the mailbox's events; a retry stored without a queue is announced there (a
            queue announces its own).
        evidence_writers: the evidence ZIP's PDF writers and language (None: no PDF inside).

    Attributes:
        tracker: polls receipts (the app runs :meth:`Tracker.run` in the background).
        archiver: the local archive (archive-then-purge; the Archive view lists and copies it).
    """

    def __init__(
        self,
        *,
        ledger: LedgerStore,
        store: QueueStore,
        tracker: Tracker,
        archiver: Archiver,
        queue: SendQueue | None = None,
        clock: Callable[[], float] = time.time,
        sender: str,
        reconciler: Reconciler | None = None,
        service: str,
        events: Events | None = None,
        evidence_writers: evidence.EvidenceWriters | None = None,
    ) -> None:
        self._evidence_writers = evidence_writers
        self._sender = sender
        self._service = service_key(service)
        self._events = events if events is not None else tracker.events
        self._reconciler = reconciler
        self._ledger = ledger
        self._store = store
        self.tracker = tracker
        self.archiver = archiver
        self._queue = queue
        self._enqueue: Enqueue = queue.enqueue if queue is not None else store.add_campaign
        self._clock = clock

    @classmethod
    def create(
        cls,
        *,
        ledger: LedgerStore,
        store: QueueStore,
        client: PecMassivaClient,
        archive_dir: Path,
        tracker: Tracker,
        reconciler: Reconciler,
        sender: str,
        service: str,
        queue: SendQueue | None = None,
        events: Events | None = None,
        evidence_writers: evidence.EvidenceWriters | None = None,
    ) -> SentService:
        """The service of mailbox ``sender`` on ``service``, with an archiver in ``archive_dir``.

        The pieces come from :func:`pecdesk.app.wiring.open_mailbox` (see ``Mailbox.sent_service``).
        """
        return cls(
            ledger=ledger,
            store=store,
            tracker=tracker,
            archiver=Archiver(ledger=ledger, store=store, client=client, archive_dir=archive_dir,
                              evidence_writers=evidence_writers),
            queue=queue,
            sender=sender,
            reconciler=reconciler,
            service=service,
            events=events,
            evidence_writers=evidence_writers,
        )

    def set_retention(self, seconds: float) -> None:
        """Keep the local history ``seconds`` (the person's setting, which changes as they save).

        Only what the Archive view and the Sent tab list as past retention changes: nothing is
        ever deleted because of it.
        """
        self.archiver.retention = seconds

    async def overview(self) -> list[CampaignOverview]:
        """Every campaign of this mailbox, newest first, with its recipients by state."""
        return [c for c in await self._ledger.overview() if self._own(c)]

    async def campaigns(self, campaign_ids: Collection[int]) -> list[CampaignOverview]:
        """Those of ``campaign_ids`` that are this mailbox's, newest first (for a live update)."""
        if not campaign_ids:
            return []
        campaigns = await self._ledger.overview(campaign_ids)
        return [c for c in campaigns if self._own(c)]

    def _own(self, campaign: CampaignOverview) -> bool:
        return sent_from(campaign.sender, self._sender) and campaign.service in ("", self._service)

    async def rows_of_jobs(self, job_ids: Collection[int]) -> list[LedgerRow]:
        """The recipients of these jobs (of this mailbox), to update just their rows."""
        if not job_ids:
            return []
        return await self._ledger.find(
            RowFilter(job_ids=list(job_ids), sender=self._sender, service=self._service)
        )

    async def search(self, query: SentSearch, *, offset: int = 0, limit: int = -1
                     ) -> list[LedgerRow]:
        """One page of the recipients of every campaign that match, newest campaign first."""
        return await self._ledger.find(self._filter(query), offset=offset, limit=limit,
                                       newest_first=True)

    async def search_count(self, query: SentSearch) -> int:
        """How many recipients of every campaign match."""
        return await self._ledger.find_count(self._filter(query))

    def _filter(self, query: SentSearch) -> RowFilter:
        return RowFilter(states=query.states, search=query.text, since=query.since,
                         until=query.until, sender=self._sender, service=self._service)

    async def find_sending(self, code: str) -> tuple[int, int] | None:
        """Campaign and job of this mailbox's sending ``code`` (None: no such sending here)."""
        own = {c.id for c in await self.overview()}
        for sending in await self._ledger.sendings(code=code.strip()):
            if sending.campaign_id in own:
                return sending.campaign_id, sending.job_id
        return None

    async def _check_own(self, campaign_id: int) -> None:
        """Raise unless the campaign was sent from this mailbox (its receipts are here).

        Raises:
            OtherMailboxError: it was sent from another account's mailbox.
        """
        if campaign_id not in {c.id for c in await self.overview()}:
            raise OtherMailboxError

    async def rows(
        self,
        campaign_id: int,
        *,
        states: Collection[DeliveryState] | None = None,
        search: str = "",
        offset: int = 0,
        limit: int = -1,
    ) -> list[LedgerRow]:
        """One page of a campaign's recipients."""
        return await self._ledger.rows(
            campaign_id, states=states, search=search, offset=offset, limit=limit
        )

    async def count(
        self, campaign_id: int, *, states: Collection[DeliveryState] | None = None,
        search: str = "",
    ) -> int:
        """How many recipients match."""
        return await self._ledger.count(campaign_id, states=states, search=search)

    async def refresh(self, campaign_id: int | None = None) -> TrackReport:
        """Poll the service now for every sending not yet final."""
        return await self.tracker.refresh(campaign_id=campaign_id)

    async def feed_inbox(self, items: Sequence[InboxItem]) -> TrackReport:
        """Record the receipts among Inbox rows (matched to our sendings by their code).

        Inbox rows carry no text, so the "SUP. TEMPO MASSIMO" notices, which only their text
        tells apart, are left to :meth:`refresh`.
        """
        receipts = [
            Receipt(item.sender, item.recipient, item.date, item.date_text, item.subject, "",
                    raw={"id": item.id, "sender": item.sender_text, "recipient": item.recipient,
                         "date": item.date_text, "object": item.subject})
            for item in items
            if classify(item.subject).kind not in _NEEDS_TEXT and classify(item.subject).code
        ]
        if not receipts:
            return TrackReport()
        return await self.tracker.feed(receipts)

    async def overdue(self) -> list[LedgerRow]:
        """Recipients of this mailbox accepted more than 12 hours ago and not delivered yet."""
        rows = await self.tracker.overdue()
        own = {c.id for c in await self.overview()}
        return [r for r in rows if r.campaign_id in own]

    async def retry_temporary(self, campaign_id: int) -> int | None:
        """Re-send to the temporarily failed recipients as a linked campaign; its id.

        Raises:
            OtherMailboxError: the campaign is another account's.
        """
        await self._check_own(campaign_id)
        added = await retry.retry_temporary(
            ledger=self._ledger, store=self._store, campaign_id=campaign_id,
            enqueue=self._enqueue,
        )
        if added is not None and self._queue is None:  # a queue announces what it enqueues
            self._events.campaign_added.emit(added)
        return added

    async def send_queued(self) -> None:
        """Run the send queue (a retry was enqueued) unless it is running already."""
        if self._queue is not None and not self._queue.running:
            await self._queue.run()

    async def temporary_failures(self, campaign_id: int) -> list[LedgerRow]:
        """Recipients a retry would re-send to."""
        return await retry.temporary_failures(self._ledger, campaign_id)

    async def export_zip(self, campaign_id: int, target: Path) -> evidence.Evidence:
        """Write the campaign's evidence ZIP."""
        return await evidence.export_zip(
            self._ledger, self._store, campaign_id, target, self._evidence_writers
        )

    async def archive_and_purge(self, campaign_id: int) -> ArchiveReport:
        """Archive locally, verify, then delete the verified codes' receipts from the server.

        Raises:
            OtherMailboxError: the campaign is another account's (its receipts are not here).
        """
        await self._check_own(campaign_id)
        return await self.archiver.archive_and_purge(campaign_id)

    async def delete_local(self, campaign_ids: Collection[int]) -> DeleteReport:
        """The person confirmed: delete these campaigns' history and evidence from this computer.

        Past retention and final only; the server is not asked (see
        :mod:`pecdesk.services.receipts.forget`). Each campaign deleted is announced by
        ``Events.campaign_removed``.

        Raises:
            OtherMailboxError: one is another account's (nothing is deleted).
            PecError: one is within retention or not final (nothing is deleted).
        """
        own = {c.id: c for c in await self.overview()}
        if any(cid not in own for cid in campaign_ids):
            raise OtherMailboxError
        report = await self.archiver.delete_local([own[cid] for cid in set(campaign_ids)])
        for campaign_id in report.campaign_ids:
            self._events.campaign_removed.emit(campaign_id)
        return report

    async def settle_unknown(self, grace: float = DEFAULT_GRACE) -> ReconcileReport:
        """Match this mailbox's sendings of unknown outcome with their ACCETTAZIONE.

        Found: submitted, with its code (tracked from then on); refused: rejected; nothing
        after ``grace`` seconds: not sent, which goes again only when the person says so.
        """
        if self._reconciler is None:
            return ReconcileReport()
        report = await self._reconciler.reconcile(grace)
        if report.submitted:
            self.tracker.poke()
        return report

    async def watch(self, on_change: Callable[[TrackReport], None]) -> None:
        """Track receipts until cancelled; every few minutes, settle unknown outcomes too."""

        async def settle_now_and_then() -> None:
            while True:
                try:
                    report = await self.settle_unknown()
                except PecError as error:  # the next look may work; tracking goes on
                    _log.warning("Unknown outcomes not settled: %s", error.message)
                else:
                    settled = [*report.submitted, *report.rejected]
                    ids = [job for job, _code in settled] + list(report.not_sent)
                    if ids:
                        on_change(TrackReport(changed=[(job, "") for job in ids]))
                await asyncio.sleep(SETTLE_EVERY)

        settler = asyncio.create_task(settle_now_and_then())
        try:
            await self.tracker.run(on_change=on_change)
        finally:
            settler.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await settler

    async def not_sent(self, campaign_id: int) -> list[int]:
        """Jobs of the campaign that certainly did not leave (no receipt after the grace)."""
        jobs = await self._store.jobs(states=[JobState.NOT_SENT])
        return [job.id for job in jobs if job.campaign_id == campaign_id]

    async def resend_not_sent(self, campaign_id: int) -> list[int]:
        """The person confirmed: the campaign's not-sent jobs go back in the queue; their ids.

        The same re-queue as ``pecdesk queue resend-not-sent``: each job is marked for a
        re-check, and the queue looks for its receipt once more right before it leaves
        (:meth:`~pecdesk.services.receipts.reconcile.Reconciler.recheck`): a late ACCETTAZIONE
        stops it.

        Raises:
            OtherMailboxError: the campaign is another account's.
        """
        await self._check_own(campaign_id)
        requeued = await self._store.requeue_not_sent(await self.not_sent(campaign_id))
        for job_id in requeued:
            self._events.job_changed.emit(job_id, JobState.QUEUED)
        return requeued

    async def attestation(self, row: LedgerRow) -> Attestation:
        """What the PDF attestation of ``row`` states."""
        sent = await self._store.load_payload(row.job_id)
        return attestation_of(row, sent.payload, await self._ledger.receipts(row.campaign_id))
