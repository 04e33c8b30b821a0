"""Archive-then-purge: keep a campaign's receipts locally, prove it, only then delete them remotely.

Receipts fill the PEC mailbox (domain.md complaint 5), but deleting them without a copy loses the
proof (complaint 1). So, per campaign: fetch every sending's receipts once more and record them,
write the evidence ZIP into the archive folder, re-open it and check both its manifest and that
every receipt the server holds for each code is inside; only the codes that pass are deleted
with ``DELETE /send/{code}``. Local copies are kept for :data:`TEN_YEARS` by default.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from pecdesk.api import PecMassivaClient
from pecdesk.domain.ledger import ArchiveRecord, Sending
from pecdesk.errors import NotFoundError
from pecdesk.services.receipts.evidence import export_zip, verify_zip
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


def archived_fingerprints(path: Path) -> set[str]:
    """Fingerprints of the receipts inside an evidence ZIP."""
    with zipfile.ZipFile(path) as archive:
        items = json.loads(archive.read("receipts.json"))
    return {str(item.get("key", "")) for item in items}


class Archiver:
    """Archives a campaign's evidence and purges the server's copy of its receipts.

    Attributes:
        archive_dir: where the evidence ZIPs go.
        retention: seconds a local archive is kept.
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
    ) -> None:
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
        evidence = await export_zip(self._ledger, self._store, campaign_id, target)
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
