"""Completion in Compose's address box: contacts (name and address) and recent recipients.

The box is a plain text edit with one address per line (or several, between commas or
semicolons), so the completion works on the piece being typed: from the last separator on
the current line to the cursor. Choosing a suggestion puts its bare address there, as the
recipient list reads it (``Name <address>`` would not be a valid line).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QCompleter, QListView, QPlainTextEdit

MIN_PREFIX = 2
"""Characters typed before suggestions appear."""
_SEPARATOR = re.compile(r"[,;]")
_ANGLED = re.compile(r"<([^<>]+)>\s*$")
_CHOOSE = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)


def address_of(suggestion: str) -> str:
    """The bare address of a suggestion: ``Name <address>`` → ``address``."""
    angled = _ANGLED.search(suggestion)
    return angled.group(1).strip() if angled else suggestion.strip()


class AddressCompleter(QObject):
    """Suggests contacts and recent recipients for the piece of address being typed.

    Attributes:
        completer: the Qt completer.
        popup: its list of suggestions.
    """

    def __init__(
        self,
        edit: QPlainTextEdit,
        suggestions: Callable[[], list[str]],
        revision: Callable[[], int] = lambda: 0,
    ) -> None:
        """Complete in ``edit`` from ``suggestions()``, read again when ``revision()`` moves."""
        super().__init__(edit)
        self._edit = edit
        self._suggestions = suggestions
        self._revision = revision
        self._seen = revision()
        self._stale = True
        self._completing = False
        self._model = QStringListModel(self)
        self.completer = QCompleter(self._model, self)
        self.completer.setWidget(edit)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.popup = QListView()
        self.completer.setPopup(self.popup)  # the completer owns it
        # The completer hands Return to the text edit first, which takes it as a new line;
        # a filter installed after the completer's runs before it and completes instead.
        self.popup.installEventFilter(self)
        self.completer.activated.connect(self.complete_with)  # the text overload
        edit.textChanged.connect(self._typed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """Return, Enter or Tab on the suggestions choose the one highlighted; Escape closes."""
        if watched is self.popup and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in _CHOOSE:
                index = self.popup.currentIndex()
                self.popup.hide()
                if index.isValid():
                    self.complete_with(str(index.data()))
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.popup.hide()
                return True
        return super().eventFilter(watched, event)

    def refresh(self) -> None:
        """The source of the suggestions changed: read them again at the next keystroke."""
        self._stale = True

    def prefix(self) -> str:
        """The piece of address before the cursor (from the last separator on its line)."""
        cursor = self._edit.textCursor()
        before = cursor.block().text()[: cursor.positionInBlock()]
        return _SEPARATOR.split(before)[-1].strip()

    def _typed(self) -> None:
        if self._completing:
            return
        if not self._edit.hasFocus() and not self.popup.isVisible():
            return  # text set by the program (a draft restored), not typed
        self.update()

    def update(self) -> None:
        """Show the suggestions for what is being typed, or hide them."""
        prefix = self.prefix()
        popup = self.popup
        if len(prefix) < MIN_PREFIX:
            popup.hide()
            return
        if self._stale or self._seen != self._revision():
            self._seen = self._revision()
            self._model.setStringList(self._suggestions())
            self._stale = False
        self.completer.setCompletionPrefix(prefix)
        if self.completer.completionCount() == 0:
            popup.hide()
            return
        popup.setCurrentIndex(self.completer.completionModel().index(0, 0))
        rect = self._edit.cursorRect()
        rect.setWidth(
            max(240, popup.sizeHintForColumn(0) + popup.verticalScrollBar().sizeHint().width())
        )
        self.completer.complete(rect)

    def complete_with(self, suggestion: str) -> None:
        """Put the address of ``suggestion`` in place of the piece being typed."""
        cursor = self._edit.textCursor()
        block_start = cursor.block().position()
        text = cursor.block().text()
        at = cursor.positionInBlock()
        start = max((m.end() for m in _SEPARATOR.finditer(text, 0, at)), default=0)
        following = _SEPARATOR.search(text, at)
        end = following.start() if following else len(text)
        lead = " " if start > 0 else ""
        cursor.setPosition(block_start + start)
        cursor.setPosition(block_start + end, QTextCursor.MoveMode.KeepAnchor)
        self._completing = True
        try:
            cursor.insertText(lead + address_of(suggestion))
        finally:
            self._completing = False
        self._edit.setTextCursor(cursor)
        self.popup.hide()
