"""The shared attachments: a list with sizes, add and remove buttons, and drag & drop."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QLocale, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pecdesk.services.sending.attachment_files import file_size
from pecdesk.ui.widgets.remembered import keep_folder, start_folder


class AttachmentsBox(QWidget):
    """Files every recipient gets.

    Attributes:
        list_widget: one line per file: its name and size.
        add_button: picks files.
        remove_button: removes the selected ones.

    Signals:
        changed(): the list changed.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.list_widget = QListWidget(self)
        self.list_widget.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        # About three lines, then it scrolls: the body above needs the height on 768 px screens.
        self.list_widget.setMaximumHeight(self.list_widget.fontMetrics().height() * 3 + 12)
        self.add_button = QPushButton(self.tr("Attach…"), self)
        self.add_button.clicked.connect(self._pick)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.clicked.connect(self._remove)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list_widget, 1)
        layout.addLayout(buttons)
        self._paths: list[Path] = []

    def paths(self) -> tuple[Path, ...]:
        """The files, in order."""
        return tuple(self._paths)

    def add_paths(self, paths: Iterable[Path]) -> None:
        """Add files (ignoring ones already listed and anything that is not a file)."""
        added = False
        for path in paths:
            if path in self._paths or not path.is_file():
                continue
            self._paths.append(path)
            size = file_size(path) or 0
            item = QListWidgetItem(
                self.tr("{name} — {size}").format(
                    name=path.name, size=QLocale().formattedDataSize(size)
                )
            )
            item.setToolTip(str(path))
            self.list_widget.addItem(item)
            added = True
        if added:
            self.changed.emit()

    def set_paths(self, paths: Iterable[Path]) -> None:
        """Replace the files with ``paths``, keeping those missing now (a template's files).

        A missing file stays listed, marked as such, so that pre-flight reports it and
        blocks the sending instead of the file being dropped without a word.
        """
        self._paths.clear()
        self.list_widget.clear()
        for path in dict.fromkeys(paths):
            self._paths.append(path)
            size = file_size(path)
            if size is None:
                text = self.tr("{name} — missing").format(name=path.name)
            else:
                text = self.tr("{name} — {size}").format(
                    name=path.name, size=QLocale().formattedDataSize(size)
                )
            item = QListWidgetItem(text)
            item.setToolTip(str(path))
            self.list_widget.addItem(item)
        self.changed.emit()

    def clear(self) -> None:
        """Remove every file."""
        self._paths.clear()
        self.list_widget.clear()
        self.changed.emit()

    def _pick(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Attach files"),
                                                start_folder(self, "attachments"))
        if names:
            keep_folder(self, "attachments", names[0])
        self.add_paths(Path(name) for name in names)

    def _remove(self) -> None:
        rows = sorted((self.list_widget.row(i) for i in self.list_widget.selectedItems()),
                      reverse=True)
        for row in rows:
            self.list_widget.takeItem(row)
            del self._paths[row]
        if rows:
            self.changed.emit()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        """Accept files dragged from the file manager."""
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt API
        """Attach the dropped files."""
        urls = event.mimeData().urls()
        self.add_paths(Path(url.toLocalFile()) for url in urls if url.isLocalFile())
        event.acceptProposedAction()
