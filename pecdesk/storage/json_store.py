"""JsonFileStore: the base of the small stores kept whole in one JSON file (templates, contacts).

Such a file is read whole at start and replaced whole in one step
(:func:`pecdesk.config.jsonfile.write_json_object`). Unlike the settings, whose damaged file
simply falls back to defaults, these files hold what the user wrote: a damaged one reads as
empty, so Compose still works, and is set aside under another name before the first save
replaces it, so nothing is lost without a copy. That policy lives here once; each store says
only which keys its file holds.
"""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path
from typing import Any, ClassVar, Self

from pecdesk.config.jsonfile import write_json_object
from pecdesk.errors import StorageError

_log = logging.getLogger(__name__)

FORMAT_VERSION = 1


class JsonFileStore:
    """Reads and replaces one whole-file JSON store; subclasses name the file and its keys.

    Attributes:
        path: the store's file.
        damaged: the file was there but could not be read; it is set aside at the next save.
    """

    FILE_NAME: ClassVar[str]
    #: What a damaged file means for the user, for the log ("no templates").
    WHEN_DAMAGED: ClassVar[str]

    def __init__(self, path: Path) -> None:
        self.path = path
        self.damaged = False

    @classmethod
    def open(cls, data_dir: Path) -> Self:
        """The store's file in ``data_dir`` (created at the first save)."""
        return cls(data_dir / cls.FILE_NAME)

    def close(self) -> None:
        """Nothing stays open between calls; here for symmetry with the other stores."""

    def _read_object(self) -> dict[str, Any] | None:
        """The file's JSON object; None when there is no file, or it is damaged (marked, logged)."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            self._mark_damaged(type(exc).__name__)
            return None
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            self._mark_damaged("not JSON")
            return None
        if not isinstance(data, dict):
            self._mark_damaged("not a JSON object")
            return None
        return data

    def _mark_damaged(self, why: str) -> None:
        _log.warning(
            "%s cannot be read (%s); %s until it is saved again",
            self.path.name,
            why,
            self.WHEN_DAMAGED,
        )
        self.damaged = True

    def _kept(self, items: object, kind: type, what: str) -> list[Any]:
        """The entries of ``items`` that are of ``kind``; the others are skipped (logged)."""
        if not isinstance(items, list):
            return []
        kept = [item for item in items if isinstance(item, kind)]
        if len(kept) < len(items):
            _log.warning(
                "Skipping %d damaged %s entr(ies) in %s",
                len(items) - len(kept),
                what,
                self.path.name,
            )
        return kept

    def _replace(self, data: dict[str, Any]) -> None:
        """Replace the file with ``data`` (plus the format version), a damaged one set aside first.

        Raises:
            StorageError: the file could not be written (the old one is left as it was).
        """
        if self.damaged and self.path.exists():
            aside = self.path.with_name(f"{self.path.name}.damaged-{int(time.time())}")
            try:
                os.replace(self.path, aside)
            except OSError as exc:
                raise StorageError(
                    reason=f"{self.path.name}: {exc.strerror or type(exc).__name__}"
                ) from None
            _log.warning("Damaged %s kept as %s", self.path.name, aside.name)
        write_json_object(self.path, {"version": FORMAT_VERSION, **data})
        self.damaged = False
