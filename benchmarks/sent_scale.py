"""Benchmark of the Sent tab (issue 14): 10,000 campaigns x 25 recipients, receipts streaming.

Run from the repository root (offscreen unless QT_QPA_PLATFORM says otherwise)::

    .venv/bin/python benchmarks/sent_scale.py                       # about a minute
    .venv/bin/python benchmarks/sent_scale.py --campaigns 2000 --rate 200   # a quick look

The store is filled directly on the database thread (one transaction of bulk inserts): every
campaign from the benchmark's mailbox, one PEC per recipient with its sending code; all but the
newest ``--streaming`` campaigns already delivered. The real :class:`pecdesk.ui.sent.tab.SentTab`
on :meth:`pecdesk.app.wiring.Mailbox.sent_service` (embedded sandbox on 127.0.0.1) is shown in a
qasync loop and follows the mailbox's events through
:class:`pecdesk.ui.widgets.service_signals.ServiceSignals`, as the main window wires it.

Receipts then stream in as the tracker files them: for each PEC of the streaming campaigns an
acceptance, later a delivery, each filed through :meth:`LedgerStore.ingest` and announced with
``receipt_classified`` (what :class:`~pecdesk.services.receipts.tracking.Tracker` does), in
bursts of ``--burst`` receipts at ``--rate`` receipts per second. The newest campaign is
selected, with a recipient row, so its rows change on screen.

A ``QTimer`` fires every 5 ms on the GUI thread and records how late each tick comes: the
idle baseline (tab shown, 10,000 campaigns listed, nothing happening) and the streaming phase,
in the same run. Goal: p99 <= 16 ms while receipts stream in. For reference it also prints the
opening of the tab (the first load of every campaign) and a search over every campaign.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import platform
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from benchmarks.gui_stall import Ticker, summary, until  # noqa: E402
from pecdesk.accounts.account import Account  # noqa: E402
from pecdesk.app.wiring import Mailbox, open_mailbox  # noqa: E402
from pecdesk.domain.ledger import NewReceipt, Sending  # noqa: E402
from pecdesk.domain.receipts import ReceiptKind  # noqa: E402
from pecdesk.sandbox import EmbeddedSandbox, SandboxConfig  # noqa: E402
from pecdesk.services.receipts.sent import SentSearch  # noqa: E402
from pecdesk.storage import QueueStore  # noqa: E402
from pecdesk.storage.db import transaction  # noqa: E402
from pecdesk.ui.sent.tab import SentTab  # noqa: E402
from pecdesk.ui.widgets.service_signals import ServiceSignals  # noqa: E402
from pecdesk.ui.widgets.tasks import TaskRunner  # noqa: E402

TOKEN = "0123456789abcdef01234567"
MAILBOX = "bench@pecmassiva.com"
PASSWORD = "bench-password"
GOAL_P99_MS = 16.0


def report(label: str, late: list[float], *, goal: bool = False) -> None:
    """Print median, p99 and max lateness (ms) of one phase."""
    median, p99, worst = summary(late)
    line = (f"  {label:<30} {len(late):6d} ticks: median {median:5.2f} ms, "
            f"p99 {p99:6.2f} ms, max stall {worst:6.2f} ms")
    if goal:
        line += f"  (goal p99 <= {GOAL_P99_MS:.0f} ms: {'ok' if p99 <= GOAL_P99_MS else 'OVER'})"
    print(line, flush=True)


def fill(campaigns: int, recipients: int, streaming: int, service: str
         ) -> Callable[[sqlite3.Connection], None]:
    """Bulk inserts of the whole store, run on the database thread in one transaction."""

    def work(c: sqlite3.Connection) -> None:
        now = time.time()
        start = now - campaigns * 3600.0  # one campaign an hour, the newest just now
        with transaction(c):
            c.executemany(
                "INSERT INTO campaigns (id, created_at, sender, subject, body, one_for_all, "
                "digest, service) VALUES (?, ?, ?, ?, '<p>Testo</p>', 0, ?, ?)",
                ((n, start + n * 3600.0, MAILBOX, f"Avviso n. {n}", f"d{n}", service)
                 for n in range(1, campaigns + 1)),
            )
            jobs = (
                (job, n, p, f"d{n}.{p}", f"opec-{job}", sent, sent, sent, sent)
                for n in range(1, campaigns + 1)
                for p in range(recipients)
                for job, sent in [((n - 1) * recipients + p + 1, start + n * 3600.0)]
            )
            c.executemany(
                "INSERT INTO jobs (id, campaign_id, position, digest, state, code, created_at, "
                "submitting_at, finished_at, updated_at) "
                "VALUES (?, ?, ?, ?, 'submitted', ?, ?, ?, ?, ?)", jobs,
            )
            c.executemany(
                "INSERT INTO job_recipients (job_id, position, address) VALUES (?, 0, ?)",
                ((job, f"dest{job:07d}@pec.it") for job in range(1, campaigns * recipients + 1)),
            )
            delivered = (campaigns - streaming) * recipients
            c.executemany(
                "INSERT INTO deliveries (job_id, address, state, final, accepted_at, final_at, "
                "changed_at) VALUES (?, ?, 'delivered', 1, ?, ?, ?)",
                ((job, f"dest{job:07d}@pec.it", now, now, now)
                 for job in range(1, delivered + 1)),
            )

    return work


async def stream(mailbox: Mailbox, sendings: list[Sending], rate: float, burst: int) -> int:
    """File an acceptance then a delivery for every sending, ``burst`` at a time; how many."""
    receipts = [(kind, s) for kind in (ReceiptKind.ACCEPTANCE, ReceiptKind.DELIVERY)
                for s in sendings]
    pause = burst / rate
    for first in range(0, len(receipts), burst):
        started = time.perf_counter()
        for kind, sending in receipts[first:first + burst]:
            address = sending.recipients[0]
            receipt = NewReceipt(f"{kind.value}-{sending.code}", kind, (address,),
                                 f"{kind.value}: {sending.code}", "", "", time.time(), "bench",
                                 "{}")
            changed = await mailbox.ledger.ingest(sending, [receipt])
            if changed:  # as the tracker announces what it filed
                mailbox.events.receipt_classified.emit(
                    sending.campaign_id, sending.job_id, tuple(changed))
        await asyncio.sleep(max(0.0, pause - (time.perf_counter() - started)))
    return len(receipts)


async def opening_phase(tab: SentTab, ticker: Ticker) -> None:
    """Start the tab: every campaign listed, the newest's recipients shown, one selected."""
    loaded: list[int] = []
    tab.campaigns_loaded.connect(loaded.append)
    started = time.perf_counter()
    with ticker.running() as late:
        tab.start(track=False)  # the benchmark plays the tracker
        await until(lambda: bool(loaded) and tab.recipients is not None
                    and tab.recipients.rowCount() > 0)
    print(f"[0] opening the tab: {loaded[0]:,} campaigns listed, the newest's recipients "
          f"shown, in {time.perf_counter() - started:.2f} s (for reference):")
    report("opening", late)
    assert tab.recipients is not None
    tab.recipient_view.selectRow(min(12, tab.recipients.rowCount() - 1))


async def streaming_phase(
    args: argparse.Namespace, mailbox: Mailbox, tab: SentTab, ticker: Ticker
) -> None:
    """Receipts of the newest campaigns filed and announced, at the given rate."""
    newest = args.campaigns - args.streaming + 1
    sendings = [s for cid in range(args.campaigns, newest - 1, -1)
                for s in await mailbox.ledger.sendings(campaign_id=cid)]
    updates: list[int] = []
    tab.updated.connect(updates.append)

    def newest_final() -> bool:
        campaign = tab.campaigns.campaign(0)
        return campaign is not None and campaign.final == args.recipients

    started = time.perf_counter()
    with ticker.running() as late:
        filed = await stream(mailbox, sendings, args.rate, args.burst)
        await until(newest_final)
    elapsed = time.perf_counter() - started
    selected = tab.selected_recipient()
    print(f"[2] {filed:,} receipts streaming in ({args.rate:.0f}/s in bursts of "
          f"{args.burst}) over {elapsed:.1f} s; {len(updates)} updates changed "
          f"{sum(updates)} shown rows; the selected row still "
          f"{selected.address if selected else None}:")
    report("receipts streaming", late, goal=True)


async def search_phase(tab: SentTab, ticker: Ticker) -> None:
    """Every campaign's recipients listed, then searched for one address."""
    assert tab.recipients is not None
    recipients = tab.recipients
    query = SentSearch(text="dest0000123")
    counted: list[int] = []
    recipients.counted.connect(counted.append)
    started = time.perf_counter()
    with ticker.running() as late:
        tab.search_bar.scope_box.setCurrentIndex(1)
        await until(lambda: len(counted) == 1)  # every recipient of every campaign
        tab.search_edit.setText(query.text)
        await until(lambda: len(counted) == 2 and not recipients.loading)
    print(f"[3] every campaign listed ({counted[0]:,} recipients), then searched for "
          f"{query.text!r} ({counted[1]:,} found), in {time.perf_counter() - started:.2f} s "
          f"(0.25 s of it the typing pause; for reference):")
    report("searching", late)


async def bench(args: argparse.Namespace, folder: Path) -> None:
    box = EmbeddedSandbox(SandboxConfig(tokens=[TOKEN], mailboxes={MAILBOX: PASSWORD}))
    box.start()
    store = QueueStore.open(folder)
    account = Account(base_url=box.base_url, token=TOKEN, username=MAILBOX, password=PASSWORD,
                      sender=MAILBOX)
    mailbox = open_mailbox(account, store)
    started = time.perf_counter()
    await store.database.run(fill(args.campaigns, args.recipients, args.streaming,
                                  mailbox.service))
    print(f"store filled: {args.campaigns:,} campaigns x {args.recipients} recipients = "
          f"{args.campaigns * args.recipients:,} PECs in {time.perf_counter() - started:.1f} s")
    tasks = TaskRunner(asyncio.get_running_loop())
    tab = SentTab(sent=mailbox.sent_service(folder / "archive"), tasks=tasks)
    tab.listen(ServiceSignals(mailbox.events, tab))
    tab.resize(1280, 800)
    tab.show()
    ticker = Ticker()
    try:
        await opening_phase(tab, ticker)
        await asyncio.sleep(0.5)
        with ticker.running() as late:
            await asyncio.sleep(args.baseline)
        print(f"[1] baseline, the tab shown and idle ({args.baseline:.0f} s):")
        report("idle", late)
        await streaming_phase(args, mailbox, tab, ticker)
        await search_phase(tab, ticker)
    finally:
        tab.close()
        await tasks.shutdown()
        await mailbox.aclose()
        tab.deleteLater()
        await asyncio.sleep(0.1)
        store.close()
        box.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--campaigns", type=int, default=10_000)
    parser.add_argument("--recipients", type=int, default=25, help="per campaign")
    parser.add_argument("--streaming", type=int, default=20,
                        help="newest campaigns whose receipts stream in")
    parser.add_argument("--rate", type=float, default=50.0, help="receipts per second")
    parser.add_argument("--burst", type=int, default=10, help="receipts filed back to back")
    parser.add_argument("--baseline", type=float, default=5.0, help="seconds of idle ticking")
    args = parser.parse_args()
    import qasync  # noqa: PLC0415

    print(f"{os.cpu_count()} CPUs (nproc), Python {sys.version.split()[0]}, "
          f"{platform.platform()}, QT_QPA_PLATFORM={os.environ['QT_QPA_PLATFORM']}")
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([])
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with tempfile.TemporaryDirectory() as folder, loop:
        loop.run_until_complete(bench(args, Path(folder)))
    gc.collect()  # Qt objects die here, on the GUI thread


if __name__ == "__main__":
    main()
