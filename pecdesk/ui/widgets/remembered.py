"""The window's layout kept across restarts: splitters, column widths and last folders by key.

A tab marks what is worth keeping with one line (:func:`remember`), whether or not the window
keeps anything: the mark is read by the :class:`Remembered` of the main window it ends up in,
found when the widget is first shown (the Sent and Inbox tabs are built late). File dialogs ask
:func:`start_folder` where to open and tell :func:`keep_folder` where the person went. Without
a :class:`Remembered` (a window built by a test, say) all of it does nothing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter, QWidget

from pecdesk.config.window_state import WindowState

_KEY = "pecdeskRememberKey"
_RESTORED = "pecdeskRestored"
FITTED = "pecdeskFitted"
"""A header property: the columns sized to their content by the app, not by the person.

They are saved as 0 (not restored), so a width the app chose at one window size is never
pinned at another (:mod:`pecdesk.ui.widgets.columns`).
"""
Kept = QSplitter | QHeaderView


class Remembered(QObject):
    """The layout of one main window, read from and written back to a :class:`WindowState`.

    Build it as a child of the window before the tabs, so each marked widget finds it when
    shown; :meth:`capture` before the window goes.

    Attributes:
        state: the layout, shared by the windows of one session (updated by :meth:`capture`).
    """

    def __init__(self, state: WindowState, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("remembered")
        self.state = state
        self._window = window
        if state.geometry:
            window.restoreGeometry(QByteArray(state.geometry))

    def restore(self, widget: Kept, key: str) -> None:
        """Put ``widget`` back as it was left under ``key`` (once; later calls do nothing)."""
        if widget.property(_RESTORED):
            return
        widget.setProperty(_RESTORED, True)
        if isinstance(widget, QSplitter):
            if blob := self.state.splitters.get(key):
                widget.restoreState(QByteArray(blob))
        else:
            for section, width in enumerate(self.state.columns.get(key, ())[: widget.count()]):
                if width > 0:
                    widget.resizeSection(section, width)

    def capture(self) -> WindowState:
        """Note the window's geometry and every marked widget it showed; returns the state.

        Widgets never shown (a tab not opened this time) keep what was saved before.
        """
        self.state.geometry = bytes(self._window.saveGeometry().data())
        for splitter in self._window.findChildren(QSplitter):
            if key := _shown_key(splitter):
                self.state.splitters[key] = bytes(splitter.saveState().data())
        for header in self._window.findChildren(QHeaderView):
            if (key := _shown_key(header)) and header.count():
                fitted = set(header.property(FITTED) or ())
                self.state.columns[key] = [
                    0 if i in fitted else header.sectionSize(i) for i in range(header.count())
                ]
        return self.state


def remember(widget: Kept, key: str) -> None:
    """Keep ``widget``'s sizes under ``key`` across restarts (restored when first shown)."""
    widget.setProperty(_KEY, key)
    widget.installEventFilter(_RestoreOnShow(widget))


def start_folder(widget: QWidget, key: str, name: str = "") -> str:
    """Where a file dialog for ``key`` opens: the folder last used (else home), plus ``name``."""
    remembered = _remembered_for(widget)
    folder = remembered.state.folders.get(key, "") if remembered is not None else ""
    base = Path(folder) if folder and Path(folder).is_dir() else Path.home()
    return str(base / name) if name else str(base)


def keep_folder(widget: QWidget, key: str, chosen: str | Path) -> None:
    """Note the folder of ``chosen`` (a file, or a folder itself) for the next dialog of ``key``."""
    remembered = _remembered_for(widget)
    if remembered is None or not str(chosen):
        return
    path = Path(chosen)
    remembered.state.folders[key] = str(path if path.is_dir() else path.parent)


class _RestoreOnShow(QObject):
    """Restores its widget at the first show, once it sits in a window with a Remembered."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Show and isinstance(watched, QSplitter | QHeaderView):
            remembered = _remembered_for(watched)
            if remembered is not None:
                remembered.restore(watched, str(watched.property(_KEY)))
                watched.removeEventFilter(self)
                self.deleteLater()
        return False


def _shown_key(widget: QWidget) -> str:
    """The widget's key if it was restored (so it shows what the person left), else ""."""
    key = widget.property(_KEY)
    return key if isinstance(key, str) and widget.property(_RESTORED) else ""


def _remembered_for(widget: QWidget) -> Remembered | None:
    """The Remembered of the window ``widget`` is in (through dialogs to their parent window)."""
    current: QWidget | None = widget
    while current is not None:
        found = current.findChild(
            Remembered, "remembered", Qt.FindChildOption.FindDirectChildrenOnly
        )
        if isinstance(found, Remembered):
            return found
        current = current.parentWidget()
    return None
