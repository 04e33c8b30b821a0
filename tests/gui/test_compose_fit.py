"""In Italian, at 1,024 x 700, the Compose tab's merge-field picker is in view."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.ui.window.i18n import Translations
from tests.helpers.gui import OFFSCREEN_SHOW_NOISE, WindowFactory, account_for

pytestmark = OFFSCREEN_SHOW_NOISE
SCREEN = (1024, 700)


def inside(widget: QWidget, outer: QWidget) -> bool:
    """Whether ``widget`` is shown and lies wholly within ``outer``."""
    if not widget.isVisible():
        return False
    top_left = widget.mapTo(outer, widget.rect().topLeft())
    bottom_right = widget.mapTo(outer, widget.rect().bottomRight())
    return outer.rect().contains(top_left) and outer.rect().contains(bottom_right)


def test_merge_field_picker_is_visible_in_italian_at_1024(
    italian: Translations, sandbox: EmbeddedSandbox, open_window: WindowFactory, qtbot: QtBot
) -> None:
    """The field list and "Insert field" are on screen, not folded into the toolbar's » menu."""
    window = open_window(account_for(sandbox))
    window.resize(*SCREEN)  # (the window may stay wider: its minimum width is not tested here)
    editor = window.compose_tab.editor
    editor.set_fields(["Nome", "Scala", "Interno"])
    assert editor.insert_button.text() == "Inserisci campo"  # the Italian label
    qtbot.waitUntil(lambda: inside(editor.insert_button, editor), timeout=2000)
    assert inside(editor.field_combo, editor)
