"""Small JSON files only their owner may read, written atomically (settings, the account list)."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from pecdesk.config.paths import ensure_private_dir
from pecdesk.errors import StorageError

_log = logging.getLogger(__name__)
_FILE_MODE = 0o600


def read_json_object(path: Path) -> dict[str, Any]:
    """The JSON object in ``path``; ``{}`` when the file is missing, unreadable or not an object.

    A damaged file is logged and treated as empty, so pecdesk still starts with defaults.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as exc:
        _log.warning("Cannot read %s (%s); using defaults", path, type(exc).__name__)
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        _log.warning("%s is not valid JSON; using defaults", path)
        return {}
    if not isinstance(data, dict):
        _log.warning("%s does not hold a JSON object; using defaults", path)
        return {}
    return data


def write_json_object(path: Path, data: dict[str, Any]) -> None:
    """Replace ``path`` with ``data`` in one step (a crash leaves the old file or the new one).

    The directory is created mode 0700 and the file is mode 0600.

    Raises:
        StorageError: the file could not be written.
    """
    try:
        ensure_private_dir(path.parent)
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False, indent=2, sort_keys=True)
                handle.write("\n")
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp_name, _FILE_MODE)
            os.replace(temp_name, path)
        except BaseException:
            Path(temp_name).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise StorageError(reason=f"{path.name}: {exc.strerror or type(exc).__name__}") from None
