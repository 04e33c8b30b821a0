"""One version number: pecdesk/__init__.py, and everything that shows or stamps it agrees.

``pecdesk.__version__`` is the only place the number is written. pyproject reads it
(``dynamic``), pecdesk.spec reads it into the Windows version resource and the macOS
Info.plist, the packaging scripts read it for the installer and DMG names, and the evidence ZIP
carries it. The spec is executed here as PyInstaller would, with stand-ins for PyInstaller's
build classes that record what they are given, once as on Windows and once as on macOS. (The
About dialog and the attestation PDF, which need Qt, are checked in tests/gui/test_about.py.)
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
import zipfile
from pathlib import Path
from typing import Any

import pytest

import pecdesk
from pecdesk.services.receipts.evidence import verify_zip, write_zip

ROOT = Path(__file__).resolve().parents[2]
VERSION = pecdesk.__version__


class Recorder:
    """Stands in for one of PyInstaller's spec classes; keeps the arguments of every call."""

    def __init__(self) -> None:
        self.calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls.append((args, kwargs))
        return self

    # Analysis's results, as the spec reads them.
    binaries: list[tuple[str, ...]] = []  # noqa: RUF012 - class-level empty results
    datas: list[tuple[str, ...]] = []  # noqa: RUF012
    scripts: list[str] = []  # noqa: RUF012
    pure: list[str] = []  # noqa: RUF012


def run_spec(platform: str, workpath: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Recorder]:
    """Execute pecdesk.spec as PyInstaller does on ``platform``; the recorders by class name."""
    if not sorted((ROOT / "resources" / "translations").glob("*.qm")):
        pytest.skip("no compiled translations: scripts/setup-venv builds them (the spec needs)")
    recorders = {name: Recorder() for name in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")}
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(sys, "path", list(sys.path))  # the spec inserts packaging/
    spec = (ROOT / "pecdesk.spec").read_text(encoding="utf-8")
    scope: dict[str, Any] = {"SPECPATH": str(ROOT), "workpath": str(workpath), **recorders}
    exec(compile(spec, "pecdesk.spec", "exec"), scope)
    return recorders


def test_pyproject_reads_the_package_version() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" in project["project"]["dynamic"]
    assert "version" not in project["project"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "pecdesk.__version__"}
    assert importlib.metadata.version("pecdesk") == VERSION  # stale: reinstall (setup-venv)


def test_version_is_one_plain_number() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", VERSION)
    source = (ROOT / "pecdesk" / "__init__.py").read_text(encoding="utf-8")
    assert source.count(VERSION) == 1


def test_windows_version_resource(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    recorders = run_spec("win32", tmp_path, monkeypatch)
    (_args, exe), = recorders["EXE"].calls
    assert exe["icon"].endswith("pecdesk.ico")
    text = Path(exe["version"]).read_text(encoding="utf-8")
    ast.parse(text, mode="eval")  # PyInstaller evaluates it as one Python expression
    numbers = (*(int(n) for n in VERSION.split(".")), 0)
    assert f"filevers={numbers!r}" in text and f"prodvers={numbers!r}" in text
    assert f"StringStruct('FileVersion', '{VERSION}')" in text
    assert f"StringStruct('ProductVersion', '{VERSION}')" in text
    assert "@VERSION" not in text
    assert recorders["BUNDLE"].calls == []


def test_macos_info_plist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    recorders = run_spec("darwin", tmp_path, monkeypatch)
    (_args, exe), = recorders["EXE"].calls
    assert exe["version"] is None
    (_args, bundle), = recorders["BUNDLE"].calls
    assert bundle["version"] == VERSION
    plist = bundle["info_plist"]
    assert plist["CFBundleShortVersionString"] == VERSION
    assert plist["CFBundleVersion"] == VERSION
    assert plist["CFBundleIdentifier"] == bundle["bundle_identifier"] == "it.pecdesk.app"


def test_installer_and_dmg_names_come_from_the_package() -> None:
    """build.ps1 and sign-and-notarize.sh read the version from pecdesk/__init__.py only."""
    build_ps1 = (ROOT / "packaging" / "windows" / "build.ps1").read_text(encoding="utf-8")
    assert "Select-String -Path pecdesk\\__init__.py -Pattern '__version__" in build_ps1
    assert '"/DAppVersion=$version"' in build_ps1
    mac = (ROOT / "packaging" / "macos" / "sign-and-notarize.sh").read_text(encoding="utf-8")
    assert "pecdesk/__init__.py)" in mac and 'DMG="dist/pecdesk-${VERSION}-' in mac
    iss = (ROOT / "packaging" / "windows" / "pecdesk.iss").read_text(encoding="utf-8")
    assert "AppVersion={#AppVersion}" in iss and "VersionInfoVersion={#AppVersion}" in iss
    for text in (build_ps1, mac, iss):
        assert VERSION not in text  # never written down a second time


def test_evidence_zip_names_the_version(tmp_path: Path) -> None:
    target = tmp_path / "evidence.zip"
    write_zip(target, {"ledger.csv": b"campaign;job\r\n"})
    with zipfile.ZipFile(target) as archive:
        assert archive.comment.decode() == f"pecdesk {VERSION}"
    assert verify_zip(target) == []
