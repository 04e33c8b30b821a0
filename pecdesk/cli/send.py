"""`pecdesk send`: plan the sending as the Compose tab does, check it, enqueue, run the queue.

The recipients, body and attachments go through the one planning step
(:func:`pecdesk.services.sending.plan_sending`): the same address normalisation, the
per-recipient attachment column (looked up in ``--attachments-folder``, by default the CSV's own
folder), and the full pre-flight report. Every blocking error and warning is printed with its
spreadsheet line; while anything blocks, nothing is queued (exit 2). The repeat guard then
refuses any earlier sending of the very same PEC to any of these recipients, however long ago,
unless ``--allow-repeat``. With ``--at`` the sending is only enqueued, held until that time
(:mod:`pecdesk.cli.when`).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from pecdesk.app.wiring import open_client
from pecdesk.cli.common import EXIT_OK, EXIT_USAGE, Context, Subcommands, add_common_options
from pecdesk.cli.csv_input import decode_text, read_list
from pecdesk.cli.queue_runner import run_queue
from pecdesk.cli.when import WhenError, parse_at, scheduled_message
from pecdesk.recipients import Recipient
from pecdesk.recipients.addresses import make_recipient
from pecdesk.services.sending import (
    EarlierSending,
    SendingPlan,
    earlier_sending,
    period,
    plan_sending,
)
from pecdesk.services.sending.campaigns import CampaignError
from pecdesk.services.sending.preflight import Issue, Letter, Severity
from pecdesk.storage import QueueStore


def add_parser(commands: Subcommands) -> None:
    """Add ``send`` to the command line's subcommands."""
    send = commands.add_parser("send", help="enqueue a sending and run the queue to the end")
    to = send.add_mutually_exclusive_group(required=True)
    to.add_argument("--to", nargs="+", action="extend", metavar="ADDR", help="recipients")
    to.add_argument("--to-csv", type=Path, metavar="FILE", help="CSV of recipients")
    send.add_argument("--subject", required=True)
    send.add_argument("--body-file", type=Path, required=True, metavar="F")
    send.add_argument("--attach", type=Path, action="append", default=[], metavar="FILE",
                      help="a file every recipient gets (repeat for more)")
    send.add_argument("--attachments-folder", type=Path, metavar="DIR",
                      help="where the CSV's attachment column names each recipient's own files "
                      "(default: the CSV's folder)")
    send.add_argument("--one-pec-for-all", action="store_true",
                      help="one PEC to every recipient (they all see each other)")
    send.add_argument("--at", metavar="WHEN",
                      help='send later: local date and time, e.g. "2026-12-06 09:00"; the PECs '
                      "wait in the queue (see `pecdesk queue resume`)")
    send.add_argument("--allow-repeat", action="store_true",
                      help="send even if some of these recipients were already sent this very "
                      "PEC (the earlier sending's date and count are printed otherwise)")
    add_common_options(send, network=True)


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CampaignError(problem=f"cannot read the {what} {path}: {exc.strerror}") from exc


def plan_from_options(context: Context) -> SendingPlan:
    """Plan the sending the options describe (reads the files; no store, no network).

    Raises:
        CampaignError: the recipient list or the body file cannot be read.
        PecError: no account is configured.
    """
    options = context.options
    columns: list[str] = []
    recipients: list[Recipient]
    if options.to_csv is not None:
        recipients, columns = read_list(options.to_csv)
        folder = options.attachments_folder or options.to_csv.parent
    else:
        recipients = [make_recipient(n, a) for n, a in enumerate(options.to, start=1)]
        folder = options.attachments_folder
    body = decode_text(_read(options.body_file, "body file"))
    letter = Letter(options.subject, body, tuple(options.attach), folder,
                    options.one_pec_for_all)
    account = context.account()
    return plan_sending(
        context.sender(), recipients, letter, max_message_bytes=account.max_message_bytes,
        columns=columns, service=context.service(),
    )


def issue_line(issue: Issue, *, csv: bool) -> str:
    """One finding in plain English, with the spreadsheet line (or argument) it is about."""
    where = "message" if not issue.line else f"{'line' if csv else 'recipient'} {issue.line}"
    kind = "error" if issue.severity is Severity.BLOCKING else "warning"
    return f"  {where}: {kind}: {issue.kind.value.format(detail=issue.detail)}"


def print_report(plan: SendingPlan, out: TextIO, *, csv: bool) -> None:
    """Every blocking error and warning, one line each, in list order."""
    for issue in plan.report.issues:
        print(issue_line(issue, csv=csv), file=out)


def repeat_message(earlier: EarlierSending) -> str:
    """Why the repeat guard refuses, with the earlier sending's date and count."""
    campaigns = ", ".join(str(c) for c in earlier.campaign_ids)
    text = (
        f"this very PEC already went (or may have gone) to {earlier.recipients} of these "
        f"recipient(s) on {period(earlier)} (campaign {campaigns}); nothing was queued. "
    )
    if earlier.queued:
        text += f"{earlier.queued} of those PEC(s) are still queued: `pecdesk queue resume` " \
                "sends them. "
    return text + "--allow-repeat sends it again."


async def run(context: Context) -> int:
    """Plan and check the sending, enqueue it (refusing a repeat), run the queue to the end.

    The queue's lock is taken before the repeat guard looks: if another pecdesk is sending
    from this store, nothing is enqueued.
    """
    csv = context.options.to_csv is not None
    at = 0.0
    if context.options.at is not None:
        try:
            at = parse_at(context.options.at, now=time.time())
        except WhenError as error:
            print(f"pecdesk: {error}", file=context.err)
            return EXIT_USAGE
    try:
        plan = await asyncio.to_thread(plan_from_options, context)
    except CampaignError as error:
        print(f"pecdesk: {error.message}", file=context.err)
        return EXIT_USAGE
    if plan.campaign is None or not plan.ok:
        count = len(plan.report.blocking)
        print(f"pecdesk: {count} problem(s) block the sending; nothing was queued:",
              file=context.err)
        print_report(plan, context.err, csv=csv)
        return EXIT_USAGE
    print_report(plan, context.out, csv=csv)
    # Building the account's client refuses credentials that cannot be sent (a byte that was
    # not UTF-8 in PECDESK_PASSWORD): say so before anything is queued, not after.
    await open_client(context.account()).aclose()
    campaign = replace(plan.campaign, not_before=at)
    store = await asyncio.to_thread(QueueStore.open, context.data_dir)
    lock = store.runner_lock()
    try:
        lock.acquire()
        earlier = await earlier_sending(store, campaign)
        if earlier is not None and not context.options.allow_repeat:
            print(f"pecdesk: {repeat_message(earlier)}", file=context.err)
            return EXIT_USAGE
        campaign_id = await store.add_campaign(campaign)
        if at:
            print(scheduled_message(campaign_id, len(campaign.jobs), at,
                                    context.options.account), file=context.out)
            return EXIT_OK
        print(f"Enqueued campaign {campaign_id}: {len(campaign.jobs)} PEC(s) to "
              f"{plan.recipient_count} recipient(s).", file=context.out, flush=True)
        return await run_queue(context, store, lock)
    finally:
        lock.release()
        await asyncio.to_thread(store.close)
