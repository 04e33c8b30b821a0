"""Benchmark of the Inbox tab (issue 6): first page, paging stall, local search, memory.

Run from the repository root::

    .venv/bin/python benchmarks/inbox.py                  # 10,000 messages, about a minute
    .venv/bin/python benchmarks/inbox.py --messages 2000  # a quick look

The sandbox runs as a separate process seeded with ``--messages`` realistic messages (the real
service is remote: its work must not compete with the GUI thread here). The tab is the real
:class:`~pecdesk.ui.inbox.tab.InboxTab`, shown offscreen, on one qasync loop.

1. **First page shown**: cold (empty cache: ``GET /inbox`` page 1 until the rows are in the
   table) and warm (the next start: the saved copy is shown before the service answers).
2. **Event-loop stall while pages load**: every page is loaded through the tab's model, as
   scrolling does, while a 5 ms ticker records how late it wakes (goal p99 <= 16 ms).
3. **Local search**: time from a query to its first page of results in the list, over the
   saved mailbox (goal <= 50 ms), with headers only and again with every message's text saved.
4. **Memory per saved message**: bytes on disk in the cache, and Python heap per row loaded.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Coroutine
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
_HOME = tempfile.mkdtemp(prefix="pecdesk-bench-home-")
os.environ["HOME"] = _HOME  # QtWebEngine, Mesa and friends never see the real home
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

import PySide6.QtWebEngineWidgets  # noqa: E402, F401 - the view is measured, so load it up front
import qasync  # noqa: E402
from PySide6.QtCore import QModelIndex, Qt, QTimer, SignalInstance  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from pecdesk.accounts.account import Account  # noqa: E402
from pecdesk.api import PecMassivaClient  # noqa: E402
from pecdesk.services.mailbox.inbox import InboxRow, InboxService  # noqa: E402
from pecdesk.services.mailbox.mail import MailService  # noqa: E402
from pecdesk.storage.mail_cache import CACHE_FILE_NAME, MailCache  # noqa: E402
from pecdesk.ui.inbox.model import InboxModel  # noqa: E402
from pecdesk.ui.inbox.tab import InboxTab  # noqa: E402
from pecdesk.ui.widgets.tasks import TaskRunner  # noqa: E402

TOKEN = "0123456789abcdef01234567"
MAILBOX = "bench@pecmassiva.com"
PASSWORD = "bench-password"
TICK = 0.005
QUERIES = ("fattura", "anomalia", "pratica 9999", "niccolo", "citta", "nessuna-corrispondenza")
CHILD = """
import sys
from pecdesk.sandbox import EmbeddedSandbox, SandboxConfig
box = EmbeddedSandbox(SandboxConfig(port={port}, tokens=[{token!r}],
                                    mailboxes={{{mailbox!r}: {password!r}}}))
box.seed_inbox({mailbox!r}, {count})
box.start()
print(box.base_url, flush=True)
sys.stdin.read()
box.stop()
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_sandbox(count: int) -> tuple[subprocess.Popen[str], str]:
    """The sandbox in its own process, seeded with ``count`` messages; returns it and its URL."""
    code = CHILD.format(
        port=free_port(), token=TOKEN, mailbox=MAILBOX, password=PASSWORD, count=count
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    return child, child.stdout.readline().strip()


class Ticker:
    """A 5 ms precise Qt timer that records when it actually fires."""

    def __init__(self) -> None:
        self.stamps: list[float] = []
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(round(TICK * 1000))
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        self.stamps.append(time.perf_counter())

    def start(self) -> None:
        """Start recording."""
        self.stamps.clear()
        self._timer.start()

    def stop(self) -> list[float]:
        """Stop; return how late each tick was, in milliseconds."""
        self._timer.stop()
        gaps = [b - a for a, b in zip(self.stamps, self.stamps[1:], strict=False)]
        return [max(0.0, (gap - TICK) * 1000) for gap in gaps]


async def next_emit(
    signal: SignalInstance, start: Callable[[], object] | None = None
) -> tuple[Any, ...]:
    """Connect to ``signal``, call ``start``, and wait for the signal's next emission."""
    future: asyncio.Future[tuple[Any, ...]] = asyncio.get_running_loop().create_future()

    def done(*args: Any) -> None:
        if not future.done():
            future.set_result(args)

    signal.connect(done)
    try:
        if start is not None:
            start()
        return await asyncio.wait_for(future, 60)
    finally:
        signal.disconnect(done)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def db_bytes(cache: MailCache) -> int:
    """The cache's size on disk, its write-ahead log folded in first."""
    cache.database.call(lambda c: c.execute("PRAGMA wal_checkpoint(TRUNCATE)"))
    return sum(p.stat().st_size for p in cache.database.path.parent.glob(CACHE_FILE_NAME + "*"))


class Bench:
    """The measurements, on one running qasync loop."""

    def __init__(self, app: QApplication, url: str, data: Path, count: int) -> None:
        self.app = app
        self.url = url
        self.count = count
        self.cache = MailCache.open(data)
        self.tabs: list[InboxTab] = []
        self.results: dict[str, str] = {}

    def make_tab(self, client: PecMassivaClient, tasks: TaskRunner) -> InboxTab:
        """A shown inbox tab on the shared cache, as the main window builds it."""
        account = Account(self.url, TOKEN, MAILBOX, PASSWORD, MAILBOX)
        inbox = InboxService(mail=MailService(client=client, account=account), cache=self.cache)
        tab = InboxTab(inbox=inbox, tasks=tasks, open_url=lambda url: None)
        tab.resize(1200, 800)
        tab.show()
        self.tabs.append(tab)
        return tab

    async def run(self) -> None:
        """Every measurement, in order, then the report."""
        loop = asyncio.get_running_loop()
        tasks = TaskRunner(loop)
        async with PecMassivaClient(self.url, TOKEN, MAILBOX, PASSWORD, timeout=30) as client:
            tab = self.make_tab(client, tasks)
            await self.first_page_cold(tab)
            await self.page_everything(tab)
            headers_db = db_bytes(self.cache)
            await self.first_page_warm(self.make_tab(client, tasks))
            search_headers = await self.search(tab)
            fetch_seconds = await self.save_every_text(tab)
            search_texts = await self.search(tab)
            with_texts_db = db_bytes(self.cache)
            heap = await self.heap_per_row(tab)
            await tasks.shutdown()
        for one in self.tabs:
            one.close()
            one.deleteLater()
        self.report_memory(headers_db, with_texts_db, heap, fetch_seconds)
        self.report_search("headers only", search_headers)
        self.report_search("every text saved", search_texts)

    async def first_page_cold(self, tab: InboxTab) -> None:
        """From refresh() on an empty cache to the service's first page painted."""
        started = time.perf_counter()
        await next_emit(tab.page_loaded, tab.refresh)
        tab.table.viewport().repaint()  # the rows painted (no nested event loop in a task)
        elapsed = (time.perf_counter() - started) * 1000
        print(f"first page, cold (service):     {elapsed:8.1f} ms  ({tab.model.rowCount()} rows)")

    async def page_everything(self, tab: InboxTab) -> None:
        """Load every page as scrolling would, with the ticker running."""
        model = tab.model
        ticker = Ticker()
        ticker.start()
        started = time.perf_counter()
        pages = 1
        while not model.exhausted:

            def scroll() -> None:
                tab.table.scrollToBottom()  # what the person does; the view then fetches
                if model.canFetchMore(QModelIndex()):
                    model.fetchMore(QModelIndex())

            await next_emit(model.page_loaded, scroll)
            pages += 1
        seconds = time.perf_counter() - started
        late = ticker.stop()
        assert model.rowCount() == self.count, (model.rowCount(), self.count)
        print(
            f"paging {pages} pages ({model.rowCount()} rows): {seconds:6.2f} s, "
            f"{pages / seconds:.0f} pages/s"
        )
        print(
            f"event-loop stall while paging:   p50 {pct(late, 0.5):5.2f} ms  p99 "
            f"{pct(late, 0.99):5.2f} ms  max {max(late):6.2f} ms  ({len(late)} ticks; goal p99 "
            f"<= 16 ms, ratio {pct(late, 0.99) / 16:.2f})"
        )

    async def first_page_warm(self, tab: InboxTab) -> None:
        """From refresh() with a full cache to the saved copy painted (and the live page)."""
        started = time.perf_counter()
        await next_emit(tab.model.page_loaded, tab.refresh)
        tab.table.viewport().repaint()
        saved = (time.perf_counter() - started) * 1000
        await next_emit(tab.page_loaded)
        live = (time.perf_counter() - started) * 1000
        print(
            f"first page, warm (saved copy):  {saved:8.1f} ms  (service's page 1 in {live:.1f} ms)"
        )

    async def search(self, tab: InboxTab) -> dict[str, list[float]]:
        """Each query five times: from the query to its first page painted in the list."""
        timings: dict[str, list[float]] = {}
        for query in QUERIES:
            for _ in range(5):
                started = time.perf_counter()
                await next_emit(tab.search_model.page_loaded, lambda q=query: tab.search_saved(q))
                tab.table.viewport().repaint()
                timings.setdefault(query, []).append((time.perf_counter() - started) * 1000)
            timings[query].append(float(tab.search_model.total or 0))  # last: matches
        tab.search_saved("")
        return timings

    async def save_every_text(self, tab: InboxTab) -> float:
        """Open every message through the service (as reading them all would) to save texts."""
        inbox = tab._inbox
        rows = [tab.model.row_at(r) for r in range(tab.model.rowCount())]
        gate = asyncio.Semaphore(16)

        async def fetch(row: InboxRow) -> None:
            async with gate:
                await inbox.open(row)

        started = time.perf_counter()
        await asyncio.gather(*(fetch(row) for row in rows))
        return time.perf_counter() - started

    async def heap_per_row(self, tab: InboxTab) -> float:
        """Python heap that one row costs in the list (rows read back from the cache)."""
        inbox = tab._inbox
        tracemalloc.start()
        before = tracemalloc.take_snapshot()
        model = InboxModel(run=asyncio.get_running_loop().create_task)
        listing = inbox.saved()
        await next_emit(model.page_loaded, partial(model.start, listing))
        while not model.exhausted:
            await next_emit(model.page_loaded, partial(model.fetchMore, QModelIndex()))
        after = tracemalloc.take_snapshot()
        tracemalloc.stop()
        grown = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
        return grown / max(model.rowCount(), 1)

    def report_memory(self, headers_db: int, texts_db: int, heap: float, fetch: float) -> None:
        """Print the memory figures."""
        n = self.count
        print(f"texts of all {n} messages fetched and saved in {fetch:.1f} s")
        print(f"cache on disk, headers only:    {headers_db / n:8.0f} bytes per message")
        print(f"cache on disk, with texts:      {texts_db / n:8.0f} bytes per message")
        print(f"Python heap per row in the list: {heap:7.0f} bytes (tracemalloc)")

    def report_search(self, label: str, timings: dict[str, list[float]]) -> None:
        """Print the search timings of one round."""
        print(f"local search over {self.count} saved messages, {label} (goal <= 50 ms):")
        medians = []
        for query, values in timings.items():
            times, matches = values[:-1], int(values[-1])
            medians.append(statistics.median(times))
            print(
                f"  {query!r:26} median {statistics.median(times):6.1f} ms  max "
                f"{max(times):6.1f} ms  ({matches} matches)"
            )
        worst = max(medians)
        print(f"  worst median {worst:.1f} ms, ratio to goal {worst / 50:.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    args = parser.parse_args(argv)
    app = QApplication([sys.argv[0]])
    app.setQuitOnLastWindowClosed(False)
    started = time.perf_counter()
    child, url = start_sandbox(args.messages)
    print(f"sandbox with {args.messages} messages up in {time.perf_counter() - started:.1f} s")
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with tempfile.TemporaryDirectory(prefix="pecdesk-bench-") as data:
        bench = Bench(app, url, Path(data), args.messages)
        try:
            run: Coroutine[Any, Any, None] = bench.run()
            loop.run_until_complete(run)
        finally:
            bench.cache.close()
            loop.close()
            asyncio.set_event_loop(None)
            if child.stdin is not None:
                child.stdin.close()
            try:
                child.wait(10)
            except subprocess.TimeoutExpired:
                child.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
