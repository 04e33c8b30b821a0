"""The real app on a real X server (Xvfb) with Qt's xcb platform, as a person on Linux starts it.

Offscreen tests never load the xcb platform plugin, so they cannot notice a missing xcb library
(the app then aborts before showing anything). This test starts ``python -m pecdesk`` on a
private Xvfb display, waits for its window, takes a screenshot, checks it is not blank, and quits
with Ctrl+Q as a person would. Skipped where Xvfb, xdotool or ImageMagick are missing
(``scripts/test`` installs them when it can).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("Xvfb", "xdotool", "import", "convert")),
    reason="Xvfb, xdotool and ImageMagick are needed for the real-display test",
)
WIDTH, HEIGHT = 1024, 768


def _wait(condition: object, timeout: float, what: str) -> object:
    """Poll an external process's state (no Qt here to wait on) until ``condition()`` is true."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()  # type: ignore[operator]
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}")


@pytest.fixture
def display(tmp_path: Path) -> Iterator[str]:
    """A private Xvfb display, 1,024 px wide (the smallest screen we support); always killed."""
    ready = tmp_path / "xvfb.displayfd"
    with ready.open("w") as fd_file:
        server = subprocess.Popen(
            ["Xvfb", "-displayfd", str(fd_file.fileno()), "-screen", "0",
             f"{WIDTH}x{HEIGHT}x24", "-nolisten", "tcp"],
            pass_fds=(fd_file.fileno(),), stderr=subprocess.DEVNULL,
        )
    try:
        number = _wait(lambda: ready.read_text().strip(), 20, "Xvfb to start")
        yield f":{number}"
    finally:
        server.kill()
        server.wait(10)


def _env(display: str, home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "XDG_"))}
    env.update(
        DISPLAY=display, QT_QPA_PLATFORM="xcb", HOME=str(home), LANG="it_IT.UTF-8",
        LANGUAGE="it", PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    return env


def _windows(display: str) -> list[str]:
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", "pecdesk"],
        env={**os.environ, "DISPLAY": display}, capture_output=True, text=True, check=False,
    )
    return found.stdout.split()


def _screenshot(display: str, png: Path) -> int:
    """Capture the whole screen into ``png``; return how many distinct colours it shows."""
    subprocess.run(
        ["import", "-display", display, "-window", "root", str(png)],
        check=True, env={**os.environ, "DISPLAY": display},
    )
    out = subprocess.run(
        ["convert", str(png), "-format", "%k", "info:"],
        capture_output=True, text=True, check=True,
    )
    return int(out.stdout.strip())


def test_the_app_shows_a_real_window_on_xcb_and_quits_cleanly(
    display: str, tmp_path: Path
) -> None:
    """On Xvfb with the xcb plugin the window appears, is not blank, and Ctrl+Q ends it with 0."""
    home = tmp_path / "home"
    home.mkdir()
    log = tmp_path / "stderr.txt"
    with log.open("w") as err:
        app = subprocess.Popen(
            [sys.executable, "-m", "pecdesk", "--basedir", str(tmp_path / "data")],
            env=_env(display, home), stderr=err, stdout=subprocess.DEVNULL,
        )
        try:
            windows = _wait(lambda: app.poll() is None and _windows(display), 60,
                            "the main window")
            assert app.poll() is None, log.read_text()
            shot = tmp_path / "window.png"
            _wait(lambda: _screenshot(display, shot) > 20, 30, "a painted (not blank) screen")
            window = windows[0]  # type: ignore[index]
            keys = {**os.environ, "DISPLAY": display}
            subprocess.run(["xdotool", "windowfocus", "--sync", window],
                           env=keys, check=False)
            subprocess.run(["xdotool", "key", "ctrl+q"], env=keys, check=True)
            code = app.wait(30)
        finally:
            if app.poll() is None:
                app.kill()
                app.wait(10)
    stderr = log.read_text()
    assert code == 0, stderr
    assert "could not load the Qt platform plugin" not in stderr
    assert "Traceback" not in stderr
