"""The command line keeps each queued PEC to its service: test and production never mix."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

from pecdesk.cli.common import EXIT_CANNOT_RUN, EXIT_OK
from pecdesk.domain.jobs import JobState, service_key
from pecdesk.storage import JobRecord, QueueStore
from tests.helpers.cli import account_env, pecdesk
from tests.helpers.sandbox import MAILBOX, SandboxFactory


def jobs_in(data: Path) -> list[JobRecord]:
    """Every job of the store in ``data``."""

    async def read() -> list[JobRecord]:
        store = await asyncio.to_thread(QueueStore.open, data)
        try:
            return await store.jobs()
        finally:
            await asyncio.to_thread(store.close)

    return asyncio.run(read())


def test_resume_on_another_service_leaves_the_jobs_queued_and_says_so(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """PECs queued for the test service stay queued when resumed with a production account."""
    test, production = sandbox_factory(), sandbox_factory()
    data, body = tmp_path / "d", tmp_path / "body.html"
    body.write_text("<p>Gentile cliente.</p>", encoding="utf-8")
    send = ["send", "--data-dir", str(data), "--subject", "Avviso", "--body-file", str(body),
            "--rate", "500", "--to", "a@pec.it", "b@pec.it"]
    stopped = pecdesk(send, account_env(test, password="sbagliata"))
    assert stopped.code == EXIT_CANNOT_RUN  # refused credentials: both jobs stay queued
    assert {job.service for job in jobs_in(data)} == {service_key(test.base_url)}
    resume = ["queue", "resume", "--data-dir", str(data), "--rate", "500"]

    elsewhere = pecdesk(resume, account_env(production))
    assert elsewhere.code == EXIT_OK, elsewhere.err
    assert (f"Left queued: 2 PEC(s) from {MAILBOX} were queued for "
            f"{service_key(test.base_url)}") in elsewhere.out
    assert production.ledger() == []
    assert {job.state for job in jobs_in(data)} == {JobState.QUEUED}
    status = pecdesk(["queue", "status", "--data-dir", str(data)], {})
    assert f"from {MAILBOX} on {service_key(test.base_url)}: 2 queued" in status.out

    home = pecdesk(resume, account_env(test))
    assert home.code == EXIT_OK, home.err
    assert "Left queued" not in home.out
    assert sorted(r for e in test.ledger() for r in e["recipients"]) == ["a@pec.it", "b@pec.it"]
    assert production.ledger() == []


def test_resend_not_sent_keeps_to_the_accounts_service(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """`resend-not-sent` on production re-queues nothing the test service did not send."""
    test, production = sandbox_factory(), sandbox_factory()
    data = tmp_path / "d"

    async def not_sent_on_test() -> None:
        from tests.helpers.engine import campaign  # noqa: PLC0415

        store = await asyncio.to_thread(QueueStore.open, data)
        try:
            bound = replace(campaign(["mario@pec.it"]), service=service_key(test.base_url))
            await store.add_campaign(bound)
            (job,) = await store.jobs()
            await store.claim(job.id)
            await store.recover_interrupted()
            await store.mark_not_sent([job.id], "no receipt")
        finally:
            await asyncio.to_thread(store.close)

    asyncio.run(not_sent_on_test())
    args = ["queue", "resend-not-sent", "--data-dir", str(data), "--rate", "500"]
    on_production = pecdesk(args, account_env(production))
    assert "Re-queued 0" in on_production.out
    assert [job.state for job in jobs_in(data)] == [JobState.NOT_SENT]
    on_test = pecdesk(args, account_env(test))
    assert on_test.code == EXIT_OK and "Re-queued 1" in on_test.out
    assert production.ledger() == []
    assert [e["recipients"] for e in test.ledger()] == [["mario@pec.it"]]
