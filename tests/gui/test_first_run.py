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
    log = (basedir / "log" / "pecdesk.app.log").read_text(encoding="utf-8")
    return process.returncode, process.stderr, log


def test_first_run_opens_on_the_builtin_sandbox(tmp_path: Path) -> None:
    """Without any account the window opens on the sandbox at once; no keychain is needed."""
    code, err, log = start(tmp_path / "base")
    assert "Traceback" not in err
    assert code == 0, err
    assert "is_builtin_sandbox=True" in log
    assert "Keychain backend: " not in log  # looked up only when an account needs it
    assert log.index("starting") < log.index("Language ")  # kept from before the log opened
    assert "pecdesk exits with code 0" in log


def modules_line(err: str, moment: str) -> set[str]:
    """The heavy modules the start-up probe reported as loaded at ``moment``."""
    line = next(x for x in err.splitlines() if x.startswith(f"pecdesk-modules {moment} "))
    return set(line.split()[2].split(",")) - {"-"}


def test_the_window_shows_before_anything_slow_is_loaded(tmp_path: Path) -> None:
    """At the first Show none of the heavy modules is loaded; QtWebEngine not even at exit."""
    code, err, _log = start(tmp_path / "base", PECDESK_STARTUP_PROBE="1")
    assert code == 0, err
    assert modules_line(err, "at-show") == set()
    at_exit = modules_line(err, "at-exit")
    assert {"asyncio", "httpx", "aiohttp"} <= at_exit  # the probe does see them once loaded
    assert "PySide6.QtWebEngineCore" not in at_exit  # no message was opened
    assert "keyring.backends.SecretService" not in at_exit


def test_first_run_in_italian(tmp_path: Path) -> None:
    """With an Italian system locale pecdesk starts in Italian (resources/translations/*.qm)."""
    built = ROOT / "resources" / "translations" / "pecdesk_it.qm"
    if not built.exists():
        pytest.skip("resources/translations/*.qm not compiled (scripts/setup-venv does it)")
    code, err, log = start(tmp_path / "base", LANG="it_IT.UTF-8", LANGUAGE="it", LC_ALL="")
    assert code == 0, err
    assert "Language it, translations:" in log
    assert "pecdesk_it.qm" in log
