"""The Linux bundle: scripts/build-bundle builds it with pecdesk.spec; its --self-test passes.

Marked ``bundle``: about 30-45 s and ~460 MB (in a temporary directory, removed afterwards).
scripts/test runs it with the rest of the suite; ``-m "not bundle"`` leaves it out.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.packaging.selftest_run import STEP_LINES, run_selftest, user_files

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.bundle, pytest.mark.slow, pytest.mark.timeout(900)]


@pytest.fixture
def bundle_dir(tmp_path: Path) -> object:
    """Build the bundle under ``tmp_path``; yields dist/pecdesk and removes it afterwards."""
    if not (ROOT / ".venv" / "bin" / "pyinstaller").exists():
        pytest.skip("pyinstaller is not installed: scripts/setup-venv dev installs it")
    dist, work = tmp_path / "dist", tmp_path / "build"
    try:
        subprocess.run(
            ["bash", str(ROOT / "scripts" / "build-bundle"), "--distpath", str(dist),
             "--workpath", str(work)],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
            timeout=800,
        )
        yield dist / "pecdesk"
    finally:
        shutil.rmtree(dist, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)


def test_bundle_self_test_passes(bundle_dir: Path, tmp_path: Path) -> None:
    """The frozen app passes every step offscreen, with no unexpected stderr and no user files."""
    executable = bundle_dir / "pecdesk"
    assert (bundle_dir / "_internal" / "resources" / "translations" / "pecdesk_it.qm").is_file()
    home = tmp_path / "home"
    result = run_selftest([str(executable), "--self-test"], home)
    assert result.returncode == 0, result.stdout
    assert result.stdout.count("\n") == STEP_LINES, result.stdout
    assert result.unexpected == [], result.unexpected
    assert user_files(home) == []
