"""What the window tells someone not watching it: new mail, unread count, a sending's end.

Kept apart from the window, which only builds this once its tabs exist and hands it the Inbox
tab when that is built. Notifications go through a :class:`Notifier` (the tray, or a test's
fake); the unread count prefixes the title, "(3) pecdesk — mailbox", which the taskbar shows,
and goes on the application's icon through a :data:`Badge` (the dock on macOS, the taskbar on
Windows), cleared when the window closes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from pecdesk.services.mailbox.inbox import OpenedMessage
from pecdesk.services.mailbox.new_mail import MailNews
from pecdesk.ui.window.badge import app_badge
from pecdesk.ui.window.new_mail import NewMailWatcher
from pecdesk.ui.window.notify import TrayNotifier

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from pecdesk.services.mailbox.inbox import InboxRow, InboxService
    from pecdesk.services.sending.progress import Progress
    from pecdesk.ui.compose.progress import ProgressPanel
    from pecdesk.ui.inbox.tab import InboxTab
    from pecdesk.ui.widgets.tasks import TaskRunner
    from pecdesk.ui.window.badge import Badge
    from pecdesk.ui.window.notify import Notifier


def title_with_unread(title: str, unread: int) -> str:
    """``title`` with the unread count in front, as mail programs show it; as is for none."""
    return f"({unread}) {title}" if unread > 0 else title


def finished_text(sent: int, total: int, *, cancelled: bool) -> tuple[str, str]:
    """The notification's title and text for a sending that ended (the Compose tab's words)."""
    if cancelled:
        title = QCoreApplication.translate("SendControls", "pecdesk: sending cancelled")
        text = QCoreApplication.translate(
            "SendControls", "{sent} of {total} PECs sent before the cancellation.")
    else:
        title = QCoreApplication.translate("SendControls", "pecdesk: sending finished")
        text = QCoreApplication.translate("SendControls", "{sent} of {total} PECs sent.")
    return title, text.format(sent=sent, total=total)


class WindowNotices:
    """Wires the new-mail watcher, the title and the sending's end to a window and its tabs.

    Attributes:
        watcher: checks for new mail every interval.
        notifier: where notifications go (shared with the watcher); the tray when not given.
        badge: where the unread count goes besides the title; the application's icon when
            not given.
    """

    def __init__(
        self,
        *,
        window: QMainWindow,
        title: str,
        inbox: InboxService,
        tasks: TaskRunner,
        notifier: Notifier | None,
        badge: Badge | None = None,
    ) -> None:
        self._window = window
        self._title = title
        self.notifier: Notifier = notifier or TrayNotifier(window, window.windowIcon())
        self.badge: Badge = badge or app_badge
        self.watcher = NewMailWatcher(
            inbox=inbox, tasks=tasks, notifier=self.notifier, owner=window
        )
        self.watcher.unread_changed.connect(self._show_unread)
        self._inbox_tab: InboxTab | None = None
        self.watcher.checked.connect(self._checked)
        window.setWindowTitle(title)

    def follow_sending(self, panel: ProgressPanel | None) -> None:
        """Notify when a run of the send queue shown by ``panel`` ends (None: no sending)."""
        if panel is None:
            return

        def finished(_progress: Progress) -> None:
            view = panel.run
            if view is not None and view.total > 0:  # a test send alone is not counted
                self.notifier.notify(*finished_text(view.sent, view.total,
                                                    cancelled=view.cancelled))

        panel.finished.connect(finished)

    def follow_inbox(self, tab: InboxTab) -> None:
        """Count again when the Inbox tab opens, marks, deletes or lists messages."""
        self._inbox_tab = tab

        def opened(message: object) -> None:
            if isinstance(message, OpenedMessage):
                self.watcher.mark([message.row])

        tab.message_opened.connect(opened)
        tab.inbox_actions.rows_changed.connect(self.watcher.mark)
        tab.inbox_actions.deleted.connect(self._deleted)
        tab.page_loaded.connect(lambda _number: self.watcher.recount())

    def _deleted(self, rows: list[InboxRow]) -> None:
        self.watcher.check.forget(rows)
        self.watcher.recount()

    def _checked(self, news: object) -> None:
        """New mail: the Inbox tab, if built and idle, lists it too."""
        tab = self._inbox_tab
        if isinstance(news, MailNews) and news.rows and tab is not None and not tab.loading:
            tab.refresh()

    def _show_unread(self, unread: int) -> None:
        self._window.setWindowTitle(title_with_unread(self._title, unread))
        self.badge(unread)

    def closing(self) -> None:
        """The window closes: no more checks, and no count left on the icon of a closed window."""
        self.watcher.stop()
        self.badge(0)
