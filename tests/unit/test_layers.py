"""The layering rules, read from the source: who may import whom, and who builds what.

- Qt (PySide6, shiboken6, qasync) is imported only under ``pecdesk/ui/``; the composition root
  (``pecdesk/app/``) drives the window through ``pecdesk.ui`` functions and imports no Qt itself.
- Each folder imports only the layers below it (:data:`ALLOWED`): the window never reads the
  stores or the API directly, the services never reach up into the window or the command line.
- There is no import cycle between pecdesk's modules, counting every import: top-level,
  function-local and ``TYPE_CHECKING`` ones alike.
- Only ``pecdesk/app/wiring.py`` builds an account's client, send queue, reconciler, tracker and
  the services the window talks to; the front doors (window, command line, self-test) get their
  mailbox from it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "pecdesk"
QT_ROOTS = frozenset({"PySide6", "shiboken6", "qasync"})


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


def test_only_the_ui_imports_qt() -> None:
    """No module outside pecdesk/ui imports PySide6 or qasync (the app folder neither)."""
    modules = sorted(PACKAGE.rglob("*.py"))
    outside = [path for path in modules if path.relative_to(PACKAGE).parts[0] != "ui"]
    assert PACKAGE / "app" / "main.py" in outside
    assert PACKAGE / "ui" / "widgets" / "tasks.py" not in outside
    leaks = {
        str(path.relative_to(PACKAGE)): names
        for path in outside
        if (names := qt_imports(path.read_text(encoding="utf-8"), str(path)))
    }
    assert leaks == {}


def test_qt_checker_catches_planted_imports(tmp_path: Path) -> None:
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


# --- The import graph ------------------------------------------------------------------------


def module_names(root: Path) -> dict[str, Path]:
    """Every module under ``root`` (a package folder) by dotted name."""
    names: dict[str, Path] = {}
    for path in root.rglob("*.py"):
        parts = [root.name, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module → the package's modules it imports (every import, nested and TYPE_CHECKING too).

    ``from a.b import c`` counts as importing ``a.b.c`` when that is a module, else ``a.b``.
    """
    names = module_names(root)

    def resolve(dotted: str) -> str | None:
        while dotted and dotted not in names:
            dotted = dotted.rpartition(".")[0]
        return dotted or None

    graph: dict[str, set[str]] = {}
    for name, path in names.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str | None] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets.update(resolve(alias.name) for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([base] if base else [])])
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    targets.add(resolve(full) if full in names else resolve(base))
        graph[name] = {target for target in targets if target and target != name}
    return graph


def cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_there_is_no_import_cycle() -> None:
    """No group of pecdesk modules imports itself round, however indirectly."""
    graph = import_graph(PACKAGE)
    assert "pecdesk.app.wiring" in graph["pecdesk.app.main"]  # the graph is read
    assert cycles(graph) == []


def test_the_cycle_finder_finds_planted_cycles(tmp_path: Path) -> None:
    """Function-local, TYPE_CHECKING and relative imports all close a cycle."""
    root = tmp_path / "pkg"
    (root / "sub").mkdir(parents=True)
    (root / "__init__.py").write_text("", encoding="utf-8")
    (root / "sub" / "__init__.py").write_text("", encoding="utf-8")
    (root / "a.py").write_text("def f():\n    from pkg.sub import b\n", encoding="utf-8")
    (root / "sub" / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .c import X\n",
        encoding="utf-8",
    )
    (root / "sub" / "c.py").write_text("import pkg.a\n", encoding="utf-8")
    (root / "d.py").write_text("from pkg import a\n", encoding="utf-8")
    graph = import_graph(root)
    assert cycles(graph) == [["pkg.a", "pkg.sub.b", "pkg.sub.c"]]


# Each folder and the folders it may import (besides its own). The root's loose modules:
# errors and i18n are the bottom; "pecdesk" is the package itself (its version).
BOTTOM = frozenset({"errors", "i18n", "pecdesk"})
ALLOWED: dict[str, frozenset[str]] = {
    "i18n": frozenset(),
    "errors": frozenset({"i18n"}),
    "domain": BOTTOM,
    "config": BOTTOM,
    "sandbox": BOTTOM,
    "api": BOTTOM | {"domain"},
    "storage": BOTTOM | {"domain", "config"},
    "accounts": BOTTOM | {"domain", "config"},
    "recipients": BOTTOM | {"domain", "storage"},
    "services": BOTTOM | {"domain", "config", "api", "storage", "accounts", "recipients"},
    "ui": BOTTOM | {"domain", "config", "accounts", "recipients", "services"},
    "cli": BOTTOM | {"domain", "config", "storage", "accounts", "recipients", "services", "app"},
    "app": BOTTOM | {"domain", "config", "api", "storage", "accounts", "recipients", "services",
                     "sandbox", "ui"},
    "__main__": BOTTOM | {"app", "cli"},
}


def folder_of(module: str) -> str:
    """``pecdesk.services.sending.queue`` → ``services``; ``pecdesk`` → ``pecdesk``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def layer_breaches(graph: Mapping[str, Iterable[str]]) -> list[str]:
    """``a -> b`` for every import that reaches a folder ``a``'s layer may not use."""
    breaches = []
    for module, targets in sorted(graph.items()):
        folder = folder_of(module)
        allowed = ALLOWED.get(folder, frozenset()) | {folder}
        breaches += [f"{module} -> {t}" for t in sorted(targets) if folder_of(t) not in allowed]
    return breaches


def test_each_folder_imports_only_the_layers_below() -> None:
    """The window never imports storage, the API client or the app; services never the window."""
    graph = import_graph(PACKAGE)
    assert set(ALLOWED) >= {folder_of(module) for module in graph} - {"pecdesk"}
    assert layer_breaches(graph) == []


def test_the_layer_checker_catches_a_planted_breach() -> None:
    """A window module importing a store, or a service importing the window, is reported."""
    graph = {
        "pecdesk.ui.sent.tab": {"pecdesk.storage.ledger", "pecdesk.services.receipts.sent"},
        "pecdesk.services.receipts.sent": {"pecdesk.ui.widgets.tasks", "pecdesk.domain.ledger"},
    }
    assert layer_breaches(graph) == [
        "pecdesk.services.receipts.sent -> pecdesk.ui.widgets.tasks",
        "pecdesk.ui.sent.tab -> pecdesk.storage.ledger",
    ]


# --- Who builds what -------------------------------------------------------------------------

# One factory wires an account's client, queue, reconciler and tracker, and the window's services.
WIRED = frozenset({
    "PecMassivaClient", "SendQueue", "Reconciler", "Tracker",
    "ComposeService", "SentService", "InboxService", "MailService", "SessionService",
    "TemplateService", "AddressBookService",
})
COMPOSER = "app/wiring.py"
# The front doors that must get their mailbox from the factory.
FRONT_DOORS = ("app/main.py", "cli/queue_runner.py", "cli/ledger.py", "app/selftest.py")


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


def test_only_the_wiring_factory_builds_clients_queues_and_services() -> None:
    """Only pecdesk/app/wiring.py constructs a client, queue, reconciler, tracker or service."""
    modules = sorted(PACKAGE.rglob("*.py"))
    assert PACKAGE / COMPOSER in modules
    built = {
        str(path.relative_to(PACKAGE)): names
        for path in modules
        if (names := constructions(path.read_text(encoding="utf-8"), str(path)))
    }
    # the factory builds them all (SentService through its own create())
    assert set(built.pop(COMPOSER, [])) == WIRED - {"SentService"}
    assert built == {}


def test_the_front_doors_open_their_mailbox_through_the_factory() -> None:
    """The window, the command line and the self-test all call pecdesk.app.wiring."""
    for name in FRONT_DOORS:
        tree = ast.parse((PACKAGE / name).read_text(encoding="utf-8"), name)
        called = {
            node.func.id for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        }
        assert called & {"open_mailbox", "open_client", "open_window_services"}, name


def test_construction_checker_catches_planted_calls(tmp_path: Path) -> None:
    """The checker sees bare and dotted constructions, and ignores mere mentions."""
    planted = tmp_path / "planted.py"
    planted.write_text(
        "from pecdesk.services.sending import queue\n"
        "from pecdesk.services.receipts.reconcile import Reconciler\n"
        "q = queue.SendQueue(store=s)\n"
        "def later():\n"
        "    return Reconciler(store=s), Tracker, InboxService(mail=m)\n"
        "kind: type[Tracker] = Tracker\n",
        encoding="utf-8",
    )
    found = constructions(planted.read_text(encoding="utf-8"), str(planted))
    assert found == ["SendQueue", "Reconciler", "InboxService"]
