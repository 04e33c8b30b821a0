"""Reply and Forward from the Inbox on a real sandbox: Compose filled, work never lost unasked."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.mailbox.inbox import OpenedMessage
from pecdesk.ui.compose.replace import REPLACE_BOX
from pecdesk.ui.inbox.model import InboxModel
from pecdesk.ui.inbox.tab import InboxTab
from pecdesk.ui.window.main_window import MainWindow
from pecdesk.ui.window.tabs import INBOX_INDEX
from tests.helpers.gui import OFFSCREEN_WEBENGINE_NOISE, WindowFactory, account_for
from tests.helpers.sandbox import MAILBOX, OTHER_MAILBOX, OTHER_PASSWORD
from tests.helpers.sandbox_http import Api, wait_for

pytestmark = OFFSCREEN_WEBENGINE_NOISE
BODY = "<p>Gentile studio,<br>il preventivo &egrave; <b>pronto</b>.</p><p>Cordiali saluti</p>"


@pytest.fixture
def mailbox(sandbox: EmbeddedSandbox) -> Iterator[tuple[EmbeddedSandbox, str]]:
    """A sandbox whose test mailbox holds a PEC from the other mailbox, and receipts of its own.

    Yields the sandbox and the subject the PEC was sent with (its sending code appended).
    """
    api = Api(sandbox)
    try:
        code = api.sent_code(
            mailbox=OTHER_MAILBOX,
            password=OTHER_PASSWORD,
            sender=OTHER_MAILBOX,
            recipient=MAILBOX,
            subject="Preventivo lavori",
            body=BODY,
        )
        api.sent_code(subject="Sollecito")  # ACCETTAZIONE and CONSEGNA for the test mailbox
        wanted = {"POSTA CERTIFICATA", "ACCETTAZIONE"}
        wait_for(lambda: wanted <= {str(i["object"]).split(":")[0] for i in api.inbox()["data"]})
    finally:
        api.close()
    yield sandbox, f"Preventivo lavori {code}"


def inbox_of(qtbot: QtBot, window: MainWindow) -> InboxTab:
    """The Inbox tab shown, once the service's rows are in it."""
    window.tabs.setCurrentIndex(INBOX_INDEX)
    tab = window.inbox_tab
    qtbot.waitUntil(
        lambda: tab.model.listing_is_live and row_of(tab, "CONSEGNA") >= 0, timeout=10_000
    )
    return tab


def row_of(tab: InboxTab, prefix: str) -> int:
    """The list row of the first message whose subject starts with ``prefix``; -1 if none."""
    for row in range(tab.proxy.rowCount()):
        item = tab.proxy.index(row, 0).data(InboxModel.ItemRole)
        if item.subject.startswith(prefix):
            return row
    return -1


def open_message(qtbot: QtBot, tab: InboxTab, prefix: str) -> OpenedMessage:
    """Select the message and wait until the reading pane shows it."""
    with qtbot.waitSignal(tab.message_opened, timeout=10_000) as opened:
        tab.select_row(row_of(tab, prefix))
    message = opened.args[0]
    assert isinstance(message, OpenedMessage)
    return message


def replace_box(window: MainWindow) -> QMessageBox | None:
    """The "replace the message being written?" question, if open (a closed one awaits deletion)."""
    boxes = window.compose_tab.findChildren(QMessageBox, REPLACE_BOX)
    return next((box for box in boxes if box.isVisible()), None)


def test_reply_fills_compose_with_sender_subject_and_quote(
    qtbot: QtBot, mailbox: tuple[EmbeddedSandbox, str], open_window: WindowFactory
) -> None:
    """Reply in the pane: Compose shows, addressed to the real sender, "Re: " once, text quoted."""
    box, subject = mailbox
    window = open_window(account_for(box))
    tab = inbox_of(qtbot, window)
    open_message(qtbot, tab, "POSTA CERTIFICATA")
    pane = tab.ensure_pane()
    assert pane.reply_button.isEnabled()
    pane.reply_button.click()
    compose = window.compose_tab
    assert window.tabs.currentWidget() is compose
    assert compose.paste_edit.toPlainText() == OTHER_MAILBOX
    assert compose.subject_edit.text() == f"Re: {subject}"
    text = compose.body_edit.toPlainText()
    assert f"{OTHER_MAILBOX} wrote:" in text
    assert "> Gentile studio,\n> il preventivo è pronto.\n>\n> Cordiali saluti" in text
    assert "POSTA CERTIFICATA" not in text
    assert replace_box(window) is None
    assert [r.address for r in compose.recipients()] == [OTHER_MAILBOX]


def test_forward_from_the_list_asks_before_replacing_a_letter(
    qtbot: QtBot, mailbox: tuple[EmbeddedSandbox, str], open_window: WindowFactory
) -> None:
    """Forward (Ctrl+L's action) over unsent work asks; Cancel keeps it, Replace forwards."""
    box, subject = mailbox
    window = open_window(account_for(box))
    compose = window.compose_tab
    compose.subject_edit.setText("Lettera in corso")
    tab = inbox_of(qtbot, window)
    open_message(qtbot, tab, "POSTA CERTIFICATA")
    forward = tab.inbox_actions.forward_action
    assert forward.isEnabled()
    assert forward.shortcut().toString() == "Ctrl+L"
    forward.trigger()
    question = replace_box(window)
    assert question is not None
    question.button(QMessageBox.StandardButton.Cancel).click()
    assert compose.subject_edit.text() == "Lettera in corso"
    assert replace_box(window) is None
    tab.inbox_actions.forward_action.trigger()
    question = replace_box(window)
    assert question is not None
    question.button(QMessageBox.StandardButton.Yes).click()
    assert compose.subject_edit.text() == f"Fwd: {subject}"
    assert compose.paste_edit.toPlainText() == ""
    text = compose.body_edit.toPlainText()
    for line in (
        "-------- Forwarded message --------",
        f"From: {OTHER_MAILBOX}",
        f"Subject: {subject}",
        f"To: {MAILBOX}",
        "il preventivo è pronto.",
    ):
        assert line in text.split("\n")


def test_reply_reads_a_message_not_yet_open(
    qtbot: QtBot, mailbox: tuple[EmbeddedSandbox, str], open_window: WindowFactory
) -> None:
    """Reply on a selected message the pane has not shown yet reads it, then fills Compose."""
    box, subject = mailbox
    window = open_window(account_for(box))
    tab = inbox_of(qtbot, window)
    tab.select_row(row_of(tab, "POSTA CERTIFICATA"))
    assert tab.pane is None or tab.pane.opened is None
    qtbot.waitUntil(tab.inbox_actions.reply_action.isEnabled, timeout=5_000)
    tab.inbox_actions.reply_action.trigger()
    compose = window.compose_tab
    qtbot.waitUntil(lambda: compose.subject_edit.text() == f"Re: {subject}", timeout=10_000)
    assert compose.paste_edit.toPlainText() == OTHER_MAILBOX


def test_receipts_cannot_be_answered(
    qtbot: QtBot, mailbox: tuple[EmbeddedSandbox, str], open_window: WindowFactory
) -> None:
    """On an ACCETTAZIONE, Reply and Forward are off in the list and in the pane; Compose stays."""
    box, _subject = mailbox
    window = open_window(account_for(box))
    tab = inbox_of(qtbot, window)
    open_message(qtbot, tab, "ACCETTAZIONE")
    pane = tab.ensure_pane()
    assert not tab.inbox_actions.reply_action.isEnabled()
    assert not tab.inbox_actions.forward_action.isEnabled()
    assert not pane.reply_button.isEnabled()
    assert not pane.forward_button.isEnabled()
    tab.inbox_actions.reply_action.trigger()  # disabled: nothing happens
    tab.replies.reply()  # and asked directly, a receipt is still refused
    assert window.compose_tab.subject_edit.text() == ""
    assert window.tabs.currentIndex() == INBOX_INDEX


def test_reply_after_a_refresh_answers_the_open_message(
    qtbot: QtBot, mailbox: tuple[EmbeddedSandbox, str], open_window: WindowFactory
) -> None:
    """A refresh (the new-mail check's) keeps the open message selected; Reply then answers it."""
    box, subject = mailbox
    window = open_window(account_for(box))
    tab = inbox_of(qtbot, window)
    opened = open_message(qtbot, tab, "POSTA CERTIFICATA")
    with qtbot.waitSignal(tab.page_loaded, timeout=10_000):
        tab.refresh()
    assert [row.key for row in tab.selected_rows()] == [opened.row.key]
    reply = tab.inbox_actions.reply_action
    assert reply.isEnabled()
    reply.trigger()
    compose = window.compose_tab
    qtbot.waitUntil(lambda: compose.subject_edit.text() == f"Re: {subject}", timeout=10_000)
    assert window.tabs.currentWidget() is compose
    assert compose.paste_edit.toPlainText() == OTHER_MAILBOX


def test_with_nothing_selected_the_actions_answer_the_message_shown(
    qtbot: QtBot, mailbox: tuple[EmbeddedSandbox, str], open_window: WindowFactory
) -> None:
    """Nothing selected in the list: Reply/Forward answer the pane's message; nothing shown: off."""
    box, subject = mailbox
    window = open_window(account_for(box))
    tab = inbox_of(qtbot, window)
    actions = tab.inbox_actions
    assert not actions.reply_action.isEnabled()  # nothing selected, nothing shown
    assert not actions.forward_action.isEnabled()
    open_message(qtbot, tab, "POSTA CERTIFICATA")
    tab.table.selectionModel().clear()  # no selection, no current row; the pane still shows it
    assert tab.selected_rows() == []
    assert actions.reply_action.isEnabled()
    assert actions.forward_action.isEnabled()
    actions.forward_action.trigger()
    compose = window.compose_tab
    assert compose.subject_edit.text() == f"Fwd: {subject}"
    assert window.tabs.currentWidget() is compose


def test_pane_buttons_and_actions_answer_the_same_message(
    qtbot: QtBot, mailbox: tuple[EmbeddedSandbox, str], open_window: WindowFactory
) -> None:
    """The pane's Reply button and the list's Reply action give Compose the same draft."""
    box, _subject = mailbox
    window = open_window(account_for(box))
    tab = inbox_of(qtbot, window)
    open_message(qtbot, tab, "POSTA CERTIFICATA")
    with qtbot.waitSignal(tab.compose_requested, timeout=5_000) as from_action:
        tab.inbox_actions.reply_action.trigger()
    window.tabs.setCurrentIndex(INBOX_INDEX)
    tab.table.selectionModel().clear()
    pane = tab.ensure_pane()
    with qtbot.waitSignal(tab.compose_requested, timeout=5_000) as from_pane:
        pane.reply_button.click()
    assert from_pane.args == from_action.args
    pane.clear()  # the pane shows nothing, the list selects nothing: nothing to answer
    assert not tab.inbox_actions.reply_action.isEnabled()
    assert not pane.reply_button.isEnabled()
