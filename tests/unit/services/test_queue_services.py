"""A queue sends only to its own service: two sandboxes are the test service and production.

The bug this guards against: PECs left queued for the test service went out on the production
service at the next run, because the queue store is shared and a queue kept only to its sender.
"""

from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path

import pytest

from pecdesk.app.wiring import BUILTIN_SERVICE, open_mailbox, service_of
from pecdesk.domain.jobs import JobState, service_key
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.receipts.sent import OtherMailboxError
from pecdesk.services.sending.queue import SendQueue
from pecdesk.services.sending.throttle import Throttle
from pecdesk.storage import QueueStore
from tests.helpers.engine import (
    FAST_RETRY,
    campaign,
    ledger_recipients,
    recipients,
    sandbox_account,
    states,
)
from tests.helpers.sandbox import MAILBOX, SandboxFactory

pytestmark = pytest.mark.anyio


def two_services(sandbox_factory: SandboxFactory) -> tuple[EmbeddedSandbox, EmbeddedSandbox]:
    """The "test" and the "production" service: same token and mailbox, different base URLs."""
    return sandbox_factory(), sandbox_factory()


async def test_jobs_left_for_one_service_are_sent_only_by_that_services_queue(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Queued on the test service, left there: production's queue neither sends nor cancels them."""
    test, production = two_services(sandbox_factory)
    addresses = recipients(3)
    store = await asyncio.to_thread(QueueStore.open, tmp_path)
    try:
        async with open_mailbox(sandbox_account(test), store, policy=FAST_RETRY) as on_test:
            left = await on_test.queue.enqueue(campaign(addresses))
        (summary,) = await store.campaigns()
        assert summary.service == service_key(test.base_url)
        async with open_mailbox(sandbox_account(production), store) as on_production:
            assert await on_production.queue.waiting() == {}
            assert await on_production.queue.cancel() == []
            result = await on_production.queue.run()
            assert result.campaign_ids == frozenset()
        assert await states(store) == {JobState.QUEUED: 3}
        async with open_mailbox(sandbox_account(test), store) as on_test:
            assert await on_test.queue.waiting() == {left: 3}
            result = await on_test.queue.run()
        assert result.counts == {JobState.SUBMITTED: 3}
    finally:
        await asyncio.to_thread(store.close)
    assert production.ledger() == []
    assert ledger_recipients(test) == {address: 1 for address in addresses}


async def test_jobs_queued_before_services_were_stored_go_with_their_mailbox(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """A campaign with no service (an older pecdesk queued it) is any service's of its mailbox."""
    test, production = two_services(sandbox_factory)
    store = await asyncio.to_thread(QueueStore.open, tmp_path)
    try:
        older = await store.add_campaign(campaign(["mario@pec.it"]))  # service ""
        async with open_mailbox(sandbox_account(production), store) as on_production:
            assert await on_production.queue.waiting() == {older: 1}
            result = await on_production.queue.run()
        assert result.counts == {JobState.SUBMITTED: 1}
    finally:
        await asyncio.to_thread(store.close)
    assert test.ledger() == []
    assert [entry["recipients"] for entry in production.ledger()] == [["mario@pec.it"]]


async def test_enqueue_binds_the_campaign_to_the_queues_service(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Enqueueing stamps the queue's service, however its URL is written; another's is refused."""
    test, production = two_services(sandbox_factory)
    sloppy = dataclasses.replace(sandbox_account(test), base_url=test.base_url.upper() + "/")
    store = await asyncio.to_thread(QueueStore.open, tmp_path)
    try:
        async with open_mailbox(sloppy, store) as on_test:
            await on_test.queue.enqueue(campaign(["a@pec.it"]))
            meant_for_production = dataclasses.replace(
                campaign(["b@pec.it"]), service=service_key(production.base_url)
            )
            with pytest.raises(ValueError, match="sends to"):
                await on_test.queue.enqueue(meant_for_production)
        assert [c.service for c in await store.campaigns()] == [service_key(test.base_url)]
        assert [job.service for job in await store.jobs()] == [service_key(test.base_url)]
    finally:
        await asyncio.to_thread(store.close)


@pytest.mark.parametrize(
    ("sender", "service"), [("", "https://x.it"), (" ", "https://x.it"), (MAILBOX, "")]
)
def test_a_queue_needs_its_mailbox_and_its_service(
    tmp_path: Path, sender: str, service: str
) -> None:
    """There is no queue for "every mailbox" or "every service" any more."""
    store = QueueStore.open(tmp_path)
    try:
        mailbox = open_mailbox(sandbox_account("https://x.it"), store)
        with pytest.raises(ValueError, match="mailbox and its service"):
            SendQueue(store=store, client=mailbox.client, throttle=Throttle(1.0),
                      lock=store.runner_lock(), sender=sender, service=service)
        asyncio.run(mailbox.aclose())
    finally:
        store.close()


async def test_receipts_are_asked_of_the_service_that_sent(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """A sending code names a sending on one service: production never polls the test's codes."""
    test, production = two_services(sandbox_factory)
    store = await asyncio.to_thread(QueueStore.open, tmp_path)
    try:
        async with open_mailbox(sandbox_account(test), store) as on_test:
            await on_test.queue.enqueue(campaign(["mario@pec.it"]))
            await on_test.queue.run()
            (code,) = [entry["message_id"] for entry in test.ledger()]
            assert (await on_test.tracker.refresh()).polled == [code]
        async with open_mailbox(sandbox_account(production), store) as on_production:
            assert (await on_production.tracker.refresh()).polled == []
    finally:
        await asyncio.to_thread(store.close)


async def test_the_builtin_sandbox_is_one_service_whatever_its_port(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Left queued on the built-in sandbox, a PEC is still its own after a restart on a new port."""
    before, after = two_services(sandbox_factory)  # the same sandbox, started twice
    builtin = [
        dataclasses.replace(sandbox_account(box), is_builtin_sandbox=True)
        for box in (before, after)
    ]
    assert service_of(builtin[0]) == service_of(builtin[1]) == BUILTIN_SERVICE
    assert service_of(sandbox_account(before)) != service_of(sandbox_account(after))
    store = await asyncio.to_thread(QueueStore.open, tmp_path)
    try:
        async with open_mailbox(builtin[0], store) as first_run:
            left = await first_run.queue.enqueue(campaign(["mario@pec.it"]))
        async with open_mailbox(builtin[1], store) as next_run:
            assert await next_run.queue.waiting() == {left: 1}
            assert (await next_run.queue.run()).counts == {JobState.SUBMITTED: 1}
    finally:
        await asyncio.to_thread(store.close)
    assert before.ledger() == [] and len(after.ledger()) == 1


async def test_the_sent_view_keeps_to_its_service(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Production's Sent view neither lists nor acts on the test service's sending."""
    test, production = two_services(sandbox_factory)
    store = await asyncio.to_thread(QueueStore.open, tmp_path)
    try:
        async with open_mailbox(sandbox_account(test), store) as on_test:
            sent_on_test = await on_test.queue.enqueue(campaign(["mario@pec.it"]))
            await on_test.queue.run()
            assert [c.id for c in await on_test.sent_service().overview()] == [sent_on_test]
        async with open_mailbox(sandbox_account(production), store) as on_production:
            sent = on_production.sent_service()
            assert await sent.overview() == []
            with pytest.raises(OtherMailboxError):
                await sent.retry_temporary(sent_on_test)
            with pytest.raises(OtherMailboxError):
                await sent.archive_and_purge(sent_on_test)
    finally:
        await asyncio.to_thread(store.close)
    assert production.ledger() == []
