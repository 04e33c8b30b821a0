"""The layering rules: Qt stays in pecdesk/ui and app.py; only pecdesk/wiring.py wires a mailbox.

Nothing below pecdesk/ui (and app.py) imports Qt or qasync, and no module but pecdesk/wiring.py
builds an account's client, send queue, reconciler or receipt tracker.
"""

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


# The composition rule: one factory wires an account's client, queue, reconciler and tracker.
WIRED = frozenset({"PecMassivaClient", "SendQueue", "Reconciler", "Tracker"})
COMPOSER = "wiring.py"
# The front doors that must get their mailbox from the factory.
FRONT_DOORS = ("app.py", "cli_run.py", "cli_status.py", "selftest.py")


def constructions(source: str, filename: str = "<source>") -> list[str]:
    """Every call of a WIRED class in ``source``, by name (``X(...)`` or ``module.X(...)``)."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        if name in WIRED:
            found.append(name)
    return found


def test_only_the_wiring_factory_builds_clients_queues_reconcilers_and_trackers() -> None:
    """Only pecdesk/wiring.py constructs a client, send queue, reconciler or receipt tracker."""
    modules = sorted(PACKAGE.rglob("*.py"))
    assert PACKAGE / COMPOSER in modules
    built = {
        str(path.relative_to(PACKAGE)): names
        for path in modules
        if (names := constructions(path.read_text(encoding="utf-8"), str(path)))
    }
    assert set(built.pop(COMPOSER, [])) == WIRED  # the factory itself builds all four
    assert built == {}


def test_the_front_doors_open_their_mailbox_through_the_factory() -> None:
    """The window, the command line and the self-test all call pecdesk.wiring."""
    for name in FRONT_DOORS:
        tree = ast.parse((PACKAGE / name).read_text(encoding="utf-8"), name)
        called = {
            node.func.id for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        }
        assert called & {"open_mailbox", "open_client"}, name


def test_construction_checker_catches_planted_calls(tmp_path: Path) -> None:
    """The checker sees bare and dotted constructions, and ignores mere mentions."""
    planted = tmp_path / "planted.py"
    planted.write_text(
        "from pecdesk.services import send_queue\n"
        "from pecdesk.services.reconcile import Reconciler\n"
        "queue = send_queue.SendQueue(store=s)\n"
        "def later():\n"
        "    return Reconciler(store=s), Tracker\n"
        "kind: type[Tracker] = Tracker\n",
        encoding="utf-8",
    )
    found = constructions(planted.read_text(encoding="utf-8"), str(planted))
    assert found == ["SendQueue", "Reconciler"]
