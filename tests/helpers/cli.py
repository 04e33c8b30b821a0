"""Running the command line in-process or as a subprocess, against a sandbox."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pecdesk.cli.main import main
from pecdesk.sandbox import EmbeddedSandbox
from tests.helpers.sandbox import MAILBOX, PASSWORD, TOKEN

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Outcome:
    """What one command did.

    Attributes:
        code: the exit code.
        out: standard output.
        err: standard error.
    """

    code: int
    out: str
    err: str


def account_env(box: EmbeddedSandbox, *, password: str = PASSWORD) -> dict[str, str]:
    """The four ``PECDESK_*`` variables for the sandbox's test mailbox."""
    return {
        "PECDESK_BASE_URL": box.base_url,
        "PECDESK_TOKEN": TOKEN,
        "PECDESK_USERNAME": MAILBOX,
        "PECDESK_PASSWORD": password,
    }


def pecdesk(args: Sequence[str], env: dict[str, str]) -> Outcome:
    """Run ``pecdesk <args>`` in-process with ``env`` as its whole environment."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), environ=env, out=out, err=err)
    return Outcome(code, out.getvalue(), err.getvalue())


def subprocess_env(env: dict[str, str]) -> dict[str, str]:
    """The environment for ``python -m pecdesk`` in a child process (repo on the path)."""
    child = {k: v for k, v in os.environ.items() if not k.startswith("PECDESK_")}
    child.update(env)
    child["PYTHONPATH"] = str(ROOT)
    return child


def command(*args: str) -> list[str]:
    """``python -m pecdesk <args>`` with this interpreter."""
    return [sys.executable, "-m", "pecdesk", *args]
