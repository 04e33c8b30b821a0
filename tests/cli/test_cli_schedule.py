"""`pecdesk queue resume` with scheduled sendings: sends what is due, says what is still ahead."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from pecdesk.cli.common import EXIT_OK
from pecdesk.domain.jobs import service_key
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.storage import NewCampaign, NewJob, QueueStore
from tests.helpers.cli import account_env, pecdesk
from tests.helpers.sandbox import MAILBOX


def schedule(data: Path, box: EmbeddedSandbox, address: str, at: float) -> None:
    """Store a one-PEC campaign to ``address`` scheduled for ``at``, as Send later does."""

    async def add() -> None:
        store = await asyncio.to_thread(QueueStore.open, data)
        try:
            job = NewJob((address,), f"Convocazione {address}", "Testo")
            await store.add_campaign(NewCampaign(
                MAILBOX, job.subject, "Testo", False, (), (job,),
                service=service_key(box.base_url), not_before=at,
            ))
        finally:
            await asyncio.to_thread(store.close)

    asyncio.run(add())


def test_resume_sends_what_is_due_and_names_what_is_scheduled(
    sandbox: EmbeddedSandbox, tmp_path: Path
) -> None:
    """Due: sent; tomorrow's: left queued, named with its time; exit 0 (nothing is wrong)."""
    data = tmp_path / "d"
    tomorrow = time.time() + 86400
    schedule(data, sandbox, "ieri@pec.it", time.time() - 60)
    schedule(data, sandbox, "domani@pec.it", tomorrow)
    done = pecdesk(["queue", "resume", "--data-dir", str(data), "--rate", "500"],
                   account_env(sandbox))
    assert done.code == EXIT_OK, done.out + done.err
    assert [e["recipients"] for e in sandbox.ledger()] == [["ieri@pec.it"]]
    stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(tomorrow))
    assert f"Scheduled: campaign 2, 1 PEC(s) for {stamp}" in done.out
    status = pecdesk(["queue", "status", "--data-dir", str(data)], {})
    assert f"scheduled for {stamp}" in status.out
