"""TemplateStore: the saved letter templates, one small JSON file in the data folder.

A handful of templates, each a few kilobytes, read whole and written whole: a JSON file,
replaced in one step (:func:`pecdesk.config.jsonfile.write_json_object`), is all it needs. The
store deals in JSON objects only; what they mean (and the tolerance of damaged entries) is
:class:`pecdesk.services.sending.templates.TemplateService`'s.

A damaged file (not JSON, not an object) reads as no templates, so Compose still works; it is
set aside under another name before the first save replaces it, so nobody's letters are
overwritten without a copy left behind.
"""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path
from typing import Any

from pecdesk.config.jsonfile import write_json_object
from pecdesk.errors import StorageError

_log = logging.getLogger(__name__)

TEMPLATES_FILE_NAME = "templates.json"
_FORMAT_VERSION = 1


class TemplateStore:
    """Reads and replaces the list of saved templates.

    Attributes:
        path: the templates file.
        damaged: the file was there but could not be read; it is set aside at the next save.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.damaged = False

    @classmethod
    def open(cls, data_dir: Path) -> TemplateStore:
        """The templates file in ``data_dir`` (created at the first save)."""
        return cls(data_dir / TEMPLATES_FILE_NAME)

    def close(self) -> None:
        """Nothing stays open between calls; here for symmetry with the other stores."""

    def load(self) -> list[dict[str, Any]]:
        """Every stored template as a JSON object; [] when there is no file or it is damaged.

        Entries that are not JSON objects are skipped (logged).
        """
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        except (OSError, UnicodeDecodeError) as exc:
            return self._damaged(type(exc).__name__)
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            return self._damaged("not JSON")
        items = data.get("templates") if isinstance(data, dict) else None
        if not isinstance(items, list):
            return self._damaged("no template list")
        kept = [item for item in items if isinstance(item, dict)]
        if len(kept) < len(items):
            _log.warning("Skipping %d damaged template(s) in %s", len(items) - len(kept),
                         self.path.name)
        return kept

    def save(self, templates: list[dict[str, Any]]) -> None:
        """Replace the stored templates with ``templates`` in one step.

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
        write_json_object(self.path, {"version": _FORMAT_VERSION, "templates": templates})
        self.damaged = False

    def _damaged(self, why: str) -> list[dict[str, Any]]:
        _log.warning("%s cannot be read (%s); no templates until it is saved again",
                     self.path.name, why)
        self.damaged = True
        return []
