"""Making a folder or file read-only in a test, even when the tests run as root.

root ignores permission bits, so as root the path is also made immutable (``chattr +i``); where
neither works the test is skipped rather than pass without checking anything.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def read_only(path: Path) -> Iterator[Path]:
    """Within the block, nobody (this process included) can write ``path``."""
    mode = stat.S_IMODE(path.stat().st_mode)
    path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    immutable = False
    try:
        if os.access(path, os.W_OK):  # root: the bits are not enough
            chattr = shutil.which("chattr")
            done = chattr is not None and subprocess.run(
                [chattr, "+i", str(path)], capture_output=True, check=False
            ).returncode == 0
            if not done or os.access(path, os.W_OK):
                pytest.skip("cannot make a path read-only here (root without chattr +i)")
            immutable = True
        yield path
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], capture_output=True, check=True)
        path.chmod(mode)
