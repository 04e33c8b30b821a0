"""`pecdesk status [--campaign ID] [--json]`: each recipient's delivery state, from the ledger.

The receipts are refreshed from the service first, with the account every command uses
(``--account``, the ``PECDESK_*`` variables, else the app's last account); with ``--offline``,
with no account, or when the service cannot be reached, standard error says they were not and
why, and the states stored on this computer are printed.
"""

from __future__ import annotations

import json

from pecdesk.cli.common import EXIT_OK, EXIT_USAGE, Context, Subcommands, add_common_options
from pecdesk.cli.ledger import pick_campaign, refresh, with_ledger
from pecdesk.domain.reason_names import reason_name
from pecdesk.services.receipts.evidence import untranslated
from pecdesk.storage import QueueStore
from pecdesk.storage.ledger import LedgerStore


def add_parser(commands: Subcommands) -> None:
    """Add ``status`` to the command line's subcommands."""
    status = commands.add_parser(
        "status", help="each recipient's delivery state (refreshed from the service first)"
    )
    status.add_argument("--campaign", type=int, metavar="ID", help="default: the latest")
    status.add_argument("--json", action="store_true", help="print JSON for scripts")
    status.add_argument("--offline", action="store_true", help="do not ask the service")
    add_common_options(status, network=True)


async def run(context: Context) -> int:
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
            # The journal's text, worded by the one table (English: the source texts).
            reason = f": {reason_name(r.reason, untranslated)}" if r.reason else ""
            print(f"  {r.address:<40} {r.state.value:<15} {r.code}{reason}", file=context.out)
        return EXIT_OK

    return await with_ledger(context, work)
