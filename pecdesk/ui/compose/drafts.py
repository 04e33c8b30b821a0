"""Keeping the Compose form between sessions: saved at each pause in typing, restored at start."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from pecdesk.errors import PecError
from pecdesk.services.sending.compose import ComposeService
from pecdesk.services.sending.draft import Draft
from pecdesk.ui.widgets.tasks import TaskRunner

DRAFT_DELAY_MS = 1500


class DraftKeeper(QObject):
    """Saves the form a moment after the person stops typing, and loads it back once.

    The imported list is saved only when it changed (:meth:`list_changed`): re-encoding
    100,000 rows at each pause would keep a core busy for nothing.

    Attributes:
        loading: the saved draft is being looked for.
        saving: the latest save's task (done once stored); None before the first.

    Signals:
        restored(Draft): the draft saved by an earlier session, to fill the form with.
        settled(): the look for a saved draft ended (after ``restored``, if one was found).
    """

    restored = Signal(object)
    settled = Signal()

    def __init__(
        self,
        *,
        owner: QWidget,
        compose: ComposeService | None,
        tasks: TaskRunner | None,
        form: Callable[[], Draft],
    ) -> None:
        """Keep the draft of ``form`` (the form as it is when saved), tasks run for ``owner``."""
        super().__init__(owner)
        self._owner = owner
        self._compose = compose
        self._tasks = tasks
        self._form = form
        self._list_unsaved = False
        self.loading = False
        self.saving: asyncio.Task[None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DRAFT_DELAY_MS)
        self._timer.timeout.connect(self._save)

    def load(self) -> None:
        """Look for the saved draft in the background; ``restored`` says what was found."""
        if self._compose is not None and self._tasks is not None:
            self.loading = True
            self._tasks.run_task(self._load(self._compose), parent=self._owner)

    async def _load(self, compose: ComposeService) -> None:
        try:
            draft = await compose.load_draft()
        except PecError:
            self.loading = False
            self.settled.emit()  # an unreadable draft: the form starts as a new message
            raise
        finally:
            self.loading = False  # also when cancelled (then nothing may be emitted)
        if draft is not None:
            self.restored.emit(draft)
        self.settled.emit()

    def edited(self) -> None:
        """The form changed: save it after the next pause."""
        self._timer.start()

    def list_changed(self) -> None:
        """The imported list changed: the next save writes it too."""
        self._list_unsaved = True

    def flush(self) -> asyncio.Task[None] | None:
        """Save the draft now if a change is still waiting to be saved (the window closes).

        Returns:
            The saving task, or None when nothing was waiting or nothing can run any more.
        """
        return self._save() if self._timer.isActive() else None

    def _save(self) -> asyncio.Task[None] | None:
        self._timer.stop()
        tasks = self._tasks
        if self._compose is None or tasks is None or tasks.loop.is_closed():
            return None  # the session is over: nothing can run any more
        save = self._compose.save_draft(self._form(), with_list=self._list_unsaved)
        self._list_unsaved = False
        self.saving = tasks.run_task(save, parent=self._owner)
        return self.saving
