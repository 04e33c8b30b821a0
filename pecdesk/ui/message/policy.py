"""What a message body may do in the message view: pure decisions, tested table by table.

Nothing here touches a widget. The view (:mod:`pecdesk.ui.message.view`) asks these functions
whether a request may leave, whether a navigation may happen and how a body becomes the one
document it loads.
"""

from __future__ import annotations

import enum
import html
import re

from PySide6.QtCore import QUrl
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineUrlRequestInfo

MESSAGE_SCHEME = "pecdesk-message"
"""The scheme the view serves a message from; registered before QApplication exists."""

REMOTE_SCHEMES = frozenset({"http", "https", "ftp", "ws", "wss"})
"""Schemes that would reach the network: their requests are what the banner reports."""

EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto"})
"""Schemes a clicked link may hand to the system (browser, mail program), after asking."""

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'none'; object-src 'none'; frame-src 'none'; "
    "child-src 'none'; worker-src 'none'; connect-src 'none'; manifest-src 'none'; "
    "img-src data:; media-src data:; font-src data:; style-src 'unsafe-inline' data:; "
    "base-uri 'none'; form-action 'none'"
)
"""No script, and nothing but inline styles and ``data:`` images, media and fonts."""

HEADER_SECURITY_POLICY = CONTENT_SECURITY_POLICY + "; sandbox allow-popups"
"""Sent as a response header too: ``sandbox`` also forbids scripts, forms and navigation.

Pop-ups are let through to the page, which never opens one: a clicked ``target="_blank"``
link is caught there and asked about like any other link.
"""

_Type = QWebEngineUrlRequestInfo.ResourceType
_Nav = QWebEnginePage.NavigationType
_INLINE_TYPES = frozenset(
    {_Type.ResourceTypeImage, _Type.ResourceTypeFontResource, _Type.ResourceTypeMedia}
)
_DOCTYPE = re.compile(r"\A\s*<!doctype[^<>]*>", re.IGNORECASE)
_HTML_HINT = re.compile(
    r"<(?:!doctype|html|head|body|meta|title|style|p|div|span|br|hr|table|tr|td|th|a|b|i|u|"
    r"em|strong|font|img|ul|ol|li|h[1-6]|center|blockquote|pre|svg|iframe|script|form|object|"
    r"embed|link|base)\b",
    re.IGNORECASE,
)
_REFUSED = re.compile(r"^Refused to [^']*'([^']+)'")
# A "link" start or end tag as an HTML tokenizer sees it: the name ends at whitespace, "/", ">"
# or the end of the input (a NUL or any other character would make it another name).
_LINK_TAG = re.compile(r"<(/?)link(?=[\t\n\f\r />]|\Z)", re.IGNORECASE)
INERT_LINK = "pecdesk-inert-link"
"""What a body's ``<link>`` elements become: an unknown element, which loads and hints nothing."""

_PLAIN_STYLE = (
    "pre.pecdesk-plain { white-space: pre-wrap; overflow-wrap: anywhere; "
    "font-family: sans-serif; margin: 0; }"
)


def is_allowed(url: QUrl, resource_type: QWebEngineUrlRequestInfo.ResourceType) -> bool:
    """Whether a request may go ahead: only the message document itself, and inline data.

    ``data:`` URLs carry their content with them (embedded images); everything else, the
    network above all, is blocked.
    """
    scheme = url.scheme().lower()
    if scheme == MESSAGE_SCHEME:
        return resource_type == _Type.ResourceTypeMainFrame
    return scheme == "data" and resource_type in _INLINE_TYPES


def is_remote(url: QUrl) -> bool:
    """Whether ``url`` points at the network (what the "remote content" banner counts)."""
    return url.scheme().lower() in REMOTE_SCHEMES


class Navigation(enum.Enum):
    """What to do with a navigation request."""

    LOAD = "load"
    EXTERNAL = "external"
    BLOCK = "block"


def navigation_decision(
    url: QUrl, nav_type: QWebEnginePage.NavigationType, is_main_frame: bool, document: QUrl
) -> Navigation:
    """Decide a navigation: only the view's own load of ``document`` happens.

    A clicked web or mail link in the main frame is offered to the system; everything else
    (redirects, form posts, frames, history, reloads, other schemes) is refused.
    """
    if not is_main_frame:
        return Navigation.BLOCK
    if nav_type == _Nav.NavigationTypeTyped and url == document and not document.isEmpty():
        return Navigation.LOAD
    if nav_type == _Nav.NavigationTypeLinkClicked and url.scheme().lower() in EXTERNAL_SCHEMES:
        return Navigation.EXTERNAL
    return Navigation.BLOCK


def refused_url(console_message: str) -> QUrl | None:
    """The URL in one of Chromium's "Refused to load …" console lines, if it names one."""
    found = _REFUSED.match(console_message)
    return QUrl(found.group(1)) if found else None


def looks_like_html(text: str) -> bool:
    """Whether a body is HTML (a known tag anywhere), rather than plain text."""
    return _HTML_HINT.search(text) is not None


def without_links(body: str) -> str:
    """``body`` with every ``<link>`` tag renamed to an inert :data:`INERT_LINK` one.

    ``<link rel=preconnect|dns-prefetch|prefetch|preload|modulepreload|prerender|stylesheet
    |icon…>`` can only ask for the network, which a message never gets; a ``<link`` inside
    text or an attribute value is renamed too, which changes nothing that matters.
    """
    return _LINK_TAG.sub(rf"<\1{INERT_LINK}", body)


def document_for(body: str, *, placeholder: str) -> bytes:
    """The one document the view loads for ``body``, UTF-8 encoded.

    HTML keeps its markup behind a prepended Content-Security-Policy ``<meta>`` (after a
    doctype, so standards mode is kept) and a ``<base target="_self">`` that keeps links from
    asking for new windows; its ``<link>`` elements are made inert (:func:`without_links`).
    Plain text is escaped and shown as text; an empty body shows ``placeholder``. Characters
    that cannot be encoded (lone surrogates) become "?".
    """
    header = (
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
        '<meta name="referrer" content="no-referrer"><base target="_self">'
    )
    if not body.strip():
        document = f"{header}<p><i>{html.escape(placeholder)}</i></p>"
    elif looks_like_html(body):
        doctype = _DOCTYPE.match(body)
        cut = doctype.end() if doctype else 0
        document = f"{body[:cut]}{header}{without_links(body[cut:])}"
    else:
        escaped = html.escape(body, quote=False)
        document = (
            f'<!DOCTYPE html>{header}<style>{_PLAIN_STYLE}</style><pre class="pecdesk-plain">'
            f"{escaped}</pre>"
        )
    return document.encode("utf-8", "replace")
