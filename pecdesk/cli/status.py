"""`pecdesk status [--campaign ID] [--json]`: each recipient's delivery state, from the ledger.

With credentials in the environment (``PECDESK_*``, as for `pecdesk send`) the receipts are
refreshed from the service first; without them, or if the service cannot be reached, the
local ledger is shown as it stands (with a warning on standard error).
"""

from __future__ import annotations

import argparse
import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from pecdesk.accounts.account import account_from_env
from pecdesk.app.wiring import open_mailbox
from pecdesk.cli.main import EXIT_OK, EXIT_USAGE
from pecdesk.errors import PecError
from pecdesk.storage import QueueStore
from pecdesk.storage.ledger import LedgerStore

if TYPE_CHECKING:
    from pecdesk.cli.run import Context


def add_parser(commands: Any, add_common: Callable[..., None]) -> None:
    """Add ``status`` to the command line's subcommands."""
    status: argparse.ArgumentParser = commands.add_parser(
        "status", help="each recipient's delivery state (refreshed when credentials are set)"
    )
    status.add_argument("--campaign", type=int, metavar="ID", help="default: the latest")
    status.add_argument("--json", action="store_true", help="print JSON for scripts")
    status.add_argument("--offline", action="store_true", help="do not ask the service")
    add_common(status, network=True)


async def with_ledger(
    context: Context, work: Callable[[QueueStore, LedgerStore], Awaitable[int]]
) -> int:
    """Open the store and its ledger, run ``work``, close."""
    store = await asyncio.to_thread(QueueStore.open, context.data_dir)
    try:
        return await work(store, LedgerStore(store.database))
    finally:
        await asyncio.to_thread(store.close)


async def refresh(context: Context, store: QueueStore, campaign_id: int) -> None:
    """Bring the campaign's receipts in from the service, when credentials are available.

    Only the sendings of the account's mailbox are asked about: another mailbox's receipts
    are not readable with these credentials.
    """
    account = account_from_env(context.environ)
    if account is None or getattr(context.options, "offline", False):
        return
    async with open_mailbox(account, store, timeout=context.options.timeout) as mailbox:
        try:
            report = await mailbox.tracker.refresh(campaign_id=campaign_id)
        except PecError as error:
            print(f"pecdesk: receipts not refreshed: {error.message}", file=context.err)
            return
    for code, message in report.errors:
        print(f"pecdesk: receipts of {code} not refreshed: {message}", file=context.err)


async def pick_campaign(context: Context, ledger: LedgerStore) -> int | None:
    """``--campaign``, else the latest campaign; None (after saying why) when there is none."""
    chosen: int | None = context.options.campaign
    latest = await ledger.latest_campaign_id()
    if chosen is None:
        chosen = latest
    if chosen is None or latest is None or not 0 < chosen <= latest:
        what = "there is no campaign yet" if latest is None else f"no campaign {chosen}"
        print(f"pecdesk: {what}", file=context.err)
        return None
    return chosen


async def run_status(context: Context) -> int:
    """Print the delivery state of every recipient of one campaign."""

    async def work(store: QueueStore, ledger: LedgerStore) -> int:
        campaign_id = await pick_campaign(context, ledger)
        if campaign_id is None:
            return EXIT_USAGE
        await refresh(context, store, campaign_id)
        rows = await ledger.rows(campaign_id)
        if context.options.json:
            document = {
                "campaign": campaign_id,
                "recipients": [
                    {"address": r.address, "state": r.state.value, "code": r.code,
                     "reason": r.reason}
                    for r in rows
                ],
            }
            print(json.dumps(document, ensure_ascii=False), file=context.out)
            return EXIT_OK
        print(f"campaign {campaign_id}: {len(rows)} recipient(s)", file=context.out)
        for r in rows:
            reason = f": {r.reason}" if r.reason else ""
            print(f"  {r.address:<40} {r.state.value:<15} {r.code}{reason}", file=context.out)
        return EXIT_OK

    return await with_ledger(context, work)
