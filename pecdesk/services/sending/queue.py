"""SendQueue: the persistent, throttled bulk-send engine (async, Qt-free).

The journal discipline, which is why a PEC is never sent twice and never lost:

1. a job is committed (fsync'd) as *submitting* before its request leaves;
2. the answer is committed before the next request starts;
3. only an answer that proves nothing was committed re-queues the job (the one table in
   :mod:`pecdesk.domain.send_outcome`); anything else — a timeout, a dropped connection, a
   gateway's page, a body that is not a clean answer — makes it *unknown*, and so does finding it
   *submitting* at start-up (the process died mid-request). Unknown jobs wait for
   :mod:`pecdesk.services.receipts.reconcile`, never for an automatic retry.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Collection
from dataclasses import dataclass, replace

from pecdesk.api import PecMassivaClient
from pecdesk.api.exchange import wire_times
from pecdesk.domain.jobs import JobState, queued_for, service_key
from pecdesk.errors import PecError, RateLimitedError
from pecdesk.services.events import Events
from pecdesk.services.sending import outcomes
from pecdesk.services.sending.outcomes import RetryPolicy, Verdict
from pecdesk.services.sending.pacing import Pacer, Wakeup
from pecdesk.services.sending.progress import JobEvent, Progress, ProgressFeed, ProgressTracker
from pecdesk.services.sending.throttle import Throttle
from pecdesk.storage import (
    JobRecord,
    NewCampaign,
    Outcome,
    QueueStore,
    RunnerLock,
    SendPayload,
)

_log = logging.getLogger(__name__)
_RELEASED = Outcome(JobState.QUEUED, reason="", refund_attempt=True)


@dataclass(frozen=True, slots=True)
class RunResult:
    """How a run of the queue ended.

    Attributes:
        counts: jobs by state in the campaigns the run covered.
        campaign_ids: those campaigns.
        paused_reason: why the queue paused itself ("" when it did not).
        stopped: True when :meth:`SendQueue.stop` ended the run early.
    """

    counts: dict[JobState, int]
    campaign_ids: frozenset[int]
    paused_reason: str
    stopped: bool


class SendQueue:
    """Sends queued jobs one request at a time, journaling each before and after.

    The store is shared by every account, so a queue sends only the jobs of campaigns from its
    ``sender`` (case ignored) bound to its ``service``: another account's jobs wait for their own
    account (sent through these credentials, the service would refuse them, after charging for
    them), and jobs queued for the test service never go out on production, nor the reverse.
    :meth:`enqueue` binds each campaign to the queue's service. Campaigns queued before
    campaigns were bound to a service carry none; nothing can tell which service they were
    meant for, so every queue of their mailbox counts them as its own.

    Build it through :func:`pecdesk.app.wiring.open_mailbox`, which gives it the account's
    mailbox and service.

    Attributes:
        feed: the progress stream (subscribe a callback or iterate ``updates()``).
        events: the mailbox's events: campaign added, job changed.
        sender: the PEC address whose jobs this queue sends.
        service: the service it sends them to (:func:`~pecdesk.domain.jobs.service_key`).
    """

    def __init__(
        self,
        *,
        store: QueueStore,
        client: PecMassivaClient,
        throttle: Throttle,
        lock: RunnerLock,
        sender: str,
        service: str,
        policy: RetryPolicy | None = None,
        clock: Callable[[], float] = time.time,
        recheck: Callable[[JobRecord], Awaitable[bool]] | None = None,
        events: Events | None = None,
    ) -> None:
        """Bind the queue to one mailbox on one service.

        Every campaign it enqueues and every state a job takes is announced on ``events``
        (the mailbox's; a fresh one when not given).

        ``recheck`` (:meth:`~pecdesk.services.receipts.reconcile.Reconciler.recheck`) is awaited
        before a job re-queued after "not sent" is claimed: True means the mailbox shows it
        left after all (the re-checker has settled it), so it is not sent again. Without one,
        such jobs leave unchecked.

        Raises:
            ValueError: ``sender`` or ``service`` is empty.
        """
        if not sender.strip() or not service_key(service):
            msg = "a send queue needs its mailbox and its service"
            raise ValueError(msg)
        self.sender = sender
        self.service = service_key(service)
        self._store = store
        self._client = client
        self._throttle = throttle
        self._lock = lock
        self._policy = policy or RetryPolicy()
        self._clock = clock
        self._recheck = recheck
        self.events = events if events is not None else Events()
        self.feed = ProgressFeed()
        self._tracker = ProgressTracker(interval=throttle.interval)
        self._scope: set[int] = set()
        self._uncounted: set[int] = set()  # campaigns left out of the progress (test sends)
        self._held: set[int] = set()  # scheduled campaigns held until the person says so
        self._wakeup = Wakeup()
        self._pacer = Pacer(throttle, self._wakeup)
        self._running = self._paused = self._stop = False
        self._pause_reason = ""
        self._pause_error: PecError | None = None
        self._resume_at = 0.0
        self._current = ""

    # -- control -----------------------------------------------------------------------------

    @property
    def paused(self) -> bool:
        """Whether no new request will start until :meth:`resume`."""
        return self._paused

    def subscribe(self, callback: Callable[[Progress], None]) -> Callable[[], None]:
        """Call ``callback`` with every progress snapshot; returns the unsubscriber."""
        return self.feed.subscribe(callback)

    def updates(self) -> AsyncIterator[Progress]:
        """Progress snapshots until the current run ends."""
        return self.feed.updates()

    def pause(
        self, reason: str = "", error: PecError | None = None, resume_at: float = 0.0
    ) -> None:
        """Start no new request (the one in flight finishes and is journaled).

        Args:
            reason: why the queue paused itself ("" when someone paused it).
            error: the error behind ``reason``, if one is.
            resume_at: POSIX time (this queue's clock) to resume by itself; 0 waits for
                :meth:`resume`.
        """
        self._paused, self._pause_reason, self._pause_error = True, reason, error
        self._resume_at = resume_at
        self._poke()

    def resume(self) -> None:
        """Start requests again, still spaced by the throttle (no burst)."""
        self._paused, self._pause_reason, self._pause_error = False, "", None
        self._resume_at = 0.0
        self._poke()

    @property
    def running(self) -> bool:
        """Whether :meth:`run` is in progress."""
        return self._running

    def stop(self) -> None:
        """End the current run once the request in flight (if any) is journaled.

        Does nothing when no run is in progress.
        """
        if self._running:
            self._stop = True
            self._poke()

    def owns(self, sender: str, service: str) -> bool:
        """Whether this queue sends the jobs of campaigns from ``sender`` to ``service``."""
        return queued_for(sender, service, mailbox=self.sender, on=self.service)

    async def _queued(self, campaign_ids: Collection[int] | None = None) -> list[JobRecord]:
        """This queue's queued jobs (of the campaigns given)."""
        jobs = await self._store.jobs(states=[JobState.QUEUED], campaign_ids=campaign_ids)
        return [job for job in jobs if self.owns(job.sender, job.service)]

    async def waiting(self) -> dict[int, int]:
        """This queue's jobs due and queued, by campaign id (left by an earlier session...).

        Jobs of campaigns scheduled for later, or held (:meth:`hold`), are not waiting.
        """
        counts: dict[int, int] = {}
        now = self._clock()
        for job in await self._queued():
            if job.not_before <= now and job.campaign_id not in self._held:
                counts[job.campaign_id] = counts.get(job.campaign_id, 0) + 1
        return counts

    @property
    def held(self) -> frozenset[int]:
        """The scheduled campaigns held back (see :meth:`hold`)."""
        return frozenset(self._held)

    def hold(self, campaign_ids: Collection[int]) -> None:
        """Claim no job of these campaigns, due or not, until :meth:`release` (this session).

        For the scheduled sendings whose time passed while pecdesk was closed: they wait for
        the person's word, not for the next run.
        """
        self._held |= set(campaign_ids)
        self._poke()

    def release(self, campaign_ids: Collection[int] | None = None) -> None:
        """Let held campaigns (those given, or all) go out once due."""
        self._held -= self._held if campaign_ids is None else set(campaign_ids)
        self._poke()

    async def enqueue(self, campaign: NewCampaign, *, counted: bool = True) -> int:
        """Store a campaign bound to this queue's service; a running queue picks its jobs up.

        Args:
            campaign: the campaign.
            counted: False leaves it out of the progress snapshots (a test send is not part
                of the sending the bar shows).

        Returns:
            The campaign id.

        Raises:
            ValueError: the campaign is from another sender than this queue's, or bound to
                another service.
        """
        if campaign.service and service_key(campaign.service) != self.service:
            msg = f"this queue sends to {self.service}, not {campaign.service}"
            raise ValueError(msg)
        if not self.owns(campaign.sender, self.service):
            msg = f"this queue sends from {self.sender}, not {campaign.sender}"
            raise ValueError(msg)
        campaign_id = await self._store.add_campaign(replace(campaign, service=self.service))
        if campaign.not_before <= self._clock():  # a scheduled one joins the run it goes in
            (self._scope if counted else self._uncounted).add(campaign_id)
        await self._recount()
        self._poke()
        self.events.campaign_added.emit(campaign_id)
        return campaign_id

    async def cancel(
        self, *, job_ids: Collection[int] | None = None, campaign_ids: Collection[int] | None = None
    ) -> list[int]:
        """Cancel this queue's queued jobs (those given, of the campaigns given, or all); ids.

        Jobs in flight or already answered are not touched, nor the jobs of another mailbox
        or service.
        """
        own = await self._queued(campaign_ids)
        wanted = None if job_ids is None else set(job_ids)
        cancelled = await self._store.cancel(
            [job.id for job in own if wanted is None or job.id in wanted]
        )
        await self._recount()
        for job_id in cancelled:
            self.events.job_changed.emit(job_id, JobState.CANCELLED)
        return cancelled

    # -- the run -----------------------------------------------------------------------------

    async def run(self, *, stop_on_pause: bool = False) -> RunResult:
        """Send until nothing is due, recovering interrupted jobs first.

        Args:
            stop_on_pause: return when the queue pauses itself (the command line wants this;
                the GUI keeps the run alive so the user can fix things and resume).

        Raises:
            StorageError: the store is in use by another process, or cannot be written.
        """
        if self._running:
            msg = "the send queue is already running"
            raise RuntimeError(msg)
        self._lock.acquire()
        self._running, self._stop = True, False
        try:
            recovered = await self._store.recover_interrupted()
            if recovered:
                _log.warning("%d job(s) were interrupted mid-request: now unknown", len(recovered))
            for job_id in recovered:
                self.events.job_changed.emit(job_id, JobState.UNKNOWN)
            self._throttle.seed(await self._store.last_request_at(), self._clock())
            open_campaigns = await self._store.campaigns(only_open=True)
            now = self._clock()
            self._scope |= {c.id for c in open_campaigns if self.owns(c.sender, c.service)
                            and c.scheduled_at(now) is None and c.id not in self._held}
            self._scope -= self._uncounted
            await self._recount()
            await self._loop(stop_on_pause)
        finally:
            self._running, self._current = False, ""
            self._lock.release()
            self._publish()
            self.feed.end()
        counts = await self._store.counts(self._scope)
        return RunResult(counts, frozenset(self._scope), self._pause_reason, self._stop)

    async def _loop(self, stop_on_pause: bool) -> None:
        while not self._stop:
            generation = self._wakeup.generation
            if self._paused:
                if stop_on_pause:
                    return
                if self._resume_at and self._clock() >= self._resume_at:
                    _log.info("The pause for the daily limit is over: sending again")
                    self.resume()
                    continue
                # Checked at least once a minute: a suspended laptop's timers run late.
                left = self._resume_at - self._clock() if self._resume_at else None
                await self._wakeup.wait(None if left is None else min(left, 60.0), generation)
                continue
            job = await self._store.next_queued(
                self.sender, self.service, due_by=self._clock(), skip=self._held
            )
            if self._wakeup.generation != generation:
                continue  # paused, stopped or enqueued meanwhile: look again
            if job is None:
                return
            backoff = job.next_attempt_at - self._clock()
            if backoff > 0:
                await self._wakeup.wait(backoff, generation)
                continue
            await self._send(job)

    async def _send(self, job: JobRecord) -> None:
        """Re-check if asked, claim, wait for the throttle, send and journal one job."""
        if job.campaign_id not in self._scope | self._uncounted:  # scheduled, now due
            self._scope.add(job.campaign_id)
            await self._recount()
        if job.recheck and self._recheck is not None and await self._rechecked(job, self._recheck):
            return
        payload = await self._store.load_payload(job.id)
        attempt = await self._claim(job)
        if attempt is None:
            return
        self._current = ", ".join(job.recipients)
        self._publish()
        verdict = await self._post(job, attempt, payload)
        self._current = ""
        await self._journal(job, attempt, verdict)

    async def _rechecked(
        self, job: JobRecord, recheck: Callable[[JobRecord], Awaitable[bool]]
    ) -> bool:
        """Whether the re-checker kept a re-queued job from leaving (found its receipt).

        A mailbox that cannot be read pauses the queue: the job must not leave unchecked, and
        looking again at once would only fail again.
        """
        try:
            settled = await recheck(job)
        except PecError as error:
            self.pause(error.message, error)
            return True
        if settled:
            await self._recount()
            found = await self._store.jobs(job_ids=[job.id])
            after = found[0] if found else job
            self._publish(JobEvent(job.id, job.recipients, after.state, after.code, after.reason))
            self.events.job_changed.emit(job.id, after.state)
        return settled

    async def _claim(self, job: JobRecord) -> int | None:
        """Journal the job *submitting* just before its slot; the attempt id, or None.

        None when the queue was paused or stopped first, or the job was cancelled meanwhile.
        """
        if not await self._pacer.near_slot(lambda: self._paused or self._stop):
            return None
        started = time.monotonic()
        planned = self._clock() + self._throttle.delay()
        attempt = await self._store.claim(
            job.id, start_at=planned, clock_offset=self._client.clock_offset
        )
        self._pacer.claimed(time.monotonic() - started)
        if attempt is None:
            return None
        self._tracker.move(JobState.QUEUED, JobState.SUBMITTING,
                           counted=job.campaign_id not in self._uncounted)
        self.events.job_changed.emit(job.id, JobState.SUBMITTING)
        try:
            await self._pacer.at_slot()
        except asyncio.CancelledError:
            await self._journal(job, attempt, Verdict(_RELEASED))  # it never left
            raise
        if self._paused or self._stop:
            await self._journal(job, attempt, Verdict(_RELEASED))
            return None
        return attempt

    async def _post(self, job: JobRecord, attempt: int, payload: SendPayload) -> Verdict:
        """Send the request (the job is on disk as submitting) and judge the answer."""
        self._throttle.started()
        try:
            with wire_times(self._throttle.clock) as wire:  # the throttle paces on these
                result = await self._client.send(
                    payload.payload.sender,
                    list(payload.payload.recipients),
                    payload.payload.subject,
                    payload.payload.body,
                    [(a.name, a.content) for a in payload.attachments],
                )
        except PecError as error:
            self._throttle.answered(wire.sent, wire.answered)
            return self._refused(error, job)
        except BaseException:
            # Cancelled or a bug, with the request possibly out: never leave it re-sendable.
            unknown = Outcome(JobState.UNKNOWN, reason="interrupted while being sent")
            await self._journal(job, attempt, Verdict(unknown))
            raise
        self._throttle.answered(wire.sent, wire.answered)
        return outcomes.accepted(result)

    def _refused(self, error: PecError, job: JobRecord) -> Verdict:
        retry_after = 0.0
        if isinstance(error, RateLimitedError):
            retry_after = self._throttle.rate_limited(error.retry_after)
        return outcomes.refused(
            error, attempts=job.attempts + 1, policy=self._policy, now=self._clock(),
            retry_after=retry_after,
        )

    async def _journal(self, job: JobRecord, attempt: int, verdict: Verdict) -> None:
        """Write the answer (shielded: a cancellation does not interrupt the commit)."""
        outcome = verdict.outcome
        await self._store.finish(job.id, attempt, outcome)
        self._tracker.move(JobState.SUBMITTING, outcome.state,
                           counted=job.campaign_id not in self._uncounted)
        if verdict.hold:
            self._throttle.hold(verdict.hold)
        if verdict.pause_reason:
            self.pause(verdict.pause_reason, verdict.pause_error, verdict.resume_at)
        event = None
        if outcome.state is not JobState.QUEUED or outcome.reason:
            event = JobEvent(job.id, job.recipients, outcome.state, outcome.code, outcome.reason)
        self._publish(event)
        self.events.job_changed.emit(job.id, outcome.state)

    def _poke(self) -> None:
        self._wakeup.poke()
        self._publish()

    async def _recount(self) -> None:
        self._tracker.reset(await self._store.counts(self._scope))
        self._publish()

    def _publish(self, event: JobEvent | None = None) -> None:
        self._tracker.interval = self._throttle.interval
        self.feed.publish(
            self._tracker.snapshot(
                current=self._current, running=self._running, paused=self._paused,
                pause_reason=self._pause_reason, pause_error=self._pause_error,
                resume_at=self._resume_at or None, event=event,
            )
        )
