"""MessageView in the real QtWebEngine: text, odd and huge bodies, the banner, PDF, settings."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWebEngineCore import QWebEngineProfile, QWebEngineSettings
from pytestqt.qtbot import QtBot

from pecdesk.domain.text import decode_form_body
from pecdesk.ui.message.view import MessageView
from tests.helpers.gui import OFFSCREEN_WEBENGINE_NOISE

pytestmark = OFFSCREEN_WEBENGINE_NOISE
Attr = QWebEngineSettings.WebAttribute


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[MessageView]:
    """A shown message view."""
    shown = MessageView(open_url=lambda url: pytest.fail(f"opened {url}"))
    qtbot.addWidget(shown)
    shown.resize(700, 500)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown


def render(qtbot: QtBot, view: MessageView, body: str) -> str:
    """Show ``body``; return the text the page displays."""
    with qtbot.waitSignal(view.rendered, timeout=20_000) as done:
        view.set_message_html(body)
    assert done.args == [True]
    text: list[str] = []
    view.page().toPlainText(text.append)
    qtbot.waitUntil(lambda: bool(text), timeout=10_000)
    return text[0]


def test_plain_text_is_escaped_and_shown_as_text(qtbot: QtBot, view: MessageView) -> None:
    """A plain-text body keeps its lines and its "<", "&" and ">" as written."""
    body = "Gentile cliente,\nimporto < 5 € & IVA > 0\n\n  indentato"
    assert render(qtbot, view, body) == body


def test_html_is_rendered(qtbot: QtBot, view: MessageView) -> None:
    """An HTML body is rendered, not shown as markup."""
    assert render(qtbot, view, "<p>Gentile <b>cliente</b></p>") == "Gentile cliente"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("", "This message has no text."),
        ("   \n ", "This message has no text."),
        ("100%+sicuro%ZZ", "100%+sicuro%ZZ"),  # not valid urlencoding: shown as it came
        ("Caff%E8+pronto", "Caffè pronto"),  # not UTF-8: read as Windows-1252
        ("Perch%C3%A9+no%3F", "Perché no?"),
        ("nul\x00byte and \udce8 surrogate", "nul"),  # still something on screen
    ],
    ids=["empty", "blank", "bad-urlencoding", "not-utf8", "urlencoded", "control-chars"],
)
def test_odd_bodies_still_show(qtbot: QtBot, view: MessageView, raw: str, shown: str) -> None:
    """Empty, badly encoded or odd bodies show text, never a blank pane or an error."""
    assert shown in render(qtbot, view, decode_form_body(raw))


@pytest.mark.parametrize("html", [True, False], ids=["html", "text"])
def test_several_megabytes_render(qtbot: QtBot, view: MessageView, html: bool) -> None:
    """A 6 MB body (three times setHtml's limit) renders to its last line."""
    line = (
        "<p>Riga di un messaggio molto lungo, con accenti: è à ù.</p>\n"
        if html
        else ("Riga di un messaggio molto lungo, con accenti: è à ù.\n")
    )
    body = line * (6_000_000 // len(line)) + ("<p>FINE</p>" if html else "FINE")
    assert len(body.encode()) > 6_000_000
    assert render(qtbot, view, body).rstrip().endswith("FINE")


def test_banner_says_remote_content_was_blocked(qtbot: QtBot, view: MessageView) -> None:
    """Remote pictures are blocked and the banner says so; a clean message hides it."""
    render(qtbot, view, '<p>Ciao</p><img src="http://127.0.0.1:9/track.gif">')
    qtbot.waitUntil(view.banner.isVisible, timeout=5000)
    assert "Remote content was blocked" in view.banner.text()
    assert view.blocked_urls == {"http://127.0.0.1:9/track.gif"}
    render(qtbot, view, "<p>Pulito</p><img src='data:image/gif;base64,R0lGODlhAQABAAAAACw='>")
    assert not view.banner.isVisible()
    assert view.blocked_urls == set()


def test_rendered_once_per_body(qtbot: QtBot, view: MessageView) -> None:
    """A refused redirect or link does not announce a second "rendered"."""
    seen: list[bool] = []
    view.rendered.connect(seen.append)
    render(qtbot, view, '<meta http-equiv="refresh" content="0;url=https://example.org/"><p>x</p>')
    render(qtbot, view, "<p>y</p>")
    assert seen == [True, True]


def test_header_policy_sandboxes_the_document(qtbot: QtBot, view: MessageView) -> None:
    """The CSP header arrives whole: its ``sandbox`` stops a meta refresh before it navigates."""
    navigations: list[str] = []
    refused: list[str] = []
    view.page().navigation_refused.connect(lambda url: navigations.append(url.toString()))
    view.page().refused.connect(lambda url: refused.append(url.toString()))
    render(qtbot, view, '<meta http-equiv="refresh" content="0;url=https://example.org/">')
    render(qtbot, view, "<p>after</p>")  # anything the first page did has been reported
    assert navigations == []
    assert any("meta http-equiv" in text for text in refused), refused


def test_locked_down_settings_and_profile(view: MessageView) -> None:
    """JavaScript, plugins, storage, file access… are off; the profile is off the record."""
    settings = view.page().settings()
    for attribute in (
        Attr.JavascriptEnabled,
        Attr.JavascriptCanOpenWindows,
        Attr.JavascriptCanAccessClipboard,
        Attr.LocalStorageEnabled,
        Attr.LocalContentCanAccessRemoteUrls,
        Attr.LocalContentCanAccessFileUrls,
        Attr.PluginsEnabled,
        Attr.DnsPrefetchEnabled,
        Attr.NavigateOnDropEnabled,
        Attr.HyperlinkAuditingEnabled,
        Attr.WebGLEnabled,
    ):
        assert not settings.testAttribute(attribute), attribute
    assert settings.unknownUrlSchemePolicy() == (
        QWebEngineSettings.UnknownUrlSchemePolicy.DisallowUnknownUrlSchemes
    )
    profile = view.page().profile()
    assert profile.isOffTheRecord()
    assert profile is not QWebEngineProfile.defaultProfile()
    assert profile.httpCacheType() == QWebEngineProfile.HttpCacheType.MemoryHttpCache


def test_nothing_is_written_to_home(qtbot: QtBot, view: MessageView) -> None:
    """Rendering leaves no QtWebEngine data in the (test's) home or XDG directories."""
    render(qtbot, view, "<p>x</p>")
    roots = [Path(os.environ[v]) for v in ("HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")]
    written = [p for root in roots for p in root.rglob("*") if "webengine" in p.name.lower()]
    assert written == []


def test_save_as_pdf(qtbot: QtBot, view: MessageView, tmp_path: Path) -> None:
    """The message can be saved as a PDF file."""
    render(qtbot, view, "<h1>Diffida</h1><p>Testo</p>")
    target = tmp_path / "diffida.pdf"
    with qtbot.waitSignal(view.pdf_saved, timeout=20_000) as saved:
        view.save_pdf(str(target))
    assert saved.args == [str(target), True]
    assert target.read_bytes().startswith(b"%PDF")


def test_view_is_freed_without_warnings(qtbot: QtBot) -> None:
    """The page goes before its profile (Qt warns otherwise, which fails this test)."""
    view = MessageView()
    view.show()
    render(qtbot, view, "<p>x</p>")
    view.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(view), timeout=5000)
