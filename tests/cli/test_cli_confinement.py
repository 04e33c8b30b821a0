"""`pecdesk send` refuses a hostile recipient list: files out of the folder, a broken subject."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from pecdesk.cli.common import EXIT_USAGE
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.sending.compose import Prepared
from pecdesk.services.sending.preflight import IssueKind, Letter
from pecdesk.storage import QueueStore
from tests.helpers.cli import account_env, pecdesk
from tests.helpers.sending import composer, tab_rows


def send(data: Path, csv_file: Path, subject: str) -> list[str]:
    """`pecdesk send` of a short letter to ``csv_file``, its own files looked up beside it."""
    body = csv_file.parent / "body.txt"
    body.write_text("Gentile cliente, in allegato.", encoding="utf-8")
    return ["send", "--data-dir", str(data), "--to-csv", str(csv_file), "--subject", subject,
            "--body-file", str(body), "--rate", "500"]


def queued(data: Path) -> int:
    """How many jobs the store in ``data`` holds (0 when there is no store)."""
    if not data.exists():
        return 0
    store = QueueStore.open(data)
    try:
        count = store.database.call(
            lambda c: c.execute("SELECT COUNT(*) FROM jobs").fetchone()[0]
        )
        return int(count)
    finally:
        store.close()


def compose_prepare(box: EmbeddedSandbox, data: Path, csv_file: Path, subject: str) -> Prepared:
    """What the Compose tab's service prepares from ``csv_file`` (imported as the tab does)."""
    recipients, columns = tab_rows(csv_file)
    letter = Letter(subject, "Gentile cliente, in allegato.", (), csv_file.parent)

    async def go() -> Prepared:
        async with composer(box, data) as compose:
            return await compose.prepare(recipients, letter, columns=columns)

    return asyncio.run(go())


def test_send_refuses_files_outside_the_folder_by_line(
    sandbox: EmbeddedSandbox, tmp_path: Path
) -> None:
    """``../``, an absolute path, a link out and a FIFO: exit 2, each line named, nothing queued.

    The Compose tab's service, given the same list, blocks the same lines.
    """
    folder = tmp_path / "lista"
    folder.mkdir()
    (folder / "ok.pdf").write_bytes(b"%PDF ok")
    (tmp_path / "segreto.txt").write_bytes(b"riservato")
    os.symlink(tmp_path / "segreto.txt", folder / "link.pdf")
    os.mkfifo(folder / "pipe.pdf")
    csv_file = folder / "clienti.csv"
    csv_file.write_text(
        "Nome;PEC;Allegato\r\n"
        "Anna;anna@pec.it;ok.pdf\r\n"
        "Bruno;bruno@pec.it;../segreto.txt\r\n"
        f"Carla;carla@pec.it;{tmp_path / 'segreto.txt'}\r\n"
        "Dario;dario@pec.it;link.pdf\r\n"
        "Elena;elena@pec.it;pipe.pdf\r\n",
        encoding="utf-8",
    )
    done = pecdesk(send(tmp_path / "d", csv_file, "Fattura"), account_env(sandbox))
    assert done.code == EXIT_USAGE
    outside = "error: Attachment outside the attachments folder, not allowed"
    assert f"  line 3: {outside}: ../segreto.txt" in done.err
    assert f"  line 4: {outside}: {tmp_path / 'segreto.txt'}" in done.err
    assert f"  line 5: {outside}: link.pdf" in done.err
    assert "  line 6: error: Attachment is not a regular file: pipe.pdf" in done.err
    assert "line 2" not in done.err
    assert queued(tmp_path / "d") == 0
    assert sandbox.ledger() == []
    prepared = compose_prepare(sandbox, tmp_path / "gui", csv_file, "Fattura")
    assert prepared.plan.campaign is None
    assert [(i.kind, i.line) for i in prepared.plan.report.blocking] == [
        (IssueKind.OUTSIDE_FOLDER, 3), (IssueKind.OUTSIDE_FOLDER, 4),
        (IssueKind.OUTSIDE_FOLDER, 5), (IssueKind.NOT_A_FILE, 6),
    ]


def test_send_refuses_a_line_break_merged_into_the_subject(
    sandbox: EmbeddedSandbox, tmp_path: Path
) -> None:
    """A quoted cell holding CR/LF, merged into the subject: exit 2, its line named, no queue.

    The Compose tab's service blocks the same line.
    """
    folder = tmp_path / "lista"
    folder.mkdir()
    csv_file = folder / "clienti.csv"
    csv_file.write_text(
        "Nome;PEC\r\nAnna;anna@pec.it\r\n\"Bruno\r\nBcc: spia@pec.it\";bruno@pec.it\r\n",
        encoding="utf-8",
    )
    done = pecdesk(send(tmp_path / "d", csv_file, "Fattura per {{Nome}}"), account_env(sandbox))
    assert done.code == EXIT_USAGE
    assert ("  line 3: error: The subject contains a line break or a control character: "
            "Fattura per Bruno\\r\\nBcc: spia@pec.it") in done.err
    assert queued(tmp_path / "d") == 0
    assert sandbox.ledger() == []
    prepared = compose_prepare(sandbox, tmp_path / "gui", csv_file, "Fattura per {{Nome}}")
    assert prepared.plan.campaign is None
    assert [(i.kind, i.line) for i in prepared.plan.report.blocking] == [
        (IssueKind.SUBJECT_CONTROL, 3)
    ]
