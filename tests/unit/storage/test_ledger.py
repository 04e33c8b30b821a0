"""LedgerStore: migrations, recording receipts once, derived states, paging and filters."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from pecdesk.domain.delivery import DeliveryState
from pecdesk.domain.jobs import JobState
from pecdesk.domain.ledger import NewReceipt, Sending
from pecdesk.domain.receipts import ReceiptKind
from pecdesk.storage import Database, NewCampaign, NewJob, Outcome, QueueStore
from pecdesk.storage.ledger import LedgerStore
from pecdesk.storage.queue_schema import QUEUE_MIGRATIONS

pytestmark = pytest.mark.anyio

SENDER = "studio@pec.it"


def receipt(kind: ReceiptKind, address: str, key: str, at: float = 1.0) -> NewReceipt:
    """A synthetic receipt about ``address``."""
    return NewReceipt(key, kind, (address,), f"{kind.value}: x", "", "", at, "send", "{}")


async def submit_all(store: QueueStore, addresses: list[str]) -> int:
    """A campaign of one job per address, every job submitted with code ``C<job id>``."""
    jobs = tuple(NewJob((a,), "Oggetto", "Testo") for a in addresses)
    cid = await store.add_campaign(NewCampaign(SENDER, "Oggetto", "Testo", False, (), jobs))
    for job in await store.jobs(campaign_ids=[cid]):
        attempt = await store.claim(job.id)
        assert attempt is not None
        await store.finish(job.id, attempt, Outcome(JobState.SUBMITTED, code=f"C{job.id}"))
    return cid


def test_migrations_upgrade_an_existing_queue(tmp_path: Path) -> None:
    """A file at the send queue's first schema gains the ledger tables, data intact."""
    path = tmp_path / "q.sqlite3"
    old = Database(path, migrations=QUEUE_MIGRATIONS[:1])
    assert old.schema_version == 1
    old.close()
    store = QueueStore(Database(path, migrations=QUEUE_MIGRATIONS))
    assert store.database.schema_version == len(QUEUE_MIGRATIONS)
    store.close()


async def test_receipts_recorded_once_and_states_derived(tmp_path: Path) -> None:
    """A repeated receipt is ignored; a late weaker one never downgrades; times are kept."""
    store = await asyncio.to_thread(QueueStore.open, tmp_path)
    ledger = LedgerStore(store.database)
    cid = await submit_all(store, ["a@pec.it", "b@pec.it"])
    sendings = await ledger.sendings_to_track()
    assert [s.code for s in sendings] == ["C1", "C2"]
    first: Sending = sendings[0]
    delivered = receipt(ReceiptKind.DELIVERY, "a@pec.it", "k2", at=20.0)
    assert await ledger.ingest(first, [delivered]) == ["a@pec.it"]
    assert await ledger.ingest(first, [delivered]) == []
    late = receipt(ReceiptKind.ACCEPTANCE, "a@pec.it", "k1", at=10.0)
    assert await ledger.ingest(first, [late, receipt(ReceiptKind.TIMEOUT_WARNING,
                                                     "a@pec.it", "k3")]) == ["a@pec.it"]
    (row,) = await ledger.rows(cid, states=[DeliveryState.DELIVERED])
    assert (row.address, row.code, row.accepted_at, row.final_at) == (
        "a@pec.it", "C1", 10.0, 20.0
    )
    assert [s.code for s in await ledger.sendings_to_track()] == ["C2"]
    assert len(await ledger.receipts(cid)) == 3
    (overview,) = await ledger.overview()
    assert overview.counts == {DeliveryState.DELIVERED: 1, DeliveryState.SUBMITTED: 1}
    assert (overview.total, overview.final) == (2, 1)
    store.close()


async def test_paging_search_and_filters(tmp_path: Path) -> None:
    """Rows come in sending order, one page at a time, filtered by state and by text."""
    store = await asyncio.to_thread(QueueStore.open, tmp_path)
    ledger = LedgerStore(store.database)
    addresses = [f"c{n:04d}@pec.it" for n in range(120)]
    jobs = tuple(NewJob((a,), "O", "T") for a in addresses)
    cid = await store.add_campaign(NewCampaign(SENDER, "O", "T", False, (), jobs))
    page = await ledger.rows(cid, offset=50, limit=25)
    assert [r.address for r in page] == addresses[50:75]
    assert {r.state for r in page} == {DeliveryState.QUEUED}
    assert await ledger.count(cid) == 120
    assert await ledger.count(cid, search="c001") == 10
    assert await ledger.count(cid, search="%") == 0
    assert await ledger.count(cid, states=[DeliveryState.DELIVERED]) == 0
    await store.cancel_queued([cid])
    assert await ledger.count(cid, states=[DeliveryState.CANCELLED]) == 120
    assert await ledger.latest_campaign_id() == cid
    store.close()
