"""Where pecdesk keeps its files: per-user dirs, a --basedir override, and bundled resources."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "pecdesk"
LOG_FILE_NAME = "pecdesk.app.log"
_DIR_MODE = 0o700


@dataclass(frozen=True, slots=True)
class AppPaths:
    """The directories pecdesk writes to; nothing is created until asked for.

    Build it once in :mod:`pecdesk.app.main` and pass it to whoever needs a path.

    Attributes:
        data_dir: durable data (the local history database).
        config_dir: settings.
        cache_dir: throwaway data (QtWebEngine's cache, for instance).
        log_dir: the rotating log files.
    """

    data_dir: Path
    config_dir: Path
    cache_dir: Path
    log_dir: Path

    @classmethod
    def for_user(cls) -> AppPaths:
        """The platform's per-user directories for pecdesk (XDG, AppData, Library)."""
        dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
        return cls(
            data_dir=Path(dirs.user_data_dir),
            config_dir=Path(dirs.user_config_dir),
            cache_dir=Path(dirs.user_cache_dir),
            log_dir=Path(dirs.user_log_dir),
        )

    @classmethod
    def under(cls, basedir: Path) -> AppPaths:
        """Everything below one directory (``--basedir``), for development and tests."""
        root = basedir.expanduser().resolve()
        return cls(
            data_dir=root / "data",
            config_dir=root / "config",
            cache_dir=root / "cache",
            log_dir=root / "log",
        )

    def all_dirs(self) -> tuple[Path, ...]:
        """The four directories, in a stable order."""
        return (self.data_dir, self.config_dir, self.cache_dir, self.log_dir)

    def log_file(self) -> Path:
        """The current log file; its directory is created (mode 0700) if missing."""
        return ensure_private_dir(self.log_dir) / LOG_FILE_NAME


def ensure_private_dir(directory: Path) -> Path:
    """Create ``directory`` (and parents) readable by the owner only; return it.

    An existing directory keeps its contents but is narrowed to mode 0700.
    """
    directory.mkdir(mode=_DIR_MODE, parents=True, exist_ok=True)
    directory.chmod(_DIR_MODE)
    return directory


def resource_path(relative: str) -> Path:
    """The absolute path of a bundled resource, e.g. ``resource_path("translations")``.

    In a PyInstaller bundle the resources sit under ``sys._MEIPASS/resources``; from a checkout
    they are the repository's ``resources/`` next to the ``pecdesk`` package.
    """
    frozen_root = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and isinstance(frozen_root, str):
        base = Path(frozen_root)
    else:
        base = Path(__file__).resolve().parents[2]  # pecdesk/config/paths.py
    return base / "resources" / relative
