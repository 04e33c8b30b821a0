"""`pecdesk export [--campaign ID] --zip FILE`: write a campaign's evidence ZIP.

The receipts are refreshed from the service first, as for `pecdesk status` (or standard error
says why they were not), so the ZIP holds the states as the service knows them.
"""

from __future__ import annotations

from pathlib import Path

from pecdesk.app.evidence_pdf import cli_evidence_writers
from pecdesk.cli.common import (
    EXIT_CANNOT_RUN,
    EXIT_OK,
    EXIT_USAGE,
    Context,
    Subcommands,
    add_common_options,
)
from pecdesk.cli.ledger import pick_campaign, refresh, with_ledger
from pecdesk.errors import PecError
from pecdesk.services.receipts.evidence import export_zip
from pecdesk.storage import QueueStore
from pecdesk.storage.ledger import LedgerStore


def add_parser(commands: Subcommands) -> None:
    """Add ``export`` to the command line's subcommands."""
    export = commands.add_parser(
        "export", help="write a campaign's evidence ZIP (ledger, receipts, payload, SHA256SUMS)"
    )
    export.add_argument("--campaign", type=int, metavar="ID", help="default: the latest")
    export.add_argument("--zip", type=Path, required=True, metavar="FILE", help="the ZIP to write")
    export.add_argument("--offline", action="store_true", help="do not refresh receipts first")
    add_common_options(export, network=True)


async def run(context: Context) -> int:
    """Refresh the receipts (when possible) and write the evidence ZIP."""

    async def work(store: QueueStore, ledger: LedgerStore) -> int:
        campaign_id = await pick_campaign(context, ledger)
        if campaign_id is None:
            return EXIT_USAGE
        await refresh(context, store, campaign_id)
        try:
            with cli_evidence_writers() as writers:  # every recipient's PDF, in the UI's language
                evidence = await export_zip(
                    ledger, store, campaign_id, context.options.zip, writers
                )
        except OSError as exc:
            print(f"pecdesk: cannot write {context.options.zip}: {exc.strerror}",
                  file=context.err)
            return EXIT_CANNOT_RUN
        except PecError as error:
            print(f"pecdesk: {error.message}", file=context.err)
            return EXIT_CANNOT_RUN
        print(f"Wrote {evidence.path} ({len(evidence.files)} files, "
              f"{len(evidence.receipts)} receipts), SHA-256 {evidence.sha256}", file=context.out)
        return EXIT_OK

    return await with_ledger(context, work)
