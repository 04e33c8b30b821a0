"""The evidence PDFs for the command line: Qt offscreen, in the language the window speaks.

``pecdesk export`` writes the same ZIP as the Sent tab, PDFs included. The command line may not
import the UI layer, so it asks here: this composition root makes the offscreen application and
its translators through :mod:`pecdesk.ui.evidence.writers`, imported only when a PDF is wanted
(the other commands never load Qt).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pecdesk.config.paths import AppPaths
from pecdesk.config.settings import SettingsStore
from pecdesk.services.receipts.evidence import EvidenceWriters


@contextmanager
def cli_evidence_writers(config_dir: Path | None = None) -> Iterator[EvidenceWriters]:
    """The PDF writers and the translation of the language chosen in the window's settings.

    Use it as ``with``: the translators it installs are removed at the end of the block.

    Args:
        config_dir: where the settings are (default: the user's config dir); with no setting,
            the system's language.
    """
    from pecdesk.ui.evidence.writers import offscreen_evidence_writers  # noqa: PLC0415 - Qt on demand

    directory = config_dir if config_dir is not None else AppPaths.for_user().config_dir
    with offscreen_evidence_writers(SettingsStore(directory).load().language) as writers:
        yield writers
