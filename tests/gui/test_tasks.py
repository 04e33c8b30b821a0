"""TaskRunner: busy state, strong references and where each kind of failure goes."""

from __future__ import annotations

import asyncio
import sys
from types import TracebackType

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from pecdesk.errors import AuthError, PecError
from pecdesk.ui.widgets.tasks import TaskRunner
from tests.helpers.gui import OFFSCREEN_SHOW_NOISE

Hooked = list[BaseException]


@pytest.fixture
def hooked(monkeypatch: pytest.MonkeyPatch) -> Hooked:
    """Exceptions sent to sys.excepthook during the test."""
    seen: Hooked = []

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        seen.append(exc)

    monkeypatch.setattr(sys, "excepthook", hook)
    return seen


@pytest.fixture
def widget(qtbot: QtBot) -> QPushButton:
    """A button to mark busy and to parent message boxes."""
    button = QPushButton("go")
    qtbot.addWidget(button)
    return button


def test_busy_widget_disabled_while_running(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, widget: QPushButton, hooked: Hooked
) -> None:
    """The busy widget is disabled until the task ends, and the runner holds the task."""
    runner = TaskRunner(qloop)
    release = asyncio.Event()

    async def work() -> str:
        await release.wait()
        return "done"

    task = runner.run_task(work(), parent=widget, busy=widget)
    assert not widget.isEnabled()
    assert runner.pending == 1
    release.set()
    qtbot.waitUntil(task.done, timeout=2000)
    qtbot.waitUntil(widget.isEnabled, timeout=2000)
    assert task.result() == "done"
    assert runner.pending == 0
    assert hooked == []


def test_pec_error_goes_to_handler(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, widget: QPushButton, hooked: Hooked
) -> None:
    """A PecError reaches on_error, not the crash path."""
    runner = TaskRunner(qloop)
    errors: list[PecError] = []

    async def work() -> None:
        raise AuthError(status=401, server_message="Authorization is not valid or empty")

    runner.run_task(work(), parent=widget, busy=widget, on_error=errors.append)
    qtbot.waitUntil(lambda: len(errors) == 1, timeout=2000)
    assert isinstance(errors[0], AuthError)
    assert widget.isEnabled()
    assert hooked == []


@OFFSCREEN_SHOW_NOISE
def test_pec_error_default_is_message_box(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, widget: QPushButton, hooked: Hooked
) -> None:
    """Without a handler a PecError opens a warning box with its title and filled-in message."""
    runner = TaskRunner(qloop)
    widget.show()

    async def work() -> None:
        raise AuthError(status=401, server_message="nope")

    runner.run_task(work(), parent=widget)

    def find_box() -> QMessageBox | None:
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
        return next((b for b in boxes if b.isVisible()), None)

    qtbot.waitUntil(lambda: find_box() is not None, timeout=2000)
    box = find_box()
    assert box is not None
    assert box.windowTitle() == "Access refused"
    assert "(HTTP 401: nope)" in box.text()
    box.close()
    assert hooked == []


def test_bug_goes_to_excepthook_and_cancel_is_silent(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, hooked: Hooked
) -> None:
    """Any other exception is reported as a bug; a cancelled task reports nothing."""
    runner = TaskRunner(qloop)
    parent = QWidget()
    qtbot.addWidget(parent)

    async def broken() -> None:
        raise ZeroDivisionError("boom")

    async def forever() -> None:
        await asyncio.Event().wait()

    runner.run_task(broken(), parent=parent)
    slow = runner.run_task(forever(), parent=parent)
    never_started = runner.run_task(forever(), parent=parent)
    never_started.cancel()
    qtbot.waitUntil(lambda: len(hooked) == 1, timeout=2000)
    assert isinstance(hooked[0], ZeroDivisionError)
    slow.cancel()
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=2000)
    assert len(hooked) == 1


def test_task_cancelled_when_parent_destroyed(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, hooked: Hooked
) -> None:
    """Destroying the widget a task works for cancels the task, so it never touches it again."""
    runner = TaskRunner(qloop)
    parent = QWidget()
    touched: list[str] = []

    async def work() -> None:
        await asyncio.sleep(0.05)
        touched.append(parent.objectName())

    task = runner.run_task(work(), parent=parent)
    parent.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(parent), timeout=2000)
    qtbot.waitUntil(task.done, timeout=2000)
    assert task.cancelled()
    assert touched == []
    assert hooked == []
