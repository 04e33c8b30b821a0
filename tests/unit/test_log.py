"""The redacting log filter and the logging set-up."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote_plus

import pytest

from pecdesk.app.log import RedactingFilter, buffer_startup_logs, setup_logging
from pecdesk.domain.secrets import REDACTED

TOKEN = "a1b2c3d4e5f6a7b8c9d0e1f2"
PASSWORD = "S3gret0-pw!"


def formatted(redactor: RedactingFilter, msg: str, *args: object) -> str:
    """The record for ``msg % args`` as a handler would write it after the filter."""
    record = logging.LogRecord("t", logging.INFO, __file__, 1, msg, args, None)
    assert redactor.filter(record)
    return logging.Formatter("%(message)s").format(record)


def test_known_secrets_removed_from_message_and_args() -> None:
    """The token and the password vanish whether in the message or its arguments."""
    redactor = RedactingFilter([TOKEN, PASSWORD])
    text = formatted(redactor, "token=%s pw=%r user=%s", TOKEN, PASSWORD, "me@pec.it")
    assert TOKEN not in text
    assert PASSWORD not in text
    assert text == f"token={REDACTED} pw='{REDACTED}' user=me@pec.it"


def test_credential_shapes_removed_without_knowing_them() -> None:
    """Bearer headers, x-password headers and password fields are hidden even if unknown."""
    redactor = RedactingFilter()
    text = formatted(
        redactor,
        "%s | %s | %s",
        "Authorization: Bearer ffff0000aaaa",
        {"x-password": "hunter22", "x-username": "me@pec.it"},
        '{"password": "pa55word", "subject": "Hi"}',
    )
    for secret in ("ffff0000aaaa", "hunter22", "pa55word"):
        assert secret not in text
    assert "me@pec.it" in text
    assert '"subject": "Hi"' in text


def test_traceback_text_redacted() -> None:
    """A secret inside an exception's message is removed from the logged traceback."""
    redactor = RedactingFilter([PASSWORD])
    try:
        raise ValueError(f"bad {PASSWORD}")
    except ValueError:
        record = logging.LogRecord("t", logging.ERROR, __file__, 1, "oops", None, sys.exc_info())
    redactor.filter(record)
    text = logging.Formatter().format(record)
    assert "ValueError: bad ***" in text
    assert PASSWORD not in text


def test_short_strings_are_not_treated_as_secrets() -> None:
    """An empty or tiny 'secret' would blank out ordinary text, so it is ignored."""
    redactor = RedactingFilter(["", "a"])
    assert redactor.secrets == set()


@pytest.fixture
def root_logger() -> Iterator[tuple[logging.Logger, int]]:
    """The root logger and its handler count; what a test adds is removed afterwards."""
    root = logging.getLogger()
    before = list(root.handlers)
    level = root.level
    yield root, len(before)
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def flushed_text(root: logging.Logger, log_file: Path) -> str:
    """The log file's text once every handler has flushed."""
    for handler in root.handlers:
        handler.flush()
    return log_file.read_text(encoding="utf-8")


def test_setup_logging_writes_redacted_file(
    tmp_path: Path, root_logger: tuple[logging.Logger, int]
) -> None:
    """setup_logging sends INFO records to the file, redacted; a second call replaces handlers."""
    root, handlers_before = root_logger
    log_file = tmp_path / "pecdesk.app.log"
    setup_logging(log_file)
    redactor = setup_logging(log_file, secrets=[TOKEN])
    assert len(root.handlers) == handlers_before + 2
    logging.getLogger("pecdesk.test").info("calling with %s", TOKEN)
    text = flushed_text(root, log_file)
    assert text.count("calling with ***") == 1
    assert TOKEN not in text
    assert TOKEN in redactor.secrets


def test_records_logged_before_the_file_opens_are_written_redacted(
    tmp_path: Path, root_logger: tuple[logging.Logger, int]
) -> None:
    """What is logged before setup_logging (app start-up) reaches the file, in order, redacted."""
    root, handlers_before = root_logger
    log_file = tmp_path / "pecdesk.app.log"
    buffer_startup_logs()
    logging.getLogger("pecdesk.test").info("first, with %s", TOKEN)
    logging.getLogger("pecdesk.test").debug("below the level: dropped")
    setup_logging(log_file, secrets=[TOKEN])
    logging.getLogger("pecdesk.test").info("second")
    text = flushed_text(root, log_file)
    assert text.index("first, with ***") < text.index("second")
    assert TOKEN not in text
    assert "dropped" not in text
    assert len(root.handlers) == handlers_before + 2  # the buffer is gone


def test_message_bodies_and_attachments_removed() -> None:
    """Bodies and attachment data vanish, as JSON, repr or keyword; subjects stay."""
    redactor = RedactingFilter()
    text = formatted(
        redactor,
        "%s | %r | %s",
        '{"subject": "Diffida", "body": "Gentile cliente, \\"riservato\\"", "file": "JVBERi0x"}',
        {"name": "atto.pdf", "file": b"%PDF-1.7 secret"},
        "Message(subject='Sollecito', body='<p>Caro\\nRossi</p>')",
    )
    for private in ("Gentile cliente", "JVBERi0x", "PDF-1.7", "Caro", "Rossi"):
        assert private not in text
    for kept in ('"subject": "Diffida"', "'name': 'atto.pdf'", "subject='Sollecito'"):
        assert kept in text


def test_token_fields_removed_without_knowing_them() -> None:
    """Anything named like a token (a variable, a JSON field) is hidden."""
    redactor = RedactingFilter()
    text = formatted(redactor, "%s %s", "PECDESK_TOKEN=0123456789abcdef", '{"token": "fedcba98"}')
    assert "0123456789abcdef" not in text
    assert "fedcba98" not in text
    assert text == 'PECDESK_TOKEN=*** {"token": "***"}'


def test_known_secret_hidden_in_its_echoed_encodings() -> None:
    """A password with a quote and a backslash, echoed JSON-escaped or URL-encoded, vanishes."""
    password = 'pa"ss\\wörd€'
    redactor = RedactingFilter([password])
    text = formatted(redactor, "answer %s | %r | %s", json.dumps({"pw": password}),
                     json.dumps(password), f"p={quote_plus(password)}")
    assert text == f'answer {{"pw": "{REDACTED}"}} | \'"{REDACTED}"\' | p={REDACTED}'


def test_quoted_credentials_hidden_whole_without_knowing_them() -> None:
    """An unknown password or token quoted with escaped quotes is hidden to its closing quote."""
    redactor = RedactingFilter()
    text = formatted(redactor, "%s %s", '{"password": "a\\"b c\\\\d", "user": "me"}',
                     "x_token='q\\'r s'")
    assert text == f'{{"password": "{REDACTED}", "user": "me"}} x_token=\'{REDACTED}\''
