"""Deleting sendings past retention from this computer: only final ones, only pecdesk's files."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from pecdesk.config.settings import YEAR_SECONDS
from pecdesk.domain.ledger import ArchiveRecord
from pecdesk.services.receipts.archive import Archiver
from pecdesk.services.receipts.forget import OUTSIDE, NotFinalError, StillKeptError
from pecdesk.services.receipts.sent import OtherMailboxError, SentService
from tests.helpers.engine import campaign
from tests.helpers.sandbox import SandboxFactory
from tests.helpers.tracking import Ledgered, ledgered

pytestmark = pytest.mark.anyio


def service(led: Ledgered, folder: Path, *, years_later: float, sender: str = "") -> SentService:
    """The Sent tab's service, one-year retention, its archiver's clock ``years_later`` ahead."""
    mailbox = led.engine.mailbox
    archiver = Archiver(
        ledger=led.ledger,
        store=led.engine.store,
        client=led.engine.client,
        archive_dir=folder,
        retention=YEAR_SECONDS,
        clock=lambda: time.time() + years_later * YEAR_SECONDS,
    )
    return SentService(
        ledger=led.ledger,
        store=led.engine.store,
        tracker=led.tracker,
        archiver=archiver,
        sender=sender or mailbox.sender,
        service=mailbox.service,
        events=mailbox.events,
    )


async def test_deletes_a_final_old_campaign_and_only_its_own_files(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Its history and its ZIP go; another campaign, a file elsewhere and the server stay."""
    box = sandbox_factory(pec_timeout=0.5)
    async with ledgered(box, tmp_path / "data") as led:
        gone = await led.send(["uno@pec.it", "fail.due@pec.it"], subject="Vecchia")
        kept = await led.send(["tre@pec.it"], subject="Altra")
        unarchived = await led.send(["quattro@pec.it"], subject="Mai archiviata")
        await led.track_until_final()
        now = service(led, tmp_path / "archive", years_later=0)
        gone_zip = (await now.archive_and_purge(gone)).path
        kept_zip = (await now.archive_and_purge(kept)).path
        assert gone_zip is not None and kept_zip is not None
        outside = tmp_path / "elsewhere" / "campaign-x.zip"
        outside.parent.mkdir()
        outside.write_bytes(b"not pecdesk's to delete")
        await led.ledger.record_archive(
            ArchiveRecord("X-CODE", gone, str(outside), "", 0.0, None, 0.0)
        )
        codes = [s.code for s in await led.ledger.sendings(campaign_id=gone)]
        (on_server,) = [s.code for s in await led.ledger.sendings(campaign_id=unarchived)]
        removed: list[int] = []
        led.engine.mailbox.events.campaign_removed.subscribe(removed.append)

        later = service(led, tmp_path / "archive", years_later=2)
        report = await later.delete_local([gone, unarchived])

        assert report.campaign_ids == (gone, unarchived) and report.recipients == 3
        assert report.receipts > 0 and report.removed == (gone_zip,)
        assert report.left == ((outside, OUTSIDE),)
        assert sorted(removed) == [gone, unarchived]
        assert await led.engine.client.sending_receipts(on_server) != []  # server not asked
        assert not gone_zip.exists() and kept_zip.is_file() and outside.is_file()
        assert await led.engine.store.jobs(campaign_ids=[gone]) == []
        assert await led.ledger.receipts(gone) == []
        assert await led.ledger.archives(gone) == []
        assert [await led.ledger.sendings(code=code) for code in codes] == [[]] * len(codes)
        assert [c.id for c in await led.ledger.overview()] == [kept]
        assert len(await led.ledger.receipts(kept)) > 0
        assert (tmp_path / "data").is_dir() and any((tmp_path / "data").iterdir())


async def test_refuses_a_recent_or_unfinished_campaign_and_deletes_nothing(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Too recent, not final (waiting, queued) or another mailbox's: refused, all rows stay."""
    box = sandbox_factory(pec_timeout=60.0)
    async with ledgered(box, tmp_path / "data") as led:
        final = await led.engine.store.add_campaign(campaign(["uno@pec.it"], subject="Ritirata"))
        assert await led.engine.store.cancel_queued([final])  # cancelled: final, never sent
        waiting = await led.send(["slow.lento@pec.it"], subject="In attesa")  # no receipt yet
        queued = await led.engine.store.add_campaign(campaign(["mai@pec.it"], subject="Coda"))
        with pytest.raises(StillKeptError) as recent:
            await service(led, tmp_path / "archive", years_later=0).delete_local([final])
        assert f"#{final}" in recent.value.message and "1 years" in recent.value.message
        later = service(led, tmp_path / "archive", years_later=2)
        for open_campaign in (waiting, queued):
            with pytest.raises(NotFinalError) as unfinished:
                await later.delete_local([final, open_campaign])
            assert f"#{open_campaign}" in unfinished.value.message
            assert f"#{final}" not in unfinished.value.message
        with pytest.raises(OtherMailboxError):
            await service(
                led, tmp_path / "archive", years_later=2, sender="altro@pec.it"
            ).delete_local([final])
        assert sorted(c.id for c in await led.ledger.overview()) == sorted([final, waiting, queued])
