"""Italian and English: the language chosen, Italian text on screen, and the pseudo-locale."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, Qt, QTime
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLabel
from pytestqt.qtbot import QtBot

from pecdesk.accounts.keychain import NO_KEYCHAIN, CredentialStore
from pecdesk.accounts.profiles import AccountStore
from pecdesk.api import PecMassivaClient
from pecdesk.errors import AuthError, CredentialError, DailyLimitError
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.session import SessionService
from pecdesk.ui.compose.tab import ComposeTab
from pecdesk.ui.dialogs.account import AccountDialog
from pecdesk.ui.dialogs.ask import error_texts
from pecdesk.ui.widgets.tasks import TaskRunner
from pecdesk.ui.window.i18n import Translations, formats_for, pick_language, pseudo_translate
from pecdesk.ui.window.welcome import WelcomePage
from tests.helpers.gui import OFFSCREEN_SHOW_NOISE, WindowFactory, account_for
from tests.helpers.sent import SentRig, rig  # noqa: F401 - the fixture

pytestmark = OFFSCREEN_SHOW_NOISE


def use_language(
    qapp: QApplication, directory: Path, language: str, *, pseudo: bool = False
) -> Iterator[Translations]:
    """Install translators for ``language``; remove them (back to English) afterwards."""
    translations = Translations(qapp, directory=directory, pseudo=pseudo)
    translations.use(language)
    yield translations
    translations.remove()


@pytest.fixture
def italian(qapp: QApplication, compiled_translations: Path) -> Iterator[Translations]:
    """Pecdesk and Qt in Italian for one test."""
    yield from use_language(qapp, compiled_translations, "it")


@pytest.fixture
def pseudo(qapp: QApplication, compiled_translations: Path) -> Iterator[Translations]:
    """English under the pseudo-locale translator for one test."""
    yield from use_language(qapp, compiled_translations, "en", pseudo=True)


@pytest.mark.parametrize(
    ("setting", "system", "expected"),
    [
        ("", "it_IT", "it"),
        ("", "it_CH", "it"),
        ("", "en_GB", "en"),
        ("", "de_DE", "en"),
        ("en", "it_IT", "en"),
        ("it", "en_US", "it"),
    ],
)
def test_pick_language(setting: str, system: str, expected: str) -> None:
    """The setting wins; otherwise the system's language if pecdesk speaks it, else English."""
    assert pick_language(setting, QLocale(system)) == expected


@pytest.mark.parametrize(
    ("language", "system", "expected"),
    [
        ("it", "en_US", "it_IT"),
        ("it", "C", "it_IT"),
        ("it", "it_CH", None),  # the Swiss Italian's own formats stay
        ("en", "it_IT", "en_US"),
        ("en", "en_GB", None),
        ("en", "C", None),
    ],
)
def test_formats_follow_the_ui_language(language: str, system: str, expected: str | None) -> None:
    """Dates and numbers speak the UI's language, unless the system already does."""
    formats = formats_for(language, QLocale(system))
    assert (formats.name() if formats is not None else None) == expected


def test_italian_dates_in_an_italian_ui(qapp: QApplication, compiled_translations: Path) -> None:
    """On a machine set to English, an Italian UI writes Italian dates; English comes back."""
    before = QLocale()
    QLocale.setDefault(QLocale("en_US"))
    try:
        when = QDateTime(QDate(2026, 12, 6), QTime(9, 0))
        english = QLocale().toString(when, QLocale.FormatType.ShortFormat)
        translations = Translations(qapp, directory=compiled_translations)
        translations.use("it")
        try:
            if QLocale.system().language() != QLocale.Language.Italian:
                assert QLocale().toString(when, QLocale.FormatType.ShortFormat) == "06/12/26 09:00"
                assert QLocale().toString(0.5, "f", 1) == "0,5"
        finally:
            translations.remove()
        assert QLocale().toString(when, QLocale.FormatType.ShortFormat) == english
    finally:
        QLocale.setDefault(before)


def test_italian_file_dialog(qtbot: QtBot, italian: Translations) -> None:
    """Qt's own file dialog (Linux without a portal) reads Italian, labels Qt lacks included."""
    dialog = QFileDialog(None, "Esporta")
    qtbot.addWidget(dialog)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    labels = QFileDialog.DialogLabel
    assert dialog.labelText(labels.LookIn) == "&Cerca in:"
    assert dialog.labelText(labels.FileType) == "File di &tipo:"
    assert dialog.labelText(labels.FileName) == "&Nome del file:"


def test_italian_main_window(
    italian: Translations, sandbox: EmbeddedSandbox, open_window: WindowFactory
) -> None:
    """With Italian installed the main window speaks Italian (and Qt's own strings too)."""
    assert any(path.endswith("pecdesk_it.qm") for path in italian.loaded)
    assert any(path.endswith("qtbase_it.qm") for path in italian.loaded)
    window = open_window(account_for(sandbox, builtin=True))
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == ["Scrivi", "Inviati", "Posta in arrivo"]
    assert window.quit_action.text() == "&Esci"
    assert window.about_action.text() == "&Informazioni su pecdesk"
    assert window.sandbox_banner is not None
    assert window.sandbox_banner.text().startswith("Sta usando la sandbox integrata")
    assert window.mailbox_label.text().endswith("· Sandbox integrata")


def test_italian_tabs_fit_a_small_screen(
    italian: Translations, rig: SentRig,  # noqa: F811 - the fixture
) -> None:
    """In Italian the Sent tab's actions and the Compose form each fit a 1,024 px screen.

    Italian labels are a third longer than English ones: six Sent buttons in one row once made
    the window 1,337 px wide, cut off on a laptop screen, and the Compose form 1,068 px.
    """
    sent = rig.tab()
    compose = ComposeTab(sender=rig.mailbox.sender)
    rig.qtbot.addWidget(compose)
    assert sent.action_bar is not None
    assert sent.action_bar.refresh_button.text() == "Aggiorna ricevute"
    assert sent.minimumSizeHint().width() <= 1000
    assert compose.minimumSizeHint().width() <= 1000


def test_italian_account_dialog(
    qtbot: QtBot, italian: Translations, tmp_path: Path, qloop: asyncio.AbstractEventLoop
) -> None:
    """The account dialog, its explanation and Qt's Save/Cancel buttons are in Italian."""
    session = SessionService(
        accounts=AccountStore(tmp_path),
        credentials=CredentialStore(),
        client_factory=lambda a: PecMassivaClient(a.base_url, a.token, a.username, a.password),
    )
    dialog = AccountDialog(
        session=session, tasks=TaskRunner(qloop), remember_secret=lambda _secret: None
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Aggiungi account"
    assert dialog.test_button.text() == "Verifica connessione"
    labels = [w.text() for w in dialog.findChildren(QLabel)]
    assert "Token API" in labels
    assert "Password della casella" in labels
    assert any(text.startswith("Il token API viene rilasciato da openapi") for text in labels)
    box = dialog.findChild(QDialogButtonBox)
    assert isinstance(box, QDialogButtonBox)
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    assert dialog.save_button.text().replace("&", "") == "Salva"
    assert cancel.text().replace("&", "") == "Annulla"


def test_italian_welcome(qtbot: QtBot, italian: Translations) -> None:
    """The welcome page greets in Italian and offers the two choices in Italian."""
    page = WelcomePage()
    qtbot.addWidget(page)
    assert page.title_label.text() == "Benvenuto in pecdesk"
    assert page.sandbox_button.text() == "Prova con la sandbox integrata"
    assert page.connect_button.text() == "Collega il mio account PEC Massiva"
    assert "conserva tutte le ricevute" in page.intro_label.text()


def test_italian_errors(italian: Translations) -> None:
    """Errors raised in the Qt-free core are shown translated, parameters filled in."""
    title, message = error_texts(CredentialError(NO_KEYCHAIN))
    assert title == "Problema con il portachiavi"
    assert message.startswith("Su questo computer non è disponibile un portachiavi di sistema")
    title, message = error_texts(AuthError(status=401, server_message="Authorization"))
    assert title == "Accesso negato"
    assert "(HTTP 401: Authorization)" in message
    limit = DailyLimitError(status=429, server_message="Daily sending limit reached")
    title, message = error_texts(limit)
    assert title == "Limite giornaliero di invio raggiunto"
    assert "riprenda l'invio domani" in message
    assert message.endswith("(Risposta del servizio: Daily sending limit reached)")


def test_back_to_english(qapp: QApplication, compiled_translations: Path) -> None:
    """Switching from Italian to English removes the Italian translators."""
    translations = Translations(qapp, directory=compiled_translations)
    translations.use("it")
    assert WelcomePage().title_label.text() == "Benvenuto in pecdesk"
    translations.use("en")
    assert translations.language == "en"
    assert WelcomePage().title_label.text() == "Welcome to pecdesk"
    translations.remove()


@pytest.mark.parametrize(
    ("source", "kept"),
    [
        ("Mailbox {percent}% full", ["{percent}"]),
        ("&Add account…", ["&"]),
        ("Remove <b>{name}</b>?", ["<b>", "{name}", "</b>"]),
    ],
)
def test_pseudo_translate_keeps_markup(source: str, kept: list[str]) -> None:
    """Pseudo text is longer and accented, but placeholders, mnemonics and tags survive."""
    text = pseudo_translate(source)
    assert len(text) >= len(source) * 1.3
    assert text != source
    for piece in kept:
        assert piece in text
    assert text.format(percent=1, name="x") if "{" in source else True


def test_pseudo_translate_leaves_shortcuts_and_blanks() -> None:
    """Key sequences and blank strings pass through untouched (a shortcut must still work)."""
    for text in ("Ctrl+Q", "F5", "", "  "):
        assert pseudo_translate(text) == text


def test_pseudo_locale_lengthens_the_ui(qtbot: QtBot, pseudo: Translations) -> None:
    """Under the pseudo-locale every string on screen is the longer pseudo form."""
    page = WelcomePage()
    qtbot.addWidget(page)
    assert page.title_label.text() == pseudo_translate("Welcome to pecdesk")
    assert page.title_label.text().startswith("[Wélçõmé")
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_english_plurals_read_as_english(qapp: QApplication, compiled_translations: Path) -> None:
    """In English one contact is "1 contact", not "1 contact(s)"; two are "2 contacts"."""
    translations = Translations(qapp, directory=compiled_translations)
    translations.use("en")
    one = QCoreApplication.translate("AddressBookDialog", "%n contact(s) deleted.", "", 1)
    two = QCoreApplication.translate("AddressBookDialog", "%n contact(s) deleted.", "", 2)
    waiting = QCoreApplication.translate(
        "LeftoverSendings",
        "%n PEC(s) of an earlier sending are still waiting in the queue: pecdesk was closed "
        "before they left.",
        "",
        1,
    )
    translations.remove()
    assert (one, two) == ("1 contact deleted.", "2 contacts deleted.")
    assert waiting.startswith("1 PEC of an earlier sending is still waiting")
