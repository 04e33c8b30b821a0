"""Hostile message bodies in the real QtWebEngine: no request leaves, no script runs.

A canary HTTP server on 127.0.0.1 (a thread in this process) counts every request it gets.
Each vector is rendered on its own in a :class:`MessageView`; afterwards the canary must have
seen nothing and the document title must be the one the body set, although every script in the
vectors would change it. Two positive controls prove the harness can see a failure: a direct
httpx request reaches the canary, and an ordinary (unhardened) web view given a vector both
requests the canary and runs the script; it runs in a child process, since in this one Chromium
resolves no address at all (:mod:`pecdesk.ui.message.network`).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from pecdesk.ui.message.view import MessageView
from tests.helpers.gui import OFFSCREEN_WEBENGINE_NOISE

pytestmark = OFFSCREEN_WEBENGINE_NOISE
TITLE = "original title"
PWNED = "pwned"
BLOCK = "display:block;width:600px;height:300px;background:#eee"


@dataclass
class Canary:
    """The counting server: its base URL and the requests it saw (method and path)."""

    url: str
    hits: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self) -> int:
        """How many requests arrived so far."""
        with self.lock:
            return len(self.hits)


@pytest.fixture
def canary() -> Iterator[Canary]:
    """A canary HTTP server on an ephemeral loopback port, stopped at teardown."""
    seen = Canary(url="")

    class Handler(BaseHTTPRequestHandler):
        def _count(self) -> None:
            with seen.lock:
                seen.hits.append(f"{self.command} {self.path}")
            try:
                self.send_response(200)
                self.send_header("Content-Type", "image/gif")
                self.send_header("Content-Length", "6")
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(b"GIF89a")
            except (BrokenPipeError, ConnectionResetError):
                pass  # the positive control's page may go away first; the hit is counted

        do_GET = do_POST = do_HEAD = do_OPTIONS = do_PUT = _count  # noqa: N815

        def log_message(self, format: str, *args: object) -> None:
            del format, args

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, name="canary", daemon=True)
    thread.start()
    seen.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield seen
    server.shutdown()
    server.server_close()
    thread.join(5)


@dataclass(frozen=True)
class Vector:
    """One hostile body; ``{C}`` stands for the canary's URL.

    ``click`` clicks at its top left; ``asks`` says the click must bring the "open link?"
    question (and nothing else).
    """

    name: str
    html: str
    click: bool = False
    asks: bool = False

    def body(self, canary: str) -> str:
        """The body, aimed at ``canary``."""
        return f"<title>{TITLE}</title>" + self.html.replace("{C}", canary)


JS = f"document.title='{PWNED}'"
VECTORS = [
    Vector("script tag", f"<script>{JS};new Image().src='{{C}}/script'</script>"),
    Vector("external script", '<script src="{C}/script.js"></script>'),
    Vector("img onerror", f'<img src="missing.png" onerror="{JS};this.src=\'{{C}}/onerror\'">'),
    Vector("body onload", f'<body onload="{JS}"><p>Gentile cliente</p></body>'),
    Vector("svg onload", f'<svg onload="{JS}" width="10" height="10"></svg>'),
    Vector(
        "svg with script",
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        f'<script>{JS}</script><image href="{{C}}/svg-image" width="9" height="9"/>'
        '<use xlink:href="{C}/sprite.svg#a"/></svg>',
    ),
    Vector("details ontoggle", f'<details open ontoggle="{JS}"><summary>x</summary></details>'),
    Vector("javascript: link", f'<a href="javascript:{JS}" style="{BLOCK}">apri</a>', click=True),
    Vector("remote iframe", '<iframe src="{C}/frame"></iframe>'),
    Vector(
        "srcdoc iframe",
        f"<iframe srcdoc=\"<img src='{{C}}/srcdoc'><script>parent.{JS}</script>\"></iframe>",
    ),
    Vector("remote img", '<img src="{C}/pixel.gif" width="1" height="1">'),
    Vector(
        "srcset and picture",
        '<img srcset="{C}/srcset.png 1x"><picture><source srcset="{C}/picture.webp">'
        '<img src="{C}/picture.png"></picture>',
    ),
    Vector("css url()", "<div style=\"background:url('{C}/background.png')\">x</div>"),
    Vector("css @import", '<style>@import url("{C}/import.css");</style><p>x</p>'),
    Vector(
        "font-face and content",
        "<style>@font-face{font-family:f;src:url({C}/font.woff)} p{font-family:f}"
        "p::before{content:url({C}/content.png)}</style><p>x</p>",
    ),
    Vector("stylesheet link", '<link rel="stylesheet" href="{C}/style.css"><p>x</p>'),
    Vector("meta refresh", '<meta http-equiv="refresh" content="0;url={C}/refresh"><p>x</p>'),
    Vector(
        "meta refresh to javascript:",
        f'<meta http-equiv="refresh" content="0;url=javascript:{JS}">',
    ),
    Vector(
        "prefetch, preload, preconnect",
        '<link rel="prefetch" href="{C}/prefetch"><link rel="preload" as="image" '
        'href="{C}/preload"><link rel="dns-prefetch" href="{C}"><link rel="preconnect" '
        'href="{C}"><link rel="icon" href="{C}/favicon.ico">',
    ),
    Vector(
        "object and embed", '<object data="{C}/object.swf"></object><embed src="{C}/embed.swf">'
    ),
    Vector(
        "object with an HTML data URL",
        f"<object data=\"data:text/html,<script>top.{JS}</script><img src='{{C}}/obj'>\"></object>",
    ),
    Vector(
        "form submit",
        '<form action="{C}/form" method="post"><input name="a" value="b">'
        f'<button style="{BLOCK}">invia</button><input type="image" src="{{C}}/input-image">'
        "</form>",
        click=True,
    ),
    Vector(
        "file: references",
        '<img src="file:///etc/passwd"><iframe src="file:///etc/hostname"></iframe>'
        '<link rel="stylesheet" href="file:///etc/passwd"><a href="file:///etc">f</a>',
    ),
    Vector(
        "base href",
        '<base href="{C}/"><img src="relative.png"><link rel="stylesheet" href="relative.css">',
    ),
    Vector(
        "media",
        '<video poster="{C}/poster.png" src="{C}/video.mp4" autoplay><track src="{C}/t.vtt">'
        '</video><audio src="{C}/audio.mp3" autoplay></audio>',
    ),
    Vector(
        "background attributes",
        '<table background="{C}/table.png"><tr><td background="{C}/td.png">x</td></tr></table>',
    ),
    Vector(
        "a relaxed CSP of its own",
        '<meta http-equiv="Content-Security-Policy" content="default-src *; script-src * '
        f'\'unsafe-inline\'"><img src="{{C}}/relaxed"><script>{JS}</script>',
    ),
    Vector(
        "link with ping, clicked",
        f'<a href="https://example.invalid/" ping="{{C}}/ping" style="{BLOCK}">x</a>',
        click=True,
        asks=True,
    ),
    Vector(
        "target=_blank link, clicked",
        f'<a href="{{C}}/blank" target="_blank" style="{BLOCK}">nuova finestra</a>',
        click=True,
        asks=True,
    ),
]


def title_of(qtbot: QtBot, view: MessageView) -> str:
    """The page title, once the renderer has answered (a round trip after the click, if any)."""
    text: list[str] = []
    view.page().toPlainText(text.append)
    qtbot.waitUntil(lambda: bool(text), timeout=5000)
    return view.page().title()


def click(view: MessageView) -> None:
    """Click near the top left of the page (where the clickable vectors are)."""
    target = view.web_view.focusProxy()
    assert target is not None
    no_key = Qt.KeyboardModifier.NoModifier
    QTest.mouseClick(target, Qt.MouseButton.LeftButton, no_key, QPoint(20, 20))


def dismiss_link_boxes(view: MessageView) -> int:
    """Cancel any "open link?" question; return how many there were."""
    boxes = [b for b in view.findChildren(QMessageBox) if b.objectName() == "confirmLinkBox"]
    for box in boxes:
        box.reject()
    return len(boxes)


def test_hostile_bodies_make_no_request_and_run_no_script(qtbot: QtBot, canary: Canary) -> None:
    """Every vector renders with zero requests to the canary and an unchanged title."""
    assert len(VECTORS) >= 20
    opened: list[QUrl] = []
    view = MessageView(open_url=opened.append)
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    served = view._handler.served
    for vector in VECTORS:
        with qtbot.waitSignal(view.rendered, timeout=10_000) as done:
            view.set_message_html(vector.body(canary.url))
        assert done.args == [True], vector.name
        if vector.asks:
            with qtbot.waitSignal(view.page().link_clicked, timeout=5000):
                click(view)
        elif vector.click:
            click(view)
        assert title_of(qtbot, view) == TITLE, vector.name
        assert canary.count() == 0, (vector.name, canary.hits)
        assert dismiss_link_boxes(view) == int(vector.asks), vector.name
    assert view._handler.served == served + len(VECTORS)  # one load each, nothing else
    assert opened == []  # no link was opened without the person agreeing
    # A last, harmless body: anything still in flight from the vectors would land by now.
    with qtbot.waitSignal(view.rendered, timeout=10_000):
        view.set_message_html("<p>fine</p>")
    assert canary.count() == 0, canary.hits


def test_a_clicked_web_link_asks_first_and_sends_nothing(qtbot: QtBot, canary: Canary) -> None:
    """Clicking a link shows its full address; nothing is requested or opened until agreed."""
    opened: list[QUrl] = []
    view = MessageView(open_url=opened.append)
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    link = f"{canary.url}/clicked?utm=1"
    with qtbot.waitSignal(view.rendered, timeout=10_000):
        view.set_message_html(f'<a href="{link}" style="{BLOCK}">Fattura</a>')
    with qtbot.waitSignal(view.page().link_clicked, timeout=5000):
        click(view)
    box = next(b for b in view.findChildren(QMessageBox) if b.objectName() == "confirmLinkBox")
    assert link in box.text()
    assert opened == []
    with qtbot.waitSignal(view.link_opened, timeout=5000):
        box.button(QMessageBox.StandardButton.Open).click()
    assert opened == [QUrl(link)]
    assert canary.count() == 0  # the system browser would fetch it, not pecdesk


def test_positive_control_direct_request_reaches_the_canary(canary: Canary) -> None:
    """The canary does count: a plain HTTP request shows up."""
    httpx.get(f"{canary.url}/direct", timeout=5.0)
    assert canary.hits == ["GET /direct"]


CHILD = r"""
import sys
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtWidgets import QApplication
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile, QWebEngineSettings
app = QApplication(sys.argv[:1])
profile = QWebEngineProfile()
page = QWebEnginePage(profile)
page.settings().setAttribute(QWebEngineSettings.WebAttribute.JavascriptEnabled, True)
def done(ok):
    print(page.title())
    app.quit()
page.loadFinished.connect(done)
QTimer.singleShot(30_000, lambda: app.exit(3))
page.setHtml(sys.argv[1], QUrl(sys.argv[2]))
code = app.exec()
del page, profile
sys.exit(code)
"""


def test_positive_control_an_ordinary_view_falls_for_the_vectors(canary: Canary) -> None:
    """An unhardened web view (JavaScript on) requests the canary and runs the script.

    It runs in a child process started without pecdesk's switches: in this process Chromium
    resolves no address at all (:mod:`pecdesk.ui.message.network`), whatever the view.
    """
    body = VECTORS[0].body(canary.url) + '<img src="/pixel.gif">'
    env = {**os.environ, "QTWEBENGINE_CHROMIUM_FLAGS": "--disable-gpu"}
    child = subprocess.run(
        [sys.executable, "-c", CHILD, body, canary.url + "/"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert child.returncode == 0, child.stderr[-2000:]
    assert child.stdout.strip() == PWNED
    assert {"GET /script", "GET /pixel.gif"} <= set(canary.hits)
