"""The attachments of a received message, in the reading pane: listed, and saved on request.

The documented ``GET /inbox/{id}`` passes on no attachments (api.md 4.5): then one sentence says
so, and where to read them. If the service does pass some on, each is listed with its size and
can be saved under a name made harmless first: the name comes from the sender, so it loses
path separators and characters Windows refuses, never takes a name Windows reserves (CON,
NUL, COM1…), and saving over an existing file happens only after the file dialog asked.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pecdesk.domain.models import Attachment
from pecdesk.ui.widgets.remembered import keep_folder, start_folder

_log = logging.getLogger(__name__)
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{stem}{n}" for stem in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")}
)
MAX_NAME = 150
"""Characters kept of a file name (most file systems allow 255 bytes)."""


def safe_file_name(name: str, fallback: str) -> str:
    """``name`` made safe to save under on Windows, macOS and Linux (``fallback`` if empty).

    Path separators, ``:*?"<>|`` and control characters become "_"; leading and trailing dots
    and spaces go; a name Windows reserves (``CON``, ``nul.txt``, ``COM1``…) gets a "_" in front;
    a long name is cut, keeping its extension.
    """
    cleaned = _UNSAFE.sub("_", name).strip(" .")
    if not cleaned.strip("_"):
        cleaned = fallback
    stem, dot, suffix = cleaned.rpartition(".")
    if not dot:
        stem, suffix = cleaned, ""
    if stem.split(".")[0].rstrip(" ").upper() in _RESERVED:
        cleaned, stem = f"_{cleaned}", f"_{stem}"
    if len(cleaned) > MAX_NAME:
        keep = suffix[:20]
        cleaned = f"{stem[: MAX_NAME - len(keep) - 1]}.{keep}" if keep else cleaned[:MAX_NAME]
    return cleaned


def write_file(path: Path, data: bytes, *, replace: bool) -> None:
    """Write ``data`` to ``path``; an existing file is replaced only when ``replace`` is True.

    A replaced file is swapped in whole (written beside it, then renamed), so a failure
    half-way leaves the old one intact.

    Raises:
        FileExistsError: ``path`` exists and ``replace`` is False.
        OSError: the file could not be written.
    """
    if not replace:
        with path.open("xb") as out:
            out.write(data)
        return
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".pecdesk-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        Path(temp).replace(path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


class ReceivedAttachments(QWidget):
    """The list of a message's attachments with a Save button, or the sentence saying none.

    Attributes:
        list: the attachments, one row each (name and size).
        save_button: saves the attachment selected.
        none_label: the sentence shown when the service gave no attachment.
        status_label: what the last save did.
        attachments: those of the message shown.

    Signals:
        saved(str): an attachment was written to this path.
    """

    saved = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.attachments: tuple[Attachment, ...] = ()
        self.none_label = QLabel(self.tr(
            "The PEC service gives no attachments for this message: if it has any, you can "
            "read them in your PEC provider's webmail."), self)
        self.none_label.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setMaximumHeight(90)
        self.list.currentRowChanged.connect(self._update_enabled)
        self.list.itemActivated.connect(lambda _item: self.ask_save_path())
        self.save_button = QPushButton(self.tr("Save attachment…"), self)
        self.save_button.clicked.connect(self.ask_save_path)
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)  # names come from outside
        self.status_label.setWordWrap(True)
        title = QLabel(self.tr("Attachments:"), self)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addLayout(row)
        layout.addWidget(self.none_label)
        layout.addWidget(self.status_label)
        self._title = title
        self.show_attachments(())

    def show_attachments(self, attachments: Sequence[Attachment]) -> None:
        """List ``attachments``; with none, say the service gave none."""
        self.attachments = tuple(attachments)
        self.list.clear()
        for attachment in self.attachments:
            item = QListWidgetItem(self._describe(attachment), self.list)
            item.setToolTip(attachment.name)
        has_any = bool(self.attachments)
        self._title.setVisible(has_any)
        self.list.setVisible(has_any)
        self.save_button.setVisible(has_any)
        self.none_label.setVisible(not has_any)
        self.status_label.clear()
        self.status_label.hide()
        if has_any:
            self.list.setCurrentRow(0)
        self._update_enabled()

    def file_name(self, index: int) -> str:
        """The harmless name attachment ``index`` is offered to be saved under."""
        fallback = self.tr("attachment-{number}").format(number=index + 1)
        return safe_file_name(self.attachments[index].name, fallback)

    def ask_save_path(self) -> None:
        """Ask where to save the selected attachment (the dialog asks before replacing a file)."""
        index = self.list.currentRow()
        if not 0 <= index < len(self.attachments) or self.attachments[index].data is None:
            return
        dialog = QFileDialog(
            self,
            self.tr("Save attachment"),
            start_folder(self, "received-attachments", self.file_name(index)),
        )
        dialog.setObjectName("saveAttachmentDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self._chosen(index, path))
        dialog.open()  # not exec(): no nested event loop under qasync

    def save(self, index: int, path: str, *, replace: bool = False) -> bool:
        """Write attachment ``index`` to ``path``; True if written.

        Args:
            index: which attachment.
            path: where to.
            replace: the person agreed to replace an existing file (the dialog asked).
        """
        attachment = self.attachments[index]
        if attachment.data is None:
            return False
        target = Path(path)
        try:
            write_file(target, attachment.data, replace=replace)
        except FileExistsError:
            self._say(self.tr("{path} already exists: nothing was replaced.").format(path=path))
            return False
        except OSError as err:
            _log.warning("Attachment not saved: %s", err.strerror or type(err).__name__)
            self._say(self.tr("{name} could not be saved: {reason}").format(
                name=target.name, reason=err.strerror or str(err)))
            return False
        self._say(self.tr("Saved as {path}").format(path=path))
        self.saved.emit(path)
        return True

    def _chosen(self, index: int, path: str) -> None:
        keep_folder(self, "received-attachments", path)  # the next save dialog opens there
        self.save(index, path, replace=True)  # the dialog asked before replacing

    def _describe(self, attachment: Attachment) -> str:
        name = attachment.name or self.tr("(no name)")
        if attachment.data is None:
            return self.tr("{name} (could not be read)").format(name=name)
        return f"{name} ({QLocale().formattedDataSize(attachment.size)})"

    def _say(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.show()

    def _update_enabled(self) -> None:
        index = self.list.currentRow()
        readable = 0 <= index < len(self.attachments) and self.attachments[index].data is not None
        self.save_button.setEnabled(readable)

