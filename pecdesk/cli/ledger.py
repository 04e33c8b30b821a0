"""What `pecdesk status` and `pecdesk export` share: open the ledger, pick the campaign, refresh.

With credentials in the environment (``PECDESK_*``, as for `pecdesk send`) the receipts are
refreshed from the service first; without them, with ``--offline``, or if the service cannot be
reached, the local ledger is used as it stands (with a warning on standard error).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from pecdesk.accounts.account import account_from_env
from pecdesk.app.wiring import open_mailbox
from pecdesk.cli.common import Context
from pecdesk.errors import PecError
from pecdesk.storage import QueueStore
from pecdesk.storage.ledger import LedgerStore


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
