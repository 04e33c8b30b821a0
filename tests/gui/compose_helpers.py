"""A Compose tab wired to a real send queue on a sandbox, as app.py wires it."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path

from pytestqt.qtbot import QtBot

from pecdesk.api import PecMassivaClient
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.compose import ComposeService
from pecdesk.services.send_queue import SendQueue
from pecdesk.services.throttle import Throttle
from pecdesk.storage import QueueStore
from pecdesk.storage.drafts import DraftStore
from pecdesk.ui.compose_tab import ComposeTab
from pecdesk.ui.tasks import TaskRunner
from tests.conftest import MAILBOX, PASSWORD, TOKEN
from tests.gui.conftest import drive


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


def _yes(title: str, text: str) -> bool:
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
    client = PecMassivaClient(box.base_url, TOKEN, MAILBOX, PASSWORD, timeout=5.0)
    queue = SendQueue(store=store, client=client, throttle=Throttle(rate),
                      lock=store.runner_lock(), sender=MAILBOX)
    compose = ComposeService(sender=MAILBOX, max_message_bytes=max_bytes, queue=queue,
                             drafts=drafts)
    tasks = TaskRunner(loop)
    tab = ComposeTab(sender=MAILBOX, compose=compose, tasks=tasks)
    tab.send.ask = _yes  # type: ignore[method-assign, assignment]  # never a modal box in tests
    qtbot.addWidget(tab)
    return Harness(tab, compose, tasks, client, store, drafts)


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
