"""The real Compose tab and `pecdesk send` plan the same PECs from the same list."""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path

from pytestqt.qtbot import QtBot

from pecdesk.recipients import guess_mapping, read_table
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.storage import QueueStore
from tests.helpers.cli import account_env, command, subprocess_env
from tests.helpers.compose import make_harness
from tests.helpers.gui import OFFSCREEN_SHOW_NOISE, drive
from tests.helpers.sending import write_csv

ROWS = [
    ("Anna", "<anna@pec.it>", "fattura_anna.pdf"),
    ("Bruno", "mailto:bruno@pec.it", "fattura_bruno.pdf"),
    ("Anna di nuovo", "ANNA@pec.it", "fattura_anna_bis.pdf"),
    ("Carla", "carla@pec.it", "fattura_carla.pdf"),
]


@OFFSCREEN_SHOW_NOISE
def test_tab_and_command_line_plan_the_same_pecs(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, sandbox: EmbeddedSandbox, tmp_path: Path
) -> None:
    """Imported in the tab and given to `pecdesk send`: same jobs, files and digests."""
    csv_file = write_csv(tmp_path / "lista", ROWS)
    harness = make_harness(qtbot, qloop, sandbox, tmp_path / "gui")
    try:
        tab = harness.tab
        table = read_table(csv_file)
        tab.apply_table(table, guess_mapping(table))
        tab.set_folder(csv_file.parent)
        tab.subject_edit.setText("Fattura per {{Nome}}")
        tab.body_edit.setPlainText("Gentile {{Nome}}, in allegato la fattura.")
        letter = tab.letter()
        prepared = drive(qtbot, qloop, harness.compose.prepare(tab.recipients(), letter))
    finally:
        harness.close(qtbot, qloop)
    campaign = prepared.plan.campaign
    assert campaign is not None and len(campaign.jobs) == 3
    body = tmp_path / "body.html"
    body.write_bytes(letter.body.encode("utf-8"))
    data = tmp_path / "cli"
    done = subprocess.run(
        command("send", "--data-dir", str(data), "--to-csv", str(csv_file), "--subject",
                letter.subject, "--body-file", str(body), "--rate", "500"),
        env=subprocess_env(account_env(sandbox)), capture_output=True, text=True, timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "line 4: warning: Repeated address, sent once only: ANNA@pec.it" in done.stdout
    store = QueueStore.open(data)
    try:
        stored = store.database.call(lambda c: [
            row[0] for row in c.execute("SELECT digest FROM jobs ORDER BY id")
        ])
        payloads = [drive(qtbot, qloop, store.load_payload(n)) for n in (1, 2, 3)]
    finally:
        store.close()
    assert tuple(stored) == campaign.job_digests()
    assert [p.payload for p in payloads] == [campaign.payload(job) for job in campaign.jobs]
    assert [[a.name for a in p.own_files] for p in payloads] == [
        ["fattura_anna.pdf"], ["fattura_bruno.pdf"], ["fattura_carla.pdf"]
    ]
