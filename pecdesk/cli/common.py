"""What every command of the command line shares: exit codes, errors, options, the invocation.

Exit codes: 0 everything sent; 1 something failed, was rejected, or is unknown / not sent;
2 bad input; 3 cannot run (credentials missing or refused, store busy or unwritable);
130 interrupted.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO, TypeAlias

import platformdirs

from pecdesk.accounts.account import Account
from pecdesk.app.wiring import service_of
from pecdesk.cli.account import load_account
from pecdesk.errors import PecError
from pecdesk.i18n import QT_TRANSLATE_NOOP

EXIT_OK = 0
EXIT_INCOMPLETE = 1
EXIT_USAGE = 2
EXIT_CANNOT_RUN = 3
EXIT_INTERRUPTED = 130
ENV_DATA_DIR = "PECDESK_DATA_DIR"

Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
"""What ``ArgumentParser.add_subparsers`` returns: each command module adds itself to it."""


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


def positive(text: str) -> float:
    """An argparse type: a number above zero."""
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        msg = f"expected a number above zero, not {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


def add_common_options(parser: argparse.ArgumentParser, *, network: bool) -> None:
    """Add ``--data-dir``; with ``network``, also the account, sender, timeout and rate."""
    parser.add_argument("--data-dir", type=Path, help=f"the store (default ${ENV_DATA_DIR} "
                        "or the user data dir)")
    if network:
        parser.add_argument("--sender", metavar="ADDR",
                            help="the PEC address sent from, whose jobs the queue sends "
                            "(default: the account's)")
        parser.add_argument("--account", metavar="NAME",
                            help="a stored account's name, PEC address or id (default: the "
                            "PECDESK_* variables, else the account the app used last)")
        parser.add_argument("--timeout", type=positive, default=30.0,
                            help="seconds a whole request may take: connecting and reading "
                            "every byte of the answer (default 30)")
        parser.add_argument("--rate", type=positive, default=1.0,
                            help="requests per second the account allows (default 1)")


@dataclass
class Context:
    """One invocation of the command line.

    Attributes:
        options: the parsed arguments.
        data_dir: where the store lives.
        environ: the environment (credentials).
        out: where progress and summaries go.
        err: where errors go.
        interrupted: set when SIGINT/SIGTERM asked the command to stop.
    """

    options: argparse.Namespace
    data_dir: Path
    environ: Mapping[str, str]
    out: TextIO
    err: TextIO
    interrupted: bool = False
    _account: Account | None = None

    def account(self) -> Account:
        """The account to send with (read from the keychain once; see :mod:`.account`).

        Raises:
            PecError: no account is configured, or the keychain failed.
        """
        if self._account is None:
            self._account = load_account(self.environ, getattr(self.options, "account", None))
        return self._account

    def sender(self) -> str:
        """The PEC address sent from: ``--sender``, else the account's.

        The queue sends (and reconciles) only that address's jobs, never another account's.
        """
        return getattr(self.options, "sender", None) or self.account().sender

    def service(self) -> str:
        """The service the account sends to (:func:`pecdesk.app.wiring.service_of`).

        Campaigns enqueued here are bound to it: only a queue on that service sends them.
        """
        return service_of(self.account())
