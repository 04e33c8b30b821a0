"""TemplateStore: the saved letter templates, one small JSON file in the data folder.

A handful of templates, each a few kilobytes, read whole and written whole: a JSON file,
replaced in one step (:class:`~pecdesk.storage.json_store.JsonFileStore`), is all it needs. The
store deals in JSON objects only; what they mean (and the tolerance of damaged entries) is
:class:`pecdesk.services.sending.templates.TemplateService`'s.

A damaged file (not JSON, not an object) reads as no templates, so Compose still works; it is
set aside under another name before the first save replaces it, so nobody's letters are
overwritten without a copy left behind.
"""

from __future__ import annotations

from typing import Any

from pecdesk.storage.json_store import JsonFileStore

TEMPLATES_FILE_NAME = "templates.json"


class TemplateStore(JsonFileStore):
    """Reads and replaces the list of saved templates.

    Attributes:
        path: the templates file.
        damaged: the file was there but could not be read; it is set aside at the next save.
    """

    FILE_NAME = TEMPLATES_FILE_NAME
    WHEN_DAMAGED = "no templates"

    def load(self) -> list[dict[str, Any]]:
        """Every stored template as a JSON object; [] when there is no file or it is damaged.

        Entries that are not JSON objects are skipped (logged).
        """
        data = self._read_object()
        if data is None:
            return []
        items = data.get("templates")
        if not isinstance(items, list):
            self._mark_damaged("no template list")
            return []
        return self._kept(items, dict, "template")

    def save(self, templates: list[dict[str, Any]]) -> None:
        """Replace the stored templates with ``templates`` in one step.

        Raises:
            StorageError: the file could not be written (the old one is left as it was).
        """
        self._replace({"templates": templates})
