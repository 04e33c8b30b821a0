"""Reply and forward from the Inbox: the message read if need be, and its draft handed up.

The Inbox only asks: the window decides to show the draft in Compose, where it is checked and
planned like any letter (:mod:`pecdesk.services.mailbox.reply` builds it, Qt-free). The words
of the draft are translated here, in the window's language.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from pecdesk.services.mailbox.inbox import InboxRow, InboxService, OpenedMessage
from pecdesk.services.mailbox.reply import ReplyWords, can_answer, forward_draft, reply_draft
from pecdesk.ui.message.headers import format_date
from pecdesk.ui.widgets.tasks import TaskRunner


class Replies(QObject):
    """Turns the selected or shown message into the draft of a reply or of a forward.

    The list's actions (:meth:`reply`, :meth:`forward`) and the reading pane's buttons
    (:meth:`reply_to`, :meth:`forward_of`) all end in :meth:`answer`.

    Signals:
        compose_requested(object): open this :class:`Draft` in Compose.
        failed(object): the message could not be read (a :class:`PecError`).
    """

    compose_requested = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        owner: QWidget,
        *,
        inbox: InboxService,
        tasks: TaskRunner,
        selected: Callable[[], list[InboxRow]],
        shown: Callable[[], OpenedMessage | None],
    ) -> None:
        super().__init__(owner)
        self._owner = owner  # parents the tasks; gives the locale of the date
        self._inbox = inbox
        self._tasks = tasks
        self._selected = selected
        self._shown = shown

    def words(self) -> ReplyWords:
        """The words of replies and forwards in the window's language."""
        return ReplyWords(
            reply_prefix=self.tr("Re:"),
            forward_prefix=self.tr("Fwd:"),
            quote_header=self.tr("On {date}, {sender} wrote:"),
            forward_header=self.tr("-------- Forwarded message --------"),
            from_label=self.tr("From:"),
            date_label=self.tr("Date:"),
            subject_label=self.tr("Subject:"),
            to_label=self.tr("To:"),
        )

    def reply(self) -> None:
        """Reply to the message selected, or else shown (see :meth:`target`)."""
        self._start(forward=False)

    def forward(self) -> None:
        """Forward the message selected, or else shown (see :meth:`target`)."""
        self._start(forward=True)

    def reply_to(self, opened: OpenedMessage) -> None:
        """Reply to ``opened`` (the reading pane's button)."""
        self.answer(opened, forward=False)

    def forward_of(self, opened: OpenedMessage) -> None:
        """Forward ``opened`` (the reading pane's button)."""
        self.answer(opened, forward=True)

    def answer(self, opened: OpenedMessage, *, forward: bool) -> None:
        """Ask Compose for a reply to ``opened`` (or a forward of it); a receipt asks nothing."""
        if not can_answer(opened.row.kind):
            return
        message = opened.message
        date = format_date(message.date, message.date_text, self._owner.locale())
        build = forward_draft if forward else reply_draft
        self.compose_requested.emit(build(message, words=self.words(), date=date))

    def target(self) -> OpenedMessage | InboxRow | None:
        """What Reply and Forward answer now; None if nothing (or only a receipt).

        The one message selected in the list (the pane's copy of it, if it shows it), else,
        with nothing selected, the message the reading pane shows: a reload of the list or a
        click on empty space leaves the pane's message the one being read. Several selected
        messages answer nothing.
        """
        rows = self._selected()
        shown = self._shown()
        if len(rows) > 1:
            return None
        found: OpenedMessage | InboxRow | None = shown
        if rows and (shown is None or shown.row.key != rows[0].key):
            found = rows[0]
        if found is None:
            return None
        kind = found.row.kind if isinstance(found, OpenedMessage) else found.kind
        return found if can_answer(kind) else None

    def has_target(self) -> bool:
        """Whether Reply and Forward have a message to answer (they are disabled otherwise)."""
        return self.target() is not None

    def _start(self, *, forward: bool) -> None:
        found = self.target()
        if isinstance(found, OpenedMessage):
            self.answer(found, forward=forward)
        elif found is not None:  # the text is needed: read it (from this computer when saved)
            self._tasks.run_task(
                self._read_then_answer(found, forward),
                parent=self._owner,
                on_error=self.failed.emit,
            )

    async def _read_then_answer(self, row: InboxRow, forward: bool) -> None:
        self.answer(await self._inbox.open(row), forward=forward)
