"""What can be done to messages in the Inbox tab: delete, copy, mark read or unread, and the keys.

Each is a :class:`QAction` with its shortcut, so the list's context menu and the keyboard do
the same thing. Deleting asks first, in a window-modal box opened without a nested event loop.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMessageBox, QTableView, QWidget

from pecdesk.services.mailbox.inbox import InboxRow, InboxService
from pecdesk.ui.message.headers import format_date
from pecdesk.ui.message.kinds import kind_label
from pecdesk.ui.widgets.tasks import TaskRunner


class InboxActions(QObject):
    """The actions on the selected messages, and the tab-wide find and refresh keys.

    Attributes:
        delete_action: delete the selected messages, after asking (Delete).
        copy_action: copy date, sender, subject and kind of the selection (Ctrl+C).
        mark_read_action: mark the selection read.
        mark_unread_action: mark the selection unread (Ctrl+U).
        sending_action: show the sending a receipt is about in the Sent tab.
        reply_action: reply to the message with a new PEC, in Compose (Ctrl+R).
        forward_action: forward the message with a new PEC, in Compose (Ctrl+L).
        find_action: go to the search field (Ctrl+F).
        refresh_action: reload from the service (F5).

    Signals:
        deleted(list): these rows were deleted from the mailbox.
        failed(object): an action failed with this :class:`PecError`.
        rows_changed(list): these rows changed (read flag).
    """

    deleted = Signal(list)
    failed = Signal(object)
    rows_changed = Signal(list)

    def __init__(
        self,
        owner: QWidget,
        *,
        table: QTableView,
        selected: Callable[[], list[InboxRow]],
        answerable: Callable[[], bool],
        inbox: InboxService,
        tasks: TaskRunner,
    ) -> None:
        super().__init__(owner)
        self._owner = owner  # parents actions, questions and tasks; gives the locale
        self._selected = selected
        self._answerable = answerable  # the selected or shown message is not a receipt
        self._inbox = inbox
        self._tasks = tasks
        self._pending: list[InboxRow] = []
        on_list = Qt.ShortcutContext.WidgetShortcut
        in_tab = Qt.ShortcutContext.WidgetWithChildrenShortcut
        # On the list (its menu) and anywhere in the tab (the reading pane has the focus).
        self.reply_action = self._action(
            table, self.tr("R&eply"), [self.tr("Ctrl+R")], in_tab, None
        )
        self.forward_action = self._action(
            table, self.tr("For&ward"), [self.tr("Ctrl+L")], in_tab, None
        )
        for action in (self.reply_action, self.forward_action):
            owner.addAction(action)
        self._separator(table)
        self.copy_action = self._action(
            table, self.tr("&Copy"), [QKeySequence.StandardKey.Copy], on_list, self.copy
        )
        self.mark_read_action = self._action(
            table, self.tr("Mark as &read"), [], on_list, lambda: self.set_read(True)
        )
        self.mark_unread_action = self._action(
            table,
            self.tr("Mark as &unread"),
            [self.tr("Ctrl+U")],
            on_list,
            lambda: self.set_read(False),
        )
        self.sending_action = self._action(
            table, self.tr("Show its &sending in the Sent tab"), [], on_list, None
        )
        self._separator(table)
        self.delete_action = self._action(
            table,
            self.tr("&Delete…"),
            [QKeySequence.StandardKey.Delete],
            on_list,
            self.confirm_delete,
        )
        self.find_action = self._action(
            owner, self.tr("&Find"), [QKeySequence.StandardKey.Find], in_tab, None
        )
        self.refresh_action = self._action(
            owner,
            self.tr("&Refresh"),
            [QKeySequence.StandardKey.Refresh],
            in_tab,
            None,
        )
        taken = [*self.reply_action.shortcuts(), *self.forward_action.shortcuts()]
        self.refresh_action.setShortcuts(  # GNOME's Refresh includes Ctrl+R: Reply keeps it
            [key for key in self.refresh_action.shortcuts() if key not in taken]
        )
        self.update_enabled()

    def _separator(self, widget: QWidget) -> None:
        separator = QAction(widget)
        separator.setSeparator(True)
        widget.addAction(separator)

    def _action(
        self,
        widget: QWidget,
        text: str,
        keys: list[QKeySequence.StandardKey | str],
        context: Qt.ShortcutContext,
        slot: Callable[[], object] | None,
    ) -> QAction:
        action = QAction(text, widget)
        sequences: list[QKeySequence] = []
        for key in keys:
            sequences.extend(
                QKeySequence.keyBindings(key)
                if isinstance(key, QKeySequence.StandardKey)
                else [QKeySequence(key)]
            )
        action.setShortcuts(sequences)
        action.setShortcutContext(context)
        if slot is not None:
            action.triggered.connect(slot)
        widget.addAction(action)
        return action

    def update_enabled(self) -> None:
        """Enable what makes sense for the selection (and, for Reply, the message shown)."""
        rows = self._selected()
        for action in (self.copy_action, self.delete_action):
            action.setEnabled(bool(rows))
        self.mark_read_action.setEnabled(any(not r.is_read for r in rows))
        self.mark_unread_action.setEnabled(any(r.is_read for r in rows))
        self.sending_action.setEnabled(len(rows) == 1 and bool(rows[0].code))
        answerable = self._answerable()  # disabled, not silently ignored, if nothing to answer
        self.reply_action.setEnabled(answerable)
        self.forward_action.setEnabled(answerable)

    def copy(self) -> None:
        """Put date, sender, subject and kind of the selected messages on the clipboard."""
        lines = [
            "\t".join(
                (
                    format_date(r.item.date, r.item.date_text, self._owner.locale()),
                    r.item.sender or r.item.sender_text.strip(),
                    r.item.subject,
                    kind_label(r.kind) + (f" {r.code}" if r.code else ""),
                )
            )
            for r in self._selected()
        ]
        if lines:
            QGuiApplication.clipboard().setText("\n".join(lines))

    def set_read(self, read: bool) -> None:
        """Mark the selected messages read or unread (on this computer only)."""
        rows = self._selected()
        if rows:
            self._tasks.run_task(
                self._set_read(rows, read), parent=self._owner, on_error=self.failed.emit
            )

    async def _set_read(self, rows: list[InboxRow], read: bool) -> None:
        self.rows_changed.emit(await self._inbox.set_read(rows, read))

    def confirm_delete(self) -> QMessageBox | None:
        """Ask whether to delete the selected messages; delete them if the answer is yes."""
        rows = self._selected()
        if not rows:
            return None
        if len(rows) == 1:
            question = self.tr("Delete the message “{subject}” from the PEC mailbox?").format(
                subject=rows[0].item.subject
            )
        else:
            question = self.tr("Delete {count} messages from the PEC mailbox?").format(
                count=self._owner.locale().toString(len(rows))
            )
        warning = self.tr(
            "This cannot be undone. Receipts are the legal proof of your sendings: "
            "save a copy (Save as PDF) of those you need before deleting them."
        )
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Delete messages"),
            f"{question}\n\n{warning}",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self._owner,
        )
        box.setObjectName("confirmDeleteBox")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # A bound method, not a lambda: PySide6 (6.11 and 6.12) crashes ("shared QObject was
        # deleted directly") when a box deleted on close drops a lambda holding a Qt object.
        self._pending = rows
        box.accepted.connect(self._delete_pending)
        box.open()  # not exec(): no nested event loop under qasync
        return box

    def _delete_pending(self) -> None:
        rows, self._pending = self._pending, []
        if rows:
            self.delete(rows)

    def delete(self, rows: list[InboxRow]) -> None:
        """Delete ``rows`` from the mailbox now (no question asked)."""
        self.delete_action.setEnabled(False)
        self._tasks.run_task(self._delete(rows), parent=self._owner, on_error=self._delete_failed)

    async def _delete(self, rows: list[InboxRow]) -> None:
        self.deleted.emit(await self._inbox.delete(rows))

    def _delete_failed(self, err: object) -> None:
        self.update_enabled()
        self.failed.emit(err)
