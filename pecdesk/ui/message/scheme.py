"""The ``pecdesk-message:`` scheme: how a message document reaches the web view, whatever its size.

``QWebEnginePage.setHtml`` goes through a ``data:`` URL and silently shows nothing above about
2 MB, so a long message (a newsletter with inline images, a pasted log) would leave a blank
pane. The view therefore serves each document from this scheme instead: no size limit, and the
response carries the Content-Security-Policy (with ``sandbox``) as a real header. The scheme is
local (remote pages could not reach it even if one ever loaded) and gives documents an opaque
origin. Chromium takes a scheme only before the first QtWebEngine object (profile, page, view)
exists: :class:`~pecdesk.ui.message.view.MessageView` calls :func:`register_message_scheme`
before creating its profile, so QtWebEngine is loaded only when a message is first opened.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QUrl
from PySide6.QtWebEngineCore import (
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)

from pecdesk.ui.message.policy import HEADER_SECURITY_POLICY, MESSAGE_SCHEME

_NAME = MESSAGE_SCHEME.encode("ascii")
_CONTENT_TYPE = b"text/html;charset=utf-8"
_POLICY = HEADER_SECURITY_POLICY.encode("ascii")


def is_message_scheme_registered() -> bool:
    """Whether :func:`register_message_scheme` has run in this process."""
    return bool(QWebEngineUrlScheme.schemeByName(QByteArray(_NAME)).name())


def register_message_scheme() -> None:
    """Register ``pecdesk-message:`` with QtWebEngine; idempotent.

    Must run before the process creates its first QtWebEngine object; later, Chromium ignores
    the scheme (and says "Too late to register scheme" on the console).
    """
    if is_message_scheme_registered():
        return
    scheme = QWebEngineUrlScheme(QByteArray(_NAME))
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Path)
    scheme.setFlags(QWebEngineUrlScheme.Flag.LocalScheme | QWebEngineUrlScheme.Flag.NoAccessAllowed)
    QWebEngineUrlScheme.registerScheme(scheme)


class MessageSchemeHandler(QWebEngineUrlSchemeHandler):
    """Serves the one document its view shows now; any other path is "not found".

    Attributes:
        served: how many documents were served (tests check loads go through here).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._serial = 0
        self._path = ""
        self._document = b""
        self.served = 0

    def publish(self, document: bytes) -> QUrl:
        """Make ``document`` the one to serve, under a new URL (the previous one is dropped)."""
        self._serial += 1
        self._path = f"/message/{self._serial}"
        self._document = document
        return QUrl(f"{MESSAGE_SCHEME}:{self._path}")

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # noqa: N802 - Qt API
        """Answer the current document with its security policy header; fail anything else."""
        url = job.requestUrl()
        if bytes(job.requestMethod().data()) != b"GET" or url.path() != self._path:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        # A QMultiMap: each key maps to a list of values. The stub says one QByteArray, but
        # PySide iterates a lone value as a sequence and sends one header per character.
        headers = {QByteArray(b"Content-Security-Policy"): [QByteArray(_POLICY)]}
        job.setAdditionalResponseHeaders(headers)  # type: ignore[arg-type]
        buffer = QBuffer(job)  # the job owns it and frees it when the reply is done
        buffer.setData(QByteArray(self._document))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.served += 1
        job.reply(QByteArray(_CONTENT_TYPE), buffer)
