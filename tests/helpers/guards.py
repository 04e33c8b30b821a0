"""Questions left open for seconds while the app keeps working: find them, hold them, catch crashes.

The crash loop of issue 12 came from a modal ``exec()`` inside a coroutine: the first timer that
started another task raised "Cannot enter into task" on the qasync loop, and the app's handler
showed a crash dialog every few seconds. :class:`Crashes` records exactly those two routes (the
loop's exception handler and ``sys.excepthook``) so a test can assert that nothing went there.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from pecdesk.ui.dialogs.ask import QUESTION_BOX

HOLD_SECONDS = 10.0
"""How long each confirmation stays open while timers fire, tasks start and receipts arrive."""


class Crashes:
    """What reached the loop's exception handler or ``sys.excepthook`` during a test.

    Attributes:
        loop_errors: the contexts the qasync loop reported.
        hooked: the exceptions ``sys.excepthook`` received.
    """

    def __init__(self) -> None:
        self.loop_errors: list[dict[str, Any]] = []
        self.hooked: list[BaseException] = []

    def on_loop_error(self, _loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        """The loop's exception handler."""
        self.loop_errors.append(context)

    def on_hook(
        self, _kind: type[BaseException], exc: BaseException, _tb: TracebackType | None
    ) -> None:
        """The replacement ``sys.excepthook``."""
        self.hooked.append(exc)

    def none(self) -> bool:
        """True when nothing crashed (and no crash box is open)."""
        boxes = [w for w in QApplication.topLevelWidgets()
                 if w.objectName() == "crashBox" and w.isVisible()]
        return not self.loop_errors and not self.hooked and not boxes

    def describe(self) -> str:
        """What went wrong, for the assertion message."""
        return repr([c.get("message") or c.get("exception") for c in self.loop_errors]
                    + self.hooked)


@pytest.fixture
def crashes(
    qloop: asyncio.AbstractEventLoop, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Crashes]:
    """Record loop errors and excepthook calls (the app turns both into crash dialogs)."""
    found = Crashes()
    qloop.set_exception_handler(found.on_loop_error)
    monkeypatch.setattr(sys, "excepthook", found.on_hook)
    yield found
    qloop.set_exception_handler(None)


def open_questions() -> list[QMessageBox]:
    """The yes/no questions :func:`pecdesk.ui.dialogs.ask.ask` has open now."""
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == QUESTION_BOX and w.isVisible()]


def wait_question(qtbot: QtBot, timeout: int = 10000) -> QMessageBox:
    """Wait until exactly one question is open; return it."""
    qtbot.waitUntil(lambda: len(open_questions()) == 1, timeout=timeout)
    (box,) = open_questions()
    return box


def hold(
    qtbot: QtBot,
    seconds: float = HOLD_SECONDS,
    *,
    meanwhile: Callable[[], None] | None = None,
    every: float = 1.0,
    until: Callable[[], bool] = lambda: True,
) -> None:
    """Keep the event loop running ``seconds``, and until ``until`` holds.

    ``meanwhile`` is what the person does elsewhere while a question waits (a click on another
    tab); a Qt timer calls it every ``every`` seconds, so each task it starts is started from a
    timer, the route that crashed under a modal ``exec()`` inside a coroutine (issue 12).
    """
    timer = QTimer()
    timer.setInterval(int(every * 1000))
    if meanwhile is not None:
        timer.timeout.connect(meanwhile)
        timer.start()
    start = time.monotonic()
    try:
        qtbot.waitUntil(lambda: time.monotonic() - start >= seconds and until(),
                        timeout=int(seconds * 1000) + 20000)
    finally:
        timer.stop()


def answer(qtbot: QtBot, box: QMessageBox, *, yes: bool) -> None:
    """Click the affirmative (or negative) button of ``box``, and wait until it is gone."""
    role = QMessageBox.ButtonRole.YesRole if yes else QMessageBox.ButtonRole.NoRole
    (button,) = [b for b in box.buttons() if box.buttonRole(b) == role]
    button.click()
    qtbot.waitUntil(lambda: not open_questions(), timeout=5000)
