"""When the Compose form is checked and previewed: after a pause in typing, in the worker.

The pre-flight and the merge preview run in a worker thread (:mod:`pecdesk.ui.compose.work`)
on a snapshot of the form, the newest request superseding older ones, so typing in a
100,000-row campaign never waits for them. This module only schedules that work and hands
back the results; what they change on screen is the tab's business.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from pecdesk.services.sending.draft import Draft
from pecdesk.services.sending.preflight import CheckSupersededError, Report
from pecdesk.ui.compose.work import Latest, Preview, check_form, preview_form
from pecdesk.ui.widgets.tasks import TaskRunner

CHECK_DELAY_MS = 300


class FormChecker(QObject):
    """Runs the pre-flight of the form and the preview of one recipient; the newest one wins.

    Without a task runner (a tab built for a test or a screenshot) both run at once on the
    GUI thread.

    Attributes:
        limit: the largest message the account accepts, in bytes once encoded.

    Signals:
        checked(Report): the report of the form as it is now.
        previewed(Preview): the chosen recipient's message, merged as it will be sent.
    """

    checked = Signal(object)
    previewed = Signal(object)

    def __init__(
        self,
        *,
        owner: QWidget,
        tasks: TaskRunner | None,
        form: Callable[[], Draft],
        preview_index: Callable[[], int],
        limit: int,
    ) -> None:
        """Check ``form()`` for ``owner``; the preview shows row ``preview_index()`` (0-based)."""
        super().__init__(owner)
        self._owner = owner
        self._tasks = tasks
        self._form = form
        self._preview_index = preview_index
        self.limit = limit
        self._checks, self._previews = Latest(), Latest()
        self._running = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)  # the pause in typing that starts a check
        self._timer.timeout.connect(self._check_later)

    @property
    def checking(self) -> bool:
        """Whether a pre-flight is running in the worker now (superseded ones included)."""
        return self._running > 0

    def form_changed(self) -> None:
        """The form changed: a check running now is of an older form; check after the pause."""
        self._checks.next()
        self._timer.start()

    def check_now(self) -> Report:
        """Check the form on this thread, at once; ``checked`` and ``previewed`` are emitted.

        Any check still running in the worker is superseded.
        """
        self._timer.stop()
        self._checks.next()
        form = self._form()
        report = check_form(form, self.limit)
        self.checked.emit(report)
        self._previews.next()
        self.previewed.emit(preview_form(form, self._preview_index()))
        return report

    def _check_later(self) -> None:
        """Check the form as it is now in the worker; a newer request supersedes this one."""
        self._timer.stop()
        if self._tasks is None:
            self.check_now()
        elif not self._tasks.loop.is_closed():  # else the session is over
            self._tasks.run_task(self.check_in_worker(), parent=self._owner)

    async def check_in_worker(self) -> bool:
        """Check the form now in the worker; returns whether the report was applied.

        False: a newer request superseded this one meanwhile.
        """
        self._timer.stop()  # checked right here
        ticket, form = self._checks.next(), self._form()
        self._running += 1
        try:
            report = await asyncio.to_thread(
                check_form, form, self.limit, self._checks.superseded(ticket)
            )
        except CheckSupersededError:
            return False
        finally:
            self._running -= 1
        if not self._checks.is_current(ticket):
            return False
        self.checked.emit(report)
        self.update_preview()
        return True

    def update_preview(self) -> None:
        """Merge the chosen recipient's message in the worker; ``previewed`` brings it back."""
        ticket, form, index = self._previews.next(), self._form(), self._preview_index()
        if self._tasks is None:
            self.previewed.emit(preview_form(form, index))
        elif not self._tasks.loop.is_closed():  # else the session is over
            self._tasks.run_task(self._preview_in_worker(ticket, form, index), parent=self._owner)

    async def _preview_in_worker(self, ticket: int, form: Draft, index: int) -> None:
        shown: Preview = await asyncio.to_thread(preview_form, form, index)
        if self._previews.is_current(ticket):
            self.previewed.emit(shown)
