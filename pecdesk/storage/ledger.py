"""LedgerStore: per-recipient delivery states and every receipt, next to the send queue.

It lives in the queue's database file (its tables are migrations of
:data:`~pecdesk.storage.queue_schema.QUEUE_MIGRATIONS`), so a job and its receipts are one
consistent record. Each receipt is kept exactly as the service returned it (raw JSON) with the
time it was seen; a recipient's state is always re-derived from all of its receipts, so
receipts arriving late, twice or out of order cannot downgrade a final state.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Collection, Sequence

from pecdesk.domain.delivery import DeliveryState
from pecdesk.domain.ledger import (
    ArchiveRecord,
    CampaignOverview,
    LedgerRow,
    NewReceipt,
    Sending,
    StoredReceipt,
)
from pecdesk.storage import ledger_sql
from pecdesk.storage.db import Database, transaction
from pecdesk.storage.ledger_sql import Forgotten, RowFilter

__all__ = ["TEN_YEARS", "Forgotten", "LedgerStore", "RowFilter"]

TEN_YEARS = 10 * 365.25 * 24 * 3600.0
"""Default local retention (c.c. 2214/2220: business correspondence, domain.md a5)."""


class LedgerStore:
    """The legal ledger: receipts, delivery states, retry links and archives (async API).

    Attributes:
        database: the database (shared with the queue store).
    """

    def __init__(self, database: Database, *, clock: Callable[[], float] = time.time) -> None:
        self.database = database
        self._clock = clock

    async def sendings_to_track(self) -> list[Sending]:
        """Sendings with a recipient whose state may still change (not purged)."""
        return await self.database.run(ledger_sql.sendings_to_track)

    async def sendings(
        self, *, campaign_id: int | None = None, code: str | None = None
    ) -> list[Sending]:
        """Submitted jobs with a code, of a campaign or with one code."""
        return await self.database.run(
            lambda c: ledger_sql.sendings(c, campaign_id=campaign_id, code=code)
        )

    async def ingest(self, sending: Sending, receipts: Sequence[NewReceipt]) -> list[str]:
        """Record receipts of ``sending``; return the addresses whose state changed."""
        now = self._clock()
        items = list(receipts)
        return await self.database.run(lambda c: ledger_sql.ingest(c, sending, items, now))

    async def rows(
        self,
        campaign_id: int | None,
        *,
        states: Collection[DeliveryState] | None = None,
        search: str = "",
        offset: int = 0,
        limit: int = -1,
    ) -> list[LedgerRow]:
        """One page of ledger rows (``limit`` -1: all) in sending order."""
        where = RowFilter(campaign_id=campaign_id, states=states, search=search)
        return await self.find(where, offset=offset, limit=limit)

    async def count(
        self,
        campaign_id: int | None,
        *,
        states: Collection[DeliveryState] | None = None,
        search: str = "",
    ) -> int:
        """How many rows match."""
        return await self.find_count(
            RowFilter(campaign_id=campaign_id, states=states, search=search)
        )

    async def find(
        self, where: RowFilter, *, offset: int = 0, limit: int = -1, newest_first: bool = False
    ) -> list[LedgerRow]:
        """One page of the rows ``where`` picks, across campaigns (``limit`` -1: all)."""
        return await self.database.run(
            lambda c: ledger_sql.rows(
                c, where, offset=offset, limit=limit, newest_first=newest_first
            )
        )

    async def find_count(self, where: RowFilter) -> int:
        """How many rows ``where`` picks."""
        return await self.database.run(lambda c: ledger_sql.count_rows(c, where))

    async def overview(
        self, campaign_ids: Collection[int] | None = None
    ) -> list[CampaignOverview]:
        """Every campaign (or those of ``campaign_ids``), newest first, with recipients by state."""
        return await self.database.run(lambda c: ledger_sql.overview(c, campaign_ids))

    async def latest_campaign_id(self) -> int | None:
        """The newest campaign's id, None when there is none."""
        row = await self.database.run(
            lambda c: c.execute("SELECT MAX(id) FROM campaigns").fetchone()
        )
        return None if row is None or row[0] is None else int(row[0])

    async def receipts(self, campaign_id: int) -> list[StoredReceipt]:
        """Every recorded receipt of a campaign, in time order."""
        return await self.database.run(lambda c: ledger_sql.receipts(c, campaign_id))

    async def campaign_body(self, campaign_id: int) -> tuple[str, str, str]:
        """Sender, subject and body templates of a campaign."""
        row = await self.database.run(
            lambda c: c.execute(
                "SELECT sender, subject, body FROM campaigns WHERE id = ?", (campaign_id,)
            ).fetchone()
        )
        if row is None:
            return "", "", ""
        return str(row[0]), str(row[1]), str(row[2])

    async def link(self, campaign_id: int, parent_id: int) -> None:
        """Record that ``campaign_id`` retries recipients of ``parent_id``."""

        def write(c: sqlite3.Connection) -> None:
            with transaction(c):
                c.execute(
                    "INSERT OR REPLACE INTO campaign_links VALUES (?, ?)",
                    (campaign_id, parent_id),
                )

        await self.database.run(write)

    async def accepted_before(self, before: float) -> list[LedgerRow]:
        """PEC recipients accepted before ``before`` and still not delivered (the 12 h warning)."""
        rows = await self.rows(None, states=[DeliveryState.ACCEPTED, DeliveryState.DELAYED])
        return [
            r for r in rows
            if not r.ordinary and r.accepted_at is not None and r.accepted_at < before
        ]

    async def record_archive(self, record: ArchiveRecord) -> None:
        """Store (or update) an archive record."""

        def write(c: sqlite3.Connection) -> None:
            with transaction(c):
                c.execute(
                    "INSERT OR REPLACE INTO archives VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (record.code, record.campaign_id, record.path, record.sha256,
                     record.archived_at, record.purged_at, record.keep_until),
                )

        await self.database.run(write)

    async def archives(self, campaign_id: int | None = None) -> list[ArchiveRecord]:
        """Archive records (of one campaign, or all)."""
        where = "" if campaign_id is None else f" WHERE campaign_id = {int(campaign_id)}"
        rows = await self.database.run(
            lambda c: c.execute(f"SELECT * FROM archives{where} ORDER BY code").fetchall()  # noqa: S608
        )
        return [ArchiveRecord(*row) for row in rows]

    async def forget(self, campaign_ids: Collection[int], *, created_before: float) -> Forgotten:
        """Delete these campaigns' whole local history (jobs, receipts, states, archive records).

        Only those created before ``created_before`` whose every recipient is final or certainly
        not sent, checked in the deleting transaction (:func:`ledger_sql.forget`); files are the
        caller's business: the answer names the evidence files no record names any more.
        """
        ids = list(campaign_ids)
        return await self.database.run(
            lambda c: ledger_sql.forget(c, ids, created_before=created_before)
        )
