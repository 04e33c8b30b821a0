"""The evidence PDFs read back: Italian headings, the message rendered, numbered pages, the CLI.

The texts are extracted from the written PDFs (``pdftotext`` where installed, else QtPdf), as a
person opening them would read them.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QApplication

import pecdesk
from pecdesk.cli.common import EXIT_OK
from pecdesk.domain.delivery import DeliveryState
from pecdesk.domain.ledger import LedgerRow
from pecdesk.domain.receipts import ReceiptKind
from pecdesk.services.receipts.evidence import verify_zip
from pecdesk.services.receipts.statements import Attestation, CampaignReport, ReceiptText
from pecdesk.ui.evidence.campaign_report import campaign_report_pdf
from pecdesk.ui.evidence.pages import OfflineDocument
from pecdesk.ui.sent.attestation import attestation_pdf, write_attestation
from pecdesk.ui.sent.format import format_time_long
from tests.helpers.cli import account_env, command, subprocess_env
from tests.helpers.cli import pecdesk as run_pecdesk
from tests.helpers.evidence import italian, pdf_pages, pdf_text
from tests.helpers.sandbox import SandboxFactory

CODE = "2026120412000001"
SENT, ACCEPTED, DELIVERED = 1_764_849_600.0, 1_764_849_601.0, 1_764_849_631.0
BODY = "<p>Gentile <b>cliente</b>, la presente vale come <i>diffida</i>.</p>"


def delivered_row(**changes: object) -> LedgerRow:
    """A recipient delivered at ``DELIVERED``."""
    values: dict[str, object] = {
        "campaign_id": 3, "job_id": 7, "address": "rossi@pec.it",
        "state": DeliveryState.DELIVERED, "code": CODE, "reason": "", "temporary": False,
        "ordinary": False, "subject": "Diffida", "submitted_at": SENT,
        "accepted_at": ACCEPTED, "final_at": DELIVERED, "changed_at": DELIVERED,
    }
    values.update(changes)
    return LedgerRow(**values)  # type: ignore[arg-type]


def attestation(body: str = BODY) -> Attestation:
    """A delivered recipient with one attachment and both receipts, as the service words them."""
    receipts = (
        ReceiptText(ReceiptKind.ACCEPTANCE, f"ACCETTAZIONE: Diffida {CODE}",
                    "Thu, 04 Dec 2025 13:00:01 +0100", ACCEPTED,
                    "Il messaggio \"Diffida\" è stato accettato dal sistema."),
        ReceiptText(ReceiptKind.DELIVERY, f"CONSEGNA: Diffida {CODE}",
                    "Thu, 04 Dec 2025 13:00:31 +0100", DELIVERED,
                    "Il messaggio è stato consegnato nella casella rossi@pec.it."),
    )
    return Attestation(delivered_row(), "studio@pec.it", "Diffida", body,
                       (("Atto.pdf", "ab" * 32, 12_345),), receipts)


def test_attestation_in_italian_shows_the_message_rendered(
    qapp: QApplication, tmp_path: Path
) -> None:
    """Italian headings and receipt names, the body's text without its tags, code and time."""
    target = tmp_path / "a.pdf"
    with italian(qapp):
        write_attestation(attestation(), target)
    text = pdf_text(target)
    for heading in ("Attestazione di invio PEC", "Il messaggio come lo legge il destinatario",
                    "Ricevuta di accettazione", "Ricevuta di avvenuta consegna", "Allegati",
                    "Codice di invio", "Pagina 1 di 1"):
        assert heading in text, heading
    assert "Gentile cliente, la presente vale come diffida." in text
    assert "<p>" not in text and "<b>" not in text
    flat = re.sub(r"\s+", " ", text)  # a table's label and value may come apart in lines
    assert CODE in flat and f"Consegnato il {format_time_long(DELIVERED)}" in flat
    assert f"CONSEGNA: Diffida {CODE}" in flat  # the receipt as the service returned it
    assert "SHA-256 " + "ab" * 32 in flat and "12345 byte" in flat
    footer = flat
    assert f"Documento generato da pecdesk {pecdesk.__version__} il " in footer
    assert "dalle ricevute della casella studio@pec.it" in footer


def test_values_are_text_never_markup(qapp: QApplication, tmp_path: Path) -> None:
    """A subject with tags is printed as written; the message's markup is rendered, not run."""
    del qapp
    row = delivered_row(state=DeliveryState.FAILED, reason="5.1.1 - casella inesistente",
                        subject="<b>Oggetto</b>")
    data = Attestation(row, "me@pec.it", "<b>Oggetto</b>", "<p>Prima<script>x()</script></p>",
                       (), ())
    target = tmp_path / "a.pdf"
    write_attestation(data, target)
    text = pdf_text(target)
    assert "<b>Oggetto</b>" in text
    assert "Prima" in text and "<script>" not in text and "x()" not in text
    assert "5.1.1 - casella inesistente" in text


def test_local_files_never_reach_the_pdf(qapp: QApplication, tmp_path: Path) -> None:
    """A message naming a file on this machine gets nothing from the disk; ``data:`` works."""
    del qapp
    image = tmp_path / "secret.png"
    picture = QImage(4, 4, QImage.Format.Format_RGB32)
    picture.fill(0xFF0000)
    assert picture.save(str(image))
    kind = QTextDocument.ResourceType.ImageResource.value
    assert QTextDocument().loadResource(kind, QUrl.fromLocalFile(str(image))) is not None
    assert OfflineDocument().loadResource(kind, QUrl.fromLocalFile(str(image))) is None
    assert OfflineDocument().loadResource(kind, QUrl("https://example.org/x.png")) is None
    data_url = QUrl("data:image/png;base64," + base64.b64encode(image.read_bytes()).decode())
    assert OfflineDocument().loadResource(kind, data_url) is not None


def test_every_page_is_numbered(qapp: QApplication, tmp_path: Path) -> None:
    """A long message runs over pages; each says "Pagina n di N" and what the document is."""
    body = "".join(f"<p>Paragrafo numero {n} della diffida.</p>" for n in range(150))
    english = _pages_of(attestation_pdf(attestation(body)), tmp_path / "en.pdf")
    assert len(english) >= 3
    with italian(qapp):
        pages = _pages_of(attestation_pdf(attestation(body)), tmp_path / "it.pdf")
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        assert f"Pagina {number} di {total}" in page
        assert "la prova legale resta costituita dalle ricevute pec firmate" in (
            re.sub(r"\s+", " ", page).lower()
        )
    assert f"Page 1 of {len(english)}" in english[0]  # English without the Italian translators


def _pages_of(pdf: bytes, path: Path) -> list[str]:
    """The pages' texts of PDF bytes (written to ``path`` to be read back)."""
    path.write_bytes(pdf)
    return pdf_pages(path)


def test_campaign_report_counts_and_lists_every_recipient(
    qapp: QApplication, tmp_path: Path
) -> None:
    """Counts by state, then one numbered line per recipient with state, code and time."""
    rows = tuple(
        delivered_row(address=f"cliente{n:03d}@pec.it", job_id=n,
                      state=DeliveryState.DELIVERED if n % 3 else DeliveryState.FAILED,
                      reason="" if n % 3 else "5.1.1 - casella inesistente")
        for n in range(60)
    )
    with italian(qapp):
        report = CampaignReport(3, "studio@pec.it", "Diffida", rows)
        pages = _pages_of(campaign_report_pdf(report), tmp_path / "report.pdf")
    text = "\n".join(pages)
    assert "Rapporto della campagna PEC" in text and "Destinatari per stato" in text
    flat = re.sub(r"\s+", " ", text)
    assert "Consegnata 40" in flat and "Non consegnata 20" in flat
    assert all(f"cliente{n:03d}@pec.it" in text for n in range(60))
    assert len(pages) >= 2 and f"Pagina {len(pages)} di {len(pages)}" in pages[-1]
    assert pages[-1].count("Destinatario") >= 1  # the header row repeats on every page


def test_cli_export_writes_every_pdf_in_the_settings_language(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """``pecdesk export`` (a child process, Qt offscreen) holds each recipient's PDF, in Italian."""
    box = sandbox_factory(pec_timeout=0.5)
    env = account_env(box)
    data = tmp_path / "d"
    body = tmp_path / "body.html"
    body.write_text(BODY, encoding="utf-8")
    recipients = ["ok@pec.it", "fail.no@pec.it", "ok.due@pec.it"]
    sent = run_pecdesk(["send", "--data-dir", str(data), "--subject", "Diffida", "--body-file",
                        str(body), "--rate", "500", "--to", *recipients], env)
    assert sent.code == EXIT_OK, sent.err
    _wait_final(data, env, len(recipients))
    config = tmp_path / "config"
    (config / "pecdesk").mkdir(parents=True)
    (config / "pecdesk" / "settings.json").write_text(json.dumps({"language": "it"}))
    target = tmp_path / "evidence.zip"
    child = subprocess_env(env) | {"XDG_CONFIG_HOME": str(config)}
    child.pop("QT_QPA_PLATFORM", None)  # the command goes offscreen by itself
    done = subprocess.run(command("export", "--data-dir", str(data), "--zip", str(target)),
                          env=child, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == EXIT_OK, done.stderr
    assert verify_zip(target) == []
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(target) as archive:
        archive.extractall(unpacked)
    attestations = sorted((unpacked / "attestazioni").glob("*.pdf"))
    assert len(attestations) == len(recipients)
    report = pdf_text(unpacked / "rapporto-campagna.pdf")
    assert "Rapporto della campagna PEC" in report
    delivered = pdf_text(next(p for p in attestations if p.name.endswith("-ok_pec.it.pdf")))
    assert "Attestazione di invio PEC" in delivered and "Gentile cliente" in delivered
    rows = list(csv.DictReader(io.StringIO(
        next(unpacked.glob("*.csv")).read_text(encoding="utf-8-sig")), delimiter=";"))
    assert {r["Destinatario"]: (r["Stato"], r["state_code"]) for r in rows}["ok@pec.it"] == (
        "Consegnata", "DELIVERED"
    )
    if shutil.which("sha256sum") is None:
        pytest.skip("sha256sum is not installed")
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=unpacked, check=False,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def _wait_final(data: Path, env: dict[str, str], count: int) -> None:
    """Run ``status --json`` (it refreshes) until ``count`` recipients are final (or 15 s)."""
    deadline = time.monotonic() + 15
    while True:
        done = run_pecdesk(["status", "--data-dir", str(data), "--json"], env)
        states = [r["state"] for r in json.loads(done.out)["recipients"]]
        if states.count("delivered") + states.count("failed") == count:
            return
        assert time.monotonic() < deadline, states
        time.sleep(0.05)
