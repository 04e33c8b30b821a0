"""Reading recipient CSVs as offices write them: delimiters, encodings, header or none."""

from __future__ import annotations

import pytest

from pecdesk.cli.csv_input import decode_text, detect_delimiter, parse_recipients
from pecdesk.services.sending import plan_sending
from pecdesk.services.sending.campaigns import CampaignError, merge
from pecdesk.services.sending.preflight import IssueKind, Letter


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("Città".encode("cp1252"), "Città"),
        ("\ufeffCittà".encode(), "Città"),
        ("Città".encode(), "Città"),
    ],
)
def test_decode(raw: bytes, text: str) -> None:
    """UTF-8 with or without BOM, else Windows-1252."""
    assert decode_text(raw) == text


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("pec;nome\na@pec.it;Anna\n", ";"),
        ("pec,nome\na@pec.it,Anna\n", ","),
        ('nome,pec\n"Rossi; Bianchi",a@pec.it\n', ","),
        ("a@pec.it\n", ","),
    ],
)
def test_detect_delimiter(text: str, delimiter: str) -> None:
    """';' or ',' even when the other appears inside quotes."""
    assert detect_delimiter(text) == delimiter


def test_email_column_by_name_and_fields() -> None:
    """An 'E-mail' column holds the address wherever it is; every column is a merge field."""
    rows = parse_recipients('Nome;E-mail;Nota\n"Rossi; Figli";r@pec.it;x\nAnna;a@pec.it\n')
    assert [(r.address, r.line) for r in rows] == [("r@pec.it", 2), ("a@pec.it", 3)]
    assert rows[0].fields == {"Nome": "Rossi; Figli", "E-mail": "r@pec.it", "Nota": "x"}
    assert rows[1].fields["Nota"] == ""


def test_no_header_row() -> None:
    """When the first cell is an address there is no header: every line is a recipient."""
    rows = parse_recipients("a@pec.it\nb@pec.it\n")
    assert [r.address for r in rows] == ["a@pec.it", "b@pec.it"]


def test_empty_file_is_an_error() -> None:
    """A file with nothing in it is refused."""
    with pytest.raises(CampaignError, match="empty"):
        parse_recipients("\n\n")
    with pytest.raises(CampaignError, match="no address"):
        parse_recipients("pec;nome\n;Anna\n")


def test_merge_fields() -> None:
    """Markers match case-insensitively, blanks ignored; HTML bodies get escaped values."""
    assert merge("Ciao {{ Nome }}!", {"nome": "A & B"}) == "Ciao A & B!"
    assert merge("<p>{{nome}}</p>", {"nome": "<A>"}, escape_html=True) == "<p>&lt;A&gt;</p>"
    with pytest.raises(CampaignError, match="unknown merge field"):
        merge("{{cognome}}", {"nome": "x"})


def test_one_pec_for_all_refuses_merge_fields() -> None:
    """One PEC to all cannot carry per-recipient values: the plan blocks, naming why."""
    rows = parse_recipients("pec;nome\na@pec.it;A\nb@pec.it;B\n")
    blocked = plan_sending("s@pec.it", rows, Letter("Per {{nome}}", "x", one_for_all=True),
                           max_message_bytes=10_000)
    assert [i.kind for i in blocked.report.blocking] == [IssueKind.FIELDS_ONE_FOR_ALL]
    assert blocked.campaign is None
    plan = plan_sending("s@pec.it", rows, Letter("Avviso", "x", one_for_all=True),
                        max_message_bytes=10_000)
    assert [job.recipients for job in plan.jobs] == [("a@pec.it", "b@pec.it")]


def test_rows_without_an_address_are_kept_for_the_report() -> None:
    """A row with no address is not dropped: it is an invalid recipient on its own line."""
    rows = parse_recipients("pec;nome\na@pec.it;A\n;Bruno\n")
    assert [(r.line, r.valid) for r in rows] == [(2, True), (3, False)]
