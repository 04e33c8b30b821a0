"""One planning step: recipient table + letter + attachments → one campaign (blocking, Qt-free).

The Compose tab, ``pecdesk send``, the self-test and the tests all prepare a sending here, so the
same list gives the same PECs whichever door it comes through: one address normalisation
(:func:`pecdesk.recipients.addresses.make_recipient`: ``<a@pec.it>`` and ``mailto:`` accepted), the
full pre-flight report (:func:`~pecdesk.services.sending.preflight.check`: every blocking error and
warning, each with its spreadsheet line), and **one campaign per compose action**: the files
everybody gets sit on the campaign, a recipient's own files on that recipient's job, so the Sent
tab shows one campaign of N recipients even when each has an invoice of their own.

No row is ever dropped silently: a row becomes a job, or the report names its line (an invalid
address blocks; a repeated address is a warning and is sent once, on its first line).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from pecdesk.domain.jobs import is_address
from pecdesk.recipients import Recipient
from pecdesk.services.sending.attachment_files import confine, file_size
from pecdesk.services.sending.campaigns import CampaignError, merge
from pecdesk.services.sending.preflight import (
    DAILY_CAP,
    Issue,
    IssueKind,
    Letter,
    Report,
    check,
)
from pecdesk.storage import AttachmentData, NewCampaign, NewJob
from pecdesk.storage.regular_file import IrregularFileError, read_regular

_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")

Reader = Callable[[Path], bytes]
"""Reads a file's bytes (``Path.read_bytes``; tests may pass another)."""


@dataclass(frozen=True, slots=True)
class SendingPlan:
    """What one compose action would send, and everything wrong with it.

    Attributes:
        report: the pre-flight report (blocking errors and warnings, by spreadsheet line).
        campaign: the campaign to enqueue; None while anything blocks.
        lines: the spreadsheet line each job comes from, in job order (0 for one PEC to all).
        test: True for a test send to the account's own mailbox (the repeat guard skips it).
    """

    report: Report
    campaign: NewCampaign | None = None
    lines: tuple[int, ...] = ()
    test: bool = False

    @property
    def ok(self) -> bool:
        """True when nothing blocks and the campaign is ready to enqueue."""
        return self.report.ok and self.campaign is not None

    @property
    def jobs(self) -> tuple[NewJob, ...]:
        """The PECs it sends (none while it blocks)."""
        return () if self.campaign is None else self.campaign.jobs

    @property
    def recipient_count(self) -> int:
        """How many recipients its PECs go to."""
        return sum(len(job.recipients) for job in self.jobs)

    def digests(self) -> tuple[str, ...]:
        """Each job's payload digest, in job order."""
        return () if self.campaign is None else self.campaign.job_digests()


def columns_of(recipients: Sequence[Recipient]) -> list[str]:
    """The merge fields the recipients carry: every column name, first seen first."""
    names: dict[str, None] = {}
    for recipient in recipients:
        names.update(dict.fromkeys(recipient.fields))
    return list(names)


def plan_sending(
    sender: str,
    recipients: Sequence[Recipient],
    letter: Letter,
    *,
    max_message_bytes: int,
    columns: Sequence[str] | None = None,
    daily_cap: int = DAILY_CAP,
    service: str = "",
    test: bool = False,
    read: Reader = read_regular,
) -> SendingPlan:
    """Check ``letter`` to ``recipients`` and, when nothing blocks, build its one campaign.

    Reads every attachment (blocking: run it off the window's thread). A file that cannot be
    read is a blocking issue of the report, never an exception. A row's own file is looked up
    in ``letter.folder`` and must resolve inside it (symlinks followed), checked again right
    before reading: a name leading out of the folder is never opened.

    Args:
        sender: the PEC address sent from.
        recipients: the rows, in list order (invalid and repeated ones included: the report
            names them).
        letter: the subject and body templates, the shared files, the folder of the rows'
            own files, and the one-PEC-to-all choice.
        max_message_bytes: the account's per-message limit (encoded size).
        columns: the merge fields available; default: the column names the rows carry.
        daily_cap: recipients per day before warning.
        service: the service the campaign is for (``service_key`` of the base URL), or "".
        test: mark the plan as a test send (the repeat guard does not apply to it).
        read: reads a regular file's bytes (default: never blocks on a FIFO or a device).

    Raises:
        CampaignError: ``sender`` is not an e-mail address (the account is misconfigured).
    """
    if not is_address(sender.strip()):
        raise CampaignError(problem=f"the sender {sender!r} is not an e-mail address")
    fields = columns_of(recipients) if columns is None else list(columns)
    report = check(
        recipients, letter, columns=fields, max_message_bytes=max_message_bytes,
        daily_cap=daily_cap, probe=file_size,
    )
    if not report.ok:
        return SendingPlan(report, test=test)
    kept = _first_of_each(recipients)
    files = _Files(read)
    shared = tuple(files.get(path, 0) for path in letter.attachments)
    if letter.one_for_all:
        jobs: tuple[NewJob, ...] = (
            NewJob(tuple(r.address for r in kept), letter.subject, letter.body),
        )
        lines: tuple[int, ...] = (0,)
    else:
        is_html = bool(_HTML_TAG.search(letter.body))
        jobs = tuple(
            NewJob(
                (r.address,),
                merge(letter.subject, r.fields),
                merge(letter.body, r.fields, escape_html=is_html),
                tuple(files.own(letter.folder, name, r.line) for name in r.attachments),
            )
            for r in kept
        )
        lines = tuple(r.line for r in kept)
    if files.problems:
        blocked = replace(report, issues=(*report.issues, *files.problems))
        return SendingPlan(blocked, test=test)
    campaign = NewCampaign(
        sender.strip(), letter.subject, letter.body, letter.one_for_all, shared, jobs,
        service=service,
    )
    return SendingPlan(report, campaign, lines, test)


def _first_of_each(recipients: Sequence[Recipient]) -> list[Recipient]:
    """The valid rows, each address once: its first line wins (the report lists the others)."""
    seen: set[str] = set()
    kept: list[Recipient] = []
    for recipient in recipients:
        if recipient.valid and recipient.key not in seen:
            seen.add(recipient.key)
            kept.append(recipient)
    return kept


class _Files:
    """Each file read once, however many rows name it; unreadable ones become issues."""

    def __init__(self, read: Reader) -> None:
        self._read = read
        self._cache: dict[tuple[Path, str], AttachmentData] = {}
        self.problems: list[Issue] = []

    def get(self, path: Path, line: int, name: str | None = None) -> AttachmentData:
        shown = path.name if name is None else name
        key = (path, shown)
        if key not in self._cache:
            try:
                self._cache[key] = AttachmentData(Path(shown).name, self._read(path))
            except OSError as exc:
                # Readable when the report looked, gone (or swapped) now: say so, for its line.
                self._cache[key] = AttachmentData(Path(shown).name, b"")
                kind = (IssueKind.NOT_A_FILE if isinstance(exc, IrregularFileError)
                        else IssueKind.MISSING_ATTACHMENT)
                self.problems.append(Issue(kind, line, shown))
        return self._cache[key]

    def own(self, folder: Path | None, name: str, line: int) -> AttachmentData:
        """A row's own file, confined to ``folder`` again right before it is read."""
        path = confine(folder, name)
        if path is None:
            self.problems.append(Issue(IssueKind.OUTSIDE_FOLDER, line, name))
            return AttachmentData(Path(name).name, b"")
        return self.get(path, line, name)
