"""The main window's tabs: Compose at once, Sent and Inbox when first shown, and their links.

Sent and Inbox are built, and their modules imported, the first time they are shown (or asked
for), so that the window appears before their cost is paid. Each tab only emits requests, and
this widget decides where they lead: the Inbox's "show this sending" opens its campaign in the
Sent tab, its Reply and Forward fill Compose, Compose's "Show in the Sent tab" opens the
campaign it queued, and the mailbox's service events reach the Sent tab's rows.

What must run from the start (the Inbox's first page, the tracking of receipts) is the window's
business, not this widget's: it hears :attr:`WindowTabs.sent_built` and
:attr:`WindowTabs.inbox_built` and starts a tab then if it has started itself.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from pecdesk.ui.compose.tab import ComposeTab
from pecdesk.ui.widgets.service_signals import ServiceSignals
from pecdesk.ui.window.pages import tab_slot

if TYPE_CHECKING:
    from pecdesk.services.events import Events
    from pecdesk.services.mailbox.inbox import InboxService
    from pecdesk.services.receipts.sent import SentService
    from pecdesk.services.sending.compose import ComposeService
    from pecdesk.services.sending.draft import Draft
    from pecdesk.ui.inbox.tab import InboxTab
    from pecdesk.ui.sent.tab import SentTab
    from pecdesk.ui.widgets.tasks import TaskRunner

_log = logging.getLogger(__name__)
SENT_INDEX, INBOX_INDEX = 1, 2
"""Where the tabs built on first show sit (Compose is 0)."""


class WindowTabs(QTabWidget):
    """Compose, Sent and Inbox; the last two built when first shown, and wired to each other.

    Attributes:
        compose_tab: where a PEC is written (built at once: it is the tab shown first).
        service_signals: the mailbox's service events as Qt signals (the Sent tab's rows follow
            them); None without events.

    Signals:
        sent_built(SentTab): the Sent tab was just built and put in its place (not started).
        inbox_built(InboxTab): the Inbox tab was just built and put in its place (not loaded).
    """

    sent_built = Signal(object)
    inbox_built = Signal(object)

    def __init__(
        self,
        *,
        sender: str,
        inbox: InboxService,
        tasks: TaskRunner,
        compose: ComposeService | None = None,
        sent: SentService | None = None,
        events: Events | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._inbox, self._sent, self._tasks = inbox, sent, tasks
        self._sent_tab: SentTab | None = None
        self._inbox_tab: InboxTab | None = None
        self.service_signals = ServiceSignals(events, self) if events is not None else None
        self.compose_tab = ComposeTab(sender=sender, compose=compose, tasks=tasks)
        if self.compose_tab.send.progress is not None:  # Compose's "Show in the Sent tab"
            self.compose_tab.send.progress.open_campaign_requested.connect(self.show_campaign)
        # The titles keep the window's context, like the status bar's texts: translated there.
        self.addTab(self.compose_tab, QCoreApplication.translate("MainWindow", "Compose"))
        self.addTab(tab_slot(self), QCoreApplication.translate("MainWindow", "Sent"))
        self.addTab(tab_slot(self), QCoreApplication.translate("MainWindow", "Inbox"))
        self.currentChanged.connect(self._tab_shown)

    @property
    def sent_tab(self) -> SentTab:
        """The Sent tab, built now if it was not yet (then :attr:`sent_built` is emitted)."""
        if self._sent_tab is None:
            from pecdesk.ui.sent.tab import SentTab  # noqa: PLC0415 - built on first show

            self._sent_tab = SentTab(sent=self._sent, tasks=self._tasks)
            if self.service_signals is not None:  # its rows follow the mailbox's events
                self._sent_tab.listen(self.service_signals)
            self._fill(SENT_INDEX, self._sent_tab)
            self.sent_built.emit(self._sent_tab)
        return self._sent_tab

    @property
    def inbox_tab(self) -> InboxTab:
        """The Inbox tab, built now if it was not yet (then :attr:`inbox_built` is emitted)."""
        if self._inbox_tab is None:
            from pecdesk.ui.inbox.tab import InboxTab  # noqa: PLC0415 - built on first show

            tab = InboxTab(inbox=self._inbox, tasks=self._tasks)
            self._inbox_tab = tab
            tab.open_sending_requested.connect(self._show_sending)
            tab.compose_requested.connect(self._open_in_compose)
            self._fill(INBOX_INDEX, tab)
            self.inbox_built.emit(tab)
        return self._inbox_tab

    @property
    def tabs_built(self) -> list[str]:
        """Which of the tabs built on first show exist ("sent", "inbox")."""
        built = [("sent", self._sent_tab), ("inbox", self._inbox_tab)]
        return [name for name, tab in built if tab is not None]

    def show_campaign(self, campaign_id: int, job_id: int | None = None) -> None:
        """Open campaign ``campaign_id`` in the Sent tab (Compose's link after a sending)."""
        self.setCurrentIndex(SENT_INDEX)
        self.sent_tab.show_campaign(campaign_id, job_id)

    def _fill(self, index: int, tab: QWidget) -> None:
        slot = self.widget(index)
        layout = slot.layout() if slot is not None else None
        assert layout is not None, "the tab's empty page"
        layout.addWidget(tab)

    def _tab_shown(self, index: int) -> None:
        if index == SENT_INDEX:
            self.sent_tab.show()
        elif index == INBOX_INDEX:
            self.inbox_tab.show()

    def _open_in_compose(self, draft: Draft) -> None:
        """The Inbox asked for a reply or a forward: in Compose, asking before replacing work."""
        from pecdesk.ui.compose.replace import open_letter  # noqa: PLC0415 - used when asked

        self.setCurrentWidget(self.compose_tab)
        open_letter(self.compose_tab, draft)

    def _show_sending(self, code: str) -> None:
        """The Inbox asked to see the sending ``code``: its campaign and recipient in Sent."""
        _log.debug("Showing the Sent tab for sending %s", code)
        self.setCurrentIndex(SENT_INDEX)
        self.sent_tab.show_sending(code)
