"""One list, two front doors: the Compose tab's service and `pecdesk send` plan the same PECs."""

from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path

import pytest

from pecdesk.accounts.account import DEFAULT_MAX_MESSAGE_BYTES
from pecdesk.cli.common import EXIT_OK, EXIT_USAGE
from pecdesk.cli.send import issue_line
from pecdesk.domain.jobs import service_key
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.sending import RepeatSendingError, plan_sending
from pecdesk.services.sending.compose import Prepared
from pecdesk.services.sending.preflight import IssueKind, Letter
from pecdesk.storage import QueueStore
from tests.helpers.cli import account_env, pecdesk
from tests.helpers.sandbox import MAILBOX
from tests.helpers.sending import SHARED, composer, tab_rows, write_csv

SUBJECT = "Fattura per {{Nome}}"
BODY = "<p>Gentile {{Nome}}, in allegato la fattura.</p>"
GOOD = [
    ("Anna", "<anna@pec.it>", "fattura_anna.pdf"),
    ("Bruno", "mailto:bruno@pec.it", "fattura_bruno.pdf"),
    ("Carla", "carla@pec.it", "fattura_carla.pdf"),
]
BAD = ("Dario", "dario(at)pec.it", "fattura_dario.pdf")
DUPLICATE = ("Anna di nuovo", "ANNA@pec.it", "fattura_anna_bis.pdf")
ORDINARY = ("Elena", "elena@gmail.com", "fattura_elena.pdf")


def cli_args(data: Path, csv_file: Path, body: Path, *extra: str) -> list[str]:
    """`pecdesk send` of the standard letter to ``csv_file``."""
    return ["send", "--data-dir", str(data), "--to-csv", str(csv_file), "--subject", SUBJECT,
            "--body-file", str(body), "--attach", str(csv_file.parent / "condizioni.pdf"),
            "--rate", "500", *extra]


def compose_prepare(box: EmbeddedSandbox, data: Path, csv_file: Path) -> Prepared:
    """What the Compose tab's service prepares from ``csv_file`` (imported as the tab does)."""
    recipients, columns = tab_rows(csv_file)
    letter = Letter(SUBJECT, BODY, (csv_file.parent / "condizioni.pdf",), csv_file.parent)

    async def go() -> Prepared:
        async with composer(box, data) as compose:
            return await compose.prepare(recipients, letter, columns=columns)

    return asyncio.run(go())


def stored_digests(data: Path) -> list[tuple[tuple[str, ...], str]]:
    """Recipients and payload digest of every stored job, in order."""
    store = QueueStore.open(data)
    try:
        jobs = asyncio.run(store.jobs())
        digests = store.database.call(
            lambda c: [row[0] for row in c.execute("SELECT digest FROM jobs ORDER BY id")]
        )
        return [(job.recipients, digest) for job, digest in zip(jobs, digests, strict=True)]
    finally:
        store.close()


@pytest.fixture
def body(tmp_path: Path) -> Path:
    path = tmp_path / "body.html"
    path.write_text(BODY, encoding="utf-8")
    return path


def test_bad_row_blocks_both_doors_and_the_cli_lists_every_problem(
    sandbox: EmbeddedSandbox, tmp_path: Path, body: Path
) -> None:
    """The same report through both doors; the CLI prints each finding with its line, exits 2."""
    csv_file = write_csv(tmp_path / "lista", [*GOOD, BAD, DUPLICATE, ORDINARY])
    prepared = compose_prepare(sandbox, tmp_path / "gui", csv_file)
    report = prepared.plan.report
    assert [(i.kind, i.line) for i in report.issues] == [
        (IssueKind.INVALID_ADDRESS, 5), (IssueKind.DUPLICATE, 6), (IssueKind.NOT_PEC, 7),
    ]
    done = pecdesk(cli_args(tmp_path / "cli", csv_file, body), account_env(sandbox))
    assert done.code == EXIT_USAGE
    assert "1 problem(s) block the sending; nothing was queued" in done.err
    for issue in report.issues:
        assert issue_line(issue, csv=True) in done.err.splitlines()
    assert "  line 5: error: Not a valid address: dario(at)pec.it" in done.err
    assert "  line 6: warning: Repeated address, sent once only: ANNA@pec.it" in done.err
    assert stored_digests(tmp_path / "cli") == []
    assert sandbox.ledger() == []


def test_same_plan_through_both_doors(
    sandbox: EmbeddedSandbox, tmp_path: Path, body: Path
) -> None:
    """Same jobs, attachments and digests from the tab's service and the CLI; one campaign."""
    csv_file = write_csv(tmp_path / "lista", [*GOOD, DUPLICATE, ORDINARY])
    prepared = compose_prepare(sandbox, tmp_path / "gui", csv_file)
    campaign = prepared.plan.campaign
    assert campaign is not None and prepared.earlier is None
    done = pecdesk(cli_args(tmp_path / "cli", csv_file, body), account_env(sandbox))
    assert done.code == EXIT_OK, done.err
    assert "  line 5: warning: Repeated address, sent once only: ANNA@pec.it" in done.out
    assert "  line 6: warning: Not a PEC provider" in done.out
    assert "Enqueued campaign 1: 4 PEC(s) to 4 recipient(s)." in done.out
    planned = [(job.recipients, d) for job, d in zip(campaign.jobs, campaign.job_digests(),
                                                     strict=True)]
    assert stored_digests(tmp_path / "cli") == planned
    assert [r for r, _ in planned] == [
        ("anna@pec.it",), ("bruno@pec.it",), ("carla@pec.it",), ("elena@gmail.com",)
    ]
    store = QueueStore.open(tmp_path / "cli")
    try:
        (summary,) = asyncio.run(store.campaigns())
    finally:
        store.close()
    assert summary.subject == SUBJECT and sum(summary.counts.values()) == 4
    assert summary.service == service_key(sandbox.base_url)
    for entry, (name, _, own) in zip(sandbox.ledger(), [*GOOD, ORDINARY], strict=True):
        assert entry["subject"] == f"Fattura per {name}"
        own_bytes = f"%PDF fattura di {name}".encode()
        assert entry["attachments"] == [
            {"name": "condizioni.pdf", "size": len(SHARED),
             "sha256": hashlib.sha256(SHARED).hexdigest()},
            {"name": own, "size": len(own_bytes),
             "sha256": hashlib.sha256(own_bytes).hexdigest()},
        ]


def test_repeat_guard_across_the_doors(
    sandbox: EmbeddedSandbox, tmp_path: Path, body: Path
) -> None:
    """Sent by the CLI, the same list is refused by the CLI (date, count) and by Compose."""
    csv_file = write_csv(tmp_path / "lista", GOOD)
    data = tmp_path / "data"
    assert pecdesk(cli_args(data, csv_file, body), account_env(sandbox)).code == EXIT_OK
    again = pecdesk(cli_args(data, csv_file, body), account_env(sandbox))
    assert again.code == EXIT_USAGE
    assert "already went (or may have gone) to 3 of these recipient(s) on " in again.err
    assert "(campaign 1); nothing was queued. --allow-repeat sends it again." in again.err
    prepared = compose_prepare(sandbox, data, csv_file)
    assert prepared.earlier is not None and prepared.earlier.recipients == 3

    async def compose_send() -> None:
        async with composer(sandbox, data) as compose:
            with pytest.raises(RepeatSendingError):
                await compose.send_prepared(prepared)

    asyncio.run(compose_send())
    assert len(sandbox.ledger()) == 3
    forced = pecdesk(cli_args(data, csv_file, body, "--allow-repeat"), account_env(sandbox))
    assert forced.code == EXIT_OK and len(sandbox.ledger()) == 6


def test_still_queued_earlier_sending_is_named(
    sandbox: EmbeddedSandbox, tmp_path: Path, body: Path
) -> None:
    """An earlier sending still queued (wrong password) is refused with how to resume it."""
    data = tmp_path / "d"
    env = account_env(sandbox)
    body.write_text("<p>Gentile cliente.</p>", encoding="utf-8")
    stuck = pecdesk(["send", "--data-dir", str(data), "--to", "a@pec.it", "b@pec.it",
                     "--subject", "Avviso", "--body-file", str(body), "--rate", "500"],
                    account_env(sandbox, password="sbagliata"))
    assert stuck.code != EXIT_OK
    overlap = pecdesk(["send", "--data-dir", str(data), "--to", "b@pec.it", "c@pec.it",
                       "--subject", "Avviso", "--body-file", str(body), "--rate", "500"], env)
    assert overlap.code == EXIT_USAGE
    assert "to 1 of these recipient(s)" in overlap.err
    assert "`pecdesk queue resume` sends them" in overlap.err
    assert sandbox.ledger() == []


def test_attachments_folder_option(sandbox: EmbeddedSandbox, tmp_path: Path, body: Path) -> None:
    """--attachments-folder is where the attachment column's names are looked up."""
    csv_file = write_csv(tmp_path / "lista", GOOD[:1])
    files = tmp_path / "fatture"
    files.mkdir()
    (csv_file.parent / "fattura_anna.pdf").rename(files / "fattura_anna.pdf")
    missing = pecdesk(cli_args(tmp_path / "d", csv_file, body), account_env(sandbox))
    assert missing.code == EXIT_USAGE
    assert "  line 2: error: Attachment missing or unreadable: fattura_anna.pdf" in missing.err
    done = pecdesk(cli_args(tmp_path / "d", csv_file, body, "--attachments-folder", str(files)),
                   account_env(sandbox))
    assert done.code == EXIT_OK, done.err
    (entry,) = sandbox.ledger()
    assert [a["name"] for a in entry["attachments"]] == ["condizioni.pdf", "fattura_anna.pdf"]


def test_every_finding_is_printed_not_only_the_first(tmp_path: Path, body: Path) -> None:
    """Empty subject, unknown field, bad address, missing file: all reported at once."""
    csv_file = write_csv(tmp_path / "lista", [("Anna", "anna@pec.it", "manca.pdf")])
    (csv_file.parent / "manca.pdf").unlink()
    recipients, columns = tab_rows(csv_file)
    plan = plan_sending(MAILBOX, recipients, Letter("", "{{Cognome}}", (), csv_file.parent),
                        max_message_bytes=DEFAULT_MAX_MESSAGE_BYTES, columns=columns)
    assert {i.kind for i in plan.report.blocking} == {
        IssueKind.EMPTY_SUBJECT, IssueKind.UNKNOWN_FIELD, IssueKind.MISSING_ATTACHMENT,
    }
