"""A store the command line cannot use: a plain message, the "cannot run" code, no traceback."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from pecdesk.cli.common import EXIT_CANNOT_RUN
from pecdesk.storage import STORE_FILE_NAME
from tests.helpers.cli import command, pecdesk, subprocess_env
from tests.helpers.read_only import read_only

COMMANDS = [["queue", "status"], ["status", "--offline"], ["queue", "resume"]]


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
def test_a_read_only_data_folder_is_a_plain_message(tmp_path: Path, args: list[str]) -> None:
    """Every store command on a read-only folder prints why and exits with EXIT_CANNOT_RUN."""
    folder = tmp_path / "data"
    folder.mkdir()
    with read_only(folder):
        done = pecdesk([*args, "--data-dir", str(folder)], {})
    assert done.code == EXIT_CANNOT_RUN
    assert "cannot write in its data folder" in done.err
    assert "Traceback" not in done.err + done.out
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
def test_an_empty_store_is_kept_and_explained(tmp_path: Path, args: list[str]) -> None:
    """A 0-byte store is not replaced by a new one: the command refuses and the file stays empty."""
    store = tmp_path / STORE_FILE_NAME
    store.write_bytes(b"")
    done = pecdesk([*args, "--data-dir", str(tmp_path)], {})
    assert done.code == EXIT_CANNOT_RUN
    assert f"{store} is empty (0 bytes)" in done.err
    assert "untouched" in done.err
    assert store.read_bytes() == b""


def test_an_empty_store_in_a_real_process_prints_no_traceback(tmp_path: Path) -> None:
    """``python -m pecdesk queue status`` on a 0-byte store: one plain line on stderr, code 3."""
    store = tmp_path / STORE_FILE_NAME
    store.write_bytes(b"")
    done = subprocess.run(
        command("queue", "status", "--data-dir", str(tmp_path)),
        env=subprocess_env({}), capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == EXIT_CANNOT_RUN
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("pecdesk: Local data problem: The local data file")
    assert store.read_bytes() == b""
