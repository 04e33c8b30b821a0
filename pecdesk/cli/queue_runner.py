"""Running the queue for a command: open the store and the account's mailbox, send, report.

``pecdesk send`` and ``pecdesk queue resume|reconcile|resend-not-sent`` all end here: the queue
sends what is queued for this mailbox, what came back unknown is reconciled from the receipts,
and one summary line plus the next step to take are printed; the exit code says how it went.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace

from pecdesk.app.wiring import Mailbox, open_mailbox
from pecdesk.cli.common import (
    EXIT_CANNOT_RUN,
    EXIT_INCOMPLETE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    Context,
)
from pecdesk.cli.report import Reporter, format_counts
from pecdesk.cli.signals import StopOnSignal
from pecdesk.domain.jobs import PROBLEM_STATES, JobState, sent_from
from pecdesk.services.receipts.reconcile import DEFAULT_GRACE
from pecdesk.services.sending.queue import RunResult
from pecdesk.services.sending.throttle import Throttle
from pecdesk.storage import QueueStore, RunnerLock


async def with_store(context: Context, work: Callable[[QueueStore], Awaitable[int]]) -> int:
    """Open the store, run ``work``, close."""
    store = await asyncio.to_thread(QueueStore.open, context.data_dir)
    try:
        return await work(store)
    finally:
        await asyncio.to_thread(store.close)


def account_mailbox(context: Context, store: QueueStore, lock: RunnerLock | None = None) -> Mailbox:
    """The account's mailbox over ``store``, sending from ``--sender`` when given.

    ``lock`` is the store's runner lock when the caller already holds it.
    """
    account = replace(context.account(), sender=context.sender())
    return open_mailbox(account, store, throttle=Throttle(context.options.rate), lock=lock,
                        timeout=context.options.timeout)


async def run_queue(context: Context, store: QueueStore, lock: RunnerLock | None) -> int:
    """Send everything queued, reconcile what came back unknown, summarize; the exit code.

    ``lock`` is the store's runner lock when the caller already holds it.
    """
    reporter = Reporter(context.out)
    async with account_mailbox(context, store, lock) as mailbox:
        mailbox.queue.subscribe(reporter.progress)
        run = asyncio.ensure_future(mailbox.queue.run(stop_on_pause=True))
        with StopOnSignal(context, mailbox.queue.stop, force=run.cancel):
            result = await _run_result(run, store)
            if result.counts.get(JobState.UNKNOWN) and not context.interrupted:
                await reconcile(context, mailbox, DEFAULT_GRACE)
    scope = await store.counts(result.campaign_ids)
    await _tell_other_services(context, mailbox)
    await _tell_scheduled(context, mailbox)
    return _finish(context, result, scope)


def local_time(at: float) -> str:
    """``at`` (POSIX) as this computer's local date and time, to the minute."""
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(at))


async def _tell_scheduled(context: Context, mailbox: Mailbox) -> None:
    """Say which of this mailbox's sendings are scheduled for later (left queued, not late)."""
    now = time.time()
    for campaign_id, at, count in await mailbox.store.scheduled(mailbox.sender, mailbox.service):
        if at > now:
            print(f"Scheduled: campaign {campaign_id}, {count} PEC(s) for {local_time(at)}; "
                  "`pecdesk queue resume` sends them once that time has come.",
                  file=context.out)


async def _tell_other_services(context: Context, mailbox: Mailbox) -> None:
    """Say which of this mailbox's queued PECs wait for another service (left queued)."""
    waiting: dict[str, int] = {}
    for job in await mailbox.store.jobs(states=[JobState.QUEUED]):
        if sent_from(job.sender, mailbox.sender) and not mailbox.queue.owns(
            job.sender, job.service
        ):
            waiting[job.service] = waiting.get(job.service, 0) + 1
    for service, count in sorted(waiting.items()):
        print(f"Left queued: {count} PEC(s) from {mailbox.sender} were queued for {service}, "
              f"not {mailbox.service}; an account on {service} sends them.", file=context.out)


def _finish(context: Context, result: RunResult, scope: dict[JobState, int]) -> int:
    print(f"Summary: {format_counts(scope)}", file=context.out)
    if result.paused_reason:
        print(f"Stopped: {result.paused_reason}", file=context.err)
    if scope.get(JobState.UNKNOWN):
        print("Some PECs may or may not have left: run `pecdesk queue reconcile` once their "
              "receipts have had time to arrive.", file=context.out)
    if scope.get(JobState.QUEUED) and not context.interrupted:
        print(f"Still queued: {scope[JobState.QUEUED]}; `pecdesk queue resume` sends them.",
              file=context.out)
    if scope.get(JobState.NOT_SENT):
        print("Not sent: check them with `pecdesk queue status`, then "
              "`pecdesk queue resend-not-sent` to send them again.", file=context.out)
    if context.interrupted:
        return EXIT_INTERRUPTED
    if result.paused_reason:
        return EXIT_CANNOT_RUN
    if any(scope.get(state) for state in PROBLEM_STATES) or scope.get(JobState.QUEUED):
        return EXIT_INCOMPLETE
    return EXIT_OK


async def reconcile(context: Context, mailbox: Mailbox, grace: float) -> None:
    """Settle the mailbox's unknown jobs from the receipts; one line per job settled."""
    report = await mailbox.reconciler.reconcile(grace)
    for job_id, code in report.submitted:
        print(f"job {job_id}: submitted, code {code} (receipt found)", file=context.out)
    for job_id, code in report.rejected:
        print(f"job {job_id}: rejected by the provider, code {code}", file=context.out)
    for job_id in report.not_sent:
        print(f"job {job_id}: not sent (no receipt after {grace:.0f} s)", file=context.out)


async def _run_result(run: asyncio.Future[RunResult], store: QueueStore) -> RunResult:
    """The run's result; after a forced stop (a second Ctrl+C), the open campaigns' counts.

    A forced stop cancels the run: a request in flight is journaled *unknown* by the queue.
    """
    try:
        return await run
    except asyncio.CancelledError:
        current = asyncio.current_task()
        if not run.cancelled() or (current is not None and current.cancelling()):
            raise  # the command itself is being cancelled, not forced by a second signal
    campaigns = frozenset(c.id for c in await store.campaigns(only_open=True))
    return RunResult(await store.counts(campaigns), campaigns, "", stopped=True)
