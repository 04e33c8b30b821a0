"""Benchmark of the send engine (issue 3): utilization, event-loop stall, enqueue cost.

Run from the repository root::

    .venv/bin/python benchmarks/bulk_send.py            # about 80 s
    .venv/bin/python benchmarks/bulk_send.py --sends 200 --gui-sends 100   # a quick look

1. **Utilization**: ``--sends`` one-recipient PECs through :class:`SendQueue` (plain asyncio)
   against the sandbox started as a separate process with ``--send-rate 20``. Utilization is the
   achieved request rate over the allowed one (goal >= 0.98), with the number of 429 rejections
   (goal 0) and a ledger check (each recipient exactly once).
2. **Event-loop stall**: ``--gui-sends`` more, with the queue inside a qasync loop and the main
   window open (``pecdesk.ui.window.main_window.MainWindow``; a plain ``QWidget`` if it cannot
   be built),
   while a 5 ms ticker records how late it wakes (goal p99 <= 16 ms, max <= 50 ms).
3. **Enqueue cost**: time and Python memory (tracemalloc peak) to build and store a campaign of
   1k and 10k recipients, per recipient, to show it is linear.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import inspect
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pecdesk.accounts.account import Account  # noqa: E402
from pecdesk.api import PecMassivaClient  # noqa: E402
from pecdesk.domain.jobs import JobState  # noqa: E402
from pecdesk.services.sending.campaigns import RecipientRow, build_campaign  # noqa: E402
from pecdesk.services.sending.queue import SendQueue  # noqa: E402
from pecdesk.services.sending.throttle import Throttle  # noqa: E402
from pecdesk.storage import QueueStore  # noqa: E402

TOKEN = "0123456789abcdef01234567"
MAILBOX = "bench@pecmassiva.com"
PASSWORD = "bench-password"
RATE = 20.0
TICK = 0.005


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_sandbox(rate: float) -> tuple[subprocess.Popen[bytes], str]:
    """The sandbox as its own process (as a real service would be: no shared GIL)."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "pecdesk.sandbox", "--port", str(port), "--token", TOKEN,
         "--mailbox", f"{MAILBOX}:{PASSWORD}", "--send-rate", str(rate),
         "--receipt-delay", "0.5"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base_url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            httpx.get(f"{base_url}/_sandbox/ledger", timeout=1)
            return process, base_url
        except httpx.HTTPError:
            time.sleep(0.05)
    process.kill()
    raise SystemExit("the sandbox did not start")


def campaign_of(count: int, prefix: str) -> Any:
    rows = [RecipientRow(f"{prefix}{n:06d}@pec.it", {"nome": f"Cliente {n}"}) for n in range(count)]
    return build_campaign(sender=MAILBOX, subject="Avviso {{nome}}",
                          body="<p>Gentile {{nome}}, le comunichiamo...</p>", rows=rows).campaign


async def run_queue(base_url: str, data_dir: Path, count: int, prefix: str) -> dict[str, Any]:
    """Enqueue ``count`` one-recipient PECs, run the queue to the end, read the journal."""
    store = await asyncio.to_thread(QueueStore.open, data_dir)
    try:
        async with PecMassivaClient(base_url, TOKEN, MAILBOX, PASSWORD) as client:
            queue = SendQueue(store=store, client=client, throttle=Throttle(RATE),
                              lock=store.runner_lock())
            await store.add_campaign(campaign_of(count, prefix))
            result = await queue.run()
        rows = await store.database.run(
            lambda c: c.execute("SELECT started_at, outcome, detail FROM attempts "
                                "ORDER BY started_at").fetchall())
    finally:
        await asyncio.to_thread(store.close)
    starts = [row[0] for row in rows]
    return {
        "counts": result.counts,
        "utilization": (len(starts) - 1) / (starts[-1] - starts[0]) / RATE,
        "duration": starts[-1] - starts[0],
        "rejections": sum("slow down" in row[2] for row in rows),
        "attempts": len(rows),
    }


def check_ledger(base_url: str, prefix: str, count: int) -> str:
    ledger = httpx.get(f"{base_url}/_sandbox/ledger", timeout=10).json()
    sent = Counter(r for e in ledger for r in e["recipients"] if r.startswith(prefix))
    once = len(sent) == count and set(sent.values()) == {1}
    return f"ledger: {len(sent)} recipients, each exactly once: {once}"


def report_run(title: str, stats: dict[str, Any]) -> None:
    counts = ", ".join(f"{n} {s.value}" for s, n in stats["counts"].items())
    print(f"{title}: {counts} in {stats['duration']:.1f} s, {stats['attempts']} requests")
    print(f"  utilization {stats['utilization']:.4f} (achieved "
          f"{stats['utilization'] * RATE:.2f}/s of {RATE:.0f}/s allowed), "
          f"rejections (429): {stats['rejections']}")


def utilization_phase(base_url: str, sends: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        stats = asyncio.run(run_queue(base_url, Path(tmp), sends, "util"))
    report_run(f"[1] {sends} sends, plain asyncio", stats)
    print("  " + check_ledger(base_url, "util", sends))


def build_window(client: PecMassivaClient, base_url: str, loop: asyncio.AbstractEventLoop) -> Any:
    """The real main window when it can be built with a MailService, else a plain QWidget."""
    from PySide6.QtWidgets import QWidget  # noqa: PLC0415

    try:
        from pecdesk.services.mailbox.inbox import InboxService  # noqa: PLC0415
        from pecdesk.services.mailbox.mail import MailService  # noqa: PLC0415
        from pecdesk.ui.widgets.tasks import TaskRunner  # noqa: PLC0415
        from pecdesk.ui.window.main_window import MainWindow  # noqa: PLC0415

        required = {name for name, p in inspect.signature(MainWindow).parameters.items()
                    if p.default is inspect.Parameter.empty and p.kind is p.KEYWORD_ONLY}
        if not required <= {"mail", "tasks", "inbox"}:
            raise TypeError(f"MainWindow needs {sorted(required)}")
        account = Account(base_url, TOKEN, MAILBOX, PASSWORD, MAILBOX)
        mail = MailService(client=client, account=account)
        window = MainWindow(mail=mail, tasks=TaskRunner(loop),
                            inbox=InboxService(mail=mail, cache=None))
        return window, "pecdesk.ui.window.main_window.MainWindow"
    except (ImportError, TypeError) as exc:
        return QWidget(), f"a plain QWidget ({type(exc).__name__}: {exc})"


async def stall_main(base_url: str, sends: int) -> None:
    lateness: list[float] = []
    stop = asyncio.Event()

    async def ticker() -> None:
        while not stop.is_set():
            before = time.perf_counter()
            await asyncio.sleep(TICK)
            lateness.append(time.perf_counter() - before - TICK)

    loop = asyncio.get_running_loop()
    async with PecMassivaClient(base_url, TOKEN, MAILBOX, PASSWORD) as client:
        window, kind = build_window(client, base_url, loop)
        window.show()
        ticking = asyncio.create_task(ticker())
        with tempfile.TemporaryDirectory() as tmp:
            stats = await run_queue(base_url, Path(tmp), sends, "gui")
        stop.set()
        await ticking
        window.close()
        window.deleteLater()
        await asyncio.sleep(0.2)  # let the window's own tasks wind down
    report_run(f"[2] {sends} sends inside a qasync loop with {kind} shown", stats)
    ordered = sorted(lateness)
    p99 = ordered[int(len(ordered) * 0.99)]
    print(f"  5 ms ticker over {len(ordered)} ticks: lateness median "
          f"{statistics.median(ordered) * 1000:.2f} ms, p99 {p99 * 1000:.2f} ms, "
          f"max {ordered[-1] * 1000:.2f} ms (goal p99 <= 16 ms, max <= 50 ms)")
    print("  " + check_ledger(base_url, "gui", sends))


def stall_phase(base_url: str, sends: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import qasync  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([])
    app.setQuitOnLastWindowClosed(False)  # closing the window must not stop the loop
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(stall_main(base_url, sends))
    gc.collect()  # Qt objects must die here, on the GUI thread, not in a later worker thread


def enqueue_once(count: int, *, measure_memory: bool) -> tuple[float, int, int]:
    """Seconds, tracemalloc peak bytes, and database bytes to build and store ``count``."""
    with tempfile.TemporaryDirectory() as tmp:
        store = QueueStore.open(Path(tmp))
        try:
            if measure_memory:
                tracemalloc.start()
            started = time.perf_counter()
            asyncio.run(store.add_campaign(campaign_of(count, "enq")))
            elapsed = time.perf_counter() - started
            peak = tracemalloc.get_traced_memory()[1] if measure_memory else 0
            tracemalloc.stop()
            pending = asyncio.run(store.counts())
            assert pending == {JobState.QUEUED: count}
            size = sum(p.stat().st_size for p in Path(tmp).glob("pecdesk.sqlite3*"))
        finally:
            store.close()
    return elapsed, peak, size


def enqueue_phase(sizes: list[int]) -> None:
    print("[3] enqueue (build the campaign + one transaction), per size:")
    for count in sizes:
        elapsed = min(enqueue_once(count, measure_memory=False)[0] for _ in range(3))
        _, peak, size = enqueue_once(count, measure_memory=True)
        print(f"  {count:>6} recipients: {elapsed * 1000:8.1f} ms "
              f"({elapsed / count * 1e6:5.1f} µs each), Python peak {peak / 2**20:6.2f} MiB "
              f"({peak / count:6.0f} B each), database {size / 2**20:5.2f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sends", type=int, default=1000)
    parser.add_argument("--gui-sends", type=int, default=400)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    options = parser.parse_args()
    process, base_url = start_sandbox(RATE)
    try:
        print(f"sandbox (own process) at {base_url}, --send-rate {RATE:.0f}; "
              f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
        utilization_phase(base_url, options.sends)
        stall_phase(base_url, options.gui_sends)
    finally:
        process.kill()
        process.wait()
    enqueue_phase(options.sizes)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
