"""Draft: what the Compose form holds, typed, and its JSON form for the drafts store.

The form is saved a second and a half after every pause in typing and read back at the next
start, by whatever version of pecdesk runs then. So the JSON side is forgiving by design: an
unknown key is ignored, a missing or mistyped one takes its default, a damaged recipient entry
is skipped; reading a draft never raises. The imported list is encoded apart
(:meth:`Draft.list_json`) because the store writes it only when it changed: re-encoding 100,000
rows at every pause would waste a core.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pecdesk.recipients import ColumnMapping, Recipient, with_typed
from pecdesk.recipients.addresses import make_recipient
from pecdesk.services.sending.preflight import Letter

DRAFT_VERSION = 2
"""Version 1 had no version key, no list source and no column mapping; both read the same."""


@dataclass(frozen=True, slots=True)
class Draft:
    """The Compose form at one moment: the letter, where its recipients come from, the options.

    Attributes:
        subject: the subject template (merge fields allowed).
        body: the body as the editor's HTML; "" when the editor holds no text.
        pasted: the addresses typed or pasted.
        imported: the recipients imported from a spreadsheet, mapped and checked.
        fields: the merge fields the imported list offers (its mapped column names).
        source: the name of the file the list was imported from ("" when none).
        mapping: the columns chosen at import (address, attachments); None when none.
        folder: where per-recipient attachment names are looked up; None when none.
        attachments: the files every recipient gets.
        one_for_all: one PEC to everybody instead of one each.
    """

    subject: str = ""
    body: str = ""
    pasted: str = ""
    imported: tuple[Recipient, ...] = ()
    fields: tuple[str, ...] = ()
    source: str = ""
    mapping: ColumnMapping | None = None
    folder: Path | None = None
    attachments: tuple[Path, ...] = ()
    one_for_all: bool = False

    def recipients(self) -> list[Recipient]:
        """Imported rows, then the typed or pasted addresses (checked now), lines after them."""
        return with_typed(self.imported, self.pasted)

    def letter(self) -> Letter:
        """The message as composed."""
        return Letter(self.subject, self.body, self.attachments, self.folder, self.one_for_all)

    def form_json(self) -> dict[str, Any]:
        """Everything but the imported list, as JSON-able data."""
        mapping = self.mapping
        return {
            "version": DRAFT_VERSION,
            "subject": self.subject,
            "body": self.body,
            "pasted": self.pasted,
            "fields": list(self.fields),
            "source": self.source,
            "mapping": None if mapping is None else {"address": mapping.address,
                                                     "attachments": mapping.attachments},
            "folder": str(self.folder) if self.folder else "",
            "attachments": [str(p) for p in self.attachments],
            "one_for_all": self.one_for_all,
        }

    def list_json(self) -> list[dict[str, Any]]:
        """The imported list as JSON-able data (one object per row)."""
        return [
            {"line": r.line, "raw": r.raw, "fields": dict(r.fields), "files": list(r.attachments)}
            for r in self.imported
        ]

    @classmethod
    def from_json(cls, form: object, imported: object = None) -> Draft:
        """The draft stored as ``form`` (and ``imported``, its list); never raises.

        Args:
            form: the form's JSON object; anything else gives an empty draft.
            imported: the list's JSON array; when None, the list the form itself holds (drafts
                saved before lists were stored apart).
        """
        data: Mapping[str, object] = form if isinstance(form, Mapping) else {}
        rows = data.get("imported") if imported is None else imported
        folder = _text(data.get("folder"))
        return cls(
            subject=_text(data.get("subject")),
            body=_text(data.get("body")),
            pasted=_text(data.get("pasted")),
            imported=tuple(recipients_from_json(rows)),
            fields=tuple(_texts(data.get("fields"))),
            source=_text(data.get("source")),
            mapping=_mapping(data.get("mapping")),
            folder=Path(folder) if folder else None,
            attachments=tuple(Path(p) for p in _texts(data.get("attachments")) if p),
            one_for_all=data.get("one_for_all") is True,
        )


def recipients_from_json(data: object) -> list[Recipient]:
    """The recipients a draft saved, checked again; damaged entries are skipped."""
    result: list[Recipient] = []
    for item in data if isinstance(data, list) else []:
        if not isinstance(item, Mapping):
            continue
        line = item.get("line", 0)
        raw = item.get("raw", "")
        if isinstance(line, bool) or not isinstance(line, int) or not isinstance(raw, str):
            continue
        fields = item.get("fields")
        values = ({str(k): v for k, v in fields.items() if isinstance(v, str)}
                  if isinstance(fields, Mapping) else {})
        result.append(make_recipient(line, raw, values, tuple(_texts(item.get("files")))))
    return result


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _texts(value: object) -> list[str]:
    items: Sequence[object] = value if isinstance(value, list) else []
    return [item for item in items if isinstance(item, str)]


def _mapping(value: object) -> ColumnMapping | None:
    if not isinstance(value, Mapping):
        return None
    address, attachments = _index(value.get("address")), _index(value.get("attachments"))
    if address is None or (attachments is None and value.get("attachments") is not None):
        return None
    return ColumnMapping(address, attachments)


def _index(value: object) -> int | None:
    """``value`` when it is a column number (an int, not a bool, not negative), else None."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    return None
