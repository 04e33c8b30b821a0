"""The main window's status bar: the active mailbox on the left, the quota on the right.

Split from the window so that the window only decides *when* the quota loads; what the status
bar shows, and how a quota or its failure reads, lives here. The strings keep the translation
context ``MainWindow`` they had when they lived in the window, so no translation is lost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QLabel

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from pecdesk.domain.models import Quota
    from pecdesk.errors import PecError
    from pecdesk.services.mailbox.mail import AccountDescription
    from pecdesk.ui.widgets.quota_gauge import QuotaGauge


def mailbox_text(account: AccountDescription) -> str:
    """The mailbox as the status bar names it (the sandbox says it is one)."""
    if account.is_builtin_sandbox:
        return QCoreApplication.translate("MainWindow", "{mailbox} · Built-in sandbox").format(
            mailbox=account.mailbox
        )
    return account.mailbox


class StatusBar:
    """The labels the window puts in its status bar, and how they show a quota.

    Attributes:
        mailbox_label: the active mailbox.
        quota_label: how full the mailbox is, in words.
        quota_gauge: the same as a bar, warning at 70 % and 90 %.
    """

    def __init__(self, window: QMainWindow, account: AccountDescription) -> None:
        from PySide6.QtCore import Qt  # noqa: PLC0415 - the Qt namespace is slow to build

        from pecdesk.ui.widgets.quota_gauge import QuotaGauge  # noqa: PLC0415

        self.mailbox_label = QLabel(window)
        self.mailbox_label.setTextFormat(Qt.TextFormat.PlainText)  # the address comes from outside
        self.mailbox_label.setText(mailbox_text(account))
        self.quota_label = QLabel(window)
        window.statusBar().addWidget(self.mailbox_label)
        window.statusBar().addPermanentWidget(self.quota_label)
        self.quota_gauge: QuotaGauge = QuotaGauge(window)
        window.statusBar().addPermanentWidget(self.quota_gauge)

    def show_quota(self, quota: Quota) -> None:
        """Show the quota as a percentage, the gauge, and the KiB in the tooltip."""
        self.quota_gauge.show_quota(quota)
        share = quota.fraction * 100
        percent = QLocale().toString(share, "f", 1 if share < 10 else 0)
        self.quota_label.setText(
            QCoreApplication.translate("MainWindow", "Mailbox {percent}% full").format(
                percent=percent
            )
        )
        self.quota_label.setToolTip(
            QCoreApplication.translate(
                "MainWindow", "{usage} of {limit} KiB in use, as the service reports it"
            ).format(usage=QLocale().toString(quota.usage), limit=QLocale().toString(quota.limit))
        )

    def show_quota_failure(self, err: PecError) -> None:
        """Say the quota is unavailable; the tooltip says why."""
        from pecdesk.ui.dialogs.ask import error_texts  # noqa: PLC0415 - loaded when needed

        title, message = error_texts(err)
        self.quota_label.setText(QCoreApplication.translate("MainWindow", "Quota unavailable"))
        self.quota_label.setToolTip(f"{title}: {message}")
