"""The services' events: the observer itself, and what the queue, tracker and Inbox announce."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from pecdesk.app.wiring import open_window_services
from pecdesk.domain.delivery import DeliveryState
from pecdesk.domain.jobs import JobState
from pecdesk.services.events import Events
from pecdesk.storage import QueueStore
from tests.helpers.engine import campaign, engine, sandbox_account
from tests.helpers.sandbox import MAILBOX, SandboxFactory
from tests.helpers.tracking import ledgered


def test_subscribers_hear_events_until_they_unsubscribe() -> None:
    """Each subscription hears every emit, in order, until its handle is called."""
    events = Events()
    heard: list[tuple[str, int, JobState]] = []
    stop_a = events.job_changed.subscribe(lambda job, state: heard.append(("a", job, state)))
    events.job_changed.subscribe(lambda job, state: heard.append(("b", job, state)))
    events.job_changed.emit(7, JobState.SUBMITTED)
    stop_a()
    stop_a()  # twice does nothing
    events.job_changed.emit(8, JobState.FAILED)
    assert heard == [
        ("a", 7, JobState.SUBMITTED), ("b", 7, JobState.SUBMITTED), ("b", 8, JobState.FAILED),
    ]
    assert events.job_changed.subscribers == 1


def test_the_same_callback_twice_is_two_subscriptions() -> None:
    """Subscribing one callback twice calls it twice; each handle removes only its own."""
    events = Events()
    heard: list[int] = []
    first = events.campaign_added.subscribe(heard.append)
    events.campaign_added.subscribe(heard.append)
    events.campaign_added.emit(1)
    first()
    events.campaign_added.emit(2)
    assert heard == [1, 1, 2]


def test_a_failing_subscriber_is_logged_and_the_others_still_run(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """An exception in one callback never reaches the emitter nor stops the next callback."""
    events = Events()
    heard: list[tuple[int, int, tuple[str, ...]]] = []

    def broken(_campaign: int, _job: int, _addresses: tuple[str, ...]) -> None:
        raise ZeroDivisionError

    events.receipt_classified.subscribe(broken)
    events.receipt_classified.subscribe(lambda c, j, a: heard.append((c, j, a)))
    events.receipt_classified.emit(1, 2, ("rossi@pec.it",))
    assert heard == [(1, 2, ("rossi@pec.it",))]
    assert "A subscriber of receipt_classified failed" in caplog.text


@pytest.mark.anyio
async def test_the_queue_announces_campaigns_and_every_job_state(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Enqueueing announces the campaign; each job is announced submitting, then its answer."""
    box = sandbox_factory()
    async with engine(box, tmp_path) as e:
        added: list[int] = []
        moved: list[tuple[int, JobState]] = []
        e.mailbox.events.campaign_added.subscribe(added.append)
        e.mailbox.events.job_changed.subscribe(lambda job, state: moved.append((job, state)))
        assert e.queue.events is e.mailbox.events is e.mailbox.tracker.events
        cid = await e.queue.enqueue(campaign(["rossi@pec.it", "fail.x@pec.it"]))
        await e.queue.run()
        jobs = await e.store.jobs()
    assert added == [cid]
    for job in jobs:
        assert [s for j, s in moved if j == job.id] == [JobState.SUBMITTING, JobState.SUBMITTED]


@pytest.mark.anyio
async def test_cancelling_announces_the_cancelled_jobs(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Jobs cancelled before they leave are announced cancelled."""
    async with engine(sandbox_factory(), tmp_path) as e:
        moved: list[tuple[int, JobState]] = []
        e.mailbox.events.job_changed.subscribe(lambda job, state: moved.append((job, state)))
        cid = await e.queue.enqueue(campaign(["rossi@pec.it"]))
        cancelled = await e.queue.cancel(campaign_ids=[cid])
    assert moved == [(cancelled[0], JobState.CANCELLED)]


@pytest.mark.anyio
async def test_the_tracker_announces_the_receipts_it_files(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Every recipient whose state a receipt changed is announced with its campaign and job."""
    box = sandbox_factory()
    async with ledgered(box, tmp_path) as led:
        heard: list[tuple[int, int, tuple[str, ...]]] = []
        led.tracker.events.receipt_classified.subscribe(lambda c, j, a: heard.append((c, j, a)))
        cid = await led.send(["rossi@pec.it"])
        (job,) = await led.engine.store.jobs()
        await led.track_until_final()
    assert heard and {(c, j) for c, j, _a in heard} == {(cid, job.id)}
    assert {a for _c, _j, addresses in heard for a in addresses} == {"rossi@pec.it"}


@pytest.mark.anyio
async def test_the_inbox_hands_the_receipts_of_its_pages_to_the_tracker(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Listing the mailbox from the service files the receipts found there, with no UI at all."""
    box = sandbox_factory()
    store = await asyncio.to_thread(QueueStore.open, tmp_path)
    services = open_window_services(
        sandbox_account(box), queue_store=store, drafts=None, mail_cache=None
    )
    try:
        assert services.compose is not None and services.sent is not None
        assert services.events is not None
        heard: list[int] = []
        services.events.receipt_classified.subscribe(lambda _c, job, _a: heard.append(job))
        queue = services.compose.queue
        await queue.enqueue(campaign(["rossi@pec.it"], sender=MAILBOX))
        await queue.run()
        (job,) = await store.jobs()
        for _ in range(400):  # the sandbox files the ACCETTAZIONE and CONSEGNA in the inbox
            if len((await services.mail.inbox_page(1)).items) >= 2:
                break
            await asyncio.sleep(0.01)
        page = await services.inbox.server().page(1)
        assert {row.code for row in page.rows} == {job.code}
        overview = await services.sent.overview()
        rows = await services.sent.rows(overview[0].id)
        assert [r.state for r in rows] == [DeliveryState.DELIVERED]
        assert heard and set(heard) == {job.id}
    finally:
        await services.client.aclose()
        await asyncio.to_thread(store.close)
