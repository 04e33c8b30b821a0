"""`pecdesk send|queue|status|export`: the command line for automation (Qt-free).

It shares the store with the desktop app. Credentials never come from flags (they would show in
process lists): a stored account's come from the keychain (``--account NAME``, or the account the
app used last), else from the environment (``PECDESK_BASE_URL``, ``PECDESK_TOKEN``,
``PECDESK_USERNAME``, ``PECDESK_PASSWORD``); :mod:`pecdesk.cli.account` decides. Each command is
one module with an ``add_parser`` and a ``run``; this one builds the parser from them, runs the
command named, and turns the errors left over into a line on standard error and an exit code
(:mod:`pecdesk.cli.common` lists them).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Callable, Coroutine, Mapping, Sequence
from typing import Any, TextIO

from pecdesk.cli import export, queue, send, status
from pecdesk.cli.common import EXIT_CANNOT_RUN, EXIT_USAGE, CliError, Context, resolve_data_dir
from pecdesk.errors import PecError
from pecdesk.services.sending.campaigns import CampaignError

COMMANDS: dict[str, Callable[[Context], Coroutine[Any, Any, int]]] = {
    "send": send.run,
    "queue": queue.run,
    "status": status.run,
    "export": export.run,
}
"""Each subcommand's ``run``, in the order ``--help`` lists them."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = argparse.ArgumentParser(prog="pecdesk", description="Send PEC in bulk.")
    commands = parser.add_subparsers(dest="command", required=True)
    for module in (send, queue, status, export):
        module.add_parser(commands)
    return parser


def main(args: Sequence[str], *, environ: Mapping[str, str] | None = None,
         out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run one command; return the exit code."""
    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    environ = os.environ if environ is None else environ
    try:
        options = build_parser().parse_args(list(args))
    except SystemExit as exc:  # --help, or a usage error already printed by argparse
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    context = Context(options, resolve_data_dir(options.data_dir, environ), environ, out, err)
    try:
        return asyncio.run(COMMANDS[options.command](context))
    except CampaignError as error:
        print(f"pecdesk: {error.message}", file=err)
        return EXIT_USAGE
    except CliError as error:
        print(f"pecdesk: {error.message}", file=err)
        return error.exit_code
    except PecError as error:
        print(f"pecdesk: {error.title}: {error.message}", file=err)
        return EXIT_CANNOT_RUN
