"""Templates and the signature in the Compose tab, on the real queue and sandbox.

A template is saved from the form, applied, edited and deleted; once applied, the form goes
through the usual pre-flight, so a merge field the recipient list lacks (or a template file
gone missing) blocks Send. The account's signature sits once below a new message's body and
never ends up in a template.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtWidgets import QTextEdit
from pytestqt.qtbot import QtBot

from pecdesk.accounts.profiles import AccountProfile, AccountStore, Environment
from pecdesk.recipients import guess_mapping, read_table
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.sending.preflight import IssueKind
from pecdesk.services.sending.templates import Template, TemplateService
from pecdesk.storage.session_stores import open_send_stores
from pecdesk.storage.templates import TemplateStore
from pecdesk.ui.compose.signature import (
    SEPARATOR,
    append_signature,
    letter_text,
    without_signature,
)
from pecdesk.ui.compose.tab import ComposeTab
from pecdesk.ui.compose.template_dialogs import TemplatesDialog
from pecdesk.ui.compose.templates import SaveTemplateDialog
from tests.helpers.compose import Harness, checked, harnesses, write_list
from tests.helpers.engine import sandbox_account
from tests.helpers.gui import OFFSCREEN_SHOW_NOISE, drive
from tests.helpers.window import built_window

pytestmark = OFFSCREEN_SHOW_NOISE
SIGNATURE = "Mario Rossi\nAmministratore – Studio Rossi"
Maker = Callable[..., Harness]


@pytest.fixture
def make(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, sandbox: EmbeddedSandbox, tmp_path: Path
) -> Iterator[Maker]:
    """Compose tabs on the sandbox with templates in tmp_path/data and a signature."""
    with harnesses(qtbot, qloop, sandbox, tmp_path / "data") as new:

        def build(signature: str = SIGNATURE) -> Harness:
            harness = new()
            harness.tab.use_templates(TemplateService(store=TemplateStore.open(tmp_path / "data")))
            harness.tab.use_signature(signature)
            return harness

        yield build


def service_of(tab: ComposeTab) -> TemplateService:
    """The tab's template service."""
    service = tab.templates_button.service
    assert service is not None
    return service


def signatures_in(tab: ComposeTab) -> int:
    """How many signature separators the body holds."""
    return tab.body_edit.toPlainText().split("\n").count(SEPARATOR)


def wait_signed(qtbot: QtBot, tab: ComposeTab) -> None:
    """Wait until the saved draft was looked for and the new message got its signature."""
    qtbot.waitUntil(lambda: not tab.drafts.loading and signatures_in(tab) == 1, timeout=5000)


def load_list(tab: ComposeTab, folder: Path, count: int = 3) -> None:
    """Import ``count`` rows with the columns Nome, Cognome, PEC, Importo, Allegato."""
    table = read_table(write_list(folder, count))
    tab.apply_table(table, guess_mapping(table))
    tab.set_folder(folder)  # each row's own invoice is there


def menu_action(tab: ComposeTab, text: str) -> QAction:
    """The Templates menu's entry called ``text``, the menu filled as when it opens."""
    menu = tab.templates_button.menu()
    menu.aboutToShow.emit()
    found = [action for action in menu.actions() if action.text() == text]
    assert len(found) == 1, [action.text() for action in menu.actions()]
    return found[0]


def test_save_the_letter_as_a_template_without_the_signature(
    qtbot: QtBot, make: Maker, tmp_path: Path
) -> None:
    """Save as template keeps subject, text and files, not the signature nor the recipients."""
    tab = make().tab
    wait_signed(qtbot, tab)
    attachment = tmp_path / "informativa.pdf"
    attachment.write_bytes(b"%PDF informativa")
    tab.subject_edit.setText("Convocazione assemblea – {{Nome}}")
    tab.body_edit.moveCursor(tab.body_edit.textCursor().MoveOperation.Start)
    tab.body_edit.insertPlainText("Gentile {{Nome}}, è convocata l'assemblea.")
    tab.attachments.add_paths([attachment])
    tab.paste_edit.setPlainText("condomino@pec.it")
    assert menu_action(tab, "No templates yet").isEnabled() is False
    menu_action(tab, "Save as template…").trigger()
    dialog = tab.templates_button.dialog
    assert isinstance(dialog, SaveTemplateDialog)
    assert not dialog.save_button.isEnabled()
    dialog.name_combo.setEditText("Convocazione")
    with qtbot.waitSignal(tab.templates_button.saved, timeout=5000) as saved:
        dialog.save_button.click()
    assert saved.args[0].name == "Convocazione"
    stored = TemplateService(store=TemplateStore.open(tmp_path / "data")).get("convocazione")
    assert stored is not None
    assert stored.subject == "Convocazione assemblea – {{Nome}}"
    assert "è convocata l'assemblea" in stored.body
    assert "Mario Rossi" not in stored.body and SEPARATOR not in stored.body
    assert "condomino@pec.it" not in stored.body
    assert stored.attachments == (attachment,)
    assert stored.fields() == ["nome"]
    assert signatures_in(tab) == 1  # the form keeps its signature


def test_apply_a_template_then_preflight_passes_and_signature_is_once(
    qtbot: QtBot, make: Maker, tmp_path: Path
) -> None:
    """Applying fills subject, text and files, the list stays; the signature is there once."""
    harness = make()
    tab = harness.tab
    wait_signed(qtbot, tab)
    modulo = tmp_path / "modulo.pdf"
    modulo.write_bytes(b"%PDF modulo")
    drive(qtbot, harness.tasks.loop, service_of(tab).save(Template(
        "Sollecito", "Sollecito per {{Nome}}",
        "<p>Gentile {{Nome}} {{Cognome}}, resta da pagare {{Importo}} euro.</p>", (modulo,),
    )))
    load_list(tab, tmp_path)
    menu_action(tab, "Sollecito").trigger()
    menu_action(tab, "Sollecito").trigger()  # applied twice: still one signature
    assert tab.subject_edit.text() == "Sollecito per {{Nome}}"
    assert tab.body_edit.toPlainText().startswith("Gentile {{Nome}} {{Cognome}}")
    assert signatures_in(tab) == 1
    assert tab.body_edit.toPlainText().rstrip().endswith(SIGNATURE)
    assert tab.attachments.paths() == (modulo,)
    assert len(tab.recipients()) == 3
    report = checked(qtbot, tab)
    assert report.ok, report.issues
    assert tab.send_button.isEnabled()
    tab.preview_row.setValue(2)
    qtbot.waitUntil(lambda: "Niccolò01" in tab.preview_body.toPlainText(), timeout=5000)
    assert "Mario Rossi" in tab.preview_body.toPlainText()


def test_a_template_field_missing_from_the_list_blocks_in_preflight(
    qtbot: QtBot, make: Maker, tmp_path: Path
) -> None:
    """A template using {{Scadenza}}, which the list lacks, blocks Send; so does a lost file."""
    harness = make()
    tab = harness.tab
    wait_signed(qtbot, tab)
    load_list(tab, tmp_path)
    gone = tmp_path / "cancellato.pdf"
    drive(qtbot, harness.tasks.loop, service_of(tab).save(Template(
        "Scadenza", "Scadenza del {{Scadenza}}", "<p>Gentile {{Nome}}, entro il {{Scadenza}}.</p>",
        (gone,),
    )))
    assert tab.templates_button.apply("scadenza")
    report = checked(qtbot, tab)
    blocking = {(issue.kind, issue.detail) for issue in report.blocking}
    assert (IssueKind.UNKNOWN_FIELD, "{{Scadenza}}") in blocking
    assert (IssueKind.MISSING_ATTACHMENT, "cancellato.pdf") in blocking
    assert not [issue for issue in report.issues if issue.detail == "{{Nome}}"]
    assert not tab.send_button.isEnabled()
    assert tab.attachments.list_widget.item(0).text() == "cancellato.pdf — missing"
    shown = [tab.report_view.item(n).text() for n in range(tab.report_view.count())]
    assert "Error · No column is called {{Scadenza}}" in shown


def test_edit_rename_and_delete_in_the_manager(
    qtbot: QtBot, make: Maker, tmp_path: Path
) -> None:
    """The manager edits a template in place (renamed, new subject), applies it, deletes it."""
    harness = make()
    tab = harness.tab
    service = service_of(tab)
    for name in ("Auguri", "Sollecito"):
        drive(qtbot, harness.tasks.loop, service.save(Template(name, f"{name} {{{{Nome}}}}")))
    menu_action(tab, "Manage templates…").trigger()
    dialog = tab.templates_button.dialog
    assert isinstance(dialog, TemplatesDialog)
    assert [dialog.list_widget.item(n).text() for n in range(2)] == ["Auguri", "Sollecito"]
    dialog.list_widget.setCurrentRow(1)
    assert "Merge fields: {{nome}}" in dialog.details_label.text()
    editor = dialog.edit_selected()
    assert editor is not None
    editor.name_edit.setText("auguri")
    assert not editor.save_button.isEnabled()
    assert editor.problem_label.text() == "Another template already has this name."
    editor.name_edit.setText("Secondo sollecito")
    editor.subject_edit.setText("Ultimo avviso per {{Nome}}")
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        editor.save_button.click()
    assert [t.name for t in service.templates()] == ["Auguri", "Secondo sollecito"]
    assert dialog.list_widget.currentItem().text() == "Secondo sollecito"
    reread = TemplateService(store=TemplateStore.open(tmp_path / "data"))
    assert reread.get("secondo sollecito") == Template("Secondo sollecito",
                                                       "Ultimo avviso per {{Nome}}")
    asked: list[str] = []

    async def yes(_parent: object, _title: str, question: str) -> bool:
        asked.append(question)
        return True

    dialog.ask = yes  # type: ignore[assignment]  # never a modal box in tests
    dialog.list_widget.setCurrentRow(0)
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        dialog.delete_button.click()
    assert asked == ["Delete the template Auguri? This cannot be undone."]
    assert [t.name for t in service.templates()] == ["Secondo sollecito"]
    dialog.apply_button.click()
    assert tab.subject_edit.text() == "Ultimo avviso per {{Nome}}"


def test_signature_once_and_not_twice_after_restart(
    qtbot: QtBot, make: Maker, qloop: asyncio.AbstractEventLoop
) -> None:
    """A new message is signed once; its draft comes back signed once; the body may drop it."""
    first = make()
    wait_signed(qtbot, first.tab)
    assert first.tab.body_edit.toPlainText() == f"\n{SEPARATOR}\n{SIGNATURE}"
    assert first.tab.body_edit.textCursor().blockNumber() == 0  # she writes above it
    assert first.tab.draft().body == ""  # only a signature: the body counts as empty
    assert IssueKind.EMPTY_BODY in {issue.kind for issue in first.tab.check_now().warnings}
    first.tab.body_edit.moveCursor(first.tab.body_edit.textCursor().MoveOperation.Start)
    first.tab.body_edit.insertPlainText("Buongiorno,")
    saving = first.tab.flush_draft()
    assert saving is not None
    qtbot.waitUntil(saving.done, timeout=5000)
    first.close(qtbot, qloop)
    second = make()
    qtbot.waitUntil(lambda: "Buongiorno," in second.tab.body_edit.toPlainText(), timeout=5000)
    qtbot.waitUntil(lambda: not second.tab.drafts.loading, timeout=5000)
    assert signatures_in(second.tab) == 1
    second.tab.body_edit.setPlainText("Buongiorno, senza firma.")  # deleted for this sending
    second.tab.use_signature(SIGNATURE)  # a body with text is not a new message
    assert signatures_in(second.tab) == 0


def test_without_a_signature_nothing_is_added(qtbot: QtBot, make: Maker) -> None:
    """An account without a signature leaves the body empty."""
    tab = make(signature="  ").tab
    qtbot.waitUntil(lambda: not tab.drafts.loading, timeout=5000)
    assert tab.body_edit.toPlainText() == ""


def test_the_window_gets_the_templates_and_the_account_signature(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, sandbox: EmbeddedSandbox, tmp_path: Path
) -> None:
    """app.main's build_window hands Compose the wired templates and the stored signature."""
    stores = open_send_stores(tmp_path / "data")
    assert stores is not None and stores.templates is not None
    account = sandbox_account(sandbox)
    accounts = AccountStore(tmp_path / "config")
    accounts.put(AccountProfile(id="0a1b2c3d4e5f", environment=Environment.CUSTOM,
                                base_url=sandbox.base_url, sender=account.sender,
                                signature=SIGNATURE))
    try:
        with built_window(qtbot, qloop, account, stores, signatures=accounts) as window:
            tab = window.compose_tab
            wait_signed(qtbot, tab)
            assert tab.body_edit.toPlainText().endswith(SIGNATURE)
            assert tab.templates_button.isEnabled()
            assert service_of(tab).store.path == tmp_path / "data" / "templates.json"
    finally:
        stores.close()


def test_signature_helpers_add_once_and_strip(qtbot: QtBot) -> None:
    """The signature goes below a blank line and the separator, once; stripping it leaves text."""
    edit = QTextEdit()
    qtbot.addWidget(edit)
    edit.setPlainText("Gentile cliente,")
    assert append_signature(edit, SIGNATURE)
    assert not append_signature(edit, SIGNATURE)  # already signed
    assert not append_signature(edit, "Altra firma")  # any signature counts
    assert edit.toPlainText() == f"Gentile cliente,\n\n{SEPARATOR}\n{SIGNATURE}"
    assert letter_text(edit.toPlainText()).strip() == "Gentile cliente,"
    stripped = QTextDocument()
    stripped.setHtml(without_signature(edit.toHtml()))
    assert stripped.toPlainText() == "Gentile cliente,"
    edit.clear()
    assert append_signature(edit, SIGNATURE)
    assert without_signature(edit.toHtml()) == ""
    edit.clear()
    assert not append_signature(edit, "   ")
    assert edit.toPlainText() == ""
