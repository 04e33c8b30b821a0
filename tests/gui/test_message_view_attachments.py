"""Received attachments in the reading pane: listed, saved byte for byte, or "none" said once.

The sandbox, like the documented service (api.md 4.5), passes on no attachments: the test on
it checks the sentence. The listing and saving are tested on a message parsed from the shape a
service would use (api.md 7.9), read by the same parser the client uses.
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from pecdesk.api.schemas import parse_attachments
from pecdesk.domain.models import InboxItem, Message
from pecdesk.domain.receipts import ReceiptKind
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.mailbox.inbox import InboxRow, OpenedMessage
from pecdesk.ui.message.attachments import safe_file_name, write_file
from pecdesk.ui.message.pane import MessagePane
from tests.helpers.gui import OFFSCREEN_WEBENGINE_NOISE, WindowFactory, account_for
from tests.helpers.sandbox import MAILBOX

pytestmark = OFFSCREEN_WEBENGINE_NOISE
WHEN = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
PDF = b"%PDF-1.4\n\x00\x01\xfe\xff\xe8 fattura n. 12\n%%EOF"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
NONE_SENTENCE = (
    "The PEC service gives no attachments for this message: if it has any, you can read them "
    "in your PEC provider's webmail."
)


def opened_with(files: object) -> OpenedMessage:
    """A received PEC whose ``attachments`` field held ``files``."""
    item = InboxItem(4, "avv.rossi@pec.it", "avv.rossi@pec.it", "me@pec.it", WHEN, "", "Fattura")
    message = Message("avv.rossi@pec.it", "avv.rossi@pec.it", "me@pec.it", WHEN, "", "Fattura",
                      "<p>In allegato.</p>", parse_attachments(files))
    return OpenedMessage(InboxRow("k4", item, ReceiptKind.CERTIFIED_MAIL, ""), message, False)


def shown_pane(qtbot: QtBot, opened: OpenedMessage) -> MessagePane:
    """A shown pane showing ``opened``."""
    pane = MessagePane(open_url=lambda url: None)
    qtbot.addWidget(pane)
    pane.resize(700, 500)
    pane.show()
    qtbot.waitExposed(pane)
    with qtbot.waitSignal(pane.rendered, timeout=10_000):
        pane.show_message(opened)
    return pane


FILES = [
    {"name": "fattura.pdf", "file": base64.b64encode(PDF).decode()},
    {"name": "../../CON.png", "file": "data:image/png;base64," + base64.b64encode(PNG).decode()},
    {"name": "rotto.doc", "file": "%%% not base64"},
]


def test_attachments_are_listed_with_their_sizes(qtbot: QtBot) -> None:
    """Each attachment is a row; one that did not decode says so and cannot be saved."""
    pane = shown_pane(qtbot, opened_with(FILES))
    box = pane.attachments
    rows = [box.list.item(i).text() for i in range(box.list.count())]
    assert rows[0].startswith("fattura.pdf (") and rows[0] != "fattura.pdf ()"
    assert rows[1].startswith("../../CON.png (")
    assert rows[2] == "rotto.doc (could not be read)"
    assert not box.none_label.isVisibleTo(box)
    assert box.list.isVisibleTo(box)
    assert box.save_button.isEnabled()
    box.list.setCurrentRow(2)
    assert not box.save_button.isEnabled()


def test_save_writes_the_same_bytes_and_never_overwrites_silently(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The file dialog offers a harmless name; the bytes written are the bytes received."""
    pane = shown_pane(qtbot, opened_with(FILES))
    box = pane.attachments
    box.list.setCurrentRow(1)
    box.ask_save_path()
    dialog = box.findChild(QFileDialog, "saveAttachmentDialog")
    assert dialog is not None
    assert dialog.testOption(QFileDialog.Option.DontConfirmOverwrite) is False  # it asks
    offered = Path(dialog.selectedFiles()[0]).name
    assert offered == "_.._CON.png"  # no separator left, and not Windows's reserved CON
    target = tmp_path / "logo.png"
    with qtbot.waitSignal(box.saved, timeout=5000) as saved:
        dialog.fileSelected.emit(str(target))  # as when the person chose it
        dialog.close()
    assert saved.args == [str(target)]
    assert target.read_bytes() == PNG
    assert box.status_label.text() == f"Saved as {target}"

    # Straight to save() (no dialog to ask): an existing file stays as it was.
    target.write_bytes(b"mine")
    assert not box.save(0, str(target))
    assert target.read_bytes() == b"mine"
    assert "already exists" in box.status_label.text()
    assert box.save(0, str(target), replace=True)
    assert target.read_bytes() == PDF


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("fattura.pdf", "fattura.pdf"),
        ("../../etc/passwd", "_.._etc_passwd"),
        ("C:\\Windows\\win.ini", "C_Windows_win.ini"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("com1.tar.gz", "_com1.tar.gz"),
        ("LPT9", "_LPT9"),
        ("console.txt", "console.txt"),
        ("report. ", "report"),
        ("a\x00b\x1fc?.pdf", "a_b_c_.pdf"),
        ("", "allegato-1"),
        ("...", "allegato-1"),
        ("/", "allegato-1"),
        ("x" * 300 + ".pdf", "x" * 146 + ".pdf"),
    ],
)
def test_file_names_are_made_harmless(name: str, expected: str) -> None:
    """No separators, no reserved Windows names, no trailing dots, a sane length."""
    assert safe_file_name(name, "allegato-1") == expected


def test_write_file_refuses_an_existing_file(tmp_path: Path) -> None:
    """Without consent an existing file is never replaced; with it, it is replaced whole."""
    target = tmp_path / "a.bin"
    write_file(target, b"one", replace=False)
    with pytest.raises(FileExistsError):
        write_file(target, b"two", replace=False)
    assert target.read_bytes() == b"one"
    write_file(target, b"two", replace=True)
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["a.bin"]  # no temporary file left


def test_a_sandbox_message_says_it_has_no_attachments(
    qtbot: QtBot, sandbox: EmbeddedSandbox, open_window: WindowFactory
) -> None:
    """Opened from the sandbox (which passes on none), the pane says so in one sentence."""
    sandbox.seed_inbox(MAILBOX, 3)
    window = open_window(account_for(sandbox), show=False)
    inbox = window.inbox_tab
    with qtbot.waitSignal(inbox.page_loaded, timeout=5000):
        window.show()
    inbox.select_row(0)
    with qtbot.waitSignal(inbox.message_opened, timeout=10_000):
        inbox.open_current()
    assert inbox.pane is not None
    box = inbox.pane.attachments
    assert box.isVisibleTo(inbox.pane)
    assert box.none_label.isVisibleTo(box)
    assert box.none_label.text() == NONE_SENTENCE
    assert box.list.count() == 0
    assert not box.list.isVisibleTo(box)
