"""A Compose tab wired to a real send queue on a sandbox, as app.py wires it (open_mailbox).

Also what the Compose tests share: tabs closed at the end, the next pre-flight report, a list.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from pecdesk.api import PecMassivaClient
from pecdesk.app.wiring import open_mailbox
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.sending.compose import ComposeService
from pecdesk.services.sending.heap import Collector
from pecdesk.services.sending.preflight import Report
from pecdesk.storage import QueueStore
from pecdesk.storage.drafts import DraftStore
from pecdesk.ui.compose.later import LATER_DIALOG, SendLaterDialog
from pecdesk.ui.compose.send import SendControls
from pecdesk.ui.compose.tab import ComposeTab
from pecdesk.ui.widgets.tasks import TaskRunner
from tests.helpers.engine import sandbox_account
from tests.helpers.gui import drive
from tests.helpers.sandbox import MAILBOX


@dataclass
class Harness:
    """The tab and what it sends through.

    Attributes:
        tab: the Compose tab.
        compose: its service.
        tasks: its task runner.
        client: the API client.
        store: the queue store.
        drafts: the drafts store.
    """

    tab: ComposeTab
    compose: ComposeService
    tasks: TaskRunner
    client: PecMassivaClient
    store: QueueStore
    drafts: DraftStore

    def close(self, qtbot: QtBot, loop: asyncio.AbstractEventLoop) -> None:
        """Stop the tasks, close the client and the stores."""

        async def shut() -> None:
            await self.tasks.shutdown()
            await self.client.aclose()

        drive(qtbot, loop, shut())
        self.store.close()
        self.drafts.close()


async def _yes(title: str, text: str, *, yes: str = "", no: str = "") -> bool:
    return True


def make_harness(
    qtbot: QtBot,
    loop: asyncio.AbstractEventLoop,
    box: EmbeddedSandbox,
    data_dir: Path,
    *,
    rate: float = 200.0,
    max_bytes: int = 10_000_000,
) -> Harness:
    """A Compose tab on ``box`` with its stores in ``data_dir``."""
    store = QueueStore.open(data_dir)
    drafts = DraftStore.open(data_dir)
    mailbox = open_mailbox(sandbox_account(box, send_rate=rate), store, timeout=5.0)
    client = mailbox.client
    compose = ComposeService(sender=MAILBOX, max_message_bytes=max_bytes, queue=mailbox.queue,
                             collector=Collector(), drafts=drafts, store=store)
    tasks = TaskRunner(loop)
    tab = ComposeTab(sender=MAILBOX, compose=compose, tasks=tasks)
    tab.send.ask = _yes  # type: ignore[method-assign, assignment]  # never a modal box in tests
    qtbot.addWidget(tab)
    return Harness(tab, compose, tasks, client, store, drafts)


@contextmanager
def harnesses(
    qtbot: QtBot, loop: asyncio.AbstractEventLoop, box: EmbeddedSandbox, data_dir: Path
) -> Iterator[Callable[..., Harness]]:
    """Make Compose tabs (``make_harness``'s options) on ``box``; each one is closed at the end."""
    made: list[Harness] = []

    def make(*, rate: float = 200.0, max_bytes: int = 10_000_000) -> Harness:
        harness = make_harness(qtbot, loop, box, data_dir, rate=rate, max_bytes=max_bytes)
        made.append(harness)
        return harness

    try:
        yield make
    finally:
        for harness in made:
            harness.close(qtbot, loop)


def checked(qtbot: QtBot, tab: ComposeTab) -> Report:
    """The next pre-flight report of the form (checked in the worker, as the window does)."""
    with qtbot.waitSignal(tab.checked, timeout=5000) as blocker:
        pass
    report = blocker.args[0]
    assert isinstance(report, Report)
    return report


def write_list(folder: Path, count: int) -> Path:
    """A ';' CSV in Windows-1252 with ``count`` rows and one invoice file per row."""
    lines = ["Nome;Cognome;PEC;Importo;Allegato"]
    for n in range(count):
        name = f"Niccolò{n:02d}"
        lines.append(f"{name};Carità;cliente{n:02d}@pec.it;{100 + n},50;fattura_{n:02d}.pdf")
        (folder / f"fattura_{n:02d}.pdf").write_bytes(f"%PDF fattura {n}".encode())
    path = folder / "clienti.csv"
    path.write_bytes("\r\n".join(lines).encode("cp1252"))
    return path


def open_later_dialog(qtbot: QtBot, send: SendControls) -> SendLaterDialog:
    """Press Send later and wait for its time picker."""
    send.later_button.click()
    qtbot.waitUntil(lambda: send.findChild(QDialog, LATER_DIALOG) is not None, timeout=5000)
    dialog = send.findChild(SendLaterDialog, LATER_DIALOG)
    assert dialog is not None
    return dialog
