"""Tracking: bring every sending's receipts into the ledger until each recipient is final.

For every sending not yet final it polls ``GET /send/{code}`` (a 404 "Result empty" means no
receipt yet, api.md 7.11) with a per-sending backoff that resets whenever something new
arrives, and stops once all of its recipients are final. A manual refresh polls everything
now; receipts seen in the Inbox can be fed in too (:meth:`Tracker.feed`). A recipient accepted
but still not delivered after 12 hours is reported (:meth:`Tracker.overdue`).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field

from pecdesk.api import PecMassivaClient
from pecdesk.domain.delivery import concerned
from pecdesk.domain.jobs import sent_from, service_key
from pecdesk.domain.ledger import LedgerRow, NewReceipt, Sending
from pecdesk.domain.models import Receipt
from pecdesk.domain.receipts import ReceiptKind, classify
from pecdesk.errors import PecError
from pecdesk.services.events import Events
from pecdesk.storage.ledger import LedgerStore

_log = logging.getLogger(__name__)

OVERDUE_AFTER = 12 * 3600.0
"""Seconds after the ACCETTAZIONE before a missing CONSEGNA deserves a warning."""


@dataclass(frozen=True, slots=True)
class Backoff:
    """How often a sending is polled while nothing changes.

    Attributes:
        first: seconds before the first poll after a change.
        factor: growth per quiet poll.
        longest: the longest wait between polls.
    """

    first: float = 5.0
    factor: float = 2.0
    longest: float = 900.0

    def after(self, quiet_polls: int) -> float:
        """Seconds to wait after ``quiet_polls`` polls that brought nothing new."""
        return float(min(self.longest, self.first * self.factor ** max(0, quiet_polls)))


@dataclass(slots=True)
class TrackReport:
    """What one pass brought in.

    Attributes:
        polled: sending codes asked for.
        changed: ``(job id, address)`` whose state or times changed.
        errors: codes whose poll failed, with the error text.
    """

    polled: list[str] = field(default_factory=list)
    changed: list[tuple[int, str]] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)


def receipt_key(kind: ReceiptKind, subject: str, date_text: str, addresses: Iterable[str]) -> str:
    """The identity of a receipt, the same whichever endpoint it was read from.

    ``GET /send/{code}`` and the Inbox word the same receipt differently (field names, HTML or
    plain text), so the key is its kind, subject, date and the recipients it concerns: a
    receipt read twice, from either place, is recorded once.
    """
    parts = [kind.value, " ".join(subject.split()), " ".join(date_text.split()),
             *sorted(addresses)]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def key_of(sending: Sending, receipt: Receipt) -> str:
    """:func:`receipt_key` of one receipt of ``sending``."""
    kind = classify(receipt.subject, receipt.body).kind
    addresses = () if kind is ReceiptKind.OTHER else concerned(
        kind, receipt.body, sending.recipients, sending.sender
    )
    return receipt_key(kind, receipt.subject, receipt.date_text, addresses)


def to_new_receipts(
    sending: Sending, receipts: Iterable[Receipt], *, source: str, seen_at: float
) -> list[NewReceipt]:
    """The receipts of ``sending`` as ledger entries (foreign ones are kept, concerning nobody)."""
    found: list[NewReceipt] = []
    for receipt in receipts:
        kind = classify(receipt.subject, receipt.body)
        if kind.code and kind.code != sending.code:
            continue  # another sending's receipt (a code that merely contains ours)
        raw = dict(receipt.raw) or {
            "sender": receipt.sender, "recipient": receipt.recipient, "date": receipt.date_text,
            "subject": receipt.subject, "body": receipt.body,
        }
        addresses = concerned(kind.kind, receipt.body, sending.recipients, sending.sender)
        if kind.kind is ReceiptKind.OTHER:
            addresses = ()
        at = receipt.date.timestamp() if receipt.date is not None else seen_at
        found.append(
            NewReceipt(
                receipt_key(kind.kind, receipt.subject, receipt.date_text, addresses),
                kind.kind, addresses, receipt.subject, receipt.body,
                receipt.date_text, at, source,
                json.dumps(raw, ensure_ascii=False, sort_keys=True),
            )
        )
    return found


class Tracker:
    """Polls the service for receipts and records them in the ledger.

    It keeps to the sendings of one mailbox (``sender``) on one ``service`` (a base URL);
    :func:`pecdesk.app.wiring.open_mailbox` gives it both, and the mailbox's ``events``, on
    which it announces every receipt it files (``receipt_classified``).

    Attributes:
        backoff: the polling schedule.
        events: where it announces the receipts it files.
    """

    def __init__(
        self,
        *,
        ledger: LedgerStore,
        client: PecMassivaClient,
        backoff: Backoff | None = None,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        sender: str,
        service: str,
        events: Events | None = None,
    ) -> None:
        self._sender = sender
        self._service = service_key(service)
        self.events = events if events is not None else Events()
        self._ledger = ledger
        self._client = client
        self.backoff = backoff or Backoff()
        self._clock = clock
        self._sleep = sleep
        self._quiet: dict[str, int] = {}
        self._due: dict[str, float] = {}
        self._wake = asyncio.Event()

    async def poll(self, sending: Sending) -> list[str]:
        """Ask for one sending's receipts and record them; the addresses that changed.

        Raises:
            PecError: the service could not be asked.
        """
        receipts = await self._client.sending_receipts(sending.code)
        entries = to_new_receipts(sending, receipts, source="send", seen_at=self._clock())
        changed = await self._ledger.ingest(sending, entries) if entries else []
        self._announce(sending, changed)
        self._quiet[sending.code] = 0 if changed else self._quiet.get(sending.code, -1) + 1
        self._due[sending.code] = self._clock() + self.backoff.after(self._quiet[sending.code])
        return changed

    async def refresh(
        self, *, campaign_id: int | None = None, only_due: bool = False
    ) -> TrackReport:
        """Poll every sending not yet final (of one campaign, or only those due)."""
        report = TrackReport()
        now = self._clock()
        for sending in await self._pending():
            if campaign_id is not None and sending.campaign_id != campaign_id:
                continue
            if only_due and self._due.get(sending.code, 0.0) > now:
                continue
            report.polled.append(sending.code)
            try:
                changed = await self.poll(sending)
            except PecError as error:  # one failing code must not stop the rest
                message = error.message
                _log.warning("Receipts of %s unavailable: %s", sending.code, message)
                report.errors.append((sending.code, message))
                continue
            report.changed += [(sending.job_id, address) for address in changed]
        return report

    async def feed(self, receipts: Sequence[Receipt], *, source: str = "inbox") -> TrackReport:
        """Record receipts seen elsewhere (the Inbox), matched to our sendings by their code."""
        report = TrackReport()
        by_code: dict[str, list[Receipt]] = {}
        for receipt in receipts:
            code = classify(receipt.subject, receipt.body).code
            if code:
                by_code.setdefault(code, []).append(receipt)
        for code, items in by_code.items():
            for sending in filter(self._own, await self._ledger.sendings(code=code)):
                entries = to_new_receipts(sending, items, source=source, seen_at=self._clock())
                changed = await self._ledger.ingest(sending, entries)
                self._announce(sending, changed)
                report.changed += [(sending.job_id, a) for a in changed]
                if changed:
                    self._quiet[code] = 0
        return report

    def _announce(self, sending: Sending, changed: Sequence[str]) -> None:
        if changed:
            self.events.receipt_classified.emit(
                sending.campaign_id, sending.job_id, tuple(changed)
            )

    def poke(self) -> None:
        """Wake :meth:`run` now (new sendings, or the person asked for a refresh)."""
        self._due.clear()
        self._wake.set()

    async def run(self, *, on_change: Callable[[TrackReport], None] | None = None,
                  stop_when_final: bool = False) -> None:
        """Poll due sendings until cancelled (or, with ``stop_when_final``, until all final)."""
        while True:
            report = await self.refresh(only_due=True)
            if on_change is not None and (report.changed or report.errors):
                on_change(report)
            pending = await self._pending()
            if not pending and stop_when_final:
                return
            now = self._clock()
            # With nothing to track, look again soon: a new sending may start at any time.
            wait = min(
                (self._due.get(s.code, now) - now for s in pending), default=self.backoff.first
            )
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=max(0.0, wait))

    async def _pending(self) -> list[Sending]:
        """The sendings to track: this mailbox's only.

        Another account's receipts are not in this mailbox, and its credentials are not these.
        """
        return [s for s in await self._ledger.sendings_to_track() if self._own(s)]

    def _own(self, sending: Sending) -> bool:
        """Whether ``sending`` is this tracker's: its mailbox, and its service when it has one.

        A sending code names a sending on one service only: asked of another service, it names
        nothing, or someone else's. Sendings queued before campaigns were bound to a service
        ("") count as any service's.
        """
        return sent_from(sending.sender, self._sender) and sending.service in ("", self._service)

    async def overdue(self, *, after: float = OVERDUE_AFTER) -> list[LedgerRow]:
        """PEC recipients accepted more than ``after`` seconds ago and still not delivered."""
        return await self._ledger.accepted_before(self._clock() - after)
