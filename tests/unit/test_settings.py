"""Settings: defaults, the JSON file (mode 0600, atomic), and tolerance of damaged files."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from pecdesk.config.settings import SendMode, Settings, SettingsStore
from pecdesk.errors import StorageError


def test_defaults() -> None:
    """Follow the system language, one PEC per recipient, poll each minute, keep ten years."""
    settings = Settings()
    assert settings.language == ""
    assert settings.send_mode is SendMode.PER_RECIPIENT
    assert settings.poll_seconds == 60
    assert settings.retention_years == 10
    assert settings.data_dir == ""
    assert not settings.welcome_done


def test_round_trip_and_private_file(tmp_path: Path) -> None:
    """Saved settings load back equal; the file and its folder are the owner's only."""
    store = SettingsStore(tmp_path / "config")
    assert store.load() == Settings()
    settings = Settings(
        language="it",
        send_mode=SendMode.ONE_FOR_ALL,
        poll_seconds=300,
        retention_years=12,
        data_dir="/srv/pec",
        welcome_done=True,
    )
    store.save(settings)
    assert SettingsStore(tmp_path / "config").load() == settings
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.path.parent.stat().st_mode) == 0o700
    assert json.loads(store.path.read_text(encoding="utf-8"))["send_mode"] == "one_for_all"
    assert [p.name for p in store.path.parent.iterdir()] == ["settings.json"]  # no temp left


@pytest.mark.parametrize(
    "text",
    ["", "{not json", "[1, 2]", '"a string"'],
    ids=["empty", "broken", "list", "string"],
)
def test_damaged_file_gives_defaults(tmp_path: Path, text: str) -> None:
    """A file that is not a JSON object is ignored: pecdesk starts with the defaults."""
    store = SettingsStore(tmp_path)
    store.path.write_text(text, encoding="utf-8")
    assert store.load() == Settings()


def test_bad_values_fall_back_one_by_one(tmp_path: Path) -> None:
    """Each unusable value falls back to its default; the good ones are kept."""
    store = SettingsStore(tmp_path)
    store.path.write_text(
        json.dumps(
            {
                "language": "de",
                "send_mode": "broadcast",
                "poll_seconds": 1,
                "retention_years": True,
                "data_dir": "/data",
                "welcome_done": "yes",
                "unknown": 1,
            }
        ),
        encoding="utf-8",
    )
    assert store.load() == Settings(data_dir="/data")


def test_invalid_settings_are_refused() -> None:
    """The dataclass itself rejects values the dialog could never produce."""
    with pytest.raises(ValueError, match="language"):
        Settings(language="fr")
    with pytest.raises(ValueError, match="poll_seconds"):
        Settings(poll_seconds=5)
    with pytest.raises(ValueError, match="retention_years"):
        Settings(retention_years=0)


def test_unwritable_folder_is_a_storage_error(tmp_path: Path) -> None:
    """A config path that cannot be a folder gives a StorageError, not an OSError."""
    blocker = tmp_path / "config"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    with pytest.raises(StorageError):
        SettingsStore(blocker).save(Settings())
