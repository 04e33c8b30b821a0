"""Run coroutines started from the UI: keep them alive, mark busy widgets, route their errors."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QMetaObject, QObject
from PySide6.QtWidgets import QWidget

from pecdesk.errors import PecError
from pecdesk.ui.widgets.error_box import show_error

_log = logging.getLogger(__name__)
T = TypeVar("T")
ErrorHandler = Callable[[PecError], None]


class TaskRunner:
    """Starts asyncio tasks on behalf of widgets and owns them until they finish.

    Every coroutine the UI starts goes through :meth:`run_task`:

    - a strong reference is kept until the task is done (asyncio only keeps weak ones);
    - the task is cancelled if its ``parent`` widget is destroyed first;
    - an optional ``busy`` widget is disabled while it runs;
    - a :class:`PecError` goes to ``on_error`` or, by default, to a message box;
    - cancellation is silent; any other exception is a bug and goes to ``sys.excepthook``.

    Attributes:
        loop: the event loop the tasks run on (qasync's, in the app).
    """

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self._tasks: set[asyncio.Task[Any]] = set()

    @property
    def pending(self) -> int:
        """How many tasks have not finished yet."""
        return len(self._tasks)

    def run_task(
        self,
        coro: Coroutine[Any, Any, T],
        *,
        parent: QWidget,
        busy: QWidget | None = None,
        on_error: ErrorHandler | None = None,
    ) -> asyncio.Task[T]:
        """Start ``coro`` and return its task.

        Args:
            coro: the work; it updates the UI itself when it succeeds.
            parent: the widget the task works for: it owns the error box, and destroying it
                cancels the task.
            busy: a widget to disable until the task ends.
            on_error: handles a PecError instead of the default message box.

        Returns:
            The task; :meth:`shutdown` cancels it if it is still running.
        """
        # The coroutine itself is the task (no wrapper): cancelling it before its first step
        # then closes it cleanly instead of leaving a "never awaited" coroutine behind.
        task = self.loop.create_task(coro)
        self._tasks.add(task)
        if busy is not None:
            busy.setEnabled(False)
        # A task must not outlive the widget it updates: cancel it when the widget goes.
        watch = parent.destroyed.connect(lambda *_: task.cancel())
        task.add_done_callback(lambda done: self._finished(done, parent, watch, busy, on_error))
        return task

    def cancel_all(self) -> list[asyncio.Task[Any]]:
        """Ask every running task to stop; returns them so a caller may wait."""
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        return tasks

    async def shutdown(self) -> None:
        """Cancel every task and wait until all of them have ended."""
        tasks = self.cancel_all()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

    def _finished(
        self,
        task: asyncio.Task[Any],
        parent: QWidget,
        watch: QMetaObject.Connection,
        busy: QWidget | None,
        on_error: ErrorHandler | None,
    ) -> None:
        self._tasks.discard(task)
        parent_alive = shiboken6.isValid(parent)
        if parent_alive:
            QObject.disconnect(watch)
        if busy is not None and shiboken6.isValid(busy):
            busy.setEnabled(True)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is None:
            return
        if isinstance(exc, PecError):
            _log.info("%s: %s", type(exc).__name__, exc.message)
            if not parent_alive:
                return  # the widget that asked is gone; nobody is left to tell
            if on_error is not None:
                on_error(exc)
            else:
                show_error(parent, exc)
        else:
            # Anything else is a bug: the crash dialog and the log.
            sys.excepthook(type(exc), exc, exc.__traceback__)
