"""TemplateService: named letters (subject, body, fixed attachments) kept for reuse (Qt-free).

A template fills the Compose form; it is not sent by itself. Once applied, the form goes
through the same pre-flight as anything typed (:func:`pecdesk.services.sending.preflight.check`):
a merge field the recipient list lacks blocks, and so does a template's attachment that has
since gone missing. So nothing here checks fields or files; :meth:`Template.fields` only lets
the window say in advance which columns a template wants.

Names are unique regardless of case and of blanks around them ("Sollecito" and " sollecito "
are one template). Reading is forgiving like the drafts: a damaged entry is skipped, a missing
key takes its default; reading never raises.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pecdesk.services.sending.campaigns import fields_used
from pecdesk.storage.templates import TemplateStore


def name_key(name: str) -> str:
    """What makes two template names the same: case and surrounding blanks ignored."""
    return name.strip().casefold()


@dataclass(frozen=True, slots=True)
class Template:
    """One saved letter.

    Attributes:
        name: what the Templates menu shows.
        subject: the subject (merge fields allowed).
        body: the body as the editor's HTML.
        attachments: the files every recipient gets.
    """

    name: str
    subject: str = ""
    body: str = ""
    attachments: tuple[Path, ...] = ()

    def fields(self) -> list[str]:
        """The merge fields the subject and body use (lower-cased, sorted)."""
        return sorted(fields_used(self.subject, self.body))

    def to_json(self) -> dict[str, Any]:
        """The template as a JSON object."""
        return {
            "name": self.name,
            "subject": self.subject,
            "body": self.body,
            "attachments": [str(path) for path in self.attachments],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Template | None:
        """Read one stored template; None when it has no usable name."""
        name = data.get("name")
        if not isinstance(name, str) or not name.strip():
            return None
        files = data.get("attachments")
        return cls(
            name=name.strip(),
            subject=_text(data.get("subject")),
            body=_text(data.get("body")),
            attachments=tuple(
                Path(item) for item in (files if isinstance(files, list) else [])
                if isinstance(item, str) and item
            ),
        )


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


class TemplateService:
    """Lists, saves, replaces and deletes the templates of this computer.

    The list is read once, when the service is built, and kept in memory: the Templates menu
    reads it on the window's thread. Writes go to a worker thread, one at a time.

    Attributes:
        store: the templates file.
    """

    def __init__(self, *, store: TemplateStore) -> None:
        self.store = store
        self._writing = asyncio.Lock()
        self._templates: dict[str, Template] = {}
        for item in store.load():
            template = Template.from_json(item)
            if template is not None:
                self._templates.setdefault(name_key(template.name), template)

    def templates(self) -> list[Template]:
        """Every template, sorted by name."""
        return sorted(self._templates.values(), key=lambda t: name_key(t.name))

    def get(self, name: str) -> Template | None:
        """The template called ``name`` (any case), if any."""
        return self._templates.get(name_key(name))

    async def save(self, template: Template, *, replacing: str | None = None) -> Template:
        """Store ``template``, replacing one of the same name; ``replacing`` renames that one.

        Returns:
            The template as stored (its name stripped).

        Raises:
            ValueError: the name is empty.
            StorageError: the file could not be written (nothing changed, in memory either).
        """
        name = template.name.strip()
        if not name:
            raise ValueError("a template needs a name")
        stored = Template(name, template.subject, template.body, template.attachments)

        def change(templates: dict[str, Template]) -> None:
            if replacing is not None:
                templates.pop(name_key(replacing), None)
            templates[name_key(name)] = stored

        await self._write(change)
        return stored

    async def delete(self, name: str) -> None:
        """Forget the template called ``name``; an unknown name is ignored.

        Raises:
            StorageError: the file could not be written.
        """
        if name_key(name) in self._templates:
            await self._write(lambda templates: templates.pop(name_key(name), None))

    async def _write(self, change: Callable[[dict[str, Template]], object]) -> None:
        """Apply ``change`` to a copy of the list, write it, then keep it (all under the lock)."""
        async with self._writing:
            updated = dict(self._templates)
            change(updated)
            items = [t.to_json() for t in sorted(updated.values(), key=lambda t: name_key(t.name))]
            await asyncio.to_thread(self.store.save, items)
            self._templates = updated
