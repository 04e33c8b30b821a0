"""``pecdesk --self-test`` from source: every step passes, only allowed stderr, no user files."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

from pecdesk.app.selftest import STEP_NAMES, SelfTest
from tests.packaging.selftest_run import STEP_LINES, run_selftest, user_files


def run_with(render_ok: bool) -> tuple[bool, list[str], list[str]]:
    """Run the Qt-free steps with a fake renderer; returns (passed, lines, bodies rendered)."""
    lines: list[str] = []
    bodies: list[str] = []

    async def render(html: str) -> bool:
        bodies.append(html)
        return render_ok

    passed = asyncio.run(SelfTest(render=render, out=lines.append, timeout=15).run())
    return passed, lines, bodies


def test_steps_pass_and_render_the_delivery_receipt() -> None:
    passed, lines, bodies = run_with(True)
    assert passed, lines
    assert [line.split(":")[1].split()[-1] for line in lines[:-1]] == [
        name.split()[-1] for name in STEP_NAMES
    ]
    assert all(line.startswith("self-test: ok ") for line in lines[:-1])
    assert lines[-1] == "self-test: passed"
    assert len(bodies) == 1
    assert "consegna" in bodies[0].lower()


def test_a_failing_step_fails_the_run() -> None:
    passed, lines, _ = run_with(False)
    assert not passed
    assert lines[-1].startswith("self-test: FAIL message view:")
    assert len(lines) == len(STEP_NAMES)


@pytest.mark.slow
def test_self_test_from_source(tmp_path: Path) -> None:
    """`python -m pecdesk --self-test` passes offscreen and writes nothing under HOME."""
    home = tmp_path / "home"
    result = run_selftest([sys.executable, "-m", "pecdesk", "--self-test"], home)
    assert result.returncode == 0, result.stdout
    assert result.stdout.count("\n") == STEP_LINES, result.stdout
    assert result.unexpected == [], result.unexpected
    assert user_files(home) == []
