"""The diagnostics ZIP for support: versions, settings, store counts and the log, never a secret.

What a person sends when asking for help, so that support can see which build runs where and what
the log says, without being trusted with anything private. The archive holds:

    versions.json   pecdesk, Python, the OS, the Qt versions the window passes in, the keychain
                    backend, the data/config/log folders
    settings.json   the preferences (they hold no secret; any field named like one is dropped)
    store.json      counts only: campaigns, jobs by state, deliveries by state, and file sizes
    log/<file>      the rotating log files, passed through the log's redacting filter again

Never in it: the API token, a password, a message body or subject, an address list, an
attachment. The stores are read with SQL aggregates only, so no row's text is ever loaded.
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
import zipfile
from collections.abc import Callable, Mapping
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pecdesk
from pecdesk.config.paths import LOG_FILE_NAME
from pecdesk.config.settings import SettingsStore
from pecdesk.storage import STORE_FILE_NAME

_SECRET_NAME = re.compile(r"(?i)password|token|secret|credential")
# Queries that return numbers only: never a subject, a body or an address.
_COUNTS = {
    "campaigns": "SELECT COUNT(*) FROM campaigns",
    "jobs_by_state": "SELECT state, COUNT(*) FROM jobs GROUP BY state ORDER BY state",
    "deliveries_by_state": "SELECT state, COUNT(*) FROM deliveries GROUP BY state ORDER BY state",
}


@dataclass(frozen=True, slots=True)
class DiagnosticsSources:
    """Where the diagnostics come from (built by :mod:`pecdesk.app.main`).

    Attributes:
        data_dir: the stores (send journal, mail cache, drafts).
        config_dir: ``settings.json``.
        log_dir: the rotating log files.
        keychain_backend: the keychain backend's name (looks keyring up when called).
        redact: the log's redacting filter, applied again to every log line copied.
    """

    data_dir: Path
    config_dir: Path
    log_dir: Path
    keychain_backend: Callable[[], str]
    redact: Callable[[str], str]


def versions(sources: DiagnosticsSources, extra: Mapping[str, str]) -> dict[str, Any]:
    """Which build runs where: pecdesk, Python, the OS, ``extra`` (Qt's), keychain, folders."""
    import platform  # noqa: PLC0415 - only when a diagnostics file is written, not at start-up

    return {
        "pecdesk": pecdesk.__version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "machine": platform.machine(),
        "frozen": bool(getattr(sys, "frozen", False)),
        **dict(extra),
        "keychain_backend": sources.keychain_backend(),
        "data_dir": str(sources.data_dir),
        "config_dir": str(sources.config_dir),
        "log_dir": str(sources.log_dir),
        "written_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def settings_without_secrets(config_dir: Path) -> dict[str, Any]:
    """The saved settings, minus any field whose name says it could hold a secret."""
    settings = SettingsStore(config_dir).load().to_json()
    return {key: value for key, value in settings.items() if not _SECRET_NAME.search(key)}


def store_statistics(data_dir: Path) -> dict[str, Any]:
    """Counts and sizes of the local stores; a store that cannot be read says why (its type)."""
    sizes = {
        path.name: path.stat().st_size
        for path in sorted(data_dir.glob("*.sqlite3*")) if path.is_file()
    } if data_dir.is_dir() else {}
    stats: dict[str, Any] = {"files": sizes}
    store = data_dir / STORE_FILE_NAME
    if not store.is_file():
        stats["send_journal"] = "none"
        return stats
    try:
        # Read-only, so a diagnostics run can never change or create the journal.
        uri = f"{store.as_uri()}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True, timeout=2)) as db:
            counts: dict[str, Any] = {}
            for name, sql in _COUNTS.items():
                rows = db.execute(sql).fetchall()
                counts[name] = rows[0][0] if name == "campaigns" else dict(rows)
        stats["send_journal"] = counts
    except sqlite3.Error as exc:
        stats["send_journal"] = f"unreadable ({type(exc).__name__})"
    return stats


def redacted_logs(log_dir: Path, redact: Callable[[str], str]) -> dict[str, bytes]:
    """The log files (current and rotated), each line through ``redact`` once more."""
    logs: dict[str, bytes] = {}
    for path in sorted(log_dir.glob(LOG_FILE_NAME + "*")):
        if path.is_file() and not path.is_symlink():
            text = path.read_text(encoding="utf-8", errors="replace")
            lines = (redact(line) for line in text.splitlines(keepends=True))
            logs[f"log/{path.name}"] = "".join(lines).encode("utf-8")
    return logs


def collect(sources: DiagnosticsSources, extra_versions: Mapping[str, str]) -> dict[str, bytes]:
    """Every entry of the diagnostics ZIP, by archive path."""

    def as_json(value: object) -> bytes:
        return (json.dumps(value, indent=2, ensure_ascii=False, default=str) + "\n").encode()

    files = {
        "versions.json": as_json(versions(sources, extra_versions)),
        "settings.json": as_json(settings_without_secrets(sources.config_dir)),
        "store.json": as_json(store_statistics(sources.data_dir)),
    }
    files.update(redacted_logs(sources.log_dir, sources.redact))
    return files


def write_diagnostics(
    sources: DiagnosticsSources, target: Path, extra_versions: Mapping[str, str]
) -> Path:
    """Write the diagnostics ZIP to ``target`` (replaced whole, never half-written); returns it.

    Raises:
        OSError: the file could not be written.
    """
    files = collect(sources, extra_versions)
    partial = target.with_name(target.name + ".part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    partial.replace(target)
    return target
