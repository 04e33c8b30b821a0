"""The real start-up path on a first run: no account, no flag; opens on the built-in sandbox."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def start(basedir: Path, **env: str) -> tuple[int, str, str]:
    """Run ``python -m pecdesk --basedir … --quit-after-shown``; exit code, stderr and the log."""
    process = subprocess.run(
        [sys.executable, "-m", "pecdesk", "--basedir", str(basedir), "--quit-after-shown"],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,
    )
    log = (basedir / "log" / "pecdesk.log").read_text(encoding="utf-8")
    return process.returncode, process.stderr, log


def test_first_run_opens_on_the_builtin_sandbox(tmp_path: Path) -> None:
    """Without any account the window opens on the sandbox at once; the keychain is logged."""
    code, err, log = start(tmp_path / "base")
    assert "Traceback" not in err
    assert code == 0, err
    assert "Keychain backend: " in log
    assert "is_builtin_sandbox=True" in log
    assert "pecdesk exits with code 0" in log


def test_first_run_in_italian(tmp_path: Path) -> None:
    """With an Italian system locale pecdesk starts in Italian (resources/translations/*.qm)."""
    built = ROOT / "resources" / "translations" / "pecdesk_it.qm"
    if not built.exists():
        pytest.skip("resources/translations/*.qm not compiled (scripts/setup-venv does it)")
    code, err, log = start(tmp_path / "base", LANG="it_IT.UTF-8", LANGUAGE="it", LC_ALL="")
    assert code == 0, err
    assert "Language it, translations:" in log
    assert "pecdesk_it.qm" in log
