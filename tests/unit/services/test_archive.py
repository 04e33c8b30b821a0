"""Archive-then-purge: the local copy is complete and verified before the server is emptied."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from pecdesk.domain.delivery import DeliveryState
from pecdesk.errors import NotFoundError
from pecdesk.services.receipts.archive import Archiver
from pecdesk.services.receipts.evidence import verify_zip
from pecdesk.storage.ledger import TEN_YEARS
from tests.helpers.sandbox import SandboxFactory
from tests.helpers.tracking import Ledgered, ledgered

pytestmark = pytest.mark.anyio


def archiver(led: Ledgered, folder: Path) -> Archiver:
    """An archiver over the test engine."""
    return Archiver(
        ledger=led.ledger, store=led.engine.store, client=led.engine.client, archive_dir=folder
    )


async def test_archive_then_purge(sandbox_factory: SandboxFactory, tmp_path: Path) -> None:
    """The ZIP verifies and holds every receipt; then the server has nothing for the codes."""
    box = sandbox_factory(pec_timeout=0.5)
    async with ledgered(box, tmp_path / "data") as led:
        cid = await led.send(["uno@pec.it", "fail.due@pec.it"])
        await led.track_until_final()
        codes = [s.code for s in await led.ledger.sendings(campaign_id=cid)]
        before = {c: len(await led.engine.client.sending_receipts(c)) for c in codes}
        report = await archiver(led, tmp_path / "archive").archive_and_purge(cid)
        assert sorted(report.purged) == sorted(codes)
        assert report.kept == []
        assert report.path is not None and verify_zip(report.path) == []
        with zipfile.ZipFile(report.path) as archive:
            receipts = json.loads(archive.read("receipts.json"))
        assert len(receipts) == sum(before.values())
        for code in codes:
            assert await led.engine.client.sending_receipts(code) == []
            with pytest.raises(NotFoundError):
                await led.engine.client.delete_sending(code)
        # The ledger keeps its states and stops polling the purged codes.
        assert await led.states(cid) == {
            "uno@pec.it": DeliveryState.DELIVERED, "fail.due@pec.it": DeliveryState.FAILED,
        }
        assert await led.ledger.sendings_to_track() == []
        records = await led.ledger.archives(cid)
        assert {r.code for r in records} == set(codes)
        assert all(r.purged_at and r.keep_until - r.archived_at == TEN_YEARS for r in records)
        again = await archiver(led, tmp_path / "archive").archive_and_purge(cid)
        assert again.purged == [] and again.path is None


async def test_pending_sendings_stay_on_the_server(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """A sending with a recipient not yet final is not purged unless asked."""
    box = sandbox_factory(pec_timeout=60.0)
    async with ledgered(box, tmp_path / "data") as led:
        cid = await led.send(["slow.lento@pec.it"])
        (sending,) = await led.ledger.sendings(campaign_id=cid)
        report = await archiver(led, tmp_path / "archive").archive_and_purge(cid)
        assert report.purged == [] and [c for c, _ in report.kept] == [sending.code]
