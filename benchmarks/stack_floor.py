"""The stack floor of benchmarks/startup.py: what the mandated stack costs, no pecdesk code.

pecdesk's idle memory goal is a ratio to a bare ``QMainWindow`` (``minimal_app.py``), but the
stack the app must run on costs memory of its own before any pecdesk module is imported. This
child does only what that stack needs to show a first inbox page: a ``QMainWindow`` at the
app's size (980 × 660) with a two-tab ``QTabWidget``, the asyncio loop on qasync, an
``httpx.AsyncClient`` fetching the first ``GET /inbox`` page of the service the
``PECDESK_*`` variables name (the same account pecdesk runs on), and sqlite3 opened. Then it
prints ``pecdesk-first-page <time>``, idles ``PECDESK_IDLE_AFTER_FIRST_PAGE`` seconds and quits,
as pecdesk does; it prints ``pecdesk-shown <time>`` at the window's first Show like the others.
The difference between this floor and pecdesk is what pecdesk itself adds.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import httpx
import qasync
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTabWidget

IDLE_SECONDS = float(os.environ.get("PECDESK_IDLE_AFTER_FIRST_PAGE") or 0)


async def first_page() -> None:
    """Fetch the first inbox page, open a database, mark, idle."""
    async with httpx.AsyncClient(base_url=os.environ["PECDESK_BASE_URL"]) as client:
        response = await client.get(
            "/inbox",
            params={"page": 1},
            headers={
                "Authorization": f"Bearer {os.environ['PECDESK_TOKEN']}",
                "x-username": os.environ["PECDESK_USERNAME"],
                "x-password": os.environ["PECDESK_PASSWORD"],
            },
        )
        response.raise_for_status()
        rows = response.json()["data"]
        with tempfile.TemporaryDirectory() as folder:
            database = sqlite3.connect(Path(folder) / "floor.sqlite3")
            database.execute("CREATE TABLE inbox (id TEXT PRIMARY KEY, subject TEXT)")
            database.executemany(
                "INSERT INTO inbox VALUES (?, ?)", [(str(r["id"]), r["object"]) for r in rows]
            )
            database.commit()
            print(f"pecdesk-first-page {time.time():.6f}", file=sys.stderr, flush=True)
            await asyncio.sleep(IDLE_SECONDS)
            database.close()


def main() -> int:
    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    window.resize(980, 660)
    tabs = QTabWidget()
    tabs.addTab(QLabel("Compose"), "Compose")
    tabs.addTab(QLabel("Inbox"), "Inbox")
    window.setCentralWidget(tabs)
    window.show()  # offscreen: shown at once; the mark as the bare window prints it
    print(f"pecdesk-shown {time.time():.6f}", file=sys.stderr, flush=True)
    qasync.run(first_page())
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
