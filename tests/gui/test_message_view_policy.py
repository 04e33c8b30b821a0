"""The message view's pure decisions, table by table: requests, navigation, documents."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineUrlRequestInfo

from pecdesk.ui.message.network import (
    FLAGS_VARIABLE,
    NO_NETWORK_FLAG,
    network_cut_off,
    with_network_cut_off,
)
from pecdesk.ui.message.policy import (
    CONTENT_SECURITY_POLICY,
    HEADER_SECURITY_POLICY,
    MESSAGE_SCHEME,
    Navigation,
    document_for,
    is_allowed,
    is_remote,
    looks_like_html,
    navigation_decision,
    refused_url,
    without_links,
)

Type = QWebEngineUrlRequestInfo.ResourceType
Nav = QWebEnginePage.NavigationType
DOC = QUrl(f"{MESSAGE_SCHEME}:/message/3")
ALL_TYPES = [t for t in Type if t not in (Type.ResourceTypeLast,)]

REQUESTS = [
    # (url, resource type, allowed)
    (f"{MESSAGE_SCHEME}:/message/3", Type.ResourceTypeMainFrame, True),
    (f"{MESSAGE_SCHEME}:/message/3", Type.ResourceTypeSubFrame, False),
    (f"{MESSAGE_SCHEME}:/message/2", Type.ResourceTypeImage, False),
    (f"{MESSAGE_SCHEME.upper()}:/message/3", Type.ResourceTypeMainFrame, True),
    ("data:image/png;base64,iVBORw0KGgo=", Type.ResourceTypeImage, True),
    ("data:font/woff2;base64,AAAA", Type.ResourceTypeFontResource, True),
    ("data:audio/wav;base64,AAAA", Type.ResourceTypeMedia, True),
    ("data:text/html,<script>alert(1)</script>", Type.ResourceTypeMainFrame, False),
    ("data:text/html,<b>x</b>", Type.ResourceTypeSubFrame, False),
    ("data:text/css,p{}", Type.ResourceTypeStylesheet, False),
    ("data:text/javascript,alert(1)", Type.ResourceTypeScript, False),
    ("http://127.0.0.1:8080/pixel.gif", Type.ResourceTypeImage, False),
    ("https://tracker.example/p.png", Type.ResourceTypeImage, False),
    ("https://cdn.example/style.css", Type.ResourceTypeStylesheet, False),
    ("https://evil.example/", Type.ResourceTypeMainFrame, False),
    ("https://evil.example/frame", Type.ResourceTypeSubFrame, False),
    ("https://evil.example/prefetch", Type.ResourceTypePrefetch, False),
    ("https://evil.example/ping", Type.ResourceTypePing, False),
    ("https://evil.example/favicon.ico", Type.ResourceTypeFavicon, False),
    ("wss://evil.example/socket", Type.ResourceTypeWebSocket, False),
    ("ftp://evil.example/file", Type.ResourceTypeSubResource, False),
    ("file:///etc/passwd", Type.ResourceTypeImage, False),
    ("file:///etc/passwd", Type.ResourceTypeMainFrame, False),
    ("qrc:/icons/pecdesk.svg", Type.ResourceTypeImage, False),
    ("cid:part1@pecdesk", Type.ResourceTypeImage, False),
    ("javascript:alert(1)", Type.ResourceTypeMainFrame, False),
    ("blob:null/1234", Type.ResourceTypeImage, False),
    ("filesystem:http://x/y", Type.ResourceTypeImage, False),
    ("about:blank", Type.ResourceTypeSubFrame, False),
]


@pytest.mark.parametrize(("url", "resource_type", "allowed"), REQUESTS)
def test_is_allowed(url: str, resource_type: Type, allowed: bool) -> None:
    """Only the document itself and inline data go through."""
    assert is_allowed(QUrl(url), resource_type) is allowed


@pytest.mark.parametrize("resource_type", ALL_TYPES, ids=lambda t: t.name)
def test_no_resource_type_reaches_the_network(resource_type: Type) -> None:
    """Exhaustive over Qt's resource types: http(s) is never allowed, whatever the type."""
    for url in ("http://127.0.0.1/x", "https://example.org/x", "//example.org/x"):
        assert not is_allowed(QUrl(url), resource_type)
    own = is_allowed(DOC, resource_type)
    assert own is (resource_type == Type.ResourceTypeMainFrame)


@pytest.mark.parametrize(
    ("url", "remote"),
    [
        ("http://a/", True),
        ("HTTPS://a/", True),
        ("ws://a/", True),
        ("ftp://a/", True),
        ("data:,x", False),
        ("file:///x", False),
        (f"{MESSAGE_SCHEME}:/message/1", False),
        ("mailto:a@b.it", False),
    ],
)
def test_is_remote(url: str, remote: bool) -> None:
    """The banner counts network addresses only."""
    assert is_remote(QUrl(url)) is remote


NAVIGATIONS = [
    # (url, type, main frame, decision)
    (DOC, Nav.NavigationTypeTyped, True, Navigation.LOAD),
    (DOC, Nav.NavigationTypeTyped, False, Navigation.BLOCK),
    (DOC, Nav.NavigationTypeReload, True, Navigation.BLOCK),
    (DOC, Nav.NavigationTypeLinkClicked, True, Navigation.BLOCK),
    (DOC, Nav.NavigationTypeBackForward, True, Navigation.BLOCK),
    (QUrl(f"{MESSAGE_SCHEME}:/message/2"), Nav.NavigationTypeTyped, True, Navigation.BLOCK),
    (QUrl("https://example.org/a?b=1"), Nav.NavigationTypeLinkClicked, True, Navigation.EXTERNAL),
    (QUrl("http://example.org/"), Nav.NavigationTypeLinkClicked, True, Navigation.EXTERNAL),
    (QUrl("mailto:avv.rossi@pec.it"), Nav.NavigationTypeLinkClicked, True, Navigation.EXTERNAL),
    (QUrl("https://example.org/"), Nav.NavigationTypeLinkClicked, False, Navigation.BLOCK),
    (QUrl("https://example.org/"), Nav.NavigationTypeTyped, True, Navigation.BLOCK),
    (QUrl("https://example.org/"), Nav.NavigationTypeRedirect, True, Navigation.BLOCK),
    (QUrl("https://example.org/"), Nav.NavigationTypeFormSubmitted, True, Navigation.BLOCK),
    (QUrl("https://example.org/"), Nav.NavigationTypeOther, True, Navigation.BLOCK),
    (QUrl("javascript:alert(1)"), Nav.NavigationTypeLinkClicked, True, Navigation.BLOCK),
    (QUrl("file:///etc/passwd"), Nav.NavigationTypeLinkClicked, True, Navigation.BLOCK),
    (QUrl("data:text/html,x"), Nav.NavigationTypeLinkClicked, True, Navigation.BLOCK),
    (QUrl("ftp://example.org/"), Nav.NavigationTypeLinkClicked, True, Navigation.BLOCK),
    (QUrl("tel:+390612345"), Nav.NavigationTypeLinkClicked, True, Navigation.BLOCK),
]


@pytest.mark.parametrize(("url", "nav_type", "main", "decision"), NAVIGATIONS)
def test_navigation_decision(url: QUrl, nav_type: Nav, main: bool, decision: Navigation) -> None:
    """Only the view's own load happens; clicked web and mail links go to the system."""
    assert navigation_decision(url, nav_type, main, DOC) is decision


def test_nothing_loads_before_a_document_is_set() -> None:
    """With no document yet, even a typed load of an empty URL is refused."""
    assert navigation_decision(QUrl(), Nav.NavigationTypeTyped, True, QUrl()) is Navigation.BLOCK


@pytest.mark.parametrize(
    ("line", "url"),
    [
        (
            "Refused to load the image 'http://127.0.0.1:9/x.png' because it violates the "
            'following Content Security Policy directive: "img-src data:".',
            "http://127.0.0.1:9/x.png",
        ),
        ("Refused to frame 'https://a.example/' because it violates …", "https://a.example/"),
        ("Refused to load the stylesheet 'https://c/s.css' because …", "https://c/s.css"),
        ("Not allowed to load local resource: file:///etc/passwd", None),
        ("Blocked script execution in 'pecdesk-message:/message/1' because …", None),
        ("Uncaught ReferenceError: x is not defined", None),
    ],
)
def test_refused_url(line: str, url: str | None) -> None:
    """Chromium's "Refused to …" console lines name the blocked address."""
    found = refused_url(line)
    assert (found.toString() if found is not None else None) == url


@pytest.mark.parametrize(
    ("body", "html"),
    [
        ("<p>Gentile cliente</p>", True),
        ("<!DOCTYPE html><html><body>x</body></html>", True),
        ("Riga 1\nRiga 2 <br>", True),
        ("<DIV>x</DIV>", True),
        ("Costo < 5 € e > 3 €", False),
        ("x <= y and y >= z", False),
        ("Semplice testo.\nSeconda riga.", False),
        ("", False),
    ],
)
def test_looks_like_html(body: str, html: bool) -> None:
    """Known tags make a body HTML; comparison signs do not."""
    assert looks_like_html(body) is html


def test_document_for_html_keeps_markup_behind_the_policy() -> None:
    """HTML gets the CSP meta and base target first, after a doctype when there is one."""
    document = document_for("<!DOCTYPE html><p onclick=x>Hi</p>", placeholder="-").decode()
    assert document.startswith('<!DOCTYPE html><meta http-equiv="Content-Security-Policy"')
    assert CONTENT_SECURITY_POLICY in document
    assert '<base target="_self">' in document
    assert document.endswith("<p onclick=x>Hi</p>")
    plain = document_for("<p>x</p>", placeholder="-").decode()
    assert plain.startswith('<meta http-equiv="Content-Security-Policy"')


def test_document_for_text_escapes_it() -> None:
    """Plain text is escaped into a <pre>: its "<" and "&" are shown, never interpreted."""
    text = document_for("1 < 2 & 3 > 2\nfine riga", placeholder="-").decode()
    assert '<pre class="pecdesk-plain">1 &lt; 2 &amp; 3 &gt; 2\nfine riga</pre>' in text


def test_document_for_empty_and_unencodable_bodies() -> None:
    """An empty body shows the placeholder; lone surrogates become "?" instead of failing."""
    empty = document_for("  \n", placeholder="No <text>").decode()
    assert "No &lt;text&gt;" in empty
    broken = document_for("caff\udce8 \ud800", placeholder="-").decode("utf-8")
    assert "caff? ?" in broken


def test_header_policy_adds_the_sandbox() -> None:
    """The header policy is the meta policy plus ``sandbox`` (no scripts, forms, navigation)."""
    assert HEADER_SECURITY_POLICY == CONTENT_SECURITY_POLICY + "; sandbox allow-popups"
    assert "script-src 'none'" in CONTENT_SECURITY_POLICY
    assert "default-src 'none'" in CONTENT_SECURITY_POLICY


@pytest.mark.parametrize(
    ("body", "inert"),
    [
        (
            '<link rel="preconnect" href="http://x/">',
            '<pecdesk-inert-link rel="preconnect" href="http://x/">',
        ),
        ("<LINK REL=dns-prefetch HREF=//x>", "<pecdesk-inert-link REL=dns-prefetch HREF=//x>"),
        ("<link/rel=preload/href=x>", "<pecdesk-inert-link/rel=preload/href=x>"),
        (
            "<link\trel=a>\n<link\nrel=b></link>",
            "<pecdesk-inert-link\trel=a>\n<pecdesk-inert-link\nrel=b></pecdesk-inert-link>",
        ),
        ("<linked>x</linked> <a href=x>link</a>", "<linked>x</linked> <a href=x>link</a>"),
        ("<link", "<pecdesk-inert-link"),
    ],
)
def test_without_links(body: str, inert: str) -> None:
    """Every tag an HTML parser reads as "link" is renamed; other names and text are kept."""
    assert without_links(body) == inert


def test_document_for_makes_links_inert() -> None:
    """A body's <link> elements reach the view renamed, whatever they were for."""
    document = document_for('<p>x</p><link rel="modulepreload" href="http://x/">', placeholder="-")
    assert b"<link" not in document.lower()
    assert b'<pecdesk-inert-link rel="modulepreload"' in document


@pytest.mark.parametrize(
    ("flags", "result"),
    [
        ("", NO_NETWORK_FLAG),
        ("--disable-gpu", f"--disable-gpu {NO_NETWORK_FLAG}"),
        (f"--disable-gpu {NO_NETWORK_FLAG}", f"--disable-gpu {NO_NETWORK_FLAG}"),
        (
            f'--host-resolver-rules="MAP x y" {NO_NETWORK_FLAG} --a',
            f'--host-resolver-rules="MAP x y" {NO_NETWORK_FLAG} --a {NO_NETWORK_FLAG}',
        ),
        ('--user-agent="unclosed', f'--user-agent="unclosed" {NO_NETWORK_FLAG}'),
    ],
)
def test_with_network_cut_off(flags: str, result: str) -> None:
    """The no-network switch ends up last (it wins), exactly once at the end, never swallowed."""
    assert with_network_cut_off(flags) == result


@pytest.mark.parametrize("flags", [None, "", "--disable-gpu"])
def test_network_cut_off_puts_the_environment_back(
    monkeypatch: pytest.MonkeyPatch, flags: str | None
) -> None:
    """The switch is in Chromium's flags only while QtWebEngine starts; then they are as before."""
    if flags is None:
        monkeypatch.delenv(FLAGS_VARIABLE, raising=False)
    else:
        monkeypatch.setenv(FLAGS_VARIABLE, flags)
    with network_cut_off():
        assert os.environ[FLAGS_VARIABLE].endswith(NO_NETWORK_FLAG)
    assert os.environ.get(FLAGS_VARIABLE) == flags
