"""The reference app the packaging benchmarks compare pecdesk with: a bare PySide6 QMainWindow.

``python benchmarks/minimal_app.py`` shows an empty main window, prints ``pecdesk-shown <time>``
to stderr at its first Show (the same mark pecdesk's start-up probe prints) and quits.
With ``--import-webengine`` it imports QtWebEngineWidgets first (what loading QtWebEngine at
start-up would cost; pecdesk loads it only when a message is first opened) and shows the same
empty window.
With ``PECDESK_IDLE_AFTER_FIRST_PAGE`` set (benchmarks/startup.py), it also prints
``pecdesk-first-page <time>`` at the first Show (a bare window has no page to wait for) and idles
that many seconds before quitting, as pecdesk does once its first inbox page is in.
With ``--webengine`` it also creates a QWebEngineView and loads a line of HTML before quitting.
Frozen by the same rules as pecdesk (benchmarks/bundles.py), QtWebEngine is always in the bundle:
the import below is what PyInstaller follows; at run time it happens only with ``--webengine``.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

IDLE_SECONDS = float(os.environ.get("PECDESK_IDLE_AFTER_FIRST_PAGE") or 0)


class Window(QMainWindow):
    """Prints the shown mark once."""

    def __init__(self) -> None:
        super().__init__()
        self._shown = False

    def event(self, event: QEvent) -> bool:
        """Mark the first Show."""
        if event.type() == QEvent.Type.Show and not self._shown:
            self._shown = True
            print(f"pecdesk-shown {time.time():.6f}", file=sys.stderr, flush=True)
            if IDLE_SECONDS:
                print(f"pecdesk-first-page {time.time():.6f}", file=sys.stderr, flush=True)
        return super().event(event)


def main() -> int:
    webengine = "--webengine" in sys.argv
    if webengine or "--import-webengine" in sys.argv:
        import PySide6.QtWebEngineWidgets  # noqa: F401, PLC0415 - before the QApplication
    app = QApplication([sys.argv[0]])
    window = Window()
    window.resize(800, 600)
    if webengine:
        from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: PLC0415

        view = QWebEngineView()
        window.setCentralWidget(view)
        view.loadFinished.connect(lambda _ok: QTimer.singleShot(0, app.quit))
        view.setHtml("<b>hi</b>")
    else:
        QTimer.singleShot(round(IDLE_SECONDS * 1000), app.quit)
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
