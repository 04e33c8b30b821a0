"""The words of "Delete from this computer…" in the Archive window: the question and the outcome.

The question names what goes (how many sendings, how many recipients, the archive folder whose
evidence files go with them), says plainly that it cannot be undone on this computer, and points
to the verified copy first. It is asked window-modally without a nested event loop
(:func:`pecdesk.ui.dialogs.ask.ask`), and No is the default.

The words live on a small QObject so that ``self.tr(text, "", n)`` gives them real plural
forms: ``pyside6-lupdate`` extracts plurals only from ``tr`` calls, not from
``QCoreApplication.translate``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from pecdesk.services.receipts.archive import PastRetention
from pecdesk.services.receipts.forget import DeleteReport
from pecdesk.ui.dialogs.ask import ask


class DeleteWords(QObject):
    """The question before deleting and the account of what was deleted, translated."""

    def question(self, chosen: Sequence[PastRetention], archive_dir: Path) -> str:
        """The confirmation's text for deleting ``chosen`` (and their evidence files)."""
        sendings = len(chosen)
        recipients = sum(item.campaign.total for item in chosen)
        head = self.tr("Delete %n sending(s) from this computer (%1)?", "", sendings)
        head = head.replace("%1", self.tr("%n recipient(s)", "", recipients))
        body = self.tr(
            "Their receipts, delivery states and evidence files in the archive folder (%1) will "
            "be gone from this computer for good. The PEC mailbox on the server is not touched."
        ).replace("%1", str(archive_dir))
        advice = self.tr(
            'If they may still be needed, first make a verified copy with "Copy archive to…".'
        )
        return f"{head}\n\n{body}\n\n{advice}"

    def buttons(self) -> tuple[str, str, str]:
        """The question's title, its Delete button and its Keep button."""
        return self.tr("Delete from this computer"), self.tr("Delete"), self.tr("Keep")

    def outcome(self, report: DeleteReport) -> str:
        """What a deletion did, in words (and every file it left, with why)."""
        deleted, removed, left = len(report.campaign_ids), len(report.removed), len(report.left)
        parts = [self.tr("%n sending(s) deleted from this computer.", "", deleted)]
        if removed:
            parts.append(self.tr("%n evidence file(s) removed from the archive folder.", "",
                                 removed))
        if left:
            files = ", ".join(f"{path} ({self.tr(reason)})" for path, reason in report.left)
            parts.append(self.tr(
                "%n file(s) were left where they are; remove them by hand if they are no "
                "longer needed: %1.", "", left).replace("%1", files))
        return " ".join(parts)


async def confirm(parent: QWidget, chosen: Sequence[PastRetention], archive_dir: Path) -> bool:
    """Ask the person to confirm the deletion; True when they chose Delete."""
    words = DeleteWords()
    title, delete, keep = words.buttons()
    return await ask(
        parent, title, words.question(chosen, archive_dir), yes=delete, no=keep,
        icon=QMessageBox.Icon.Warning,
    )


def outcome(report: DeleteReport) -> str:
    """What a deletion did, in words."""
    return DeleteWords().outcome(report)
