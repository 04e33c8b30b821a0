"""No connection of any kind leaves the message view: a canary counts TCP connects, not requests.

The canary is a raw listening socket on 127.0.0.1 (and on ::1, same port, when the machine has
IPv6) whose thread counts every ``accept()``: a preconnect, which sends no request at all, is
counted like a fetch. Each hostile body aims at it through ``127.0.0.1``, ``localhost`` and
``[::1]``; after it is rendered, a harmless body is loaded and waited for, then the test
connects to the canary itself and waits until that connection is accepted: the listen queue is
first in, first out, so every connect made before has been counted by then.

Positive controls prove the harness sees a failure: a plain QtWebEngine (in a child process,
started without pecdesk's switch) given ``<link rel=preconnect>`` connects to the canary, and the
same child started with only :data:`~pecdesk.ui.message.network.NO_NETWORK_FLAG` does not. The
switch is what holds for a preconnect the renaming of ``<link>`` tags cannot see, such as one
hidden in an entity-encoded ``<iframe srcdoc>`` (tried by hand: it connects without the switch).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from functools import partial
from operator import contains

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from pecdesk.ui.message.network import FLAGS_VARIABLE, NO_NETWORK_FLAG
from pecdesk.ui.message.view import MessageView
from tests.helpers.gui import OFFSCREEN_WEBENGINE_NOISE

pytestmark = OFFSCREEN_WEBENGINE_NOISE
BLOCK = "display:block;width:600px;height:300px;background:#eee"
RELS = (
    "preconnect",
    "dns-prefetch",
    "prefetch",
    "preload",
    "modulepreload",
    "prerender",
    "next",
    "subresource",
    "stylesheet",
    "icon",
    "apple-touch-icon",
    "manifest",
    "alternate",
    "PRECONNECT dns-prefetch",
)


@dataclass
class Canary:
    """Raw listening sockets on one port; counts every TCP connection accepted."""

    port: int
    hosts: list[str]
    peers: list[tuple[str, int]] = field(default_factory=list)
    sentinels: set[tuple[str, int]] = field(default_factory=set)
    changed: threading.Condition = field(default_factory=threading.Condition)

    def connects(self) -> list[tuple[str, int]]:
        """The connections accepted so far, the test's own sentinels left out."""
        with self.changed:
            return [peer for peer in self.peers if peer not in self.sentinels]

    def settle(self) -> list[tuple[str, int]]:
        """Connect to every listener and wait for it to be accepted; return :meth:`connects`."""
        for host in self.hosts:
            family = socket.AF_INET6 if ":" in host else socket.AF_INET
            with socket.socket(family, socket.SOCK_STREAM) as probe:
                probe.connect((host, self.port))
                own: tuple[str, int] = probe.getsockname()[:2]
                with self.changed:
                    self.sentinels.add(own)
                    accepted = self.changed.wait_for(partial(contains, self.peers, own), 10)
                assert accepted, f"the canary never accepted {own}"
        return self.connects()

    def urls(self, path: str) -> list[str]:
        """``http://HOST:PORT/path`` for every way of naming the canary."""
        names = ["127.0.0.1", "localhost", *(f"[{h}]" for h in self.hosts if ":" in h)]
        return [f"http://{name}:{self.port}/{path}" for name in names]


def _accept_all(listener: socket.socket, canary: Canary) -> None:
    while True:
        try:
            connection, peer = listener.accept()
        except OSError:
            return  # the listener was shut down
        connection.close()
        with canary.changed:
            canary.peers.append(peer[:2])
            canary.changed.notify_all()


@pytest.fixture
def canary() -> Iterator[Canary]:
    """Listening sockets on 127.0.0.1 (and ::1 when possible), each with an accepting thread."""
    listeners = [socket.create_server(("127.0.0.1", 0), backlog=128)]
    port = listeners[0].getsockname()[1]
    if socket.has_ipv6:
        with suppress(OSError):  # no IPv6 loopback: localhost and [::1] fail on their own
            listeners.append(
                socket.create_server(("::1", port), family=socket.AF_INET6, backlog=128)
            )
    seen = Canary(port=port, hosts=[s.getsockname()[0] for s in listeners])
    threads = [
        threading.Thread(target=_accept_all, args=(s, seen), name="tcp-canary", daemon=True)
        for s in listeners
    ]
    for thread in threads:
        thread.start()
    yield seen
    for listener in listeners:
        listener.shutdown(socket.SHUT_RDWR)
        listener.close()
    for thread in threads:
        thread.join(5)


@dataclass(frozen=True)
class Vector:
    """One hostile body, built from the canary's addresses; ``click`` clicks its top left."""

    name: str
    template: str
    click: bool = False
    asks: bool = False

    def body(self, canary: Canary) -> str:
        """The body, repeated once for every address of the canary (``{U}``)."""
        hostile = "".join(self.template.replace("{U}", url) for url in canary.urls(self.name))
        return hostile + "<p>Gentile cliente</p>"  # after it: a click lands on the vector


VECTORS = [
    *(
        Vector(f"link-{rel}", f'<link rel="{rel}" href="{{U}}" as="image" crossorigin>')
        for rel in RELS
    ),
    Vector(
        "link-preload-kinds",
        "".join(
            f'<link rel="preload" as="{kind}" href="{{U}}">'
            for kind in ("style", "font", "script", "fetch", "document", "audio", "video", "track")
        ),
    ),
    Vector(
        "link-spelling",
        "<LINK REL=preconnect HREF={U}><link/rel=preconnect/href={U}>"
        '<link\trel="dns-prefetch preconnect"\nhref="{U}">',
    ),
    Vector(
        "link-in-svg-noscript-template",
        "<noscript><link rel=preconnect href={U}></noscript>"
        "<svg><foreignObject><link rel=preconnect href={U}></foreignObject></svg>"
        "<template><link rel=preconnect href={U}></template>",
    ),
    Vector(
        "srcdoc-preconnect",
        '<iframe srcdoc="&lt;link rel=preconnect href={U}&gt;&lt;img src={U}&gt;"></iframe>',
    ),
    Vector("meta-link-header", '<meta http-equiv="Link" content="<{U}>; rel=preconnect">'),
    Vector(
        "object-html-preconnect",
        '<object data="data:text/html,&lt;link rel=preconnect href={U}&gt;"></object>',
    ),
    Vector(
        "speculation-rules",
        '<script type="speculationrules">{"prerender":[{"source":"list",'
        '"urls":["{U}"]}],"prefetch":[{"source":"list","urls":["{U}"]}]}</script>',
    ),
    Vector(
        "images",
        '<img src="{U}"><img srcset="{U} 1x" loading="lazy"><picture><source '
        'srcset="{U}"><img src="{U}"></picture><input type="image" src="{U}">',
    ),
    Vector(
        "css",
        "<style>@import url('{U}');@font-face{font-family:f;src:url('{U}')}"
        "p{font-family:f;background:url('{U}')}p::before{content:url('{U}')}</style>"
        "<div style=\"background-image:image-set('{U}' 1x);cursor:url('{U}'),auto\">x</div>",
    ),
    Vector(
        "frames-and-objects",
        '<iframe src="{U}"></iframe><frameset><frame src="{U}">'
        '</frameset><object data="{U}"></object><embed src="{U}">',
    ),
    Vector(
        "media",
        '<video poster="{U}" src="{U}" autoplay preload="auto"><track src="{U}">'
        '</video><audio src="{U}" autoplay preload="auto"></audio>',
    ),
    Vector(
        "svg",
        '<svg xmlns="http://www.w3.org/2000/svg"><image href="{U}" width="9" '
        'height="9"/><use href="{U}#a"/><feImage href="{U}"/></svg>',
    ),
    Vector(
        "base-and-background",
        '<base href="{U}"><img src="relative.png"><table '
        'background="{U}"><tr><td background="{U}">x</td></tr></table>',
    ),
    Vector("meta-refresh", '<meta http-equiv="refresh" content="0;url={U}">'),
    Vector(
        "scripts",
        "<script>new WebSocket('{U}'.replace('http','ws'));fetch('{U}');"
        "new RTCPeerConnection({iceServers:[{urls:'turn:127.0.0.1:1?transport=tcp',"
        "username:'u',credential:'c'}]}).createDataChannel('x');"
        "navigator.sendBeacon('{U}')</script><script src='{U}'></script>",
    ),
    Vector(
        "form-clicked",
        f'<form action="{{U}}" method="post"><button style="{BLOCK}">invia</button></form>',
        click=True,
    ),
    Vector(
        "link-with-ping-clicked",
        f'<a href="{{U}}" ping="{{U}}" style="{BLOCK}">x</a>',
        click=True,
        asks=True,
    ),
]


def click(view: MessageView) -> None:
    """Click near the top left of the page (where the clickable vectors are)."""
    target = view.web_view.focusProxy()
    assert target is not None
    no_key = Qt.KeyboardModifier.NoModifier
    QTest.mouseClick(target, Qt.MouseButton.LeftButton, no_key, QPoint(20, 20))


def show(qtbot: QtBot, view: MessageView, body: str) -> None:
    """Give ``view`` a body and wait until it has loaded."""
    with qtbot.waitSignal(view.rendered, timeout=10_000) as done:
        view.set_message_html(body)
    assert done.args == [True]


def test_hostile_bodies_open_no_connection(qtbot: QtBot, canary: Canary) -> None:
    """Every vector, at every address of the canary, ends with zero TCP connects."""
    assert len(VECTORS) >= 30
    opened: list[QUrl] = []
    view = MessageView(open_url=opened.append)
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    for vector in VECTORS:
        show(qtbot, view, vector.body(canary))
        if vector.asks:
            with qtbot.waitSignal(view.page().link_clicked, timeout=5000):
                click(view)
            boxes = [
                b for b in view.findChildren(QMessageBox) if b.objectName() == "confirmLinkBox"
            ]
            assert len(boxes) == 1, vector.name
            boxes[0].reject()
        elif vector.click:
            click(view)
        show(qtbot, view, "<p>fine</p>")  # anything the vector started is on its way by now
        assert canary.settle() == [], vector.name
    assert opened == []


def test_the_switch_stays_out_of_the_environment(qtbot: QtBot) -> None:
    """After a view is made, programs pecdesk starts (a browser) inherit no network switch."""
    before = os.environ.get(FLAGS_VARIABLE)
    view = MessageView()
    qtbot.addWidget(view)
    assert os.environ.get(FLAGS_VARIABLE) == before
    assert NO_NETWORK_FLAG not in os.environ.get(FLAGS_VARIABLE, "")


CHILD = r"""
import sys
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtWidgets import QApplication
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
app = QApplication(sys.argv[:1])
profile = QWebEngineProfile()
page = QWebEnginePage(profile)
bodies = [sys.argv[1], "<p>fine</p>"]
def next_body(ok=True):
    if not bodies:
        app.quit()
        return
    page.setHtml(bodies.pop(0), QUrl("about:blank"))
page.loadFinished.connect(next_body)
QTimer.singleShot(30_000, lambda: app.exit(3))
next_body()
code = app.exec()
del page, profile
sys.exit(code)
"""


def run_plain_webengine(canary: Canary, flags: str) -> None:
    """A plain QtWebEngine in a child process shows a preconnect body, then a harmless one."""
    body = "".join(f'<link rel="preconnect" href="{url}">' for url in canary.urls("x"))
    env = {**os.environ, FLAGS_VARIABLE: flags, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, body], env=env, capture_output=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]


def test_positive_control_a_plain_view_preconnects(canary: Canary) -> None:
    """Without the switch, ``<link rel=preconnect>`` opens TCP connections the canary counts."""
    run_plain_webengine(canary, "--disable-gpu")
    assert len(canary.settle()) >= 1


def test_the_switch_alone_stops_preconnect(canary: Canary) -> None:
    """The same plain view started with only the no-network switch connects nowhere."""
    run_plain_webengine(canary, f"--disable-gpu {NO_NETWORK_FLAG}")
    assert canary.settle() == []


def test_positive_control_the_canary_counts_connects(canary: Canary) -> None:
    """A bare TCP connect, with no byte sent, is counted once per listener."""
    for host in canary.hosts:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as client:
            client.connect((host, canary.port))
    assert len(canary.settle()) == len(canary.hosts)
