"""The sample lists in resources/samples read as a newcomer would use them."""

from __future__ import annotations

from pathlib import Path

import pytest

from pecdesk.recipients import guess_mapping, read_table, to_recipients
from pecdesk.recipients.mapping import field_names
from pecdesk.services.sending.preflight import IssueKind, Letter, check

SAMPLES = Path(__file__).resolve().parents[3] / "resources" / "samples"


@pytest.mark.parametrize("name", ["clienti.csv", "clienti.xlsx"])
def test_sample_passes_preflight_with_one_warning(name: str) -> None:
    """25 rows, attachments found in allegati/, only the gmail.com address warned about."""
    table = read_table(SAMPLES / name)
    mapping = guess_mapping(table)
    rows = to_recipients(table, mapping)
    assert len(rows) == 25
    assert rows[0].fields["Nome"] == "Niccolò"
    letter = Letter("Fattura per {{Nome}} {{Cognome}}", "<p>Importo {{Importo}}</p>",
                    folder=SAMPLES / "allegati")
    report = check(rows, letter, columns=field_names(table, mapping),
                   max_message_bytes=100_000_000)
    assert report.ok
    assert [(i.kind, i.line) for i in report.warnings] == [(IssueKind.NOT_PEC, 15)]
