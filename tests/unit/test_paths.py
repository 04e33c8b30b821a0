"""AppPaths and resource_path: the --basedir override, lazy private dirs, the frozen layout."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from pecdesk.config.paths import AppPaths, ensure_private_dir, resource_path


def test_basedir_puts_everything_under_it(tmp_path: Path) -> None:
    """With --basedir every directory and the log file lie below it."""
    paths = AppPaths.under(tmp_path / "base")
    for directory in paths.all_dirs():
        assert directory.is_relative_to(tmp_path / "base")
    assert len(set(paths.all_dirs())) == 4
    assert paths.log_file().is_relative_to(tmp_path / "base")


def test_dirs_created_only_on_demand_and_private(tmp_path: Path) -> None:
    """Building AppPaths creates nothing; asking for the log file makes a 0700 log dir."""
    paths = AppPaths.under(tmp_path / "base")
    assert not (tmp_path / "base").exists()
    log_file = paths.log_file()
    assert not log_file.exists()
    assert stat.S_IMODE(paths.log_dir.stat().st_mode) == 0o700
    assert not paths.data_dir.exists()


def test_existing_dir_is_narrowed_to_owner(tmp_path: Path) -> None:
    """A directory that already exists with wide permissions becomes 0700."""
    wide = tmp_path / "wide"
    wide.mkdir(mode=0o755)
    os.chmod(wide, 0o755)
    assert stat.S_IMODE(ensure_private_dir(wide).stat().st_mode) == 0o700


def test_user_dirs_never_in_real_home(real_home: str) -> None:
    """The per-user dirs follow the test run's redirected home, and are not created."""
    paths = AppPaths.for_user()
    for directory in paths.all_dirs():
        assert directory.parts[-1] in {"pecdesk", "log"}
        if real_home:
            assert not directory.is_relative_to(real_home)
        assert not directory.exists()


def test_resource_path_from_checkout() -> None:
    """From a checkout, resources are the repository's resources/ directory."""
    repo = Path(__file__).resolve().parents[2]
    assert resource_path("translations") == repo / "resources" / "translations"


def test_resource_path_when_frozen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """In a PyInstaller bundle, resources are under sys._MEIPASS."""
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_path("icons/pecdesk.svg") == tmp_path / "resources" / "icons" / "pecdesk.svg"
