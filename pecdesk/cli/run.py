"""The commands behind :mod:`pecdesk.cli.main`: open the store, run the queue, print plain lines."""

from __future__ import annotations

import argparse
import asyncio
import signal
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TextIO

from pecdesk.accounts.account import Account
from pecdesk.app.wiring import Mailbox, open_mailbox, service_of
from pecdesk.cli.account import load_account
from pecdesk.cli.main import (
    EXIT_CANNOT_RUN,
    EXIT_INCOMPLETE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
)
from pecdesk.cli.report import Reporter, format_counts
from pecdesk.domain.jobs import PROBLEM_STATES, JobState, queued_for, sent_from
from pecdesk.services.receipts.reconcile import DEFAULT_GRACE
from pecdesk.services.sending.queue import RunResult
from pecdesk.services.sending.throttle import Throttle
from pecdesk.storage import QueueStore, RunnerLock


@dataclass
class Context:
    """One invocation of the command line.

    Attributes:
        options: the parsed arguments.
        data_dir: where the store lives.
        environ: the environment (credentials).
        out: where progress and summaries go.
        err: where errors go.
        interrupted: set when SIGINT/SIGTERM asked the command to stop.
    """

    options: argparse.Namespace
    data_dir: Path
    environ: Mapping[str, str]
    out: TextIO
    err: TextIO
    interrupted: bool = False
    _account: Account | None = None

    def account(self) -> Account:
        """The account to send with (read from the keychain once; see cli_account).

        Raises:
            PecError: no account is configured, or the keychain failed.
        """
        if self._account is None:
            self._account = load_account(self.environ, getattr(self.options, "account", None))
        return self._account

    def sender(self) -> str:
        """The PEC address sent from: ``--sender``, else the account's.

        The queue sends (and reconciles) only that address's jobs, never another account's.
        """
        return getattr(self.options, "sender", None) or self.account().sender

    def service(self) -> str:
        """The service the account sends to (:func:`pecdesk.app.wiring.service_of`).

        Campaigns enqueued here are bound to it: only a queue on that service sends them.
        """
        return service_of(self.account())


async def dispatch(context: Context) -> int:
    """Run the command ``context.options`` names; return the exit code."""
    options = context.options
    if options.command == "send":
        from pecdesk.cli.send import prepare_send  # noqa: PLC0415 - only `send` reads files

        return await prepare_send(context, _run_queue)
    commands: dict[str, Callable[[Context], Awaitable[int]]] = {
        "status": _status,
        "resume": lambda c: _with_store(c, lambda store: _run_queue(c, store, None)),
        "reconcile": _reconcile_command,
        "resend-not-sent": _resend,
    }
    return await commands[options.action](context)


async def _with_store(context: Context, work: Callable[[QueueStore], Awaitable[int]]) -> int:
    store = await asyncio.to_thread(QueueStore.open, context.data_dir)
    try:
        return await work(store)
    finally:
        await asyncio.to_thread(store.close)


def _mailbox(context: Context, store: QueueStore, lock: RunnerLock | None = None) -> Mailbox:
    """The account's mailbox over ``store``, sending from ``--sender`` when given.

    ``lock`` is the store's runner lock when the caller already holds it.
    """
    account = replace(context.account(), sender=context.sender())
    return open_mailbox(account, store, throttle=Throttle(context.options.rate), lock=lock,
                        timeout=context.options.timeout)


async def _run_queue(context: Context, store: QueueStore, lock: RunnerLock | None) -> int:
    """Send everything queued, reconcile what came back unknown, summarize; the exit code.

    ``lock`` is the store's runner lock when the caller already holds it.
    """
    reporter = Reporter(context.out)
    async with _mailbox(context, store, lock) as mailbox:
        mailbox.queue.subscribe(reporter.progress)
        run = asyncio.ensure_future(mailbox.queue.run(stop_on_pause=True))
        with _Signals(context, mailbox.queue.stop, force=run.cancel):
            result = await _run_result(run, store)
            if result.counts.get(JobState.UNKNOWN) and not context.interrupted:
                await _reconcile(context, mailbox, DEFAULT_GRACE)
    scope = await store.counts(result.campaign_ids)
    await _tell_other_services(context, mailbox)
    return _finish(context, result, scope)


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


async def _reconcile(context: Context, mailbox: Mailbox, grace: float) -> None:
    report = await mailbox.reconciler.reconcile(grace)
    for job_id, code in report.submitted:
        print(f"job {job_id}: submitted, code {code} (receipt found)", file=context.out)
    for job_id, code in report.rejected:
        print(f"job {job_id}: rejected by the provider, code {code}", file=context.out)
    for job_id in report.not_sent:
        print(f"job {job_id}: not sent (no receipt after {grace:.0f} s)", file=context.out)


async def _reconcile_command(context: Context) -> int:
    grace = DEFAULT_GRACE if context.options.grace is None else context.options.grace
    if grace < 0:
        print("pecdesk: --grace must not be negative", file=context.err)
        return EXIT_USAGE

    async def work(store: QueueStore) -> int:
        async with _mailbox(context, store) as mailbox:
            await _reconcile(context, mailbox, grace)
        counts = await store.counts()
        print(f"Unknown: {counts.get(JobState.UNKNOWN, 0)}, "
              f"not sent: {counts.get(JobState.NOT_SENT, 0)}", file=context.out)
        pending = counts.get(JobState.UNKNOWN, 0) + counts.get(JobState.NOT_SENT, 0)
        return EXIT_INCOMPLETE if pending else EXIT_OK

    return await _with_store(context, work)


async def _resend(context: Context) -> int:
    async def work(store: QueueStore) -> int:
        sender, service = context.sender(), context.service()  # fail before changing anything
        own = [
            job.id for job in await store.jobs(states=[JobState.NOT_SENT])
            if queued_for(job.sender, job.service, mailbox=sender, on=service)
        ]
        requeued = await store.requeue_not_sent(own)
        print(f"Re-queued {len(requeued)} not-sent job(s).", file=context.out)
        return await _run_queue(context, store, None)

    return await _with_store(context, work)


async def _status(context: Context) -> int:
    """Every campaign with its counts; the problem jobs of the open ones and of the latest."""

    async def work(store: QueueStore) -> int:
        campaigns = await store.campaigns()
        if not campaigns:
            print("The queue is empty.", file=context.out)
        for campaign in campaigns:
            kind = "one PEC to all" if campaign.one_for_all else "one PEC each"
            where = f" from {campaign.sender} on {campaign.service}" if campaign.service else ""
            print(f"campaign {campaign.id} ({kind}) {campaign.subject!r}{where}: "
                  f"{format_counts(campaign.counts)}", file=context.out)
        shown = {c.id for c in campaigns if c.is_open} | {c.id for c in campaigns[-1:]}
        for job in await store.jobs(states=sorted(PROBLEM_STATES), campaign_ids=shown):
            print(f"  job {job.id} {job.state.value:<9} {', '.join(job.recipients)}"
                  f"{' code ' + job.code if job.code else ''}: {job.reason}", file=context.out)
        return EXIT_OK

    return await _with_store(context, work)


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


class _Signals:
    """SIGINT/SIGTERM stop the queue gracefully (the request in flight is journaled first).

    The request in flight ends by its total deadline (``--timeout``) at the latest; a second
    signal calls ``force`` (when given) to stop at once, the request in flight left unknown.
    """

    def __init__(
        self,
        context: Context,
        stop: Callable[[], None],
        force: Callable[[], object] | None = None,
    ) -> None:
        self._context = context
        self._stop = stop
        self._force = force
        self._installed: list[signal.Signals] = []
        self._previous: dict[signal.Signals, object] = {}

    def _on_signal(self) -> None:
        if self._context.interrupted and self._force is not None:
            print("pecdesk: stopping now; the PEC in flight, if any, is recorded as unknown…",
                  file=self._context.err)
            self._force()
            return
        if not self._context.interrupted:
            again = " (press Ctrl+C again to stop at once)" if self._force else ""
            print(f"pecdesk: stopping after the PEC in flight is recorded…{again}",
                  file=self._context.err)
        self._context.interrupted = True
        self._stop()

    def __enter__(self) -> _Signals:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, self._on_signal)
                self._installed.append(sig)
            except NotImplementedError:  # Windows: a plain handler that hops onto the loop
                self._previous[sig] = signal.signal(
                    sig, lambda *_: loop.call_soon_threadsafe(self._on_signal)
                )
            except (RuntimeError, ValueError):
                continue  # not the main thread: the defaults stay
        return self

    def __exit__(self, *exc: object) -> None:
        loop = asyncio.get_running_loop()
        for sig in self._installed:
            loop.remove_signal_handler(sig)
        for sig, previous in self._previous.items():
            signal.signal(sig, previous)  # type: ignore[arg-type]
