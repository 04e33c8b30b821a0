"""The message view's page and request interceptor: where navigations and requests are refused.

:class:`MessagePage` lets only the view's own load happen, hands clicked web and mail links
(``target="_blank"`` ones too) to the view to ask about, opens no window, reads no file and
notices Chromium's "Refused to load" lines. :class:`MessageInterceptor` blocks every request
:func:`~pecdesk.ui.message.policy.is_allowed` refuses.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEnginePermission,
    QWebEngineProfile,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWidgets import QWidget

from pecdesk.ui.message.policy import (
    EXTERNAL_SCHEMES,
    Navigation,
    is_allowed,
    navigation_decision,
    refused_url,
)


class MessageInterceptor(QWebEngineUrlRequestInterceptor):
    """Blocks every request :func:`is_allowed` refuses.

    Signals:
        blocked(QUrl): a request was blocked.
    """

    blocked = Signal(QUrl)

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802 - Qt API
        """Let the request through or block it (runs on the GUI thread in Qt 6)."""
        url = info.requestUrl()
        if not is_allowed(url, info.resourceType()):
            info.block(True)
            self.blocked.emit(url)


class MessagePage(QWebEnginePage):
    """A page that only ever shows the document it was given.

    Attributes:
        document_url: the URL of the document being shown.

    Signals:
        link_clicked(QUrl): a web or mail link was clicked (the page stays where it is).
        navigation_refused(QUrl): any other navigation (form, redirect, frame…) was refused.
        refused(QUrl): Chromium refused to load a resource (its console said so).
    """

    link_clicked = Signal(QUrl)
    navigation_refused = Signal(QUrl)
    refused = Signal(QUrl)

    def __init__(self, profile: QWebEngineProfile, parent: QWidget) -> None:
        super().__init__(profile, parent)
        self.document_url = QUrl()
        self.permissionRequested.connect(_deny)

    def acceptNavigationRequest(  # noqa: N802 - Qt API
        self, url: QUrl | str, nav_type: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        """Allow the document's own load; offer clicked links to the system; refuse the rest."""
        target = QUrl(url)
        decision = navigation_decision(target, nav_type, is_main_frame, self.document_url)
        if decision is Navigation.EXTERNAL:
            self.link_clicked.emit(target)
        elif decision is Navigation.BLOCK:
            self.navigation_refused.emit(target)
        return decision is Navigation.LOAD

    def createWindow(  # noqa: N802 - Qt API
        self, window_type: QWebEnginePage.WebWindowType
    ) -> QWebEnginePage:
        """Never open another window: a ``target="_blank"`` link is caught and asked about."""
        del window_type
        return _LinkCatcher(self)

    def catch_link(self, url: QUrl) -> None:
        """A link meant for a new window: treat it like a link clicked here."""
        if url.scheme().lower() in EXTERNAL_SCHEMES:
            self.link_clicked.emit(url)
        else:
            self.navigation_refused.emit(url)

    def chooseFiles(  # noqa: N802 - Qt API
        self, mode: QWebEnginePage.FileSelectionMode, old: Sequence[str], accepted: Sequence[str]
    ) -> list[str]:
        """A message never gets to read a file."""
        del mode, old, accepted
        return []

    def javaScriptConsoleMessage(  # noqa: N802 - Qt API
        self,
        level: QWebEnginePage.JavaScriptConsoleMessageLevel,
        message: str,
        line: int,
        source: str,
    ) -> None:
        """Pick up Chromium's "Refused to load" lines (the policy blocked a request)."""
        del level, line, source
        url = refused_url(message)
        if url is not None:
            self.refused.emit(url)


class _LinkCatcher(QWebEnginePage):
    """A page that only learns where a "new window" link points, then goes away unloaded."""

    def __init__(self, owner: MessagePage) -> None:
        super().__init__(owner.profile(), owner)
        self._owner = owner
        self._caught = False

    def acceptNavigationRequest(  # noqa: N802 - Qt API
        self, url: QUrl | str, nav_type: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        """Hand the first real address to the owner page; never load anything."""
        del nav_type, is_main_frame
        target = QUrl(url)
        if not self._caught and target.scheme().lower() != "about":
            self._caught = True
            self._owner.catch_link(target)
            self.deleteLater()
        return False


def _deny(permission: QWebEnginePermission) -> None:
    """No camera, microphone, location, notifications, clipboard… for a message."""
    permission.deny()
