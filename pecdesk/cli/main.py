"""`pecdesk send` and `pecdesk queue …`: the command line for automation (Qt-free).

It shares the store with the desktop app. Credentials never come from flags (they would show in
process lists): a stored account's come from the keychain (``--account NAME``, or the account the
app used last), else from the environment (``PECDESK_BASE_URL``, ``PECDESK_TOKEN``,
``PECDESK_USERNAME``, ``PECDESK_PASSWORD``); :mod:`pecdesk.cli.account` decides. Exit codes:
0 everything sent; 1 something failed, was rejected, or is unknown / not sent; 2 bad input;
3 cannot run (credentials missing or refused, store busy or unwritable); 130 interrupted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

import platformdirs

from pecdesk.errors import PecError
from pecdesk.i18n import QT_TRANSLATE_NOOP

EXIT_OK = 0
EXIT_INCOMPLETE = 1
EXIT_USAGE = 2
EXIT_CANNOT_RUN = 3
EXIT_INTERRUPTED = 130
ENV_DATA_DIR = "PECDESK_DATA_DIR"


class CliError(PecError):
    """The command line cannot do what was asked (missing credentials, a duplicate campaign).

    Attributes:
        exit_code: the process exit code to use.
    """

    title = QT_TRANSLATE_NOOP("PecError", "Cannot run")
    default_template = QT_TRANSLATE_NOOP("PecError", "{problem}")

    def __init__(self, problem: str, *, exit_code: int = EXIT_CANNOT_RUN) -> None:
        self.exit_code = exit_code
        super().__init__(problem=problem)


def resolve_data_dir(option: Path | None, environ: Mapping[str, str]) -> Path:
    """``--data-dir``, else ``$PECDESK_DATA_DIR``, else the platform's user data dir."""
    if option is not None:
        return option.expanduser()
    if environ.get(ENV_DATA_DIR, "").strip():
        return Path(environ[ENV_DATA_DIR]).expanduser()
    return Path(platformdirs.user_data_dir("pecdesk", appauthor=False))


def _positive(text: str) -> float:
    """An argparse type: a number above zero."""
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        msg = f"expected a number above zero, not {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


def _add_common(parser: argparse.ArgumentParser, *, network: bool) -> None:
    parser.add_argument("--data-dir", type=Path, help=f"the store (default ${ENV_DATA_DIR} "
                        "or the user data dir)")
    if network:
        parser.add_argument("--sender", metavar="ADDR",
                            help="the PEC address sent from, whose jobs the queue sends "
                            "(default: the account's)")
        parser.add_argument("--account", metavar="NAME",
                            help="a stored account's name, PEC address or id (default: the "
                            "PECDESK_* variables, else the account the app used last)")
        parser.add_argument("--timeout", type=_positive, default=30.0,
                            help="seconds a whole request may take: connecting and reading "
                            "every byte of the answer (default 30)")
        parser.add_argument("--rate", type=_positive, default=1.0,
                            help="requests per second the account allows (default 1)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``pecdesk send`` and ``pecdesk queue``."""
    parser = argparse.ArgumentParser(prog="pecdesk", description="Send PEC in bulk.")
    commands = parser.add_subparsers(dest="command", required=True)
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
    send.add_argument("--allow-repeat", action="store_true",
                      help="send even if some of these recipients were already sent this very "
                      "PEC (the earlier sending's date and count are printed otherwise)")
    _add_common(send, network=True)
    queue = commands.add_parser("queue", help="look at or act on the queue")
    actions = queue.add_subparsers(dest="action", required=True)
    _add_common(actions.add_parser("status", help="campaigns and jobs needing attention"),
                network=False)
    _add_common(actions.add_parser("resume", help="send what is still queued"), network=True)
    reconcile = actions.add_parser("reconcile", help="settle unknown jobs from the receipts")
    reconcile.add_argument("--grace", type=float, default=None, metavar="SECONDS",
                           help="seconds after sending before no receipt means not sent")
    _add_common(reconcile, network=True)
    _add_common(actions.add_parser("resend-not-sent", help="re-queue not-sent jobs and send"),
                network=True)
    from pecdesk.cli import export as cli_export  # noqa: PLC0415 - they import this module
    from pecdesk.cli import status as cli_status  # noqa: PLC0415

    cli_status.add_parser(commands, _add_common)
    cli_export.add_parser(commands, _add_common)
    return parser


def main(args: Sequence[str], *, environ: Mapping[str, str] | None = None,
         out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run one command; return the exit code."""
    from pecdesk.cli.export import run_export  # noqa: PLC0415 - it imports this module
    from pecdesk.cli.run import Context, dispatch  # noqa: PLC0415 - cli_run imports this module
    from pecdesk.cli.status import run_status  # noqa: PLC0415 - it imports this module
    from pecdesk.services.sending.campaigns import CampaignError  # noqa: PLC0415

    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    environ = os.environ if environ is None else environ
    try:
        options = build_parser().parse_args(list(args))
    except SystemExit as exc:  # --help, or a usage error already printed by argparse
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    context = Context(options, resolve_data_dir(options.data_dir, environ), environ, out, err)
    try:
        ledger_commands = {"status": run_status, "export": run_export}
        return asyncio.run(ledger_commands.get(options.command, dispatch)(context))
    except CampaignError as error:
        print(f"pecdesk: {error.message}", file=err)
        return EXIT_USAGE
    except CliError as error:
        print(f"pecdesk: {error.message}", file=err)
        return error.exit_code
    except PecError as error:
        print(f"pecdesk: {error.title}: {error.message}", file=err)
        return EXIT_CANNOT_RUN
