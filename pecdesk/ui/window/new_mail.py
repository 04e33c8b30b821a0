"""Looks for new mail every few minutes, tells of it through the notifier, counts the unread.

A check reads the INBOX's first page on the services (:class:`NewMailCheck`) in the window's
task runner, so the window never waits for it; a tick that comes while a check is still
running is skipped, so checks never overlap on a slow service. A failed check is logged and
the next tick tries again: the Inbox tab, not this watcher, tells the person of errors.
"""

from __future__ import annotations

import asyncio
import logging

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from pecdesk.config.settings import Settings
from pecdesk.errors import PecError
from pecdesk.services.mailbox.inbox import InboxRow, InboxService
from pecdesk.services.mailbox.new_mail import MailNews, NewMailCheck
from pecdesk.ui.widgets.tasks import TaskRunner
from pecdesk.ui.window.notify import Notifier

_log = logging.getLogger(__name__)


class NewMail(QObject):
    """The words of the new-mail notification (a QObject, so ``tr`` gives them plural forms)."""

    def texts(self, news: MailNews) -> tuple[str, str]:
        """The notification's title and text for ``news``."""
        parts = []
        if news.certified:
            parts.append(self.tr("%n new certified message(s)", "", news.certified))
        if news.anomalies:
            parts.append(self.tr("%n anomaly notice(s)", "", news.anomalies))
        title = self.tr("pecdesk: new PEC mail")
        return title, self.tr("{what} in the inbox.").format(what=", ".join(parts))


def news_text(news: MailNews) -> tuple[str, str]:
    """The notification's title and text for ``news`` (counts of certified mail, anomalies)."""
    return NewMail().texts(news)


class NewMailWatcher(QObject):
    """Checks for new mail on a timer, notifies, and keeps the unread count.

    Attributes:
        check: what tells new mail from old (on the services, Qt-free).
        notifier: where notifications go.
        unread: messages not opened on this computer; None until first counted.
        checks_started: how many checks ran (a tick during a check starts none).

    Signals:
        checked(object): a check ended (its :class:`MailNews`).
        unread_changed(int): the unread count changed.
    """

    checked = Signal(object)
    unread_changed = Signal(int)

    def __init__(
        self, *, inbox: InboxService, tasks: TaskRunner, notifier: Notifier, owner: QWidget
    ) -> None:
        super().__init__(owner)
        self._owner = owner  # the widget the tasks work for: closing it cancels them
        self._tasks = tasks
        self.check = NewMailCheck(inbox)
        self.notifier = notifier
        self.unread: int | None = None
        self.checks_started = 0
        self._counts_started = 0  # recounts may end out of order: only the newest one counts
        self._checking: asyncio.Task[None] | None = None
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check_now)
        self.set_interval(Settings().poll_seconds)

    def set_interval(self, seconds: float) -> None:
        """Check every ``seconds`` from now on (the setting "check for new mail every")."""
        self._timer.setInterval(max(1, round(seconds * 1000)))

    @property
    def interval_ms(self) -> int:
        """The time between two checks."""
        return self._timer.interval()

    def start(self, first_page: list[InboxRow] | None = None) -> None:
        """Start the timer; ``first_page``, if listed already, is what is there now.

        Without it, a first check runs at once: it only learns what is there (no notice).
        """
        if first_page is not None and not self.check.seeded:
            self.check.seed(first_page)
        self._timer.start()
        if self.check.seeded:
            self.recount()
        else:
            self.check_now()

    def stop(self) -> None:
        """Check no more."""
        self._timer.stop()

    @property
    def checking(self) -> bool:
        """Whether a check is running now."""
        return self._checking is not None and not self._checking.done()

    def check_now(self) -> bool:
        """Check now, unless a check is running; True if one started."""
        if self.checking:
            return False
        self.checks_started += 1
        self._checking = self._tasks.run_task(self._check(), parent=self._owner,
                                              on_error=self._failed)
        return True

    def recount(self) -> None:
        """Count the unread messages again (one was opened, marked or deleted)."""
        self._tasks.run_task(self._recount(), parent=self._owner, on_error=self._failed)

    def mark(self, rows: list[InboxRow]) -> None:
        """Rows changed their read state in the Inbox tab: count again."""
        self.check.mark(rows)
        self.recount()

    async def _check(self) -> None:
        news = await self.check.check()
        if news.worth_telling:
            self.notifier.notify(*news_text(news))
        self.checked.emit(news)
        await self._recount()

    async def _recount(self) -> None:
        self._counts_started += 1
        mine = self._counts_started
        unread = await self.check.unread()
        if mine != self._counts_started:
            return  # a newer count started after a change this one may not have seen
        if unread != self.unread:
            self.unread = unread
            self.unread_changed.emit(unread)

    def _failed(self, err: PecError) -> None:
        _log.info("New mail not checked: %s", err.message)
