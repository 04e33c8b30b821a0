"""SendQueue: the persistent, throttled bulk-send engine (async, Qt-free).

The queue is what the window and the command line hold: it binds the jobs to one mailbox on
one service, takes campaigns in, cancels, pauses, resumes and holds them, recovers at start-up
the jobs a dead process left mid-request, and picks the next job due. Taking that job out,
under the journal discipline that keeps a PEC from being sent twice or lost, is the courier's
job (:mod:`pecdesk.services.sending.courier`); the state both share, and the progress it
shows, is in :mod:`pecdesk.services.sending.run_state`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Collection
from dataclasses import dataclass, replace

from pecdesk.api import PecMassivaClient
from pecdesk.domain.jobs import JobState, queued_for, service_key
from pecdesk.errors import PecError
from pecdesk.services.events import Events
from pecdesk.services.sending.courier import Courier
from pecdesk.services.sending.outcomes import RetryPolicy
from pecdesk.services.sending.progress import Progress, ProgressFeed
from pecdesk.services.sending.run_state import RunState
from pecdesk.services.sending.throttle import Throttle
from pecdesk.storage import JobRecord, NewCampaign, QueueStore, RunnerLock

_log = logging.getLogger(__name__)


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
        self._throttle = throttle
        self._lock = lock
        self._clock = clock
        self.events = events if events is not None else Events()
        self._state = RunState(throttle)
        self._courier = Courier(
            store=store,
            client=client,
            throttle=throttle,
            policy=policy or RetryPolicy(),
            clock=clock,
            recheck=recheck,
            state=self._state,
            events=self.events,
        )

    # -- control -----------------------------------------------------------------------------

    @property
    def feed(self) -> ProgressFeed:
        """The progress stream (subscribe a callback or iterate ``updates()``)."""
        return self._state.feed

    @property
    def paused(self) -> bool:
        """Whether no new request will start until :meth:`resume`."""
        return self._state.paused

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
        self._state.pause(reason, error, resume_at)

    def resume(self) -> None:
        """Start requests again, still spaced by the throttle (no burst)."""
        self._state.resume()

    @property
    def running(self) -> bool:
        """Whether :meth:`run` is in progress."""
        return self._state.running

    def stop(self) -> None:
        """End the current run once the request in flight (if any) is journaled.

        Does nothing when no run is in progress.
        """
        self._state.stop()

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
            if job.not_before <= now and job.campaign_id not in self._state.held:
                counts[job.campaign_id] = counts.get(job.campaign_id, 0) + 1
        return counts

    @property
    def held(self) -> frozenset[int]:
        """The scheduled campaigns held back (see :meth:`hold`)."""
        return frozenset(self._state.held)

    def hold(self, campaign_ids: Collection[int]) -> None:
        """Claim no job of these campaigns, due or not, until :meth:`release` (this session).

        For the scheduled sendings whose time passed while pecdesk was closed: they wait for
        the person's word, not for the next run.
        """
        self._state.hold(campaign_ids)

    def release(self, campaign_ids: Collection[int] | None = None) -> None:
        """Let held campaigns (those given, or all) go out once due."""
        self._state.release(campaign_ids)

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
            self._state.join(campaign_id, counted=counted)
        await self._state.recount(self._store)
        self._state.poke()
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
        await self._state.recount(self._store)
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
        state = self._state
        if state.running:
            msg = "the send queue is already running"
            raise RuntimeError(msg)
        self._lock.acquire()
        state.running, state.stopping = True, False
        try:
            await self._recover()
            await self._loop(stop_on_pause)
        finally:
            state.running, state.current = False, ""
            self._lock.release()
            state.publish()
            state.feed.end()
        counts = await self._store.counts(state.scope)
        return RunResult(counts, frozenset(state.scope), state.pause_reason, state.stopping)

    async def _recover(self) -> None:
        """Make jobs left *submitting* unknown (the process died mid-request); set the scope."""
        recovered = await self._store.recover_interrupted()
        if recovered:
            _log.warning("%d job(s) were interrupted mid-request: now unknown", len(recovered))
        for job_id in recovered:
            self.events.job_changed.emit(job_id, JobState.UNKNOWN)
        self._throttle.seed(await self._store.last_request_at(), self._clock())
        open_campaigns = await self._store.campaigns(only_open=True)
        now, state = self._clock(), self._state
        state.scope |= {
            c.id
            for c in open_campaigns
            if self.owns(c.sender, c.service)
            and c.scheduled_at(now) is None
            and c.id not in state.held
        }
        state.scope -= state.uncounted
        await state.recount(self._store)

    async def _loop(self, stop_on_pause: bool) -> None:
        state = self._state
        while not state.stopping:
            generation = state.wakeup.generation
            if state.paused:
                if stop_on_pause:
                    return
                if state.resume_at and self._clock() >= state.resume_at:
                    _log.info("The pause for the daily limit is over: sending again")
                    state.resume()
                    continue
                # Checked at least once a minute: a suspended laptop's timers run late.
                left = state.resume_at - self._clock() if state.resume_at else None
                await state.wakeup.wait(None if left is None else min(left, 60.0), generation)
                continue
            job = await self._store.next_queued(
                self.sender, self.service, due_by=self._clock(), skip=state.held
            )
            if state.wakeup.generation != generation:
                continue  # paused, stopped or enqueued meanwhile: look again
            if job is None:
                return
            backoff = job.next_attempt_at - self._clock()
            if backoff > 0:
                await state.wakeup.wait(backoff, generation)
                continue
            await self._courier.send(job)
