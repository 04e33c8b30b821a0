"""The pre-flight report: each blocking error and each warning, with the line it names."""

from __future__ import annotations

from pathlib import Path

from pecdesk.recipients.addresses import make_recipient
from pecdesk.services.preflight import (
    Issue,
    IssueKind,
    Letter,
    Probe,
    Severity,
    check,
    encoded_size,
)

LIMIT = 1000


def sizes(table: dict[str, int]) -> Probe:
    def probe(path: Path) -> int | None:
        return table.get(path.name)

    return probe


def kinds(issues: list[Issue]) -> set[tuple[IssueKind, int]]:
    return {(i.kind, i.line) for i in issues}


def test_clean_compose_has_no_issue() -> None:
    """A valid list and letter pass."""
    rows = [make_recipient(2, "a@pec.it", {"Nome": "Anna"})]
    report = check(rows, Letter("Per {{nome}}", "<p>Ciao {{Nome}}</p>"), columns=["Nome"],
                   max_message_bytes=LIMIT)
    assert report.ok
    assert report.issues == ()


def test_each_blocking_error_names_its_line() -> None:
    """Invalid address, missing value, missing file, too large, unknown field, empty subject."""
    rows = [
        make_recipient(2, "not-an-address", {"Nome": "A"}),
        make_recipient(3, "b@pec.it", {"Nome": ""}),
        make_recipient(4, "c@pec.it", {"Nome": "C"}, ("missing.pdf",)),
        make_recipient(5, "d@pec.it", {"Nome": "D"}, ("big.pdf",)),
    ]
    letter = Letter("", "Ciao {{Nome}} {{Cognome}}", folder=Path("/data"))
    report = check(rows, letter, columns=["Nome"], max_message_bytes=LIMIT,
                   probe=sizes({"big.pdf": 5000}))
    assert kinds(report.blocking) == {
        (IssueKind.EMPTY_SUBJECT, 0),
        (IssueKind.UNKNOWN_FIELD, 0),
        (IssueKind.INVALID_ADDRESS, 2),
        (IssueKind.MISSING_VALUE, 3),
        (IssueKind.MISSING_ATTACHMENT, 4),
        (IssueKind.TOO_LARGE, 5),
    }
    assert all(i.severity is Severity.BLOCKING for i in report.blocking)
    assert not report.ok


def test_shared_attachment_missing_and_no_recipient() -> None:
    """A missing shared file is reported once; an empty list blocks."""
    report = check([], Letter("S", "B", attachments=(Path("gone.pdf"),)),
                   max_message_bytes=LIMIT, probe=sizes({}))
    assert kinds(report.blocking) == {
        (IssueKind.NO_RECIPIENT, 0), (IssueKind.MISSING_ATTACHMENT, 0)
    }


def test_each_warning() -> None:
    """Duplicate address, non-PEC domain, over the daily cap: warnings, Send stays allowed."""
    rows = [
        make_recipient(2, "a@pec.it"),
        make_recipient(3, "A@PEC.it"),
        make_recipient(4, "someone@gmail.com"),
    ]
    report = check(rows, Letter("S", "B"), max_message_bytes=LIMIT, daily_cap=1)
    assert report.ok
    assert kinds(report.warnings) == {
        (IssueKind.DUPLICATE, 3),
        (IssueKind.NOT_PEC, 4),
        (IssueKind.OVER_DAILY_CAP, 0),
    }


def test_one_for_all_rules() -> None:
    """One PEC to all refuses merge fields."""
    rows = [make_recipient(2, "a@pec.it", {"Nome": "A"})]
    report = check(rows, Letter("Per {{Nome}}", "B", one_for_all=True), columns=["Nome"],
                   max_message_bytes=LIMIT)
    assert kinds(report.blocking) == {(IssueKind.FIELDS_ONE_FOR_ALL, 0)}


def test_one_for_all_refuses_own_attachments() -> None:
    """A row's own files cannot ride in one PEC to everybody: blocked on that row's line."""
    rows = [make_recipient(2, "a@pec.it", {}, ("a.pdf",)), make_recipient(3, "b@pec.it")]
    report = check(rows, Letter("Avviso", "B", one_for_all=True), max_message_bytes=LIMIT,
                   probe=sizes({"a.pdf": 10}))
    assert kinds(report.blocking) == {(IssueKind.FILES_ONE_FOR_ALL, 2)}
    assert report.blocking[0].detail == "a.pdf"


def test_encoded_size_counts_base64() -> None:
    """Base64 grows by a third; the report keeps the largest message."""
    assert encoded_size(3) == 4
    assert encoded_size(300) == 400
    rows = [make_recipient(2, "a@pec.it", attachments=("f.pdf",))]
    report = check(rows, Letter("S", "x" * 30, folder=Path()), max_message_bytes=LIMIT,
                   probe=sizes({"f.pdf": 270}))
    assert report.largest == 400


def test_sizes_per_line_and_per_own_file() -> None:
    """Each line's encoded message size and each own file's size are in the report."""
    rows = [
        make_recipient(2, "a@pec.it", {}, ("a.pdf",)),
        make_recipient(3, "b@pec.it", {}, ("gone.pdf",)),
    ]
    letter = Letter("Oggetto", "corpo", attachments=(Path("/data/shared.pdf"),),
                    folder=Path("/data"))
    report = check(rows, letter, max_message_bytes=LIMIT,
                   probe=sizes({"a.pdf": 300, "shared.pdf": 30}))
    assert report.message_sizes == {2: encoded_size(5 + 30 + 300), 3: encoded_size(5 + 30)}
    assert report.own_files == {2: (("a.pdf", 300),), 3: (("gone.pdf", None),)}
