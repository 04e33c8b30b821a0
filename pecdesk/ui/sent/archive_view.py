"""The Archive window: archived campaigns, their evidence, what is past retention, a verified copy.

Opened from the Sent tab. It lists the evidence ZIPs archive-then-purge wrote (for this
mailbox's campaigns), opens a ZIP or its folder, lists the campaigns older than the retention
setting for the person to delete (only those they select and confirm, and only when final:
"Delete from this computer…", :mod:`pecdesk.ui.sent.archive_delete`), and copies the whole
archive to another folder (a USB drive, a network share) in a worker thread, verifying every
file (:mod:`pecdesk.services.receipts.archive_copy`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pecdesk.config.settings import YEAR_SECONDS
from pecdesk.services.receipts.archive import ArchivedCampaign, PastRetention
from pecdesk.services.receipts.archive_copy import CopyProgress, CopyReport, copy_verified
from pecdesk.services.receipts.forget import unsettled
from pecdesk.services.receipts.sent import SentService
from pecdesk.ui.sent import archive_delete
from pecdesk.ui.widgets.remembered import keep_folder, start_folder
from pecdesk.ui.widgets.tasks import TaskRunner

Opener = Callable[[Path], object]
"""Opens a file or folder with the system's application (injected by tests)."""


def open_with_system(path: Path) -> bool:
    """Open ``path`` (a ZIP or a folder) with the system's default application."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _date(ts: float | None) -> str:
    if ts is None:
        return ""
    day = QDateTime.fromSecsSinceEpoch(int(ts)).date()
    return QLocale().toString(day, QLocale.FormatType.ShortFormat)


class ArchiveDialog(QDialog):
    """The archive of one mailbox's campaigns, and its copy elsewhere.

    Attributes:
        table: one row per evidence ZIP.
        open_button: opens the selected ZIP.
        folder_button: opens the archive folder.
        copy_button: copies the archive to a folder the person picks, verifying it.
        retention_label: what the retention list below is.
        retention_list: campaigns older than the retention setting (the final ones can be
            selected, several at once).
        delete_button: deletes the selected ones from this computer, after a confirmation.
        progress: the copy's progress (hidden when no copy runs).
        status_label: the outcome of the last action.

    Signals:
        loaded(int): the archive was listed, with this many ZIPs.
        copy_progressed(object): a copy moved on (a CopyProgress; emitted from the copy's
            worker thread, delivered queued to the window's).
        copy_finished(object): a copy ended (its CopyReport).
        deleted(object): a deletion from this computer ended (its DeleteReport; None when
            the person kept them).
    """

    loaded = Signal(int)
    deleted = Signal(object)
    copy_finished = Signal(object)
    copy_progressed = Signal(object)

    COLUMNS = 6

    def __init__(
        self,
        *,
        sent: SentService,
        tasks: TaskRunner,
        retention_years: int | None = None,
        opener: Opener = open_with_system,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Archive"))
        self._sent = sent
        self._tasks = tasks
        self._opener = opener
        self._years = retention_years
        self._entries: list[ArchivedCampaign] = []
        self._past: list[PastRetention] = []
        self.table = QTableWidget(0, self.COLUMNS, self)
        self.table.setHorizontalHeaderLabels([
            self.tr("Campaign"), self.tr("Subject"), self.tr("Sent on"),
            self.tr("Archived on"), self.tr("Keep until"), self.tr("Archive file"),
        ])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.open_button = QPushButton(self.tr("Open evidence"), self)
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_selected)
        self.folder_button = QPushButton(self.tr("Show archive folder"), self)
        self.folder_button.clicked.connect(self.open_folder)
        self.copy_button = QPushButton(self.tr("Copy archive to…"), self)
        self.copy_button.setToolTip(self.tr(
            "Copies every archive file to another folder (a USB drive, a network share) and "
            "checks that each copy is identical."))
        self.copy_button.clicked.connect(self._choose_target)
        self.retention_label = QLabel(self)
        self.retention_label.setWordWrap(True)
        self.retention_label.setTextFormat(Qt.TextFormat.PlainText)
        self.retention_list = QListWidget(self)
        self.retention_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.retention_list.itemSelectionChanged.connect(self._retention_selected)
        self.delete_button = QPushButton(self.tr("Delete from this computer…"), self)
        self.delete_button.setToolTip(self.tr(
            "Deletes the selected sendings' receipts and evidence from this computer (not from "
            "the PEC mailbox). Only final sendings past the retention period can be deleted."))
        self.delete_button.setEnabled(False)
        self.delete_button.hide()
        self.delete_button.clicked.connect(lambda: self.delete_selected(confirmed=False))
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        # A long message wraps; it never widens the window.
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored,
                                        QSizePolicy.Policy.Preferred)
        self.copy_progressed.connect(self._show_progress)
        self._layout()

    def _layout(self) -> None:
        actions = QHBoxLayout()
        for button in (self.open_button, self.folder_button, self.copy_button):
            actions.addWidget(button)
        actions.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 3)
        layout.addLayout(actions)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        layout.addWidget(self.retention_label)
        layout.addWidget(self.retention_list, 1)
        deletion = QHBoxLayout()
        deletion.addWidget(self.delete_button)
        deletion.addStretch(1)
        layout.addLayout(deletion)
        layout.addWidget(close)
        self.resize(820, 520)

    @property
    def archive_dir(self) -> Path:
        """The folder the evidence ZIPs are written to."""
        return self._sent.archiver.archive_dir

    def entries(self) -> list[ArchivedCampaign]:
        """The ZIPs listed, in table order."""
        return list(self._entries)

    def reload(self) -> None:
        """List the archive and what is past retention again."""
        self._tasks.run_task(self._load(), parent=self)

    async def _load(self) -> None:
        campaigns = await self._sent.overview()
        archiver = self._sent.archiver
        retention = None if self._years is None else self._years * YEAR_SECONDS
        self._entries = await archiver.catalog(campaigns)
        past = await archiver.past_retention(campaigns, retention)
        self._fill_table()
        years = self._years if self._years is not None else round(
            archiver.retention / YEAR_SECONDS)
        self._fill_retention(past, years)
        self.loaded.emit(len(self._entries))

    def _fill_table(self) -> None:
        self.table.setRowCount(len(self._entries))
        for row, entry in enumerate(self._entries):
            state = (self.tr("Present") if entry.exists
                     else self.tr("Missing: no longer in the archive folder"))
            cells = (f"{entry.campaign_id}", entry.subject, _date(entry.created_at),
                     _date(entry.archived_at), _date(entry.keep_until), state)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == self.COLUMNS - 1:
                    item.setToolTip(str(entry.path))
                self.table.setItem(row, column, item)
        self.table.resizeColumnToContents(0)
        self._selection_changed()

    def _fill_retention(self, past: list[PastRetention], years: int) -> None:
        self.retention_list.clear()
        self._past = past
        self.delete_button.setVisible(bool(past))
        if not past:
            self.retention_label.setText(self.tr(
                "No sending is older than the retention period (%n year(s)).", "", years))
            self.retention_list.hide()
            return
        self.retention_label.setText(self.tr(
            "These sendings are older than the retention period (%n year(s)). pecdesk never "
            "deletes them by itself: delete them yourself when you are sure they are no "
            "longer needed.", "", years))
        for item in past:
            campaign = item.campaign
            archived = (self.tr("archived") if item.archives
                        else self.tr("not archived"))
            if unsettled(campaign):
                archived += self.tr(", not final yet: it cannot be deleted")
            self.retention_list.addItem(self.tr("#%1 · %2 · %3 (%4)").replace(
                "%1", str(campaign.id)).replace("%2", _date(campaign.created_at)).replace(
                "%3", campaign.subject).replace("%4", archived))
            if unsettled(campaign):  # its outcome may still change: not offered for deletion
                added = self.retention_list.item(self.retention_list.count() - 1)
                added.setFlags(added.flags() & ~Qt.ItemFlag.ItemIsSelectable)
        self.retention_list.show()
        self._retention_selected()

    def chosen(self) -> list[PastRetention]:
        """The sendings past retention selected for deletion, in list order."""
        rows = sorted(i.row() for i in self.retention_list.selectedIndexes())
        return [self._past[row] for row in rows if row < len(self._past)]

    def _retention_selected(self) -> None:
        self.delete_button.setEnabled(bool(self.chosen()))

    def delete_selected(self, *, confirmed: bool) -> None:
        """Delete the selected sendings from this computer (asks first unless ``confirmed``)."""
        chosen = self.chosen()
        if chosen:
            self.delete_button.setEnabled(False)  # until answered and done (then: the selection)
            self._tasks.run_task(self._delete(chosen, confirmed), parent=self)

    async def _delete(self, chosen: list[PastRetention], confirmed: bool) -> None:
        try:
            if not confirmed and not await archive_delete.confirm(self, chosen,
                                                                  self.archive_dir):
                self.status_label.setText(self.tr("Nothing was deleted."))
                self.deleted.emit(None)
                return
            report = await self._sent.delete_local([item.campaign.id for item in chosen])
            self.status_label.setText(archive_delete.outcome(report))
            await self._load()
            self.deleted.emit(report)
        finally:
            self._retention_selected()

    def _selected(self) -> ArchivedCampaign | None:
        rows = self.table.selectionModel().selectedRows()
        return self._entries[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        self.open_button.setEnabled(self._selected() is not None)

    def open_selected(self) -> None:
        """Open the selected campaign's evidence ZIP with the system's application."""
        entry = self._selected()
        if entry is None:
            return
        if not entry.path.is_file():
            self.status_label.setText(self.tr(
                "The archive file is no longer at %1.").replace("%1", str(entry.path)))
            return
        self._opener(entry.path)

    def open_folder(self) -> None:
        """Open the archive folder with the system's file manager."""
        if not self.archive_dir.is_dir():
            self.status_label.setText(self.tr("Nothing has been archived yet."))
            return
        self._opener(self.archive_dir)

    def _choose_target(self) -> None:
        """Ask for a folder without blocking the event loop (no static getExistingDirectory)."""
        dialog = QFileDialog(self, self.tr("Copy the archive to"),
                             start_folder(self, "archive-copy"))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda chosen: keep_folder(self, "archive-copy", chosen))
        dialog.fileSelected.connect(lambda chosen: self.copy_to(Path(chosen)))
        dialog.open()

    def copy_to(self, target: Path) -> None:
        """Copy the archive into ``target`` in a worker thread, verifying every file."""
        if not self.archive_dir.is_dir():
            self.status_label.setText(self.tr("Nothing has been archived yet."))
            return
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status_label.setText(self.tr("Copying the archive to %1…").replace(
            "%1", str(target)))
        self._tasks.run_task(self._copy(target), parent=self, busy=self.copy_button)

    async def _copy(self, target: Path) -> None:
        try:
            report = await asyncio.to_thread(
                copy_verified, self.archive_dir, target, progress=self.copy_progressed.emit
            )
        finally:
            self.progress.hide()
        self.status_label.setText(self.describe(report))
        self.copy_finished.emit(report)

    @Slot(object)
    def _show_progress(self, step: CopyProgress) -> None:
        self.progress.setRange(0, max(1, step.total_bytes))
        self.progress.setValue(step.done_bytes)
        self.progress.setFormat(self.tr("%1 of %2 files").replace(
            "%1", str(step.done_files)).replace("%2", str(step.total_files)))

    def describe(self, report: CopyReport) -> str:
        """The outcome of a copy in words: what is proven, and every file that is not."""
        where = str(report.target)
        if report.ok:
            return self.tr(
                "%n file(s) copied to %1 and verified: each copy is identical to the "
                "archive.", "", report.verified).replace("%1", where)
        parts = [self.tr("The copy to %1 is not complete.").replace("%1", where),
                 self.tr("%n file(s) copied and verified.", "", report.verified)]
        if report.conflicts:
            parts.append(self.tr(
                "%n file(s) with the same name but different content were already there and "
                "were not overwritten: %1.", "", len(report.conflicts)).replace(
                "%1", ", ".join(report.conflicts)))
        if report.mismatched:
            parts.append(self.tr(
                "%n copy(ies) did not match the archive when read back and were removed "
                "(the target may be faulty): %1.", "", len(report.mismatched)).replace(
                "%1", ", ".join(report.mismatched)))
        if report.failed:
            name, reason = report.failed[0]
            parts.append(self.tr(
                "%n file(s) could not be written (%1: %2).", "", len(report.failed)).replace(
                "%1", name).replace("%2", reason))
        return " ".join(parts)


ARCHIVE_BUTTON_NAME = "archive_view_button"


def archive_view_button(
    *, sent: SentService, tasks: TaskRunner, parent: QWidget, opener: Opener = open_with_system
) -> QPushButton:
    """The Sent tab's "Archive…" button: it opens (or raises) the Archive window.

    Built here so that the Sent tab needs one line to offer the window (its object name is
    :data:`ARCHIVE_BUTTON_NAME`, for ``findChild``).
    """
    button = QPushButton(QCoreApplication.translate("ArchiveDialog", "Archive…"), parent)
    button.setObjectName(ARCHIVE_BUTTON_NAME)
    button.setToolTip(QCoreApplication.translate(
        "ArchiveDialog", "Archived campaigns, their evidence, and a verified copy elsewhere"))
    opened: list[ArchiveDialog] = []

    def show() -> None:
        if opened and opened[0].isVisible():
            opened[0].raise_()
            opened[0].activateWindow()
            return
        dialog = ArchiveDialog(sent=sent, tasks=tasks, opener=opener, parent=parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda *_: opened.clear())
        opened[:] = [dialog]
        dialog.show()
        dialog.reload()

    button.clicked.connect(show)
    return button
