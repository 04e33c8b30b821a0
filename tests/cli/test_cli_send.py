"""`pecdesk send` and `pecdesk queue …` end to end against the sandbox (in-process)."""

from __future__ import annotations

import asyncio
import hashlib
from datetime import datetime
from pathlib import Path

import pytest

from pecdesk.cli.common import (
    EXIT_CANNOT_RUN,
    EXIT_INCOMPLETE,
    EXIT_OK,
    EXIT_USAGE,
    resolve_data_dir,
)
from pecdesk.domain.jobs import JobState
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.storage import QueueStore
from tests.helpers.cli import Outcome, account_env, pecdesk
from tests.helpers.sandbox import (
    MAILBOX,
    OTHER_MAILBOX,
    OTHER_PASSWORD,
    PASSWORD,
    TOKEN,
    SandboxFactory,
)


@pytest.fixture
def body(tmp_path: Path) -> Path:
    path = tmp_path / "body.html"
    path.write_text("<p>Gentile cliente, in allegato.</p>", encoding="utf-8")
    return path


def send_args(data: Path, body: Path, *extra: str, subject: str = "Avviso") -> list[str]:
    return [
        "send",
        "--data-dir",
        str(data),
        "--subject",
        subject,
        "--body-file",
        str(body),
        "--rate",
        "500",
        *extra,
    ]


def test_send_to_addresses(sandbox: EmbeddedSandbox, tmp_path: Path, body: Path) -> None:
    """--to sends one PEC each, prints a line per outcome and a summary; exit 0, no secrets."""
    done = pecdesk(
        send_args(tmp_path / "d", body, "--to", "a@pec.it", "b@pec.it"), account_env(sandbox)
    )
    assert done.code == EXIT_OK, done.err
    assert done.out.count("] submitted ") == 2
    assert "Summary: 2 submitted (2 in all)" in done.out
    assert [e["recipients"] for e in sandbox.ledger()] == [["a@pec.it"], ["b@pec.it"]]
    assert all(e["sender"] == MAILBOX for e in sandbox.ledger())
    for secret in (TOKEN, PASSWORD):
        assert secret not in done.out + done.err


def test_csv_semicolon_cp1252_with_merge_fields(sandbox: EmbeddedSandbox, tmp_path: Path) -> None:
    """Italian Excel: ';' and Windows-1252; the PEC column by name; {{fields}} filled in."""
    csv_file = tmp_path / "clienti.csv"
    csv_file.write_bytes(
        "Nome;PEC;Città\nJosé Rossi & Figli;jose@pec.it;Forlì\nAnna;anna@pec.it;Cantù\n".encode(
            "cp1252"
        )
    )
    body = tmp_path / "body.html"
    body.write_text("<p>Gentile {{ nome }} di {{Città}}</p>", encoding="utf-8")
    done = pecdesk(
        send_args(tmp_path / "d", body, "--to-csv", str(csv_file), subject="Avviso per {{Nome}}"),
        account_env(sandbox),
    )
    assert done.code == EXIT_OK, done.err
    ledger = sandbox.ledger()
    assert [(e["recipients"], e["subject"]) for e in ledger] == [
        (["jose@pec.it"], "Avviso per José Rossi & Figli"),
        (["anna@pec.it"], "Avviso per Anna"),
    ]
    assert ledger[0]["body"] == "<p>Gentile José Rossi &amp; Figli di Forlì</p>"


def test_csv_comma_utf8_bom_first_column(sandbox: EmbeddedSandbox, tmp_path: Path) -> None:
    """UTF-8 with BOM and ',': no pec/email column, so the first column holds the address."""
    csv_file = tmp_path / "lista.csv"
    text = "\ufeffindirizzo,nome\nluca@pec.it,Luca\n\nmarta@pec.it,Märta\nLUCA@pec.it,Di nuovo\n"
    csv_file.write_bytes(text.encode())
    body = tmp_path / "b.txt"
    body.write_text("Ciao {{nome}}", encoding="utf-8")
    done = pecdesk(send_args(tmp_path / "d", body, "--to-csv", str(csv_file)), account_env(sandbox))
    assert done.code == EXIT_OK, done.err
    assert "  line 5: warning: Repeated address, sent once only: LUCA@pec.it" in done.out
    assert [(e["recipients"], e["body"]) for e in sandbox.ledger()] == [
        (["luca@pec.it"], "Ciao Luca"),
        (["marta@pec.it"], "Ciao Märta"),
    ]


def test_one_pec_for_all_and_attachment(
    sandbox: EmbeddedSandbox, tmp_path: Path, body: Path
) -> None:
    """--one-pec-for-all makes one POST to everyone; --attach carries the file's bytes."""
    pdf = tmp_path / "delibera.pdf"
    pdf.write_bytes(b"%PDF-1.4 delibera")
    done = pecdesk(
        send_args(
            tmp_path / "d",
            body,
            "--to",
            "a@pec.it",
            "b@pec.it",
            "--one-pec-for-all",
            "--attach",
            str(pdf),
        ),
        account_env(sandbox),
    )
    assert done.code == EXIT_OK, done.err
    (entry,) = sandbox.ledger()
    assert entry["recipients"] == ["a@pec.it", "b@pec.it"]
    assert entry["attachments"] == [
        {"name": "delibera.pdf", "size": 17, "sha256": hashlib.sha256(pdf.read_bytes()).hexdigest()}
    ]


def test_sender_option(sandbox: EmbeddedSandbox, tmp_path: Path, body: Path) -> None:
    """--sender overrides the username as the sender."""
    done = pecdesk(
        send_args(tmp_path / "d", body, "--to", "a@pec.it", "--sender", OTHER_MAILBOX),
        account_env(sandbox),
    )
    assert done.code == EXIT_OK
    assert sandbox.ledger()[0]["sender"] == OTHER_MAILBOX


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--to", "non-un-indirizzo"], "recipient 1: error: Not a valid address: non-un-indirizzo"),
        (
            ["--to", "a@pec.it", "--attach", "/nonexistent/x.pdf"],
            "message: error: Attachment missing or unreadable: x.pdf",
        ),
    ],
)
def test_bad_input_exits_2(
    sandbox: EmbeddedSandbox, tmp_path: Path, body: Path, extra: list[str], message: str
) -> None:
    """Invalid input is refused before anything is stored or sent."""
    done = pecdesk(send_args(tmp_path / "d", body, *extra), account_env(sandbox))
    assert done.code == EXIT_USAGE and message in done.err
    assert sandbox.ledger() == []


def test_unknown_merge_field_exits_2(sandbox: EmbeddedSandbox, tmp_path: Path, body: Path) -> None:
    """A {{field}} no column provides is an error, not a literal in the PEC."""
    done = pecdesk(
        send_args(tmp_path / "d", body, "--to", "a@pec.it", subject="Per {{nome}}"),
        account_env(sandbox),
    )
    assert done.code == EXIT_USAGE and "message: error: No column is called {{nome}}" in done.err


def test_missing_credentials_exit_3(tmp_path: Path, body: Path) -> None:
    """Without the four variables nothing happens; the message names what is missing."""
    done = pecdesk(send_args(tmp_path / "d", body, "--to", "a@pec.it"), {"PECDESK_TOKEN": TOKEN})
    assert done.code == EXIT_CANNOT_RUN
    assert "PECDESK_BASE_URL" in done.err and "PECDESK_TOKEN," not in done.err
    assert TOKEN not in done.err


def queue_with_a_wrong_password(sandbox: EmbeddedSandbox, data: Path, body: Path) -> Outcome:
    """`pecdesk send` to one address with a wrong password: the job stays queued in ``data``."""
    return pecdesk(
        send_args(data, body, "--to", "a@pec.it"), account_env(sandbox, password="sbagliata")
    )


def resume(data: Path, env: dict[str, str]) -> Outcome:
    """`pecdesk queue resume` on the store in ``data``."""
    return pecdesk(["queue", "resume", "--data-dir", str(data), "--rate", "500"], env)


def test_refused_credentials_exit_3_and_keep_the_queue(
    sandbox: EmbeddedSandbox, tmp_path: Path, body: Path
) -> None:
    """A wrong password stops the run; the jobs stay queued for `queue resume`."""
    done = queue_with_a_wrong_password(sandbox, tmp_path / "d", body)
    assert done.code == EXIT_CANNOT_RUN and "did not accept" in done.err
    assert "sbagliata" not in done.out + done.err
    resumed = resume(tmp_path / "d", account_env(sandbox))
    assert resumed.code == EXIT_OK and len(sandbox.ledger()) == 1


def test_resume_leaves_another_accounts_jobs_queued(
    sandbox: EmbeddedSandbox, tmp_path: Path, body: Path
) -> None:
    """Jobs queued from one mailbox are not sent by `queue resume` logged into another."""
    data = tmp_path / "d"
    assert queue_with_a_wrong_password(sandbox, data, body).code == EXIT_CANNOT_RUN
    other = {**account_env(sandbox, password=OTHER_PASSWORD), "PECDESK_USERNAME": OTHER_MAILBOX}
    assert resume(data, other).code == EXIT_OK
    assert sandbox.ledger() == []  # MAILBOX's job waits for MAILBOX
    assert resume(data, account_env(sandbox)).code == EXIT_OK
    assert [entry["sender"] for entry in sandbox.ledger()] == [MAILBOX]


def test_identical_sending_is_refused_unless_repeated(
    sandbox: EmbeddedSandbox, tmp_path: Path, body: Path
) -> None:
    """Running the same `send` twice does not send twice, unless --allow-repeat."""
    args = send_args(tmp_path / "d", body, "--to", "a@pec.it")
    assert pecdesk(args, account_env(sandbox)).code == EXIT_OK
    again = pecdesk(args, account_env(sandbox))
    assert again.code == EXIT_USAGE and "already went (or may have gone) to 1 of" in again.err
    assert len(sandbox.ledger()) == 1
    assert pecdesk([*args, "--allow-repeat"], account_env(sandbox)).code == EXIT_OK
    assert len(sandbox.ledger()) == 2


def test_an_old_identical_sending_is_still_refused_with_its_date(
    sandbox: EmbeddedSandbox, tmp_path: Path, body: Path
) -> None:
    """A month later the same PEC is still the same PEC: refused, naming when it went."""
    data = tmp_path / "d"
    args = send_args(data, body, "--to", "a@pec.it")
    assert pecdesk(args, account_env(sandbox)).code == EXIT_OK
    month_ago = datetime(2026, 11, 4, 10, 30).timestamp()
    store = QueueStore.open(data)
    try:
        store.database.call(lambda c: c.execute(
            "UPDATE jobs SET submitting_at = ?, created_at = ?", (month_ago, month_ago)))
    finally:
        store.close()
    again = pecdesk(args, account_env(sandbox))
    assert again.code == EXIT_USAGE
    assert "to 1 of these recipient(s) on 2026-11-04 10:30 (campaign 1)" in again.err
    assert len(sandbox.ledger()) == 1


def test_send_refused_while_another_pecdesk_sends(
    sandbox: EmbeddedSandbox, tmp_path: Path, body: Path
) -> None:
    """With the store's queue busy elsewhere, `send` stores nothing and exits 3."""
    data = tmp_path / "d"
    store = QueueStore.open(data)
    try:
        with store.runner_lock():
            done = pecdesk(send_args(data, body, "--to", "a@pec.it"), account_env(sandbox))
        assert done.code == EXIT_CANNOT_RUN and "already sending" in done.err
        assert asyncio.run(store.campaigns()) == []
    finally:
        store.close()
    assert sandbox.ledger() == []


def test_unknown_then_reconcile(
    sandbox_factory: SandboxFactory, tmp_path: Path, body: Path
) -> None:
    """A send whose answer is lost exits 1 (unknown); `queue reconcile` later settles it."""
    box = sandbox_factory(receipt_delay=0.3, fault_rate=1.0, fault_kinds=["reset"])
    data = tmp_path / "d"
    done = pecdesk(send_args(data, body, "--to", "a@pec.it"), account_env(box))
    assert done.code == EXIT_INCOMPLETE
    assert " unknown " in done.out and "pecdesk queue reconcile" in done.out
    env = account_env(box)
    for _ in range(200):
        settled = pecdesk(["queue", "reconcile", "--data-dir", str(data), "--grace", "3600"], env)
        if settled.code == EXIT_OK:
            break
        asyncio.run(asyncio.sleep(0.02))
    assert settled.code == EXIT_OK, settled.out
    assert f"code {box.ledger()[0]['message_id']}" in settled.out


def test_not_sent_status_and_resend(sandbox: EmbeddedSandbox, tmp_path: Path) -> None:
    """An interrupted job becomes not sent after the grace; status lists it; resend sends it."""
    data = tmp_path / "d"
    env = account_env(sandbox)

    async def interrupted() -> None:
        from tests.helpers.engine import campaign  # noqa: PLC0415

        store = await asyncio.to_thread(QueueStore.open, data)
        try:
            await store.add_campaign(campaign(["mario@pec.it"]))
            (job,) = await store.jobs()
            # A minute ago, the service's clock heard equal to ours (the sandbox runs here):
            # a job claimed with no offset measured waits hours before "not sent".
            await store.claim(
                job.id, start_at=datetime.now().timestamp() - 60, clock_offset=0.0
            )
        finally:
            await asyncio.to_thread(store.close)

    asyncio.run(interrupted())
    resumed = pecdesk(["queue", "resume", "--data-dir", str(data), "--rate", "500"], env)
    assert resumed.code == EXIT_INCOMPLETE and "1 unknown" in resumed.out
    reconciled = pecdesk(["queue", "reconcile", "--data-dir", str(data), "--grace", "0"], env)
    assert reconciled.code == EXIT_INCOMPLETE and "not sent" in reconciled.out
    status = pecdesk(["queue", "status", "--data-dir", str(data)], {})
    assert status.code == EXIT_OK and "not_sent  mario@pec.it" in status.out
    resent = pecdesk(["queue", "resend-not-sent", "--data-dir", str(data), "--rate", "500"], env)
    assert resent.code == EXIT_OK and "Re-queued 1" in resent.out
    assert [e["recipients"] for e in sandbox.ledger()] == [["mario@pec.it"]]
    final = pecdesk(["queue", "status", "--data-dir", str(data)], {})
    assert f"1 {JobState.SUBMITTED.value}" in final.out


def test_data_dir_resolution(tmp_path: Path) -> None:
    """--data-dir wins over $PECDESK_DATA_DIR, which wins over the user data dir."""
    env = {"PECDESK_DATA_DIR": str(tmp_path / "env")}
    assert resolve_data_dir(tmp_path / "flag", env) == tmp_path / "flag"
    assert resolve_data_dir(None, env) == tmp_path / "env"
    default = resolve_data_dir(None, {})
    assert default.name == "pecdesk" and str(default).startswith(str(Path.home().parent))


def test_status_of_an_empty_store_uses_the_env_data_dir(tmp_path: Path) -> None:
    """`queue status` needs no credentials and reads $PECDESK_DATA_DIR."""
    done = pecdesk(["queue", "status"], {"PECDESK_DATA_DIR": str(tmp_path / "env")})
    assert done.code == EXIT_OK and "The queue is empty." in done.out
    assert (tmp_path / "env" / "pecdesk.sqlite3").exists()


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    """Usage errors caught by argparse (no recipients, both recipient options) exit 2."""
    assert pecdesk(["send", "--subject", "x", "--body-file", "b"], {}).code == EXIT_USAGE
    both = ["send", "--to", "a@pec.it", "--to-csv", "x.csv", "--subject", "x", "--body-file", "b"]
    assert pecdesk(both, {}).code == EXIT_USAGE
    assert pecdesk(["queue", "resume", "--rate", "0"], {}).code == EXIT_USAGE
    assert pecdesk(["queue", "resume", "--rate", "nan"], {}).code == EXIT_USAGE


def test_daily_limit_stops_with_the_rest_queued(
    sandbox_factory: SandboxFactory, tmp_path: Path, body: Path
) -> None:
    """Past the daily cap: exit 3, the reason, and how to send the rest later; none failed."""
    box = sandbox_factory(daily_cap=1)
    done = pecdesk(send_args(tmp_path / "d", body, "--to", "a@pec.it", "b@pec.it", "c@pec.it"),
                   account_env(box))
    assert done.code == EXIT_CANNOT_RUN
    assert "daily sending limit has been reached" in done.err
    assert "Still queued: 2; `pecdesk queue resume` sends them." in done.out
    assert len(box.ledger()) == 1


def test_a_password_that_is_not_text_queues_nothing(
    sandbox: EmbeddedSandbox, tmp_path: Path, body: Path
) -> None:
    """A password that is not text is refused plainly before anything is queued.

    A non-UTF-8 byte in PECDESK_PASSWORD is a lone surrogate once decoded: exit 3, no
    traceback, an empty store, nothing at the service.
    """
    env = account_env(sandbox, password="p\udcffw")
    done = pecdesk(send_args(tmp_path / "d", body, "--to", "a@pec.it"), env)
    assert done.code == EXIT_CANNOT_RUN, done.out + done.err
    assert "password" in done.err
    assert "Traceback" not in done.err
    assert "Enqueued" not in done.out
    assert sandbox.ledger() == []
    status = pecdesk(["queue", "status", "--data-dir", str(tmp_path / "d")], env)
    assert "The queue is empty." in status.out
