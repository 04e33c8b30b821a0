"""`pecdesk queue status|resume|reconcile|resend-not-sent`: look at or act on the queue."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

from pecdesk.cli.common import (
    EXIT_INCOMPLETE,
    EXIT_OK,
    EXIT_USAGE,
    Context,
    Subcommands,
    add_common_options,
)
from pecdesk.cli.queue_runner import (
    account_mailbox,
    local_time,
    reconcile,
    run_queue,
    with_store,
)
from pecdesk.cli.report import format_counts
from pecdesk.domain.jobs import PROBLEM_STATES, JobState, queued_for
from pecdesk.domain.reason_names import reason_name
from pecdesk.services.receipts.evidence import untranslated
from pecdesk.services.receipts.reconcile import DEFAULT_GRACE
from pecdesk.storage import QueueStore


def add_parser(commands: Subcommands) -> None:
    """Add ``queue`` and its actions to the command line's subcommands."""
    queue = commands.add_parser("queue", help="look at or act on the queue")
    actions = queue.add_subparsers(dest="action", required=True)
    add_common_options(actions.add_parser("status", help="campaigns and jobs needing attention"),
                       network=False)
    add_common_options(actions.add_parser("resume", help="send what is queued and due"),
                       network=True)
    reconcile_action = actions.add_parser("reconcile",
                                          help="settle unknown jobs from the receipts")
    reconcile_action.add_argument("--grace", type=float, default=None, metavar="SECONDS",
                                  help="seconds after sending before no receipt means not sent")
    add_common_options(reconcile_action, network=True)
    add_common_options(actions.add_parser("resend-not-sent",
                                          help="re-queue not-sent jobs and send"),
                       network=True)


async def run(context: Context) -> int:
    """Run the queue action ``context.options`` names; return the exit code."""
    actions: dict[str, Callable[[Context], Awaitable[int]]] = {
        "status": _status,
        "resume": _resume,
        "reconcile": _reconcile,
        "resend-not-sent": _resend,
    }
    return await actions[context.options.action](context)


async def _resume(context: Context) -> int:
    return await with_store(context, lambda store: run_queue(context, store, None))


async def _status(context: Context) -> int:
    """Every campaign with its counts; the problem jobs of the open ones and of the latest."""

    async def work(store: QueueStore) -> int:
        campaigns = await store.campaigns()
        if not campaigns:
            print("The queue is empty.", file=context.out)
        now = time.time()
        for campaign in campaigns:
            kind = "one PEC to all" if campaign.one_for_all else "one PEC each"
            where = f" from {campaign.sender} on {campaign.service}" if campaign.service else ""
            later = campaign.scheduled_at(now)
            when = f" scheduled for {local_time(later)}" if later is not None else ""
            print(f"campaign {campaign.id} ({kind}) {campaign.subject!r}{where}{when}: "
                  f"{format_counts(campaign.counts)}", file=context.out)
        shown = {c.id for c in campaigns if c.is_open} | {c.id for c in campaigns[-1:]}
        for job in await store.jobs(states=sorted(PROBLEM_STATES), campaign_ids=shown):
            print(f"  job {job.id} {job.state.value:<9} {', '.join(job.recipients)}"
                  f"{' code ' + job.code if job.code else ''}: "
                  f"{reason_name(job.reason, untranslated)}", file=context.out)
        return EXIT_OK

    return await with_store(context, work)



async def _reconcile(context: Context) -> int:
    grace = DEFAULT_GRACE if context.options.grace is None else context.options.grace
    if grace < 0:
        print("pecdesk: --grace must not be negative", file=context.err)
        return EXIT_USAGE

    async def work(store: QueueStore) -> int:
        async with account_mailbox(context, store) as mailbox:
            await reconcile(context, mailbox, grace)
        counts = await store.counts()
        print(f"Unknown: {counts.get(JobState.UNKNOWN, 0)}, "
              f"not sent: {counts.get(JobState.NOT_SENT, 0)}", file=context.out)
        pending = counts.get(JobState.UNKNOWN, 0) + counts.get(JobState.NOT_SENT, 0)
        return EXIT_INCOMPLETE if pending else EXIT_OK

    return await with_store(context, work)



async def _resend(context: Context) -> int:
    async def work(store: QueueStore) -> int:
        sender, service = context.sender(), context.service()  # fail before changing anything
        own = [
            job.id for job in await store.jobs(states=[JobState.NOT_SENT])
            if queued_for(job.sender, job.service, mailbox=sender, on=service)
        ]
        requeued = await store.requeue_not_sent(own)
        print(f"Re-queued {len(requeued)} not-sent job(s).", file=context.out)
        return await run_queue(context, store, None)

    return await with_store(context, work)
