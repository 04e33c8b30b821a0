"""How the person left the window: size and place, splitters, column widths, last folders.

Kept apart from :mod:`pecdesk.config.settings` because nobody edits it: the window writes it
when it closes (or another account is opened) and reads it at start-up. It holds no secrets
and nothing that matters if lost, so a damaged file simply reads as the defaults.
"""

from __future__ import annotations

import base64
import binascii
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pecdesk.config.jsonfile import read_json_object, write_json_object
from pecdesk.errors import StorageError

_log = logging.getLogger(__name__)

WINDOW_STATE_FILE_NAME = "window-state.json"
_MAX_ENTRIES = 64
"""Keys kept per kind, so that a file grown by a bug stays small."""


@dataclass(slots=True)
class WindowState:
    """The window's layout as last left; mutable, updated as windows close.

    The byte values are Qt's own ``saveGeometry``/``saveState`` blobs, opaque here.

    Attributes:
        geometry: the main window's size, place and maximised state; b"" for Qt's default.
        splitters: each remembered splitter's state, by key ("compose", "sent"…).
        columns: each remembered table's column widths in pixels, by key.
        folders: the folder each file dialog was last used in, by key.
    """

    geometry: bytes = b""
    splitters: dict[str, bytes] = field(default_factory=dict)
    columns: dict[str, list[int]] = field(default_factory=dict)
    folders: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The state as a JSON object (bytes in base64)."""
        return {
            "geometry": _b64(self.geometry),
            "splitters": {key: _b64(value) for key, value in self.splitters.items()},
            "columns": {key: list(value) for key, value in self.columns.items()},
            "folders": dict(self.folders),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> WindowState:
        """The state from a JSON object; anything malformed is left at its default."""
        geometry = _unb64(data.get("geometry"))
        splitters = {
            key: blob for key, value in _entries(data.get("splitters")) if (blob := _unb64(value))
        }
        columns = {
            key: list(value)
            for key, value in _entries(data.get("columns"))
            if isinstance(value, list)
            and value
            and all(
                isinstance(width, int) and not isinstance(width, bool) and width >= 0
                for width in value
            )
        }
        folders = {
            key: value
            for key, value in _entries(data.get("folders"))
            if isinstance(value, str) and value
        }
        return cls(geometry or b"", splitters, columns, folders)


def _entries(value: object) -> list[tuple[str, object]]:
    """The string-keyed items of a JSON object (at most :data:`_MAX_ENTRIES`); [] otherwise."""
    if not isinstance(value, dict):
        return []
    return [(k, v) for k, v in value.items() if isinstance(k, str)][:_MAX_ENTRIES]


def _b64(value: bytes) -> str:
    return base64.b64encode(value).decode("ascii")


def _unb64(value: object) -> bytes | None:
    if not isinstance(value, str):
        return None
    try:
        return base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        return None


class WindowStateStore:
    """Reads and writes ``window-state.json`` under the config directory.

    Attributes:
        path: the file.
    """

    def __init__(self, config_dir: Path) -> None:
        self.path = config_dir / WINDOW_STATE_FILE_NAME

    def load(self) -> WindowState:
        """The saved state, or the defaults when there is none or it is damaged."""
        return WindowState.from_json(read_json_object(self.path))

    def save(self, state: WindowState) -> None:
        """Write ``state``; a failure is logged, not raised (the layout is not worth a dialog)."""
        try:
            write_json_object(self.path, state.to_json())
        except StorageError as err:
            _log.warning("The window's layout was not saved: %s", err.message)
