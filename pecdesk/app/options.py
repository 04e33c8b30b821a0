"""pecdesk's own command-line options for the desktop app (Qt's are passed through)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pecdesk
from pecdesk.config.paths import APP_NAME


@dataclass(frozen=True, slots=True)
class Options:
    """The command line, parsed.

    Attributes:
        sandbox: start on the built-in sandbox even if an account is configured.
        basedir: keep every file under this directory instead of the user's dirs.
        quit_after_shown: smoke test: quit once the first inbox page loaded (0) or failed (1).
        qt_args: arguments left for Qt (``-platform offscreen``, ``-style``…).
        self_test: run the end-to-end self-test (:mod:`pecdesk.app.selftest`) and exit.
    """

    sandbox: bool
    basedir: Path | None
    quit_after_shown: bool
    qt_args: tuple[str, ...]
    self_test: bool = False


def parse_args(argv: Sequence[str]) -> Options:
    """Read pecdesk's own options; anything else is left for Qt."""
    parser = argparse.ArgumentParser(prog=APP_NAME, description=pecdesk.__doc__)
    parser.add_argument(
        "--sandbox", action="store_true", help="use the built-in sandbox, not a real account"
    )
    parser.add_argument("--basedir", type=Path, help="keep all data, settings and logs here")
    parser.add_argument(
        "--quit-after-shown",
        action="store_true",
        help="smoke test: quit once the first inbox page has loaded (exit 0) or failed",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check that pecdesk works end to end (a built-in sandbox, temporary files), then exit",
    )
    parser.add_argument("--version", action="version", version=pecdesk.__version__)
    known, rest = parser.parse_known_args(list(argv))
    return Options(
        sandbox=known.sandbox,
        basedir=known.basedir,
        quit_after_shown=known.quit_after_shown,
        qt_args=tuple(rest),
        self_test=known.self_test,
    )
