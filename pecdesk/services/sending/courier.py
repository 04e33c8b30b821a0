"""Taking one job out under the journal discipline: claimed, posted, judged, journaled.

This is where a PEC is kept from being sent twice or lost:

1. a job is committed (fsync'd) as *submitting* before its request leaves;
2. the answer is committed before the next request starts;
3. only an answer that proves nothing was committed re-queues the job (the one table in
   :mod:`pecdesk.domain.send_outcome`); anything else — a timeout, a dropped connection, a
   gateway's page, a body that is not a clean answer — makes it *unknown*. Unknown jobs wait
   for :mod:`pecdesk.services.receipts.reconcile`, never for an automatic retry.

The send queue (:mod:`pecdesk.services.sending.queue`) decides which job is next and when the
run ends; the courier does the rest for that one job, so the discipline reads in one place.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

from pecdesk.api import PecMassivaClient
from pecdesk.api.exchange import wire_times
from pecdesk.domain.jobs import JobState
from pecdesk.errors import PecError, RateLimitedError
from pecdesk.services.events import Events
from pecdesk.services.sending import outcomes
from pecdesk.services.sending.outcomes import RetryPolicy, Verdict
from pecdesk.services.sending.pacing import Pacer
from pecdesk.services.sending.progress import JobEvent
from pecdesk.services.sending.run_state import RunState
from pecdesk.services.sending.throttle import Throttle
from pecdesk.storage import JobRecord, Outcome, QueueStore, SendPayload

_RELEASED = Outcome(JobState.QUEUED, reason="", refund_attempt=True)


class Courier:
    """Sends one job at a time for a send queue, journaling it before and after."""

    def __init__(
        self,
        *,
        store: QueueStore,
        client: PecMassivaClient,
        throttle: Throttle,
        policy: RetryPolicy,
        clock: Callable[[], float],
        recheck: Callable[[JobRecord], Awaitable[bool]] | None,
        state: RunState,
        events: Events,
    ) -> None:
        """Work for the queue whose run is ``state``, announcing each state on ``events``.

        ``recheck`` is :class:`~pecdesk.services.sending.queue.SendQueue`'s (see there).
        """
        self._store = store
        self._client = client
        self._throttle = throttle
        self._policy = policy
        self._clock = clock
        self._recheck = recheck
        self._state = state
        self._events = events
        self._pacer = Pacer(throttle, state.wakeup)

    async def send(self, job: JobRecord) -> None:
        """Re-check if asked, claim, wait for the throttle, send and journal one job."""
        state = self._state
        if not state.covers(job.campaign_id):  # scheduled, now due
            state.join(job.campaign_id)
            await state.recount(self._store)
        if job.recheck and self._recheck is not None and await self._rechecked(job, self._recheck):
            return
        payload = await self._store.load_payload(job.id)
        attempt = await self._claim(job)
        if attempt is None:
            return
        state.current = ", ".join(job.recipients)
        state.publish()
        verdict = await self._post(job, attempt, payload)
        state.current = ""
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
            self._state.pause(error.message, error)
            return True
        if settled:
            await self._state.recount(self._store)
            found = await self._store.jobs(job_ids=[job.id])
            after = found[0] if found else job
            self._state.publish(
                JobEvent(job.id, job.recipients, after.state, after.code, after.reason)
            )
            self._events.job_changed.emit(job.id, after.state)
        return settled

    async def _claim(self, job: JobRecord) -> int | None:
        """Journal the job *submitting* just before its slot; the attempt id, or None.

        None when the queue was paused or stopped first, or the job was cancelled meanwhile.
        """
        if not await self._pacer.near_slot(lambda: self._state.halted):
            return None
        started = time.monotonic()
        planned = self._clock() + self._throttle.delay()
        attempt = await self._store.claim(
            job.id, start_at=planned, clock_offset=self._client.clock_offset
        )
        self._pacer.claimed(time.monotonic() - started)
        if attempt is None:
            return None
        self._state.move(job.campaign_id, JobState.QUEUED, JobState.SUBMITTING)
        self._events.job_changed.emit(job.id, JobState.SUBMITTING)
        try:
            await self._pacer.at_slot()
        except asyncio.CancelledError:
            await self._journal(job, attempt, Verdict(_RELEASED))  # it never left
            raise
        if self._state.halted:
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
            error,
            attempts=job.attempts + 1,
            policy=self._policy,
            now=self._clock(),
            retry_after=retry_after,
        )

    async def _journal(self, job: JobRecord, attempt: int, verdict: Verdict) -> None:
        """Write the answer (shielded: a cancellation does not interrupt the commit)."""
        outcome = verdict.outcome
        await self._store.finish(job.id, attempt, outcome)
        self._state.move(job.campaign_id, JobState.SUBMITTING, outcome.state)
        if verdict.hold:
            self._throttle.hold(verdict.hold)
        if verdict.pause_reason:
            self._state.pause(verdict.pause_reason, verdict.pause_error, verdict.resume_at)
        event = None
        if outcome.state is not JobState.QUEUED or outcome.reason:
            event = JobEvent(job.id, job.recipients, outcome.state, outcome.code, outcome.reason)
        self._state.publish(event)
        self._events.job_changed.emit(job.id, outcome.state)
