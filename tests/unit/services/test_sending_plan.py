"""The one planning step: one campaign per compose action, no row dropped, files per job."""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
from dataclasses import replace
from pathlib import Path

import pytest

from pecdesk.errors import StorageError
from pecdesk.recipients.addresses import make_recipient
from pecdesk.services.receipts.evidence import collect
from pecdesk.services.sending import EarlierSending, SendingPlan, earlier_sending, plan_sending
from pecdesk.services.sending.preflight import IssueKind, Letter, Severity
from pecdesk.storage import QueueStore
from pecdesk.storage.ledger import LedgerStore
from pecdesk.storage.regular_file import read_regular
from tests.helpers.sending import SHARED, tab_rows, write_csv

SENDER = "studio@pec.it"
LIMIT = 10_000_000


def plan_of(
    folder: Path,
    rows: list[tuple[str, str, str]],
    *,
    subject: str = "Fattura per {{Nome}}",
    one_for_all: bool = False,
) -> SendingPlan:
    """Plan the standard letter (shared condizioni.pdf) to ``rows`` written as a CSV."""
    recipients, columns = tab_rows(write_csv(folder, rows))
    shared = () if one_for_all else (folder / "condizioni.pdf",)
    return plan_sending(
        SENDER, recipients, Letter(subject, "<p>Gentile {{Nome}}</p>", shared, folder, one_for_all),
        max_message_bytes=LIMIT, columns=columns,
    )


def test_one_campaign_when_each_recipient_has_own_file(tmp_path: Path) -> None:
    """N recipients with N invoices: one campaign of N jobs, each invoice on its own job.

    The shared file sits on the campaign and comes first in each job's payload.
    """
    plan = plan_of(tmp_path, [(f"Cliente {n}", f"c{n}@pec.it", f"fattura_{n}.pdf")
                              for n in range(5)])
    assert plan.ok and plan.campaign is not None
    campaign = plan.campaign
    assert campaign.subject == "Fattura per {{Nome}}"
    assert [a.content for a in campaign.attachments] == [SHARED]
    assert [[a.name for a in job.attachments] for job in campaign.jobs] == [
        [f"fattura_{n}.pdf"] for n in range(5)
    ]
    assert [job.subject for job in campaign.jobs] == [f"Fattura per Cliente {n}" for n in range(5)]
    payload = campaign.payload(campaign.jobs[3])
    assert [a.name for a in payload.attachments] == ["condizioni.pdf", "fattura_3.pdf"]
    assert len(set(plan.digests())) == 5
    assert plan.lines == (2, 3, 4, 5, 6)


def test_addresses_are_normalised_as_in_the_compose_tab() -> None:
    """``<a@pec.it>``, ``mailto:`` and a capitalised domain become the bare address."""
    rows = [make_recipient(1, "<anna@pec.it>"), make_recipient(2, "mailto:bruno@PEC.IT"),
            make_recipient(3, " carla@pec.it ")]
    plan = plan_sending(SENDER, rows, Letter("Avviso", "Testo"), max_message_bytes=LIMIT)
    assert [job.recipients for job in plan.jobs] == [
        ("anna@pec.it",), ("bruno@pec.it",), ("carla@pec.it",)
    ]


def test_no_row_is_dropped_silently(tmp_path: Path) -> None:
    """Every line is either a job or a finding of the report.

    A bad address blocks, naming its line; a repeated one is a warning on its line, sent once.
    """
    rows = [("Anna", "anna@pec.it", "a.pdf"), ("Bruno", "non-un-indirizzo", "b.pdf"),
            ("Anna bis", "ANNA@pec.it", "a.pdf"), ("Carla", "carla@pec.it", "c.pdf")]
    blocked = plan_of(tmp_path / "bad", rows)
    assert not blocked.ok and blocked.campaign is None and blocked.jobs == ()
    assert [(i.kind, i.line, i.severity) for i in blocked.report.issues] == [
        (IssueKind.INVALID_ADDRESS, 3, Severity.BLOCKING),
        (IssueKind.DUPLICATE, 4, Severity.WARNING),
    ]
    fine = plan_of(tmp_path / "fine", [rows[0], rows[2], rows[3]])
    assert fine.ok
    assert fine.lines == (2, 4)
    assert [(i.kind, i.line) for i in fine.report.issues] == [(IssueKind.DUPLICATE, 3)]


def test_a_file_gone_after_the_check_blocks_instead_of_raising(tmp_path: Path) -> None:
    """A file that vanishes between the size check and the reading is a blocking finding."""
    write_csv(tmp_path, [("Anna", "anna@pec.it", "a.pdf"), ("Bruno", "bruno@pec.it", "b.pdf")])
    recipients, columns = tab_rows(tmp_path / "clienti.csv")

    def read(path: Path) -> bytes:
        if path.name == "b.pdf":
            raise PermissionError(13, "Permission denied")
        return path.read_bytes()

    plan = plan_sending(SENDER, recipients, Letter("Avviso", "Testo", (), tmp_path),
                        max_message_bytes=LIMIT, columns=columns, read=read)
    assert plan.campaign is None
    assert [(i.kind, i.line, i.detail) for i in plan.report.blocking] == [
        (IssueKind.MISSING_ATTACHMENT, 3, "b.pdf")
    ]


def test_own_files_cannot_go_in_one_pec_for_all(tmp_path: Path) -> None:
    """One PEC to everybody cannot carry each row's own file: blocked, not silently dropped."""
    plan = plan_of(tmp_path, [("Anna", "anna@pec.it", "a.pdf"), ("Bruno", "bruno@pec.it", "")],
                   subject="Avviso", one_for_all=True)
    assert [(i.kind, i.line) for i in plan.report.blocking] == [
        (IssueKind.FIELDS_ONE_FOR_ALL, 0),
        (IssueKind.FILES_ONE_FOR_ALL, 2),
    ]
    assert plan.campaign is None


def test_job_files_are_stored_loaded_and_digested(tmp_path: Path) -> None:
    """The store keeps each job's own files, in its payload digest.

    The reloaded payload equals the planned one; altering a stored file is caught.
    """
    plan = plan_of(tmp_path / "list", [("Anna", "anna@pec.it", "a.pdf"),
                                       ("Bruno", "bruno@pec.it", "b.pdf")])
    campaign = plan.campaign
    assert campaign is not None

    async def go() -> None:
        store = await asyncio.to_thread(QueueStore.open, tmp_path / "data")
        try:
            await store.add_campaign(campaign)
            jobs = await store.jobs()
            for job, planned in zip(jobs, campaign.jobs, strict=True):
                sent = await store.load_payload(job.id)
                assert sent.payload == campaign.payload(planned)
                assert [a.content for a in sent.shared] == [SHARED]
                assert sent.own_files == planned.attachments
            stored = await store.database.run(
                lambda c: [r[0] for r in c.execute("SELECT digest FROM jobs ORDER BY id")]
            )
            assert tuple(stored) == plan.digests()
            await store.database.run(lambda c: c.execute(
                "UPDATE job_attachments SET content = x'00' WHERE job_id = ?", (jobs[1].id,)))
            with pytest.raises(StorageError, match="altered"):
                await store.load_payload(jobs[1].id)
        finally:
            await asyncio.to_thread(store.close)

    asyncio.run(go())


def test_evidence_holds_each_jobs_own_files(tmp_path: Path) -> None:
    """The evidence has the shared file once and each job's own file in the job's folder.

    Each sent/job-<id>.json points at the archived files whose SHA-256 it states.
    """
    plan = plan_of(tmp_path / "list", [("Anna", "anna@pec.it", "a.pdf"),
                                       ("Bruno", "bruno@pec.it", "b.pdf")])
    campaign = plan.campaign
    assert campaign is not None

    async def go() -> dict[str, bytes]:
        store = await asyncio.to_thread(QueueStore.open, tmp_path / "data")
        try:
            campaign_id = await store.add_campaign(campaign)
            files, _ = await collect(LedgerStore(store.database), store, campaign_id)
            return files
        finally:
            await asyncio.to_thread(store.close)

    files = asyncio.run(go())
    assert sorted(p for p in files if p.startswith("attachments/")) == [
        "attachments/1-condizioni.pdf", "attachments/job-1/2-a.pdf", "attachments/job-2/2-b.pdf",
    ]
    for job_id, name in ((1, "Anna"), (2, "Bruno")):
        sent = json.loads(files[f"sent/job-{job_id}.json"])
        assert sent["attachments"][0]["file"] == "attachments/1-condizioni.pdf"
        for entry in sent["attachments"]:
            assert hashlib.sha256(files[entry["file"]]).hexdigest() == entry["sha256"]
        assert files[sent["attachments"][1]["file"]] == f"%PDF fattura di {name}".encode()


@pytest.mark.parametrize(
    ("state", "stored_for", "counts"),
    [
        ("submitted", "http://a", True),
        ("unknown", "http://a", True),
        ("not_sent", "http://a", True),
        ("queued", "", True),  # queued before campaigns were bound to a service: any service's
        ("rejected", "http://a", False),
        ("failed", "http://a", False),
        ("cancelled", "http://a", False),
        ("submitted", "http://b", False),  # went to another service (test vs production)
    ],
)
def test_what_counts_as_an_earlier_sending(
    tmp_path: Path, state: str, stored_for: str, counts: bool
) -> None:
    """Only jobs that were or may have been sent, on this service (or an unknown one), count."""
    plan = plan_of(tmp_path / "list", [("Anna", "anna@pec.it", "a.pdf")])
    campaign = plan.campaign
    assert campaign is not None

    async def go() -> EarlierSending | None:
        store = await asyncio.to_thread(QueueStore.open, tmp_path / "data")
        try:
            await store.add_campaign(replace(campaign, service=stored_for))
            await store.database.run(lambda c: c.execute("UPDATE jobs SET state = ?", (state,)))
            return await earlier_sending(store, replace(campaign, service="http://a"))
        finally:
            await asyncio.to_thread(store.close)

    earlier = asyncio.run(go())
    assert (earlier is not None) is counts
    if earlier is not None:
        assert (earlier.campaign_ids, earlier.recipients) == ((1,), 1)


def test_files_outside_the_folder_or_not_regular_block_the_plan(tmp_path: Path) -> None:
    """``../``, an absolute path, a link out and a FIFO: no campaign, each line named."""
    folder = tmp_path / "fatture"
    write_csv(folder, [("Anna", "anna@pec.it", "a.pdf")])
    (tmp_path / "segreto.txt").write_bytes(b"riservato")
    os.symlink(tmp_path / "segreto.txt", folder / "link.pdf")
    os.mkfifo(folder / "pipe.pdf")
    rows = [
        make_recipient(2, "a@pec.it", {}, ("a.pdf",)),
        make_recipient(3, "b@pec.it", {}, ("../segreto.txt",)),
        make_recipient(4, "c@pec.it", {}, (str(tmp_path / "segreto.txt"),)),
        make_recipient(5, "d@pec.it", {}, ("link.pdf",)),
        make_recipient(6, "e@pec.it", {}, ("pipe.pdf",)),
    ]
    read_paths: list[Path] = []

    def read(path: Path) -> bytes:
        read_paths.append(path)
        return read_regular(path)

    plan = plan_sending(SENDER, rows, Letter("Avviso", "Testo", (), folder),
                        max_message_bytes=LIMIT, read=read)
    assert plan.campaign is None and not plan.ok
    assert [(i.kind, i.line) for i in plan.report.blocking] == [
        (IssueKind.OUTSIDE_FOLDER, 3), (IssueKind.OUTSIDE_FOLDER, 4),
        (IssueKind.OUTSIDE_FOLDER, 5), (IssueKind.NOT_A_FILE, 6),
    ]
    assert read_paths == []


def test_a_link_swapped_out_of_the_folder_after_the_check_is_not_read(tmp_path: Path) -> None:
    """The folder is checked again right before reading: a link re-pointed outside blocks."""
    folder = tmp_path / "fatture"
    write_csv(folder, [("Anna", "anna@pec.it", "a.pdf")])
    (tmp_path / "segreto.txt").write_bytes(b"riservato")
    os.symlink(folder / "a.pdf", folder / "link.pdf")
    rows = [make_recipient(2, "a@pec.it", {}, ("link.pdf",))]
    read_paths: list[Path] = []

    def read(path: Path) -> bytes:
        # Reading the shared file first: meanwhile, someone re-points the row's link.
        read_paths.append(path)
        (folder / "link.pdf").unlink()
        os.symlink(tmp_path / "segreto.txt", folder / "link.pdf")
        return read_regular(path)

    plan = plan_sending(SENDER, rows, Letter("Avviso", "Testo", (folder / "condizioni.pdf",),
                                             folder),
                        max_message_bytes=LIMIT, read=read)
    assert plan.campaign is None
    assert [(i.kind, i.line, i.detail) for i in plan.report.blocking] == [
        (IssueKind.OUTSIDE_FOLDER, 2, "link.pdf")
    ]
    assert read_paths == [folder / "condizioni.pdf"]


def test_a_line_break_merged_into_the_subject_blocks_the_plan(tmp_path: Path) -> None:
    """A cell with CR/LF merged into the subject: no campaign, the row named."""
    rows = [
        make_recipient(2, "a@pec.it", {"Nome": "Anna"}),
        make_recipient(3, "b@pec.it", {"Nome": "Bruno\r\nBcc: spia@pec.it"}),
    ]
    plan = plan_sending(SENDER, rows, Letter("Per {{Nome}}", "Testo"), max_message_bytes=LIMIT)
    assert plan.campaign is None
    assert [(i.kind, i.line) for i in plan.report.blocking] == [(IssueKind.SUBJECT_CONTROL, 3)]
