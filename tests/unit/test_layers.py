"""The layering rule: nothing below pecdesk/ui (and app.py) imports Qt or qasync."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "pecdesk"
QT_ROOTS = frozenset({"PySide6", "shiboken6", "qasync"})
# The Qt layer and the composition root; everything else must run without Qt.
ALLOWED = ("ui/", "app.py", "__main__.py")


def qt_imports(source: str, filename: str = "<source>") -> list[str]:
    """Every Qt/qasync module imported anywhere in ``source`` (nested imports included)."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found.extend(name for name in names if name.split(".")[0] in QT_ROOTS)
    return found


def core_modules() -> list[Path]:
    """Every module of the Qt-free core."""
    return sorted(
        path
        for path in PACKAGE.rglob("*.py")
        if not path.relative_to(PACKAGE).as_posix().startswith(ALLOWED)
    )


def test_core_does_not_import_qt() -> None:
    """No module outside pecdesk/ui, app.py and __main__.py imports PySide6 or qasync."""
    modules = core_modules()
    assert PACKAGE / "services" / "mail.py" in modules
    assert PACKAGE / "ui" / "tasks.py" not in modules
    leaks = {
        str(path.relative_to(PACKAGE)): names
        for path in modules
        if (names := qt_imports(path.read_text(encoding="utf-8"), str(path)))
    }
    assert leaks == {}


def test_checker_catches_planted_imports(tmp_path: Path) -> None:
    """The checker sees plain, dotted, from- and function-local imports, and ignores lookalikes."""
    planted = tmp_path / "planted.py"
    planted.write_text(
        "import os\n"
        "import PySide6.QtCore\n"
        "from qasync import QEventLoop\n"
        "def later():\n"
        "    from PySide6 import QtWidgets\n"
        "import PySide6x\n"
        "from . import PySide6\n",
        encoding="utf-8",
    )
    found = qt_imports(planted.read_text(encoding="utf-8"), str(planted))
    assert found == ["PySide6.QtCore", "qasync", "PySide6"]
