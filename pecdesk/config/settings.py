"""The person's preferences (no secrets): a typed Settings value and the JSON file that keeps it."""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, fields
from enum import StrEnum
from pathlib import Path
from typing import Any

from pecdesk.config.jsonfile import read_json_object, write_json_object

_log = logging.getLogger(__name__)

SETTINGS_FILE_NAME = "settings.json"
LANGUAGES = ("it", "en")
"""Languages pecdesk speaks; "" in :attr:`Settings.language` means "follow the system"."""
POLL_RANGE = (15, 3600)
RETENTION_RANGE = (1, 30)
YEAR_SECONDS = 365.25 * 24 * 3600
"""Seconds in a year, for :attr:`Settings.retention_years`."""


class SendMode(StrEnum):
    """How a message to several recipients goes out by default.

    Attributes:
        PER_RECIPIENT: one PEC for each recipient: private, and each delivery proved alone.
        ONE_FOR_ALL: a single PEC to everybody; the recipients see each other.
    """

    PER_RECIPIENT = "per_recipient"
    ONE_FOR_ALL = "one_for_all"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the Settings dialog changes, plus whether the welcome page was dealt with.

    Attributes:
        language: ``"it"``, ``"en"`` or ``""`` to follow the system's language.
        send_mode: the default for a new sending.
        poll_seconds: how often new messages and receipts are looked for.
        retention_years: how long sendings and receipts are kept in the local history: older
            campaigns are listed (Sent tab, Archive) for the person to delete; nothing is ever
            deleted automatically, since only the person knows whether a dispute needs them.
        data_dir: where the local history lives; ``""`` for the platform's default.
        welcome_done: the first-run welcome page was answered and is not shown again.
    """

    language: str = ""
    send_mode: SendMode = SendMode.PER_RECIPIENT
    poll_seconds: int = 60
    retention_years: int = 10
    data_dir: str = ""
    welcome_done: bool = False

    def __post_init__(self) -> None:
        if self.language not in ("", *LANGUAGES):
            raise ValueError(f"unknown language {self.language!r}")
        if not POLL_RANGE[0] <= self.poll_seconds <= POLL_RANGE[1]:
            raise ValueError(f"poll_seconds must be within {POLL_RANGE}")
        if not RETENTION_RANGE[0] <= self.retention_years <= RETENTION_RANGE[1]:
            raise ValueError(f"retention_years must be within {RETENTION_RANGE}")

    @property
    def retention_seconds(self) -> float:
        """:attr:`retention_years` in seconds."""
        return self.retention_years * YEAR_SECONDS

    def to_json(self) -> dict[str, Any]:
        """The settings as a JSON object."""
        data = asdict(self)
        data["send_mode"] = self.send_mode.value
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Settings:
        """Settings from a JSON object; unknown keys are ignored and bad values use defaults."""
        values: dict[str, Any] = {}
        for spec in fields(cls):
            if spec.name not in data:
                continue
            try:
                value = _coerce(spec.name, data[spec.name])
                cls(**{**values, spec.name: value})  # validates this value alone
            except (TypeError, ValueError):
                _log.warning("Setting %s has an unusable value; using the default", spec.name)
            else:
                values[spec.name] = value
        return cls(**values)


def _coerce(name: str, value: object) -> object:
    """Check one JSON value against its field's type (bool is not accepted as a number)."""
    default = getattr(Settings(), name)
    if isinstance(default, SendMode):
        return SendMode(str(value))
    if isinstance(default, bool) or isinstance(value, bool):
        if not isinstance(value, bool) or not isinstance(default, bool):
            raise TypeError(name)
        return value
    if not isinstance(value, type(default)):
        raise TypeError(name)
    return value


class SettingsStore:
    """Reads and writes ``settings.json`` under the config directory.

    Attributes:
        path: the settings file.
    """

    def __init__(self, config_dir: Path) -> None:
        self.path = config_dir / SETTINGS_FILE_NAME

    def load(self) -> Settings:
        """The saved settings, or the defaults when there are none (or they are damaged)."""
        return Settings.from_json(read_json_object(self.path))

    def save(self, settings: Settings) -> None:
        """Write ``settings``.

        Raises:
            StorageError: the file could not be written.
        """
        write_json_object(self.path, settings.to_json())
