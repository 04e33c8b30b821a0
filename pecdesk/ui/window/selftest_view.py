"""The Qt half of ``pecdesk --self-test``: a QApplication, the qasync loop and the message view.

:mod:`pecdesk.app.selftest` runs the Qt-free steps; this module gives it a renderer that shows the
receipt in the Inbox's :class:`~pecdesk.ui.message.view.MessageView` (QtWebEngine) and waits for
its ``rendered`` signal. The composition root hands the steps in (``steps``), so the window layer
never imports the app. Nothing here reads or writes the user's settings, data or keychain.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable, Sequence

import qasync
from PySide6.QtWidgets import QApplication

from pecdesk.config.paths import APP_NAME
from pecdesk.ui.message.view import MessageView

_RENDER_TIMEOUT = 30.0
Renderer = Callable[[str], Awaitable[bool]]
"""Shows an HTML body; True once it has rendered."""


class ViewRenderer:
    """Shows a body in a MessageView, created on first use, and waits until it has rendered.

    Attributes:
        view: the message view, once created.
    """

    def __init__(self) -> None:
        self.view: MessageView | None = None

    async def __call__(self, html: str) -> bool:
        """Render ``html``; True when the view reports it loaded."""
        if self.view is None:
            self.view = MessageView()
            self.view.resize(640, 480)
            self.view.show()
        done: asyncio.Future[bool] = asyncio.get_running_loop().create_future()

        def finished(ok: bool) -> None:
            if not done.done():
                done.set_result(ok)

        self.view.rendered.connect(finished)
        try:
            self.view.set_message_html(html)
            return await asyncio.wait_for(done, _RENDER_TIMEOUT)
        finally:
            self.view.rendered.disconnect(finished)

    def close(self) -> None:
        """Free the view (and its web page) while the loop still runs."""
        if self.view is not None:
            self.view.close()
            self.view.deleteLater()
            self.view = None


def run_self_test(
    steps: Callable[[Renderer], Awaitable[bool]], qt_args: Sequence[str] = ()
) -> int:
    """Run the self-test with a QApplication of its own; returns the exit code (0: passed).

    Args:
        steps: runs the self-test's steps with the given renderer; True when all passed.
        qt_args: arguments for Qt (``-platform offscreen``…).
    """
    app = QApplication([sys.argv[0], *qt_args])
    app.setApplicationName(f"{APP_NAME}-selftest")
    app.setQuitOnLastWindowClosed(False)
    renderer = ViewRenderer()

    async def run() -> bool:
        try:
            return await steps(renderer)
        finally:
            renderer.close()
            await asyncio.sleep(0.1)  # let deleteLater free the page before the loop closes

    # One run of Qt's loop (see pecdesk.app.main.main): a second exec() after QtWebEngine crashes.
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        passed = loop.run_until_complete(run())
    finally:
        loop.close()
        asyncio.set_event_loop(None)
    return 0 if passed else 1
