"""Archive-then-purge: keep a campaign's receipts locally, prove it, only then delete them remotely.

Receipts fill the PEC mailbox (domain.md complaint 5), but deleting them without a copy loses the
proof (complaint 1). So, per campaign: fetch every sending's receipts once more and record them,
write the evidence ZIP into the archive folder, re-open it and check both its manifest and that
every receipt the server holds for each code is inside; only the codes that pass are deleted
with ``DELETE /send/{code}``. Local copies are kept for :data:`TEN_YEARS` by default.

The retention is applied by listing, never by deleting on its own: :meth:`Archiver.past_retention`
names the campaigns older than it, for the person to delete (a business must keep its
correspondence ten years, domain.md a5, and only the person knows whether a dispute still needs
it); :meth:`Archiver.delete_local` deletes those the person confirms.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
import zipfile
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from pecdesk.api import PecMassivaClient
from pecdesk.domain.ledger import ArchiveRecord, CampaignOverview, Sending
from pecdesk.errors import NotFoundError
from pecdesk.services.receipts.evidence import EvidenceWriters, export_zip, verify_zip
from pecdesk.services.receipts.forget import DeleteReport, delete_local
from pecdesk.services.receipts.tracking import key_of, to_new_receipts
from pecdesk.storage import QueueStore
from pecdesk.storage.ledger import TEN_YEARS, LedgerStore


@dataclass(slots=True)
class ArchiveReport:
    """What one archive-and-purge did.

    Attributes:
        path: the evidence ZIP written (None when there was nothing to archive).
        purged: codes deleted from the server.
        kept: codes left on the server, with the reason.
    """

    path: Path | None = None
    purged: list[str] = field(default_factory=list)
    kept: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ArchivedCampaign:
    """One evidence ZIP of the archive, as the Archive view lists it.

    Attributes:
        campaign_id: the campaign.
        subject: its subject ("" when the campaign is not among those given).
        created_at: when the campaign was enqueued (None: unknown).
        path: the evidence ZIP.
        sha256: the ZIP's digest when it was written.
        archived_at: when it was written.
        keep_until: end of its local retention.
        codes: the sendings it holds.
        purged: of those, the ones deleted from the server (the ZIP is then their only copy).
        exists: the ZIP is still where it was written.
    """

    campaign_id: int
    subject: str
    created_at: float | None
    path: Path
    sha256: str
    archived_at: float
    keep_until: float
    codes: int
    purged: int
    exists: bool


@dataclass(frozen=True, slots=True)
class PastRetention:
    """A campaign older than the retention setting: listed for the person to delete.

    Attributes:
        campaign: the campaign.
        expired_at: when its retention ended.
        archives: its evidence ZIPs, if any.
    """

    campaign: CampaignOverview
    expired_at: float
    archives: tuple[Path, ...]


def catalog(
    records: Iterable[ArchiveRecord], campaigns: Collection[CampaignOverview]
) -> list[ArchivedCampaign]:
    """The archive's ZIPs, newest first, one entry per ZIP (a ZIP holds one campaign's codes)."""
    by_id = {c.id: c for c in campaigns}
    grouped: dict[str, list[ArchiveRecord]] = {}
    for record in records:
        grouped.setdefault(record.path, []).append(record)
    found: list[ArchivedCampaign] = []
    for path, group in grouped.items():
        first = group[0]
        overview = by_id.get(first.campaign_id)
        found.append(
            ArchivedCampaign(
                campaign_id=first.campaign_id,
                subject=overview.subject if overview else "",
                created_at=overview.created_at if overview else None,
                path=Path(path),
                sha256=first.sha256,
                archived_at=max(r.archived_at for r in group),
                keep_until=max(r.keep_until for r in group),
                codes=len(group),
                purged=sum(1 for r in group if r.purged_at is not None),
                exists=Path(path).is_file(),
            )
        )
    found.sort(key=lambda a: (a.archived_at, a.campaign_id), reverse=True)
    return found


def past_retention(
    campaigns: Iterable[CampaignOverview],
    archived: Iterable[ArchivedCampaign],
    *,
    retention: float,
    now: float,
) -> list[PastRetention]:
    """The campaigns enqueued more than ``retention`` seconds before ``now``, oldest first.

    The setting in force decides, not the end recorded when a ZIP was written: shortening
    the retention lists more at once, lengthening it lists fewer.
    """
    zips: dict[int, list[Path]] = {}
    for entry in archived:
        zips.setdefault(entry.campaign_id, []).append(entry.path)
    found = [
        PastRetention(c, c.created_at + retention, tuple(zips.get(c.id, ())))
        for c in campaigns
        if c.created_at + retention < now
    ]
    found.sort(key=lambda p: (p.campaign.created_at, p.campaign.id))
    return found


def archived_fingerprints(path: Path) -> set[str]:
    """Fingerprints of the receipts inside an evidence ZIP."""
    with zipfile.ZipFile(path) as archive:
        items = json.loads(archive.read("receipts.json"))
    return {str(item.get("key", "")) for item in items}


class Archiver:
    """Archives a campaign's evidence and purges the server's copy of its receipts.

    Attributes:
        archive_dir: where the evidence ZIPs go.
        retention: seconds a local archive is kept (the person's setting, in seconds; it
            may change while the app runs, so it is read each time it is used).
    """

    def __init__(
        self,
        *,
        ledger: LedgerStore,
        store: QueueStore,
        client: PecMassivaClient,
        archive_dir: Path,
        retention: float = TEN_YEARS,
        clock: Callable[[], float] = time.time,
        evidence_writers: EvidenceWriters | None = None,
    ) -> None:
        self._evidence_writers = evidence_writers
        self._ledger = ledger
        self._store = store
        self._client = client
        self.archive_dir = archive_dir
        self.retention = retention
        self._clock = clock

    async def archive_and_purge(
        self, campaign_id: int, *, include_pending: bool = False
    ) -> ArchiveReport:
        """Archive the campaign locally, verify, then purge each verified code from the server.

        Args:
            campaign_id: the campaign.
            include_pending: purge sendings whose recipients are not all final too (their
                later receipts still arrive and are tracked; the earlier ones are archived).

        Raises:
            PecError: the receipts could not be fetched (nothing is deleted then).
        """
        report = ArchiveReport()
        purged = {a.code for a in await self._ledger.archives(campaign_id) if a.purged_at}
        pending = {s.code for s in await self._ledger.sendings_to_track()}
        on_server: dict[str, set[str]] = {}
        sendings: list[Sending] = []
        for sending in await self._ledger.sendings(campaign_id=campaign_id):
            if sending.code in purged:
                continue
            if sending.code in pending and not include_pending:
                report.kept.append((sending.code, "not every recipient is final yet"))
                continue
            receipts = await self._client.sending_receipts(sending.code)
            entries = to_new_receipts(sending, receipts, source="send", seen_at=self._clock())
            await self._ledger.ingest(sending, entries)
            on_server[sending.code] = {key_of(sending, r) for r in receipts}
            sendings.append(sending)
        if not sendings:
            return report
        now = self._clock()
        stamp = datetime.fromtimestamp(now).strftime("%Y%m%d-%H%M%S")
        target = self.archive_dir / f"campaign-{campaign_id}-{stamp}.zip"
        # The archive is the ten-year copy: it carries the PDFs, like the evidence ZIP.
        evidence = await export_zip(
            self._ledger, self._store, campaign_id, target, self._evidence_writers
        )
        report.path = target
        problems = await asyncio.to_thread(verify_zip, target)
        inside = await asyncio.to_thread(archived_fingerprints, target) if not problems else set()
        for sending in sendings:
            code = sending.code
            purged_at: float | None = None
            if problems:
                report.kept.append((code, "the archive did not verify: " + "; ".join(problems)))
            elif not on_server[code] <= inside:
                report.kept.append((code, "some receipts on the server are not in the archive"))
            else:
                await self._delete(code)
                purged_at = self._clock()
                report.purged.append(code)
            await self._ledger.record_archive(
                ArchiveRecord(code, campaign_id, str(target), evidence.sha256, now, purged_at,
                              now + self.retention)
            )
        return report

    async def _delete(self, code: str) -> None:
        with contextlib.suppress(NotFoundError):  # "Email not found": nothing left there
            await self._client.delete_sending(code)

    async def expired(self) -> list[ArchiveRecord]:
        """Archives past their retention (they may be removed by the person)."""
        now = self._clock()
        return [a for a in await self._ledger.archives() if a.keep_until < now]

    async def catalog(self, campaigns: Collection[CampaignOverview]) -> list[ArchivedCampaign]:
        """The archived ZIPs of ``campaigns`` (a mailbox's), newest first."""
        wanted = {c.id for c in campaigns}
        records = [r for r in await self._ledger.archives() if r.campaign_id in wanted]
        return await asyncio.to_thread(catalog, records, campaigns)  # stats the files

    def older_than_retention(
        self, campaigns: Collection[CampaignOverview]
    ) -> list[CampaignOverview]:
        """Those of ``campaigns`` past the retention now (no file looked at: for a quick note)."""
        found = past_retention(campaigns, (), retention=self.retention, now=self._clock())
        return [p.campaign for p in found]

    async def delete_local(self, campaigns: Collection[CampaignOverview]) -> DeleteReport:
        """Delete these campaigns' local history and their ZIPs in :attr:`archive_dir`.

        Only when every one is past :attr:`retention` and final; never calls the service
        (:mod:`pecdesk.services.receipts.forget` says what goes and why).

        Raises:
            PecError: some are within retention or not final (nothing is deleted then).
        """
        return await delete_local(self._ledger, campaigns, archive_dir=self.archive_dir,
                                  retention=self.retention, now=self._clock())

    async def past_retention(
        self, campaigns: Collection[CampaignOverview], retention: float | None = None
    ) -> list[PastRetention]:
        """Those of ``campaigns`` older than ``retention`` seconds (default: :attr:`retention`).

        To list for the person, never to delete here.
        """
        archived = await self.catalog(campaigns)
        keep = self.retention if retention is None else retention
        return past_retention(campaigns, archived, retention=keep, now=self._clock())
