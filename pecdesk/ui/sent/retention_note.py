"""The Sent tab's one-line note: how many sendings are older than the retention period.

pecdesk never deletes a sending by itself when its retention ends; it says so, once, quietly,
with a link to the Archive window where the person chooses what to delete. The note wraps
instead of widening the window (1,024 px in Italian) and hides when nothing is past retention.
It follows the campaign list's rows (added, removed, reloaded), not their counts: a campaign's
age does not change with its receipts, so a burst of receipts costs the note nothing.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from pecdesk.config.settings import YEAR_SECONDS
from pecdesk.services.receipts.archive import Archiver
from pecdesk.ui.sent.models import CampaignModel

ARCHIVE_LINK = "archive"


class RetentionNote(QLabel):
    """The note "N sendings are older than the retention period (X years): see Archive…".

    Attributes:
        older: how many listed campaigns are past retention (at the last count).
    """

    def __init__(
        self,
        *,
        campaigns: CampaignModel,
        archiver: Archiver,
        open_archive: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._campaigns = campaigns
        self._archiver = archiver
        self.older = 0
        self.setObjectName("retentionNote")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        # A long translation wraps; it never widens the window.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.linkActivated.connect(lambda _link: open_archive())
        self.hide()
        self._soon = QTimer(self)  # a reload inserts rows one by one: count once after
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self.recount)
        for signal in (campaigns.rowsInserted, campaigns.rowsRemoved, campaigns.modelReset):
            signal.connect(self._count_soon)

    def _count_soon(self, *_args: object) -> None:
        self._soon.start()

    def recount(self) -> None:
        """Count the listed campaigns past the retention setting now, and show or hide."""
        listed = [
            c
            for i in range(self._campaigns.rowCount())
            if (c := self._campaigns.campaign(i)) is not None
        ]
        self.older = len(self._archiver.older_than_retention(listed))
        if not self.older:
            self.hide()
            return
        years = self.tr("%n year(s)", "", max(1, round(self._archiver.retention / YEAR_SECONDS)))
        link = f'<a href="{ARCHIVE_LINK}">{html.escape(self.tr("see Archive…"))}</a>'
        text = html.escape(
            self.tr(
                "%n sending(s) are older than the retention period (%1):", "", self.older
            ).replace("%1", years)
        )
        self.setText(f"{text} {link}")
        self.show()
