"""Letter templates survive closing, in one JSON file; a damaged file fails soft and is kept."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from pecdesk.errors import StorageError
from pecdesk.services.sending.templates import Template, TemplateService
from pecdesk.storage.templates import TEMPLATES_FILE_NAME, TemplateStore

pytestmark = pytest.mark.anyio

SOLLECITO = Template("Sollecito", "Sollecito per {{Nome}}", "<p>Gentile {{Nome}},</p>",
                     (Path("/tmp/modulo.pdf"),))


def test_no_file_reads_as_no_templates(tmp_path: Path) -> None:
    """A data folder without the file has no templates, and nothing is created by reading."""
    store = TemplateStore.open(tmp_path)
    assert store.load() == []
    assert not (tmp_path / TEMPLATES_FILE_NAME).exists()


async def test_save_reopen_rename_delete(tmp_path: Path) -> None:
    """A template is saved, read back by a new service, renamed in place and deleted."""
    service = TemplateService(store=TemplateStore.open(tmp_path))
    await service.save(SOLLECITO)
    await service.save(Template("Auguri", "Buone feste", "<p>Auguri</p>"))
    again = TemplateService(store=TemplateStore.open(tmp_path))
    assert [t.name for t in again.templates()] == ["Auguri", "Sollecito"]
    assert again.get(" sollecito ") == SOLLECITO
    assert again.get("Sollecito") is not None
    assert again.get("Sollecito").fields() == ["nome"]  # type: ignore[union-attr]
    renamed = await again.save(Template(" Secondo sollecito ", "Ultimo avviso", "<p>x</p>"),
                               replacing="Sollecito")
    assert renamed.name == "Secondo sollecito"
    await again.delete("AUGURI")
    await again.delete("nessuno")  # unknown: ignored
    third = TemplateService(store=TemplateStore.open(tmp_path))
    assert [(t.name, t.subject) for t in third.templates()] == [
        ("Secondo sollecito", "Ultimo avviso")
    ]
    assert (tmp_path / TEMPLATES_FILE_NAME).stat().st_mode & 0o077 == 0


async def test_same_name_in_another_case_replaces(tmp_path: Path) -> None:
    """Names are one template regardless of case; an empty name is refused."""
    service = TemplateService(store=TemplateStore.open(tmp_path))
    await service.save(SOLLECITO)
    await service.save(Template("SOLLECITO", "Nuovo oggetto"))
    assert [(t.name, t.subject) for t in service.templates()] == [("SOLLECITO", "Nuovo oggetto")]
    with pytest.raises(ValueError, match="name"):
        await service.save(Template("  "))


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]", b'{"templates": 7}', b"\xff\xfe"])
async def test_damaged_file_fails_soft_and_is_kept_aside(
    tmp_path: Path, content: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    """A damaged file reads as no templates (logged); the first save keeps it under another name."""
    path = tmp_path / TEMPLATES_FILE_NAME
    path.write_bytes(content)
    with caplog.at_level(logging.WARNING):
        service = TemplateService(store=TemplateStore.open(tmp_path))
    assert service.templates() == []
    assert "cannot be read" in caplog.text
    await service.save(SOLLECITO)
    kept = list(tmp_path.glob(f"{TEMPLATES_FILE_NAME}.damaged-*"))
    assert [p.read_bytes() for p in kept] == [content]
    assert [t.name for t in TemplateService(store=TemplateStore.open(tmp_path)).templates()] == [
        "Sollecito"
    ]


def test_damaged_entries_are_skipped(tmp_path: Path) -> None:
    """Entries that are not objects, or have no name, are skipped; the others are read."""
    (tmp_path / TEMPLATES_FILE_NAME).write_text(json.dumps({"templates": [
        "testo",
        {"subject": "senza nome"},
        {"name": "Buono", "subject": 3, "attachments": [1, "a"]},
    ]}), encoding="utf-8")
    service = TemplateService(store=TemplateStore.open(tmp_path))
    assert service.templates() == [Template("Buono", "", "", (Path("a"),))]


async def test_a_failed_write_changes_nothing(tmp_path: Path) -> None:
    """When the file cannot be written, StorageError is raised and the list stays as it was."""
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    service = TemplateService(store=TemplateStore.open(blocker))
    with pytest.raises(StorageError):
        await service.save(SOLLECITO)
    assert service.templates() == []
