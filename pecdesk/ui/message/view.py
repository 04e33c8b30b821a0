"""The message view: a locked-down QWebEngineView that shows one message body and nothing else.

Layers, each enough on its own for most attacks:

1. its own off-the-record profile (nothing written to disk; owned by the view, freed after the
   page), with JavaScript, plugins, local storage, DNS prefetch, hyperlink auditing, clipboard
   access, navigate-on-drop, error pages and file/remote access from local content all off,
   and unknown URL schemes disallowed;
2. a request interceptor that lets through only the document itself
   (:mod:`pecdesk.ui.message.page`, deciding with :func:`~pecdesk.ui.message.policy.is_allowed`);
3. a Content-Security-Policy sent as a header (with ``sandbox``) and prepended as a ``<meta>``;
4. a page that refuses every navigation but its own load, opens no windows and hands a
   clicked web or mail link to the system only after showing the full address;
5. Chromium itself resolves no host and no address (:mod:`pecdesk.ui.message.network`), so
   even what no request stands for (``<link rel=preconnect>``) connects nowhere, and the
   body's ``<link>`` elements are renamed to inert ones before it is shown.

Every body, whatever its size, is served from the ``pecdesk-message:`` scheme
(:mod:`pecdesk.ui.message.scheme`), so the ~2 MB limit of ``setHtml`` never applies. A banner
says when the body asked for remote content (a tracking pixel, a remote stylesheet).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWebEngineCore import (
    QWebEngineDownloadRequest,
    QWebEngineLoadingInfo,
    QWebEngineProfile,
    QWebEngineSettings,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QMessageBox, QVBoxLayout, QWidget

from pecdesk.ui.message.network import network_cut_off
from pecdesk.ui.message.page import MessageInterceptor, MessagePage
from pecdesk.ui.message.policy import MESSAGE_SCHEME, document_for, is_remote
from pecdesk.ui.message.scheme import MessageSchemeHandler, register_message_scheme
from pecdesk.ui.widgets.banner import Banner, BannerKind

UrlOpener = Callable[[QUrl], object]
_Attr = QWebEngineSettings.WebAttribute
_DISABLED = (
    _Attr.JavascriptEnabled,
    _Attr.JavascriptCanOpenWindows,
    _Attr.JavascriptCanAccessClipboard,
    _Attr.JavascriptCanPaste,
    _Attr.LocalStorageEnabled,
    _Attr.LocalContentCanAccessRemoteUrls,
    _Attr.LocalContentCanAccessFileUrls,
    _Attr.PluginsEnabled,
    _Attr.PdfViewerEnabled,
    _Attr.DnsPrefetchEnabled,
    _Attr.NavigateOnDropEnabled,
    _Attr.HyperlinkAuditingEnabled,
    _Attr.AutoLoadIconsForPage,
    _Attr.TouchIconsEnabled,
    _Attr.ErrorPageEnabled,
    _Attr.FullScreenSupportEnabled,
    _Attr.ScreenCaptureEnabled,
    _Attr.WebGLEnabled,
    _Attr.AllowRunningInsecureContent,
    _Attr.AllowGeolocationOnInsecureOrigins,
    _Attr.AllowWindowActivationFromJavaScript,
    _Attr.FocusOnNavigationEnabled,
)


class MessageView(QWidget):
    """Shows one message body, HTML or text, in a hardened web view.

    Importing this module loads QtWebEngine (~30 MB), so pecdesk imports it only when a
    message is first opened. Loaded after the QApplication exists, QtWebEngine sets up the
    OpenGL context it shares with Qt itself (its start-up routine runs at once, the same one
    it would have run in the QApplication's constructor); the first view created registers
    the message scheme, before any other QtWebEngine object exists (pecdesk creates none
    elsewhere), then starts Chromium with no network (:func:`network_cut_off`).

    Attributes:
        web_view: the QWebEngineView (its page is a :class:`MessagePage`).
        banner: says remote content was blocked.
        blocked_urls: the remote addresses the current body asked for, all blocked.

    Signals:
        rendered(bool): the body given last has finished loading (True if it loaded).
        link_opened(QUrl): the person agreed to open a clicked link outside pecdesk.
        pdf_saved(str, bool): :meth:`save_pdf` finished (path, success).
    """

    rendered = Signal(bool)
    link_opened = Signal(QUrl)
    pdf_saved = Signal(str, bool)

    def __init__(
        self, parent: QWidget | None = None, *, open_url: UrlOpener = QDesktopServices.openUrl
    ) -> None:
        super().__init__(parent)
        register_message_scheme()
        self._open_url = open_url
        self._pending_link = QUrl()
        self.blocked_urls: set[str] = set()
        self.banner = Banner(BannerKind.INFO, self)
        self.banner.hide()
        # The profile is parented last, so the view (and its page) is freed before it. The
        # first one starts Chromium, which takes its switches from the environment then.
        with network_cut_off():
            profile = QWebEngineProfile()
        self._handler = MessageSchemeHandler(profile)
        self._interceptor = MessageInterceptor(profile)
        _harden_profile(profile, self._handler, self._interceptor)
        self.web_view = QWebEngineView(self)
        self._page = MessagePage(profile, self.web_view)
        _harden_settings(self._page.settings())
        self.web_view.setPage(self._page)
        self.web_view.setAcceptDrops(False)
        profile.setParent(self)
        self._profile = profile
        self._interceptor.blocked.connect(self._note_blocked)
        self._page.refused.connect(self._note_blocked)
        self._page.link_clicked.connect(self._confirm_link)
        self._page.loadingChanged.connect(self._loading_changed)
        self._page.pdfPrintingFinished.connect(self.pdf_saved)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.web_view, 1)

    def page(self) -> MessagePage:
        """The web page showing the message."""
        return self._page

    def set_message_html(self, html: str) -> None:
        """Show a body: HTML is rendered locked down, anything else is shown as escaped text."""
        self.blocked_urls.clear()
        self.banner.clear()
        placeholder = self.tr("This message has no text.")
        url = self._handler.publish(document_for(html, placeholder=placeholder))
        self._page.document_url = url
        self._page.load(url)

    def save_pdf(self, path: str) -> None:
        """Write the message as a PDF file; :attr:`pdf_saved` tells when it is done."""
        self._page.printToPdf(path)

    def print_document(self, printer: QPrinter) -> None:
        """Print the message on ``printer`` (the view's ``printFinished`` tells when done)."""
        self.web_view.print(printer)

    def _loading_changed(self, info: QWebEngineLoadingInfo) -> None:
        if info.url() != self._page.document_url:
            return  # an older document, or a navigation that was refused
        status = info.status()
        if status == QWebEngineLoadingInfo.LoadStatus.LoadSucceededStatus:
            self.rendered.emit(True)
        elif status == QWebEngineLoadingInfo.LoadStatus.LoadFailedStatus:
            self.rendered.emit(False)

    def _note_blocked(self, url: QUrl) -> None:
        if not is_remote(url):
            return
        self.blocked_urls.add(url.toString())
        self.banner.show_message(
            self.tr(
                "Remote content was blocked. This message asked for pictures or other content "
                "from the internet ({count}), which would tell the sender when you read it."
            ).format(count=len(self.blocked_urls))
        )

    def _confirm_link(self, url: QUrl) -> None:
        address = bytes(url.toEncoded().data()).decode("ascii", "replace")
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Open link"),
            self.tr(
                "This message links to:\n\n{address}\n\nOpen it outside pecdesk? Check that "
                "the address is the one you expect: links in mail can be deceptive."
            ).format(address=address),
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("confirmLinkBox")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        # A bound method, not a lambda: PySide6 (6.11 and 6.12) crashes ("shared QObject was
        # deleted directly") when a box deleted on close drops a lambda holding a Qt object.
        self._pending_link = QUrl(url)
        box.accepted.connect(self._open_pending_link)
        box.open()  # not exec(): no nested event loop under qasync

    def _open_pending_link(self) -> None:
        url = self._pending_link
        self._open_url(url)
        self.link_opened.emit(url)


def _cancel(download: QWebEngineDownloadRequest) -> None:
    """A message never downloads anything."""
    download.cancel()


def _harden_profile(
    profile: QWebEngineProfile,
    handler: MessageSchemeHandler,
    interceptor: MessageInterceptor,
) -> None:
    profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.MemoryHttpCache)
    profile.setPersistentCookiesPolicy(
        QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies
    )
    profile.setSpellCheckEnabled(False)
    profile.setUrlRequestInterceptor(interceptor)
    profile.installUrlSchemeHandler(MESSAGE_SCHEME.encode("ascii"), handler)
    profile.downloadRequested.connect(_cancel)


def _harden_settings(settings: QWebEngineSettings) -> None:
    for attribute in _DISABLED:
        settings.setAttribute(attribute, False)
    settings.setAttribute(_Attr.AutoLoadImages, True)  # data: images; the rest is blocked
    settings.setUnknownUrlSchemePolicy(
        QWebEngineSettings.UnknownUrlSchemePolicy.DisallowUnknownUrlSchemes
    )
