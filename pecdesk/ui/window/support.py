"""What Help > About shows and Help > Save diagnostics writes, built at start-up.

Apart from :mod:`pecdesk.ui.window.about` so that start-up, which builds it, does not import
the About dialog (its widgets and ``platform``), which loads when the menu is first used.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class SupportInfo:
    """What About shows and Diagnostics writes (built by pecdesk.app.main).

    Attributes:
        data_dir: the data folder in use.
        keychain_backend: the keychain backend's name (looks keyring up when called).
        write_diagnostics: writes the diagnostics ZIP to a path, given the Qt versions; returns
            the path. Raises OSError when it cannot.
    """

    data_dir: Path
    keychain_backend: Callable[[], str]
    write_diagnostics: Callable[[Path, Mapping[str, str]], Path]
