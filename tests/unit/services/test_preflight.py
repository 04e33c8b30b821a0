"""The pre-flight report: each blocking error and each warning, with the line it names."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pecdesk.recipients.addresses import make_recipient
from pecdesk.services.sending.attachment_files import Probe, confine, encoded_size, file_size
from pecdesk.services.sending.preflight import Issue, IssueKind, Letter, Severity, check

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



def test_an_unknown_field_is_named_as_written_and_not_without_a_list() -> None:
    """A missing field is named as the letter spells it ("{{Cognome}}").

    With no recipients at all only the empty list is reported: there are no columns yet.
    """
    letter = Letter("S", "Gentile {{Cognome}}")
    rows = [make_recipient(2, "a@pec.it", {"Nome": "A"})]
    report = check(rows, letter, columns=["Nome"], max_message_bytes=LIMIT, probe=sizes({}))
    assert [i.detail for i in report.blocking if i.kind is IssueKind.UNKNOWN_FIELD] == [
        "{{Cognome}}"
    ]
    empty = check([], letter, max_message_bytes=LIMIT, probe=sizes({}))
    assert kinds(empty.blocking) == {(IssueKind.NO_RECIPIENT, 0)}

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


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An attachments folder with a good file, a subfolder, and a secret file beside it."""
    chosen = tmp_path / "fatture"
    (chosen / "sub").mkdir(parents=True)
    (chosen / "ok.pdf").write_bytes(b"%PDF ok")
    (chosen / "sub" / "nested.pdf").write_bytes(b"%PDF nested")
    (tmp_path / "segreto.txt").write_bytes(b"password=hunter2")
    return chosen


def recording() -> tuple[Probe, list[Path]]:
    """The real probe, remembering every path it was asked about."""
    seen: list[Path] = []

    def probe(path: Path) -> int | None:
        seen.append(path)
        return file_size(path)

    return probe, seen


def test_attachments_leaving_the_folder_block_and_are_never_probed(
    folder: Path, tmp_path: Path
) -> None:
    """``../``, an absolute path and a symlink pointing out: blocking, by line, never opened."""
    os.symlink(tmp_path / "segreto.txt", folder / "link.pdf")
    os.symlink(folder / "ok.pdf", folder / "inner.pdf")
    rows = [
        make_recipient(2, "a@pec.it", attachments=("ok.pdf", "sub/nested.pdf", "inner.pdf")),
        make_recipient(3, "b@pec.it", attachments=("../segreto.txt",)),
        make_recipient(4, "c@pec.it", attachments=(str(tmp_path / "segreto.txt"),)),
        make_recipient(5, "d@pec.it", attachments=("link.pdf",)),
        make_recipient(6, "e@pec.it", attachments=("sub/../../segreto.txt",)),
        make_recipient(7, "f@pec.it", attachments=("..\\segreto.txt",)),
    ]
    probe, seen = recording()
    report = check(rows, Letter("S", "B", folder=folder), max_message_bytes=LIMIT, probe=probe)
    assert [(i.kind, i.line, i.detail) for i in report.blocking] == [
        (IssueKind.OUTSIDE_FOLDER, 3, "../segreto.txt"),
        (IssueKind.OUTSIDE_FOLDER, 4, str(tmp_path / "segreto.txt")),
        (IssueKind.OUTSIDE_FOLDER, 5, "link.pdf"),
        (IssueKind.OUTSIDE_FOLDER, 6, "sub/../../segreto.txt"),
        (IssueKind.OUTSIDE_FOLDER, 7, "..\\segreto.txt"),
    ]
    assert all(i.severity is Severity.BLOCKING for i in report.blocking)
    assert tmp_path / "segreto.txt" not in seen
    assert all(p.is_relative_to(folder.resolve()) for p in seen)
    assert report.own_files[2] == (("ok.pdf", 7), ("sub/nested.pdf", 11), ("inner.pdf", 7))
    assert report.own_files[5] == (("link.pdf", None),)


def test_confine_follows_symlinks_and_refuses_every_way_out(folder: Path, tmp_path: Path) -> None:
    """Inside names resolve to their real path; outside ones (any spelling) give None."""
    os.symlink(tmp_path, folder / "up")
    assert confine(folder, "sub/nested.pdf") == (folder / "sub" / "nested.pdf").resolve()
    for name in ["../segreto.txt", "/etc/passwd", "up/segreto.txt", "C:\\x.pdf", "\\\\srv\\x",
                 "", "a\x00b"]:
        assert confine(folder, name) is None, name


def test_fifo_directory_and_device_are_not_files_and_never_block(folder: Path) -> None:
    """A FIFO, a folder and a device named as attachments: blocking, and the check returns."""
    os.mkfifo(folder / "pipe.pdf")
    os.symlink("/dev/zero", folder / "zero.pdf")
    rows = [
        make_recipient(2, "a@pec.it", attachments=("pipe.pdf",)),
        make_recipient(3, "b@pec.it", attachments=("sub",)),
        make_recipient(4, "c@pec.it", attachments=("zero.pdf",)),
    ]
    shared = (folder / "pipe.pdf",)
    report = check(rows, Letter("S", "B", shared, folder), max_message_bytes=LIMIT)
    assert [(i.kind, i.line) for i in report.blocking] == [
        (IssueKind.NOT_A_FILE, 0),
        (IssueKind.NOT_A_FILE, 2),
        (IssueKind.NOT_A_FILE, 3),
        (IssueKind.OUTSIDE_FOLDER, 4),
    ]
    assert file_size(folder / "pipe.pdf") is None


def test_control_characters_in_the_merged_subject_block_their_row() -> None:
    """CR/LF or a tab from a merged cell blocks that row, shown escaped; clean rows pass."""
    rows = [
        make_recipient(2, "a@pec.it", {"Nome": "Anna"}),
        make_recipient(3, "b@pec.it", {"Nome": "Bruno\r\nBcc: spia@pec.it"}),
        make_recipient(4, "c@pec.it", {"Nome": "Carla\tRossi"}),
        make_recipient(5, "d@pec.it", {"Nome": "Dario\u2028"}),
    ]
    report = check(rows, Letter("Per {{Nome}}", "B"), columns=["Nome"], max_message_bytes=LIMIT)
    assert [(i.kind, i.line, i.detail) for i in report.blocking] == [
        (IssueKind.SUBJECT_CONTROL, 3, "Per Bruno\\r\\nBcc: spia@pec.it"),
        (IssueKind.SUBJECT_CONTROL, 4, "Per Carla\\tRossi"),
        (IssueKind.SUBJECT_CONTROL, 5, "Per Dario\\u2028"),
    ]


def test_control_characters_in_the_subject_itself_block_once() -> None:
    """A line break typed in the subject template is one finding for the message, not per row."""
    rows = [make_recipient(2, "a@pec.it"), make_recipient(3, "b@pec.it")]
    report = check(rows, Letter("Avviso\nurgente", "B"), max_message_bytes=LIMIT)
    assert [(i.kind, i.line) for i in report.blocking] == [(IssueKind.SUBJECT_CONTROL, 0)]
