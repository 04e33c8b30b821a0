"""Which language the UI speaks: pecdesk's and Qt's translators, switching them, a pseudo-locale.

pecdesk's translations are ``pecdesk_<lang>.qm`` files compiled from ``resources/translations``
by ``pyside6-lrelease``; Qt's own (``qtbase_<lang>.qm``, for the standard buttons and dialogs)
come with PySide6. With ``PECDESK_PSEUDO_LOCALE=1`` every string is shown accented and about
40% longer, to find layouts that would cut a longer Italian text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from pecdesk.config.settings import LANGUAGES
from pecdesk.i18n import QT_TRANSLATE_NOOP

_log = logging.getLogger(__name__)

PSEUDO_ENV = "PECDESK_PSEUDO_LOCALE"
DEFAULT_LANGUAGE = "en"
_ACCENTED = str.maketrans("aeiouAEIOUcnsyCNSY", "àéîõüÀÉÎÕÜçñšýÇÑŠÝ")
# Left alone: placeholders, printf-style arguments, mnemonics' ampersands, HTML tags.
_KEEP = re.compile(r"(\{[^{}]*\}|%\w|&&|&|<[^>]*>)")
_SHORTCUT = re.compile(r"^(?:Ctrl|Alt|Shift|Meta|F\d+)(?:\+|$)")
# Labels of Qt's own file dialog (used where the system has none) that Qt's Italian lacks in
# this spelling: pecdesk's translators, installed after Qt's, answer for them.
QT_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)


def pick_language(setting: str, system: QLocale) -> str:
    """The language to show: the setting when it names one, else the system's if pecdesk has it.

    Args:
        setting: ``"it"``, ``"en"`` or ``""`` (follow the system).
        system: the system locale (``QLocale.system()``).
    """
    if setting in LANGUAGES:
        return setting
    code = QLocale.languageToCode(system.language())
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def system_language(setting: str) -> str:
    """:func:`pick_language` against the system's locale."""
    return pick_language(setting, QLocale.system())


def formats_for(language: str, system: QLocale) -> QLocale | None:
    """The locale whose dates and numbers fit a UI in ``language``; None: the system's do.

    An Italian UI on a machine set to another language would read "partiranno il 12/5/26
    12:38 PM": the dates and numbers follow the UI's language then. The system's own locale
    is kept when it speaks the UI's language (its regional choices win), and an English UI
    on a machine with no language set (the C locale) keeps Qt's plain formats.
    """
    code = QLocale.languageToCode(system.language())
    if code == language or (language == DEFAULT_LANGUAGE and system.language()
                            == QLocale.Language.C):
        return None
    return QLocale(language)


def pseudo_translate(text: str) -> str:
    """``text`` accented and padded by ~40%, placeholders and shortcuts intact."""
    if not text.strip() or _SHORTCUT.match(text):
        return text
    parts = _KEEP.split(text)
    shown = "".join(p if _KEEP.fullmatch(p) else p.translate(_ACCENTED) for p in parts)
    padding = "·" * max(2, len(text) * 2 // 5)
    return f"[{shown} {padding}]"


class PseudoTranslator(QTranslator):
    """A translator that turns every string into its pseudo-locale form (layout checks)."""

    def translate(  # noqa: D102 - Qt API
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str:
        del disambiguation, n
        if context == "QGuiApplication" and source_text == "QT_LAYOUT_DIRECTION":
            return ""  # Qt asks this to learn the layout direction; not a visible string
        return pseudo_translate(source_text)

    def isEmpty(self) -> bool:  # noqa: N802, D102 - Qt API
        return False


class Translations:
    """The translators installed on the application; :meth:`use` swaps them for a language.

    Attributes:
        language: the language in use (``"it"`` or ``"en"``).
        loaded: paths of the ``.qm`` files in use (for the log and the tests).

    Args:
        app: the application to install translators on.
        directory: where ``pecdesk_<lang>.qm`` files are.
        qt_directory: where Qt's ``qtbase_<lang>.qm`` are; None for PySide6's own.
        pseudo: add the pseudo-locale translator on top.
    """

    def __init__(
        self,
        app: QCoreApplication,
        *,
        directory: Path,
        qt_directory: Path | None = None,
        pseudo: bool = False,
    ) -> None:
        self._app = app
        self._directory = directory
        self._qt_directory = qt_directory or Path(
            QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        )
        self._pseudo = pseudo
        self._installed: list[QTranslator] = []
        self._formats_before: QLocale | None = None  # the default locale before use()
        self.language = DEFAULT_LANGUAGE
        self.loaded: list[str] = []

    def use(self, language: str) -> None:
        """Install the translators for ``language`` in place of the current ones.

        Dates and numbers follow too when the system speaks another language
        (:func:`formats_for`); :meth:`remove` puts the formats back.

        A missing ``.qm`` file is logged and skipped: the English source text shows instead.
        """
        self.remove()
        self.language = language if language in LANGUAGES else DEFAULT_LANGUAGE
        for name, directory in (("qtbase", self._qt_directory), ("pecdesk", self._directory)):
            translator = QTranslator(self._app)
            if translator.load(f"{name}_{self.language}", str(directory)):
                self._install(translator)
                self.loaded.append(translator.filePath())
            elif self.language != DEFAULT_LANGUAGE or name == "pecdesk":
                _log.info("No %s translation for %s in %s", name, self.language, directory)
        if self._pseudo:
            self._install(PseudoTranslator(self._app))
        formats = formats_for(self.language, QLocale.system())
        if formats is not None:
            self._formats_before = QLocale()
            QLocale.setDefault(formats)
        _log.info("Language %s, translations: %s", self.language, self.loaded or "none")

    def remove(self) -> None:
        """Uninstall every translator this object installed."""
        for translator in self._installed:
            self._app.removeTranslator(translator)
            translator.deleteLater()
        self._installed.clear()
        self.loaded = []
        if self._formats_before is not None:
            QLocale.setDefault(self._formats_before)
            self._formats_before = None

    def _install(self, translator: QTranslator) -> None:
        if self._app.installTranslator(translator):
            self._installed.append(translator)


def language_names() -> Mapping[str, str]:
    """Each language pecdesk speaks, named in itself (never translated: people look for it)."""
    return {"it": "Italiano", "en": "English"}

