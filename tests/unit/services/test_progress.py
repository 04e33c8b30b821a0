"""The progress stream: only the campaign is counted, and a pause does not skew the ETA."""

from __future__ import annotations

from pathlib import Path

import pytest

from pecdesk.domain.jobs import JobState
from pecdesk.services.sending.progress import Progress, ProgressTracker
from tests.helpers.engine import campaign, engine, recipients
from tests.helpers.sandbox import MAILBOX, SandboxFactory


class Clock:
    """A hand-driven monotonic clock."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def answer(tracker: ProgressTracker, clock: Clock, at: float) -> None:
    """One queued job leaves and is answered at ``at``."""
    clock.now = at
    tracker.move(JobState.QUEUED, JobState.SUBMITTING)
    tracker.move(JobState.SUBMITTING, JobState.SUBMITTED)


def snap(tracker: ProgressTracker, *, paused: bool) -> Progress:
    """A snapshot of a running queue."""
    return tracker.snapshot(current="", running=True, paused=paused, pause_reason="")


def test_eta_right_after_a_pause_ignores_the_rate_from_before() -> None:
    """A ten-minute pause neither slows the measured rate nor stretches the ETA after Resume."""
    clock = Clock()
    tracker = ProgressTracker(interval=2.0, clock=clock)
    tracker.reset({JobState.QUEUED: 20})
    for at in range(5):
        answer(tracker, clock, float(at))
    before = snap(tracker, paused=False)
    assert before.rate == 1.0 and before.eta_seconds == 15.0
    assert snap(tracker, paused=True).paused
    clock.now = 604.0
    resumed = snap(tracker, paused=False)
    assert resumed.rate == 0.0
    assert resumed.eta_seconds == 15 * 2.0  # the throttle's interval until there is new data
    answer(tracker, clock, 605.0)
    first = snap(tracker, paused=False)
    assert first.eta_seconds == 14 * 2.0  # not 14 / (6 / 605 s) ≈ 1,400 s
    answer(tracker, clock, 606.0)
    second = snap(tracker, paused=False)
    assert second.rate == 1.0 and second.eta_seconds == 13.0


def test_a_job_outside_the_progress_moves_no_count() -> None:
    """``counted=False`` (a test send) changes neither the counts nor the rate."""
    clock = Clock()
    tracker = ProgressTracker(interval=1.0, clock=clock)
    tracker.reset({JobState.QUEUED: 3})
    for at in (1.0, 2.0):
        clock.now = at
        tracker.move(JobState.QUEUED, JobState.SUBMITTING, counted=False)
        tracker.move(JobState.SUBMITTING, JobState.SUBMITTED, counted=False)
    progress = snap(tracker, paused=False)
    assert (progress.done, progress.total, progress.rate) == (0, 3, 0.0)


@pytest.mark.anyio
async def test_the_test_send_is_not_in_the_progress(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """A test send queued with ``counted=False`` leaves; the snapshots count the campaign only."""
    box = sandbox_factory()
    async with engine(box, tmp_path, rate=200.0) as e:
        seen: list[Progress] = []
        e.queue.subscribe(seen.append)
        await e.queue.enqueue(campaign([MAILBOX], subject="[TEST] Avviso"), counted=False)
        await e.queue.enqueue(campaign(recipients(5)))
        await e.queue.run()
    assert len(box.ledger()) == 6
    assert {s.total for s in seen} == {0, 5}  # 0 only before the campaign was queued
    assert max(s.done for s in seen) == 5
    last = seen[-1]
    assert (last.done, last.total, last.counts[JobState.SUBMITTED]) == (5, 5, 5)
