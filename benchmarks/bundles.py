"""Build PyInstaller bundles for the packaging benchmarks, with pecdesk.spec's own rules.

pecdesk itself is built with ``pecdesk.spec``; the reference app (``minimal_app.py``) with a
spec generated here that applies the same :mod:`packaging.pyi_rules` (excluded modules, dropped
files), onedir, windowed, no UPX, so the two differ only in what the apps import.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYINSTALLER = ROOT / ".venv" / "bin" / "pyinstaller"
SPEC = """
import sys
sys.path.insert(0, {packaging!r})
import pyi_rules
a = Analysis([{entry!r}], pathex=[{root!r}], hiddenimports=["PySide6.QtWebEngineWidgets"],
             excludes=list(pyi_rules.EXCLUDE_MODULES) if {excludes} else [])
if {drop}:
    a.binaries = pyi_rules.slim(a.binaries)
    a.datas = pyi_rules.slim(a.datas)
pyz = PYZ(a.pure)
exe = EXE(pyz, a.scripts, [], exclude_binaries=True, name={name!r}, console=False,
          strip=False, upx=False)
coll = COLLECT(exe, a.binaries, a.datas, strip=False, upx=False, name={name!r})
"""


def _pyinstaller(spec: Path, out: Path) -> None:
    subprocess.run(
        [str(PYINSTALLER), "--noconfirm", "--log-level", "ERROR", "--distpath",
         str(out / "dist"), "--workpath", str(out / "build"), str(spec)],
        cwd=ROOT,
        check=True,
    )


def build_pecdesk(out: Path) -> Path:
    """Build pecdesk with pecdesk.spec under ``out``; returns the onedir folder."""
    _pyinstaller(ROOT / "pecdesk.spec", out)
    return out / "dist" / "pecdesk"


def build_minimal(out: Path) -> Path:
    """Build the reference app under ``out`` with the same rules; returns the onedir folder."""
    return build_generated(out, ROOT / "benchmarks" / "minimal_app.py", "minimal")


def build_generated(
    out: Path, entry: Path, name: str, *, excludes: bool = True, drop: bool = True
) -> Path:
    """Build ``entry`` with a generated spec (rules on or off) under ``out``; returns the folder."""
    spec = out / f"{name}.spec"
    out.mkdir(parents=True, exist_ok=True)
    text = SPEC.format(
        packaging=str(ROOT / "packaging"),
        root=str(ROOT),
        entry=str(entry),
        name=name,
        excludes=excludes,
        drop=drop,
    )
    spec.write_text(text, encoding="utf-8")
    _pyinstaller(spec, out)
    return out / "dist" / name


def tree_size(folder: Path) -> tuple[int, int]:
    """Bytes and files under ``folder``, symlinks not followed (``du --apparent-size``-like)."""
    total = files = 0
    for dirpath, _dirs, names in os.walk(folder):
        for name in names:
            path = Path(dirpath) / name
            if not path.is_symlink():
                total += path.stat().st_size
                files += 1
    return total, files


def offscreen_env() -> dict[str, str]:
    """Environment for an offscreen run on this headless machine."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}
    if os.geteuid() == 0:
        env["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
    return env


def need_pyinstaller() -> None:
    """Exit with a message when PyInstaller is not in .venv."""
    if not PYINSTALLER.exists():
        sys.exit("pyinstaller missing: run scripts/setup-venv dev (it installs the build extra)")
