"""Run ``pecdesk --self-test`` (from source or a bundle) and check its output and stderr."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pecdesk.app.selftest import STEP_NAMES

# stderr lines a healthy offscreen run on a headless Linux machine prints; anything else fails.
ALLOWED_STDERR = tuple(
    re.compile(pattern)
    for pattern in (
        # QtWebEngine as root runs with QTWEBENGINE_DISABLE_SANDBOX=1 and says so.
        r"^Sandboxing disabled by user\.$",
        # No GPU and no GL context offscreen: Qt's RHI falls back to software rendering.
        r"^QRhiGles2: Failed to create (temporary )?context$",
        r"^Failed to create RHI for backend: OpenGL$",
        r"^This plugin does not support createPlatformVulkanInstance$",
        r"^QVulkanInstance: Failed to initialize Vulkan$",
        r"^GBM is not supported with the current configuration and Vulkan is not available\. "
        r"Fallback to software rendering\.$",
        # Chromium's GPU process, software-only here, sometimes reports before it is set up.
        r"^GPUInfo not initialized on GpuInfoUpdate$",
        # Chromium looks for the system D-Bus (power/battery hints); CI machines have none.
        r"^\[[\d:/.]+:ERROR:.*dbus/bus\.cc:\d+\] Failed to connect to the bus: ",
    )
)
STEP_LINES = len(STEP_NAMES) + 1  # one line per step, then "passed"


@dataclass(frozen=True, slots=True)
class SelfTestOutput:
    """What one self-test run printed.

    Attributes:
        returncode: the exit code.
        stdout: its standard output.
        unexpected: the stderr lines outside :data:`ALLOWED_STDERR`.
    """

    returncode: int
    stdout: str
    unexpected: list[str]


def selftest_env(home: Path) -> dict[str, str]:
    """The environment for an offscreen run: a throwaway HOME and XDG dirs, C.UTF-8."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "C.UTF-8",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_STATE_HOME": str(home / "state"),
    }
    if os.geteuid() == 0:
        env["QTWEBENGINE_DISABLE_SANDBOX"] = "1"  # Chromium refuses to run as root otherwise
    return env


def run_selftest(command: Sequence[str], home: Path, *, timeout: float = 120) -> SelfTestOutput:
    """Run ``command`` (ending in ``--self-test``) with a throwaway HOME."""
    home.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        list(command),
        env=selftest_env(home),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    unexpected = [
        line
        for line in done.stderr.splitlines()
        if line.strip() and not any(p.search(line) for p in ALLOWED_STDERR)
    ]
    return SelfTestOutput(done.returncode, done.stdout, unexpected)


def user_files(home: Path) -> list[Path]:
    """Files written under the throwaway HOME (the self-test must write none)."""
    return [p for p in home.rglob("*") if p.is_file()]
