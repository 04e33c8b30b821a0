"""The real start-up path: `python -m pecdesk --sandbox` in a subprocess, offscreen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pecdesk.config.paths import AppPaths

pytestmark = pytest.mark.slow


def test_app_starts_loads_inbox_and_quits(tmp_path: Path) -> None:
    """The app starts on the built-in sandbox, loads the inbox, quits with 0 and no traceback."""
    basedir = tmp_path / "base"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "pecdesk", "--sandbox", "--basedir", str(basedir)]
    process = subprocess.Popen(
        [*command, "--quit-after-shown"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        _out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert "Traceback" not in err, err
    assert process.returncode == 0, err
    log_text = (basedir / "log" / "pecdesk.app.log").read_text(encoding="utf-8")
    assert "pecdesk exits with code 0" in log_text
    assert "is_builtin_sandbox=True" in log_text
    # --basedir means nothing is written to the (test run's) per-user dirs.
    assert not any(d.exists() for d in AppPaths.for_user().all_dirs())
