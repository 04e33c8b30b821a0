"""Checking and normalising addresses, and splitting pasted text."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pecdesk.recipients import check_address, from_text, with_typed
from pecdesk.recipients.addresses import address_key, make_recipient
from pecdesk.services.sending.draft import Draft


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("  Mario.Rossi@PEC.IT ", "Mario.Rossi@pec.it"),
        ("<anna@pec.it>", "anna@pec.it"),
        ("mailto:anna@pec.it", "anna@pec.it"),
    ],
)
def test_valid(text: str, address: str) -> None:
    """Blanks, angle brackets and mailto: go; the domain is lower-cased."""
    assert check_address(text) == (address, "")


@pytest.mark.parametrize("text", ["", "anna", "a@b", "a..b@pec.it", "a@@pec.it", "a b@pec.it"])
def test_invalid(text: str) -> None:
    """Syntax errors come with a reason."""
    assert check_address(text)[1]


def test_from_text_separators() -> None:
    """Newlines, commas and semicolons all separate; lines count from 1."""
    rows = from_text("a@pec.it, b@pec.it;\n\nnot-an-address\r\nc@pec.it")
    assert [(r.line, r.address, r.valid) for r in rows] == [
        (1, "a@pec.it", True),
        (2, "b@pec.it", True),
        (3, "not-an-address", False),
        (4, "c@pec.it", True),
    ]


def test_typed_addresses_are_numbered_after_the_sheet() -> None:
    """Sheet rows 2-3, then two typed: lines 2, 3, 4, 5 (no two recipients share a line)."""
    sheet = [make_recipient(2, "anna@pec.it"), make_recipient(3, "bruno@pec.it")]
    rows = with_typed(sheet, "carla@pec.it\nnot-an-address")
    assert [(r.line, r.address) for r in rows] == [
        (2, "anna@pec.it"), (3, "bruno@pec.it"), (4, "carla@pec.it"), (5, "not-an-address"),
    ]
    assert [r.line for r in with_typed([], "a@pec.it, b@pec.it")] == [1, 2]
    draft = Draft(pasted="carla@pec.it", imported=tuple(sheet))
    assert [r.line for r in draft.recipients()] == [2, 3, 4]


@pytest.mark.parametrize(
    "text",
    [
        " Demo@PEC.Example.IT ",
        "<mailto:A.Rossi@Pec.It>",
        "a..b@pec.it",  # invalid: keyed as written, lower-cased, as check_address leaves it
        "a@-pec.it",
        "anna@" + "b" * 300 + ".it",
        "a@xn--bcher-kva.ch",  # IDNA: email-validator's normal form
        "a@bücher.ch",
        '"a b"@pec.it',
        "a@[127.0.0.1]",
        "",
    ],
)
def test_address_key_is_check_address_lower_cased(text: str) -> None:
    """The key is check_address's normal form lower-cased, fast path or not."""
    assert address_key(text) == check_address(text)[0].lower()


def test_plain_address_key_imports_no_validator() -> None:
    """Keying a plain address (the own mailbox's, at start-up) leaves email-validator unloaded."""
    code = (
        "import sys\n"
        "from pecdesk.services.contacts.contact import address_key\n"
        "assert address_key(' Demo@PEC.Example.IT ') == 'demo@pec.example.it'\n"
        "print('email_validator' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"
