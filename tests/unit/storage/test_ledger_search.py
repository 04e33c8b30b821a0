"""LedgerStore's search over every campaign: fields, mailbox scope, dates, jobs, and its plan."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from pecdesk.domain.delivery import DeliveryState
from pecdesk.domain.jobs import JobState
from pecdesk.domain.ledger import LedgerRow
from pecdesk.domain.receipts import ReceiptKind
from pecdesk.storage import NewCampaign, NewJob, Outcome, QueueStore
from pecdesk.storage.ledger import LedgerStore, RowFilter
from pecdesk.storage.ledger_sql import _filters
from tests.unit.storage.test_ledger import receipt

pytestmark = pytest.mark.anyio

SENDER = "studio@pec.it"


async def sent_campaign(
    store: QueueStore, subject: str, addresses: list[str], *, sender: str = SENDER,
    at: float = 1000.0,
) -> int:
    """A campaign of one job per address, each submitted at ``at`` with code ``C<job id>``."""
    jobs = tuple(NewJob((a,), subject, "Testo") for a in addresses)
    cid = await store.add_campaign(NewCampaign(sender, subject, "Testo", False, (), jobs))
    for job in await store.jobs(campaign_ids=[cid]):
        attempt = await store.claim(job.id)
        assert attempt is not None
        await store.finish(job.id, attempt, Outcome(JobState.SUBMITTED, code=f"C{job.id}"))

    def backdate(c: sqlite3.Connection) -> None:
        with c:
            c.execute("UPDATE jobs SET submitting_at = ? WHERE campaign_id = ?", (at, cid))

    await store.database.run(backdate)
    return cid


async def test_search_every_campaign(tmp_path: Path) -> None:
    """Address, subject or code, state and dates, newest campaign first, one mailbox only."""
    store = await asyncio.to_thread(QueueStore.open, tmp_path)
    ledger = LedgerStore(store.database)
    march = await sent_campaign(store, "Fattura marzo", ["rossi@pec.it", "bianchi@pec.it"],
                                at=1000.0)
    april = await sent_campaign(store, "Fattura aprile", ["rossi@pec.it", "verdi@pec.it"],
                                at=2000.0)
    other = await sent_campaign(store, "Fattura aprile", ["rossi@pec.it"], sender="altro@pec.it")
    mine = RowFilter(sender="STUDIO@pec.it", service="")

    def found(rows: list[LedgerRow]) -> list[tuple[int, str]]:
        return [(r.campaign_id, r.address) for r in rows]

    every = await ledger.find(mine, newest_first=True)
    assert found(every) == [(april, "verdi@pec.it"), (april, "rossi@pec.it"),
                            (march, "bianchi@pec.it"), (march, "rossi@pec.it")]
    assert other not in {r.campaign_id for r in every}
    by_subject = RowFilter(search="APRILE", sender=SENDER, service="")
    assert found(await ledger.find(by_subject)) == [(april, "rossi@pec.it"),
                                                    (april, "verdi@pec.it")]
    (verdi,) = await ledger.find(RowFilter(search="verdi", sender=SENDER))
    by_code = RowFilter(search=verdi.code, sender=SENDER)
    assert found(await ledger.find(by_code)) == [(april, "verdi@pec.it")]
    assert await ledger.find_count(RowFilter(since=1500.0, sender=SENDER)) == 2
    assert await ledger.find_count(RowFilter(until=1500.0, sender=SENDER)) == 2
    assert await ledger.find_count(RowFilter(since=1500.0, until=1800.0, sender=SENDER)) == 0
    page = await ledger.find(mine, newest_first=True, offset=1, limit=2)
    assert found(page) == [(april, "rossi@pec.it"), (march, "bianchi@pec.it")]
    (sending,) = await ledger.sendings(code=verdi.code)
    await ledger.ingest(sending, [receipt(ReceiptKind.DELIVERY, "verdi@pec.it", "k1")])
    delivered = RowFilter(states=[DeliveryState.DELIVERED], sender=SENDER)
    assert found(await ledger.find(delivered)) == [(april, "verdi@pec.it")]
    jobs = RowFilter(job_ids=[verdi.job_id])
    assert [r.state for r in await ledger.find(jobs)] == [DeliveryState.DELIVERED]
    (overview,) = await ledger.overview([april])
    assert overview.id == april and overview.counts[DeliveryState.DELIVERED] == 1
    assert [c.id for c in await ledger.overview()] == [other, april, march]
    store.close()


async def test_search_pages_use_the_indexes(tmp_path: Path) -> None:
    """A page of a search walks campaigns and jobs by index: no temporary sort, no table scan.

    So the first page of 250,000 recipients costs what 200 rows cost, whatever the store holds.
    """
    store = await asyncio.to_thread(QueueStore.open, tmp_path)
    where, params = _filters(RowFilter(search="rossi", sender=SENDER, service=""))
    from pecdesk.storage.ledger_sql import _FROM, _ROW_COLUMNS  # noqa: PLC0415

    def plan(c: sqlite3.Connection) -> list[str]:
        return [str(row[3]) for row in c.execute(
            f"EXPLAIN QUERY PLAN SELECT {_ROW_COLUMNS} {_FROM} WHERE {where} "
            "ORDER BY j.id DESC, jr.position LIMIT 200", params)]

    steps = await store.database.run(plan)
    text = "\n".join(steps)
    assert "USE TEMP B-TREE FOR ORDER BY" not in text, text
    assert any("jr USING" in s or "USING PRIMARY KEY" in s for s in steps), text
    assert not any(s.startswith("SCAN d") or s.startswith("SCAN jr") for s in steps), text
    store.close()
