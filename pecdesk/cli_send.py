"""`pecdesk send`: read the recipients, body and attachments, enqueue, then run the queue."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pecdesk.cli import EXIT_USAGE, CliError
from pecdesk.cli_csv import decode_text, read_recipients
from pecdesk.services.campaigns import CampaignError, CampaignPlan, RecipientRow, build_campaign
from pecdesk.storage import AttachmentData, QueueStore, RunnerLock

if TYPE_CHECKING:
    from pecdesk.cli_run import Context

RunQueue = Callable[["Context", QueueStore, RunnerLock], Awaitable[int]]
REPEAT_WINDOW = 24 * 3600.0
"""Seconds during which `send` refuses the very same campaign again without --allow-repeat."""


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CampaignError(problem=f"cannot read the {what} {path}: {exc.strerror}") from exc


def plan_from_options(context: Context) -> CampaignPlan:
    """Build the campaign the options describe (no store, no network).

    Raises:
        CampaignError: the input is not valid.
        CliError: no account is configured.
    """
    options = context.options
    if options.to_csv is not None:
        rows = read_recipients(options.to_csv)
    else:
        rows = [RecipientRow(address) for address in options.to]
    body = decode_text(_read(options.body_file, "body file"))
    attachments = [AttachmentData(path.name, _read(path, "attachment")) for path in options.attach]
    return build_campaign(
        sender=context.sender(),
        subject=options.subject,
        body=body,
        rows=rows,
        attachments=attachments,
        one_for_all=options.one_pec_for_all,
    )


async def prepare_send(context: Context, run_queue: RunQueue) -> int:
    """Enqueue the campaign (refusing a recent identical one) and run the queue to the end.

    The queue's lock is taken first: if another pecdesk is sending from this store, nothing
    is enqueued.
    """
    try:
        plan = await asyncio.to_thread(plan_from_options, context)
    except CampaignError as error:
        print(f"pecdesk: {error.message}", file=context.err)
        return EXIT_USAGE
    store = await asyncio.to_thread(QueueStore.open, context.data_dir)
    lock = store.runner_lock()
    try:
        lock.acquire()
        await _refuse_repeat(context, store, plan.campaign.digest())
        campaign_id = await store.add_campaign(plan.campaign)
        recipients = sum(len(job.recipients) for job in plan.campaign.jobs)
        print(f"Enqueued campaign {campaign_id}: {len(plan.campaign.jobs)} PEC(s) to "
              f"{recipients} recipient(s).", file=context.out, flush=True)
        for address in plan.repeated:
            print(f"  skipped a repeated address: {address}", file=context.out)
        return await run_queue(context, store, lock)
    finally:
        lock.release()
        await asyncio.to_thread(store.close)


async def _refuse_repeat(context: Context, store: QueueStore, digest: str) -> None:
    """Refuse the very same PECs while an earlier copy is unfinished or recent.

    A script re-run after a crash would otherwise send everything twice; a monthly reminder
    with the same text is fine.

    Raises:
        CliError: such a campaign exists and ``--allow-repeat`` was not given.
    """
    earlier = await store.find_campaign(digest)
    if earlier is None or context.options.allow_repeat:
        return
    if earlier.is_open or time.time() - earlier.created_at < REPEAT_WINDOW:
        state = "is unfinished" if earlier.is_open else "was enqueued less than a day ago"
        raise CliError(
            f"an identical sending (campaign {earlier.id}) {state}; `pecdesk queue resume` "
            "continues it, --allow-repeat sends it again",
            exit_code=EXIT_USAGE,
        )
