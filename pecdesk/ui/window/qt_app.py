"""The QApplication and the first paint: what :mod:`pecdesk.app.main` does before anything slow.

Kept apart so that the composition root stays about composing. Nothing here may import more
than the empty main window needs (tests/gui/test_first_run.py watches it).
"""

from __future__ import annotations

import linecache
import os
import sys
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeAlias

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

import pecdesk
from pecdesk.config.paths import APP_NAME, resource_path
from pecdesk.ui.window.main_window import MainWindow
from pecdesk.ui.window.startup_probe import STARTUP_PROBE_ENV, install_startup_probe

Application: TypeAlias = QApplication
"""The application object, named for the composition root (which imports no Qt itself)."""


def create_app(qt_args: Sequence[str]) -> QApplication:
    """The QApplication, named, with pecdesk's icon.

    QtWebEngine is not loaded here: the message view loads it when a message is first opened
    (:mod:`pecdesk.ui.message.view`).
    """
    app = QApplication([sys.argv[0], *qt_args])
    name_app(app)
    if os.environ.get(STARTUP_PROBE_ENV) == "1":  # benchmarks/startup.py
        install_startup_probe(app)
    return app


def name_app(app: QApplication) -> None:
    """Give ``app`` pecdesk's names and icon.

    The desktop file name is what Linux desktops tie the unread badge (Unity's launcher API)
    and the window icon to; without it Qt warns at every change of the count.
    """
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_NAME)
    app.setApplicationVersion(pecdesk.__version__)
    app.setWindowIcon(QIcon(str(resource_path("icons/pecdesk.png"))))


def show_empty_window(app: QApplication, *, geometry: bytes = b"") -> MainWindow:
    """Show the main window, still empty, and paint it before anything slow happens.

    ``geometry`` (Qt's saveGeometry, from the last session) puts it where it was left.
    """
    window = MainWindow()
    if geometry:
        window.restoreGeometry(QByteArray(geometry))
    window.show()
    app.processEvents()  # the first paint, before the event loop runs
    return window


def forget_module_sources() -> None:
    """Drop the module sources PySide6 read while they were imported (~14 MB unfrozen).

    PySide6 reads the source of every module imported after it, looking for
    ``from __feature__ import``, and Python's line cache keeps all of it. Only tracebacks use
    that cache, and they read the files again when they need them. (A frozen app has no
    sources, so there it costs nothing.)
    """
    linecache.clearcache()


def run_on_qt_loop(app: QApplication, start: Callable[[], Awaitable[int]]) -> int:
    """Run ``start()`` to its end on one qasync loop over Qt's event loop; its result.

    One run of Qt's event loop, not asyncio.Runner: the Runner starts it again to shut down
    (async generators, executor), and a second exec() once QtWebEngine has shown a message
    crashes the process on exit (env.md 5e). The coroutine awaits its own tasks. asyncio and
    qasync are imported here, after the first paint, not with this module.
    """
    import asyncio  # noqa: PLC0415 - after the first paint

    from qasync import QEventLoop  # noqa: PLC0415 - after the first paint

    loop = QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        return int(loop.run_until_complete(start()))
    finally:
        loop.close()
        asyncio.set_event_loop(None)
