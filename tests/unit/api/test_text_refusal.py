"""Text that UTF-8 cannot encode is found by the pre-flight, before any job is claimed.

A lone surrogate comes from a byte that was not UTF-8, decoded with ``surrogateescape`` (a file,
a file name, an environment variable). The client refuses it too (test_client_hostile.py); the
pre-flight makes sure such a PEC never reaches the queue at all.
"""

from __future__ import annotations

from pecdesk.recipients.addresses import make_recipient
from pecdesk.services.sending.preflight import IssueKind, Letter, check

LIMIT = 10_000


def test_a_lone_surrogate_in_the_subject_or_body_blocks_the_send() -> None:
    """Subject and body each give one blocking finding for the message, not a traceback."""
    rows = [make_recipient(2, "a@pec.it")]
    report = check(rows, Letter("Fattura \udce9", "Testo \udcff"), max_message_bytes=LIMIT)
    found = [(i.kind, i.line, i.detail) for i in report.blocking]
    assert (IssueKind.NOT_TEXT, 0, "subject") in found
    assert (IssueKind.NOT_TEXT, 0, "body") in found
    assert not report.ok


def test_a_lone_surrogate_in_a_merged_value_blocks_its_row_only() -> None:
    """A merged cell holding one blocks the row that uses it; the clean row passes."""
    rows = [
        make_recipient(2, "a@pec.it", {"Nome": "Anna"}),
        make_recipient(3, "b@pec.it", {"Nome": "Bruno \udc80"}),
    ]
    report = check(rows, Letter("Avviso", "Ciao {{Nome}}"), columns=["Nome"],
                   max_message_bytes=LIMIT)
    assert [(i.kind, i.line) for i in report.blocking] == [(IssueKind.NOT_TEXT, 3)]
