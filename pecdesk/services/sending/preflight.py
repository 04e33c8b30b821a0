"""The pre-flight report: every problem of a compose before anything is queued (pure checks).

Blocking errors stop the send; warnings only ask for a second look. Each names the spreadsheet
line it is about (0 for the message as a whole). Texts are English sources the UI translates
(context ``Preflight``) and fills with :attr:`Issue.detail`. Where a row's own file may lie and
what a file weighs are decided in :mod:`pecdesk.services.sending.attachment_files`.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from pecdesk.domain.delivery import is_ordinary_domain
from pecdesk.domain.text import unencodable_at
from pecdesk.i18n import QT_TRANSLATE_NOOP
from pecdesk.recipients import Recipient
from pecdesk.services.sending.attachment_files import Probe, confine, encoded_size, file_size
from pecdesk.services.sending.campaigns import (
    CampaignError,
    field_spellings,
    fields_used,
    merge,
)

DAILY_CAP = 3500
"""Recipients a day on PEC Massiva's Standard plan (domain.md a6)."""
ONE_FOR_ALL_MAX = 500
"""The most recipients one PEC may have at the largest provider (Aruba; domain.md a6)."""

SUPERSEDED_POLL_ROWS = 500
"""Rows checked between two looks at ``superseded`` (a few milliseconds of work)."""

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
"""Control characters (CR, LF, tab, NUL, C1, Unicode line/paragraph separators)."""


class Severity(Enum):
    """How much an issue matters.

    Attributes:
        BLOCKING: the send cannot start until it is fixed.
        WARNING: worth a look; the send may go ahead.
    """

    BLOCKING = "blocking"
    WARNING = "warning"


class IssueKind(Enum):
    """What is wrong; the value is the English text, ``{detail}`` filled from the issue.

    Attributes:
        NO_RECIPIENT: the list is empty.
        INVALID_ADDRESS: an address fails the syntax check.
        UNKNOWN_FIELD: a ``{{field}}`` names no column.
        MISSING_VALUE: a row has no value for a field the message uses.
        MISSING_ATTACHMENT: a file is missing or unreadable.
        TOO_LARGE: a message exceeds the account's size limit once encoded.
        EMPTY_SUBJECT: no subject.
        FIELDS_ONE_FOR_ALL: merge fields cannot differ in one PEC for all.
        FILES_ONE_FOR_ALL: a row's own attachments cannot go in one PEC for all.
        TOO_MANY_FOR_ONE: more recipients than one PEC may have.
        DUPLICATE: an address already listed on an earlier line.
        NOT_PEC: an address at an ordinary e-mail provider.
        OVER_DAILY_CAP: more recipients than the plan's daily cap.
        EMPTY_BODY: no text in the message.
        OUTSIDE_FOLDER: a row's own attachment resolves (symlinks followed) outside the chosen
            folder: an absolute path, ``../``, or a link pointing out. Never read, never sent.
        NOT_A_FILE: an attachment is not a regular file (a folder, a FIFO, a device).
        SUBJECT_CONTROL: the subject, once merged, holds a line break or another control
            character (from a merged cell, usually).
        NOT_TEXT: the subject, the body or a merged value holds a character that cannot be
            encoded (a lone surrogate: a byte that was not UTF-8); it could never be sent.
    """

    NO_RECIPIENT = QT_TRANSLATE_NOOP("Preflight", "There is no recipient.")
    INVALID_ADDRESS = QT_TRANSLATE_NOOP("Preflight", "Not a valid address: {detail}")
    UNKNOWN_FIELD = QT_TRANSLATE_NOOP("Preflight", "No column is called {detail}")
    MISSING_VALUE = QT_TRANSLATE_NOOP("Preflight", "No value for {detail}")
    MISSING_ATTACHMENT = QT_TRANSLATE_NOOP(
        "Preflight", "Attachment missing or unreadable: {detail}"
    )
    TOO_LARGE = QT_TRANSLATE_NOOP("Preflight", "The message is too large: {detail}")
    EMPTY_SUBJECT = QT_TRANSLATE_NOOP("Preflight", "The subject is empty.")
    FIELDS_ONE_FOR_ALL = QT_TRANSLATE_NOOP(
        "Preflight", "Merge fields cannot be used when one PEC goes to everybody."
    )
    FILES_ONE_FOR_ALL = QT_TRANSLATE_NOOP(
        "Preflight", "A recipient's own attachments cannot go in one PEC to everybody: {detail}"
    )
    TOO_MANY_FOR_ONE = QT_TRANSLATE_NOOP(
        "Preflight", "One PEC may have at most {detail} recipients."
    )
    DUPLICATE = QT_TRANSLATE_NOOP("Preflight", "Repeated address, sent once only: {detail}")
    NOT_PEC = QT_TRANSLATE_NOOP(
        "Preflight", "Not a PEC provider, delivery will not be certified: {detail}"
    )
    OVER_DAILY_CAP = QT_TRANSLATE_NOOP(
        "Preflight", "More recipients than the daily cap of the Standard plan: {detail}"
    )
    EMPTY_BODY = QT_TRANSLATE_NOOP("Preflight", "The message has no text.")
    OUTSIDE_FOLDER = QT_TRANSLATE_NOOP(
        "Preflight", "Attachment outside the attachments folder, not allowed: {detail}"
    )
    NOT_A_FILE = QT_TRANSLATE_NOOP("Preflight", "Attachment is not a regular file: {detail}")
    SUBJECT_CONTROL = QT_TRANSLATE_NOOP(
        "Preflight", "The subject contains a line break or a control character: {detail}"
    )
    NOT_TEXT = QT_TRANSLATE_NOOP(
        "Preflight", "Not valid text (holds a byte that was not UTF-8): {detail}"
    )


BLOCKING_KINDS = frozenset(
    {
        IssueKind.NO_RECIPIENT, IssueKind.INVALID_ADDRESS, IssueKind.UNKNOWN_FIELD,
        IssueKind.MISSING_VALUE, IssueKind.MISSING_ATTACHMENT, IssueKind.TOO_LARGE,
        IssueKind.EMPTY_SUBJECT, IssueKind.FIELDS_ONE_FOR_ALL, IssueKind.TOO_MANY_FOR_ONE,
        IssueKind.FILES_ONE_FOR_ALL, IssueKind.OUTSIDE_FOLDER, IssueKind.NOT_A_FILE,
        IssueKind.SUBJECT_CONTROL, IssueKind.NOT_TEXT,
    }
)
"""What stops a send.

A control character in the subject blocks rather than being collapsed to a space: a PEC is a
legal document, and its subject must be exactly what the sender saw and approved, never a text
pecdesk rewrote on its own (nor one that could split a mail header).
"""


@dataclass(frozen=True, slots=True)
class Issue:
    """One finding of the pre-flight check.

    Attributes:
        kind: what is wrong.
        line: the spreadsheet line it concerns; 0 for the message as a whole.
        detail: the value that fills ``{detail}`` (an address, a field, a file…).
    """

    kind: IssueKind
    line: int = 0
    detail: str = ""

    @property
    def severity(self) -> Severity:
        """Blocking or warning, by kind."""
        return Severity.BLOCKING if self.kind in BLOCKING_KINDS else Severity.WARNING


@dataclass(frozen=True, slots=True)
class Letter:
    """The message as composed, before merging.

    Attributes:
        subject: the subject template.
        body: the HTML body template.
        attachments: the files every recipient gets.
        folder: where per-recipient attachment names are looked up.
        one_for_all: one PEC to every recipient instead of one each.
    """

    subject: str
    body: str
    attachments: tuple[Path, ...] = ()
    folder: Path | None = None
    one_for_all: bool = False


@dataclass(frozen=True, slots=True)
class Report:
    """The findings, in list order.

    Attributes:
        issues: every finding.
        largest: the largest encoded message size found, in bytes.
        message_sizes: each spreadsheet line's message size once encoded, in bytes.
        own_files: each line's own attachments as (file name, size or None when unreadable).
    """

    issues: tuple[Issue, ...] = ()
    largest: int = 0
    message_sizes: Mapping[int, int] = field(default_factory=dict)
    own_files: Mapping[int, tuple[tuple[str, int | None], ...]] = field(default_factory=dict)

    @property
    def blocking(self) -> list[Issue]:
        """The findings that stop the send."""
        return [i for i in self.issues if i.severity is Severity.BLOCKING]

    @property
    def warnings(self) -> list[Issue]:
        """The findings that only warn."""
        return [i for i in self.issues if i.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        """True when nothing blocks."""
        return not self.blocking


def missing_kind(path: Path) -> IssueKind:
    """Why ``path`` cannot be attached: not a regular file, or missing/unreadable."""
    try:
        regular = stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return IssueKind.MISSING_ATTACHMENT
    return IssueKind.MISSING_ATTACHMENT if regular else IssueKind.NOT_A_FILE


def merged_subject(letter: Letter, recipient: Recipient) -> str | None:
    """The subject ``recipient`` gets; None when a field it uses is unknown (reported apart)."""
    if letter.one_for_all:
        return letter.subject
    try:
        return merge(letter.subject, recipient.fields)
    except CampaignError:
        return None


def control_characters(text: str) -> bool:
    """True when ``text`` holds CR, LF, tab or any other control character."""
    return _CONTROL.search(text) is not None


def visible(text: str, limit: int = 80) -> str:
    r"""``text`` with each control character shown as an escape (``\n``, ``\x00``), shortened."""
    shown = _CONTROL.sub(lambda m: repr(m.group(0))[1:-1], text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


class CheckSupersededError(Exception):
    """A newer check made this one pointless: the form changed while it ran (not a PecError)."""


@dataclass
class _Checker:
    letter: Letter
    columns: Sequence[str]
    max_bytes: int
    probe: Probe
    issues: list[Issue] = field(default_factory=list)
    sizes: dict[Path, int | None] = field(default_factory=dict)
    largest: int = 0
    message_sizes: dict[int, int] = field(default_factory=dict)
    own_files: dict[int, tuple[tuple[str, int | None], ...]] = field(default_factory=dict)

    def add(self, kind: IssueKind, line: int = 0, detail: str = "") -> None:
        self.issues.append(Issue(kind, line, detail))

    def size_of(self, path: Path) -> int | None:
        if path not in self.sizes:
            self.sizes[path] = self.probe(path)
        return self.sizes[path]

    def own_size(self, name: str, line: int) -> int | None:
        """The size of a row's own file; None, with its issue, when it cannot be attached.

        A name resolving outside the folder is never probed (never opened, never read).
        """
        path = confine(self.letter.folder, name)
        if path is None:
            self.add(IssueKind.OUTSIDE_FOLDER, line, name)
            return None
        size = self.size_of(path)
        if size is None:
            self.add(missing_kind(path), line, name)
        return size

    def message(self, recipients: Sequence[Recipient]) -> set[str]:
        letter = self.letter
        if not letter.subject.strip():
            self.add(IssueKind.EMPTY_SUBJECT)
        elif control_characters(letter.subject):
            self.add(IssueKind.SUBJECT_CONTROL, 0, visible(letter.subject))
        if not letter.body.strip():
            self.add(IssueKind.EMPTY_BODY)
        for part, text in (("subject", letter.subject), ("body", letter.body)):
            if unencodable_at(text) is not None:  # the client would refuse it (issue 13)
                self.add(IssueKind.NOT_TEXT, 0, part)
        if not recipients:
            self.add(IssueKind.NO_RECIPIENT)
        used = fields_used(letter.subject, letter.body)
        known = {c.strip().lower() for c in self.columns}
        spelled = field_spellings(letter.subject, letter.body)
        for name in sorted(used - known) if recipients else ():  # no list: no columns to miss
            self.add(IssueKind.UNKNOWN_FIELD, 0, f"{{{{{spelled.get(name, name)}}}}}")
        if letter.one_for_all and used:
            self.add(IssueKind.FIELDS_ONE_FOR_ALL)
        if letter.one_for_all and len(recipients) > ONE_FOR_ALL_MAX:
            self.add(IssueKind.TOO_MANY_FOR_ONE, 0, str(ONE_FOR_ALL_MAX))
        return used & known

    def row(self, recipient: Recipient, used: set[str], seen: dict[str, int]) -> None:
        line = recipient.line
        if not recipient.valid:
            self.add(IssueKind.INVALID_ADDRESS, line, recipient.raw or "—")
        elif recipient.key in seen:
            self.add(IssueKind.DUPLICATE, line, recipient.address)
        else:
            seen[recipient.key] = line
            if is_ordinary_domain(recipient.address):
                self.add(IssueKind.NOT_PEC, line, recipient.address)
        if self.letter.one_for_all and recipient.attachments:
            self.add(IssueKind.FILES_ONE_FOR_ALL, line, ", ".join(recipient.attachments))
        folded = {k.strip().lower(): v for k, v in recipient.fields.items()}
        for name in sorted(used):
            if not folded.get(name, "").strip():
                self.add(IssueKind.MISSING_VALUE, line, f"{{{{{name}}}}}")
            elif unencodable_at(folded[name]) is not None:
                self.add(IssueKind.NOT_TEXT, line, f"{{{{{name}}}}}")
        if not control_characters(self.letter.subject):
            subject = merged_subject(self.letter, recipient)
            if subject is not None and control_characters(subject):
                self.add(IssueKind.SUBJECT_CONTROL, line, visible(subject))
        # Shared files missing are reported once, for the message.
        total = len(self.letter.body.encode("utf-8", "replace")) + sum(
            self.size_of(path) or 0 for path in self.letter.attachments
        )
        own: list[tuple[str, int | None]] = []
        for name in recipient.attachments:
            size = self.own_size(name, line)
            own.append((name, size))
            total += size or 0
        encoded = encoded_size(total)
        self.largest = max(self.largest, encoded)
        self.message_sizes[line] = encoded
        self.own_files[line] = tuple(own)
        if encoded > self.max_bytes:
            self.add(IssueKind.TOO_LARGE, line, f"{encoded:,} > {self.max_bytes:,} bytes")


def check(
    recipients: Sequence[Recipient],
    letter: Letter,
    *,
    columns: Sequence[str] = (),
    max_message_bytes: int,
    daily_cap: int = DAILY_CAP,
    probe: Probe = file_size,
    superseded: Callable[[], bool] | None = None,
) -> Report:
    """Every blocking error and warning of sending ``letter`` to ``recipients``.

    Args:
        recipients: the list, in order.
        letter: the message templates and files.
        columns: the merge fields available (the spreadsheet's column names).
        max_message_bytes: the account's per-message limit (encoded size).
        daily_cap: recipients per day before warning.
        probe: tells a file's size (None when missing or unreadable).
        superseded: asked every few hundred rows; True stops the check (the window's live
            check in a worker thread, when the person typed on meanwhile).

    Raises:
        CheckSupersededError: ``superseded`` said so.
    """
    checker = _Checker(letter, columns, max_message_bytes, probe)
    used = checker.message(recipients)
    for path in letter.attachments:
        if checker.size_of(path) is None:
            checker.add(missing_kind(path), 0, path.name)
    seen: dict[str, int] = {}
    for n, recipient in enumerate(recipients):
        if superseded is not None and n % SUPERSEDED_POLL_ROWS == 0 and superseded():
            raise CheckSupersededError
        checker.row(recipient, used, seen)
    if len(seen) > daily_cap:
        checker.add(IssueKind.OVER_DAILY_CAP, 0, f"{len(seen):,} > {daily_cap:,}")
    return Report(
        tuple(checker.issues), checker.largest, checker.message_sizes, checker.own_files
    )
