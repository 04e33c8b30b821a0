"""Helpers for planning tests: a recipient list on disk, and a ComposeService on a sandbox."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

from pecdesk.accounts.account import DEFAULT_MAX_MESSAGE_BYTES, Account
from pecdesk.app.wiring import open_mailbox
from pecdesk.recipients import Recipient, guess_mapping, read_table, to_recipients
from pecdesk.recipients.mapping import field_names
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.sending.compose import ComposeService
from pecdesk.services.sending.heap import Collector
from pecdesk.services.sending.throttle import Throttle
from pecdesk.storage import QueueStore
from tests.helpers.sandbox import MAILBOX, PASSWORD, TOKEN

SHARED = b"%PDF-1.4 condizioni generali"


def write_csv(folder: Path, rows: Sequence[tuple[str, str, str]]) -> Path:
    """A ';' CSV (Nome;PEC;Allegato) in Windows-1252, each named file written beside it.

    The header is line 1, so ``rows[i]`` is on line ``i + 2``.
    """
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["Nome;PEC;Allegato"]
    for name, address, attachment in rows:
        lines.append(f"{name};{address};{attachment}")
        if attachment:
            (folder / attachment).write_bytes(f"%PDF fattura di {name}".encode())
    path = folder / "clienti.csv"
    path.write_bytes("\r\n".join(lines).encode("cp1252"))
    (folder / "condizioni.pdf").write_bytes(SHARED)
    return path


def tab_rows(path: Path) -> tuple[list[Recipient], list[str]]:
    """The rows and merge fields the Compose tab takes from ``path`` (its import, guessed)."""
    table = read_table(path)
    mapping = guess_mapping(table)
    return to_recipients(table, mapping), field_names(table, mapping)


def account(box: EmbeddedSandbox) -> Account:
    """The sandbox's test mailbox as an account."""
    return Account(box.base_url, TOKEN, MAILBOX, PASSWORD, MAILBOX)


@asynccontextmanager
async def composer(box: EmbeddedSandbox, data_dir: Path) -> AsyncIterator[ComposeService]:
    """A ComposeService wired as the app wires it, on ``box``, with its store in ``data_dir``."""
    store = await asyncio.to_thread(QueueStore.open, data_dir)
    try:
        async with open_mailbox(account(box), store, throttle=Throttle(500.0)) as mailbox:
            yield ComposeService(
                sender=MAILBOX, max_message_bytes=DEFAULT_MAX_MESSAGE_BYTES,
                queue=mailbox.queue, collector=Collector(), store=store,
            )
    finally:
        await asyncio.to_thread(store.close)
