"""Logging set-up: a rotating file plus stderr, both behind a filter that redacts secrets.

The filter hides the secrets it was told about (the API token and mailbox password of every
account opened or typed in) in every encoding :class:`~pecdesk.domain.secrets.Redactor` knows
(JSON-escaped, URL-encoded, base64, HTML), anything shaped like a credential (bearer tokens,
``x-password`` headers, password and token fields, quoted values whole) and message bodies and
attachments.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from pecdesk.domain.secrets import REDACTED, Redactor

_LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
_MAX_BYTES = 1_000_000
_BACKUPS = 3
_HANDLER_PREFIX = "pecdesk-"

# Credentials that look like credentials, whoever wrote them: a bearer token, the mailbox
# password as a header (x-password: …), a JSON field ("password": "…") or a form field, and
# anything named like a token (PECDESK_TOKEN=…, "token": "…"). A quoted value is hidden whole,
# escaped quotes and backslashes included; then an unquoted one up to a separator.
_CREDENTIAL_NAMES = r"(?:\b(?:x-)?password|\b[\w-]*token)"
_QUOTED = re.compile(
    rf"""(?i)({_CREDENTIAL_NAMES}['"]?\s*[:=]\s*)(['"])(?:\\.|(?!\2)[^\\\n])*\2"""
)
_PATTERNS = (
    re.compile(r"(?i)(\bbearer\s+)[^\s'\",;]+"),
    re.compile(r"(?i)(\b(?:x-)?password['\"]?\s*[:=]\s*['\"]?)[^\s'\",;&}]+"),
    re.compile(r"(?i)(\b[\w-]*token['\"]?\s*[:=]\s*['\"]?)[^\s'\",;&}]+"),
)
# Message bodies and attachments, quoted, as a JSON field, a repr or a keyword argument
# ("body": "…", body='…', 'file': b'…'): their text is private correspondence.
_CONTENT = re.compile(
    r"""(?is)(\b(?:body|html|file|attachments?)['"]?\s*[:=]\s*b?)(['"])(?:\\.|(?!\2).)*?\2"""
)


class RedactingFilter(logging.Filter):
    """Replaces known secrets and credential-shaped text in every record it sees.

    Attach it to handlers (not loggers) so records from every logger pass through it. The
    message, its arguments and any traceback text are rendered and scrubbed before formatting.

    Attributes:
        secrets: exact strings to hide (API token, mailbox password).
    """

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._redactor = Redactor(secrets)
        self.secrets: set[str] = self._redactor.secrets

    def add_secret(self, secret: str) -> None:
        """Hide ``secret`` from now on; strings too short to be a secret are ignored."""
        self._redactor.add(secret)

    def redact(self, text: str) -> str:
        """Return ``text`` with every known secret and credential-shaped value replaced."""
        text = self._redactor.scrub(text)
        text = _QUOTED.sub(rf"\g<1>\g<2>{REDACTED}\g<2>", text)
        for pattern in _PATTERNS:
            text = pattern.sub(rf"\g<1>{REDACTED}", text)
        return _CONTENT.sub(rf"\g<1>\g<2>{REDACTED}\g<2>", text)

    def filter(self, record: logging.LogRecord) -> bool:
        """Scrub ``record`` in place; never drops it."""
        record.msg = self.redact(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


class StartupBuffer(logging.Handler):
    """Keeps what is logged before the log file opens; :func:`setup_logging` writes it out.

    The app opens its log after the main window is first painted (``logging.handlers`` alone
    costs ~9 ms of start-up); nothing logged before then is lost.

    Attributes:
        records: the records kept, oldest first.
    """

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep ``record``."""
        self.records.append(record)


def buffer_startup_logs(level: int = logging.INFO) -> None:
    """Keep the root logger's records in memory until :func:`setup_logging` runs."""
    buffer = StartupBuffer()
    buffer.set_name(_HANDLER_PREFIX + "startup")
    root = logging.getLogger()
    root.addHandler(buffer)
    root.setLevel(level)


def setup_logging(
    log_file: Path, *, secrets: Iterable[str] = (), level: int = logging.INFO
) -> RedactingFilter:
    """Send the root logger to ``log_file`` (rotating) and stderr, both redacted.

    Handlers installed by an earlier call are replaced, so calling it twice is harmless; what
    :func:`buffer_startup_logs` kept is written out through the new handlers.

    Returns:
        The filter, so secrets learnt later (a newly entered password) can be added.
    """
    from logging.handlers import RotatingFileHandler  # noqa: PLC0415 - see StartupBuffer

    redactor = RedactingFilter(secrets)
    formatter = logging.Formatter(_LOG_FORMAT)
    file_handler = RotatingFileHandler(
        log_file, maxBytes=_MAX_BYTES, backupCount=_BACKUPS, encoding="utf-8"
    )
    stderr_handler = logging.StreamHandler(sys.stderr)
    stderr_handler.setLevel(logging.WARNING)
    root = logging.getLogger()
    kept: list[logging.LogRecord] = []
    for old in [h for h in root.handlers if (h.name or "").startswith(_HANDLER_PREFIX)]:
        if isinstance(old, StartupBuffer):
            kept.extend(old.records)
        root.removeHandler(old)
        old.close()
    new: tuple[logging.Handler, ...] = (file_handler, stderr_handler)
    for kind, handler in zip(("file", "stderr"), new, strict=True):
        handler.set_name(_HANDLER_PREFIX + kind)
        handler.setFormatter(formatter)
        handler.addFilter(redactor)
        root.addHandler(handler)
    root.setLevel(level)
    for record in kept:
        for handler in new:
            if record.levelno >= handler.level:
                handler.handle(record)
    return redactor
