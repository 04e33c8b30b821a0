"""What `pecdesk status` and `pecdesk export` share: open the ledger, pick the campaign, refresh.

The receipts are refreshed from the service first, with the account every command uses
(``--account``, the ``PECDESK_*`` variables, else the app's last account); with ``--offline``,
with no account, or when the service cannot be reached, standard error says they were not and
why, and the local ledger is used as it stands.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

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


async def refresh(context: Context, store: QueueStore, campaign_id: int) -> bool:
    """Bring the campaign's receipts in from the service first; whether that happened.

    The account is the one every command uses (``--account``, the ``PECDESK_*`` variables,
    else the app's last account: :meth:`Context.account`). When the receipts cannot be
    refreshed (``--offline``, no account, the service unreachable) standard error says so and
    why, and the states stored on this computer are used as they stand. Only the sendings of
    the account's mailbox are asked about: another mailbox's receipts are not readable with
    these credentials.
    """
    if getattr(context.options, "offline", False):
        return _not_refreshed(context, "--offline was given")
    try:
        account = context.account()
        async with open_mailbox(account, store, timeout=context.options.timeout) as mailbox:
            report = await mailbox.tracker.refresh(campaign_id=campaign_id)
            pending = [s for s in await mailbox.ledger.sendings_to_track()
                       if s.campaign_id == campaign_id]
    except PecError as error:
        return _not_refreshed(context, error.message)
    if pending and not report.polled:
        return _not_refreshed(
            context, f"campaign {campaign_id} was sent from another mailbox or service than "
            f"the account's ({account.sender})")
    for code, message in report.errors:
        print(f"pecdesk: receipts of sending {code} not refreshed: {message}", file=context.err)
    if report.polled and len(report.errors) == len(report.polled):
        return _not_refreshed(context, "the service could not be reached")
    return not report.errors


def _not_refreshed(context: Context, why: str) -> bool:
    print(f"pecdesk: receipts not refreshed ({why}); showing the states stored on this "
          "computer", file=context.err)
    return False


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
