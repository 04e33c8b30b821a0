"""The stores one desktop session keeps open: the send queue, the drafts and the mail cache.

Each opens or yields None with a logged reason, so that a store that cannot open disables only
what needs it (sending, drafts, the saved inbox) instead of the whole app.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from pecdesk.errors import PecError
from pecdesk.storage import QueueStore
from pecdesk.storage.drafts import DraftStore
from pecdesk.storage.mail_cache import MailCache

_log = logging.getLogger(__name__)


def open_mail_cache(data_dir: Path) -> MailCache | None:
    """The saved copy of the inboxes; None (nothing saved, all else works) if it cannot open."""
    try:
        return MailCache.open(data_dir)
    except PecError as err:
        _log.warning("Mail cache unavailable, the inbox will not be saved: %s", err.message)
        return None


@dataclass(frozen=True, slots=True)
class SendStores:
    """The send queue's journal and the compose drafts, open for the whole session.

    Attributes:
        queue: the send queue's store (shared with ``pecdesk send``, guarded by its lock).
        drafts: the compose drafts; None when their file cannot be opened.
    """

    queue: QueueStore
    drafts: DraftStore | None

    def close(self) -> None:
        """Close both databases."""
        self.queue.close()
        if self.drafts is not None:
            self.drafts.close()


def open_send_stores(data_dir: Path) -> SendStores | None:
    """The stores the Compose tab sends through; None (sending disabled) if they cannot open."""
    try:
        queue = QueueStore.open(data_dir)
    except PecError as err:
        _log.warning("Send queue unavailable, sending is disabled: %s", err.message)
        return None
    try:
        drafts: DraftStore | None = DraftStore.open(data_dir)
    except PecError as err:
        _log.warning("Drafts unavailable, the compose form will not be saved: %s", err.message)
        drafts = None
    return SendStores(queue, drafts)
