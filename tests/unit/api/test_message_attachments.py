"""Attachments of GET /inbox/{id}: none as documented, and every shape a service might send.

The documented answer (api.md 4.5) and the sandbox carry no attachments; the shapes below are
those POST /send takes (api.md 7.9) and their variants, which only a scripted transport makes.
"""

from __future__ import annotations

import base64
from typing import Any

import pytest

from pecdesk.api import PecMassivaClient
from pecdesk.api.schemas import decode_file, parse_attachments
from pecdesk.domain.models import Attachment
from pecdesk.sandbox import EmbeddedSandbox
from tests.helpers.api import call, reply, run
from tests.helpers.sandbox import MAILBOX, PASSWORD, TOKEN

DATE = "Wed, 26 Aug 2020 10:00:35 +0200"
PDF = b"%PDF-1.4\n\x00\xff binary \xe8 bytes\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00"


def _message(extra: dict[str, Any]) -> dict[str, Any]:
    data = {"sender": "a@b.it", "recipient": "c@d.it", "date": DATE, "object": "x", "body": "y"}
    return {"success": True, "message": "", "data": {**data, **extra}}


def test_the_documented_answer_has_no_attachments() -> None:
    """No ``attachments`` key, as api.md 4.5 documents: an empty tuple, not an error."""
    message = call(lambda request: reply(200, _message({})), lambda c: c.message(3))
    assert message.attachments == ()


def test_raw_base64_and_data_uri_are_both_decoded() -> None:
    """Raw base64 (the SDKs) and a data URI (the OAS example) give the same bytes."""
    files = [
        {"name": "fattura.pdf", "file": base64.b64encode(PDF).decode()},
        {"name": "logo.png", "file": "data:image/png;base64," + base64.b64encode(PNG).decode()},
    ]
    message = call(lambda request: reply(200, _message({"attachments": files})),
                   lambda c: c.message(3))
    assert message.attachments == (
        Attachment("fattura.pdf", PDF, ""),
        Attachment("logo.png", PNG, "image/png"),
    )
    assert message.attachments[0].size == len(PDF)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ()),
        ("fattura.pdf", ()),
        (42, ()),
        ([], ()),
        # One object, as the OAS schema (not its example) has it.
        ({"name": "a.txt", "file": "aGk="}, (Attachment("a.txt", b"hi", ""),)),
        # Items that are not objects are skipped; other key names are read.
        (["x", 3, {"filename": "b.txt", "content": "aGk"}], (Attachment("b.txt", b"hi", ""),)),
        # Line-wrapped base64 (as in MIME) and the URL-safe alphabet.
        ([{"name": "c", "file": "aGVs\nbG8="}], (Attachment("c", b"hello", ""),)),
        ([{"name": "d", "file": "-_8="}], (Attachment("d", b"\xfb\xff", ""),)),
        # Not base64: listed with no bytes, so the person learns it exists.
        ([{"name": "e.doc", "file": "not base64!"}], (Attachment("e.doc", None, ""),)),
        # No name and no file: nothing to list. A file with no name is listed.
        ([{}, {"name": None, "file": None}], ()),
        ([{"file": "aGk="}], (Attachment("", b"hi", ""),)),
    ],
)
def test_attachments_are_read_leniently(value: object, expected: tuple[Attachment, ...]) -> None:
    """Every variant becomes attachments or nothing; none raises."""
    assert parse_attachments(value) == expected


def test_a_data_uri_without_base64_is_percent_decoded() -> None:
    """``data:text/plain,Ciao%20a%20tutti`` is text, not base64."""
    assert decode_file("data:text/plain,Ciao%20a%20tutti") == (b"Ciao a tutti", "text/plain")
    assert decode_file("data:no-comma") == (None, "")


def test_the_sandbox_passes_on_no_attachments(sandbox: EmbeddedSandbox) -> None:
    """The sandbox, like the documented service, answers GET /inbox/{id} without any."""
    sandbox.seed_inbox(MAILBOX, 3)

    async def first_message() -> tuple[Attachment, ...]:
        async with PecMassivaClient(sandbox.base_url, TOKEN, MAILBOX, PASSWORD) as client:
            page = await client.inbox_page(1)
            return (await client.message(page.items[0].id)).attachments

    assert run(first_message()) == ()
