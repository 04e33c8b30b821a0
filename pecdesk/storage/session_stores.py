"""The stores one desktop session keeps open: the send queue, the drafts and the mail cache.

Each opens or yields None with a logged reason, so that a store that cannot open disables only
what needs it (sending, drafts, the saved inbox) instead of the whole app. The reason and what
it switches off are also handed back as a :class:`StoreProblem`, for the window to show.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from pecdesk.errors import PecError
from pecdesk.i18n import QT_TRANSLATE_NOOP
from pecdesk.storage import QueueStore
from pecdesk.storage.contacts import ContactStore
from pecdesk.storage.drafts import DraftStore
from pecdesk.storage.mail_cache import MailCache
from pecdesk.storage.templates import TemplateStore

_log = logging.getLogger(__name__)

SENDING_OFF = QT_TRANSLATE_NOOP("StoreProblem", "Sending is turned off until this is solved.")
DRAFTS_OFF = QT_TRANSLATE_NOOP("StoreProblem", "What you write in Compose will not be saved.")
CACHE_OFF = QT_TRANSLATE_NOOP("StoreProblem", "The inbox will not be kept on this computer.")


@dataclass(frozen=True, slots=True)
class StoreProblem:
    """A store that did not open, and what does not work because of it.

    Attributes:
        error: why it did not open (a plain message naming the file).
        effect: what is switched off (English; translation context ``StoreProblem``).
    """

    error: PecError
    effect: str


def open_mail_cache(
    data_dir: Path, *, problems: list[StoreProblem] | None = None
) -> MailCache | None:
    """The saved copy of the inboxes; None (nothing saved, all else works) if it cannot open.

    Why it did not open is appended to ``problems``, when given.
    """
    try:
        return MailCache.open(data_dir)
    except PecError as err:
        _log.warning("Mail cache unavailable, the inbox will not be saved: %s", err.message)
        if problems is not None:
            problems.append(StoreProblem(err, CACHE_OFF))
        return None


@dataclass(frozen=True, slots=True)
class SendStores:
    """The send queue's journal and the compose drafts, open for the whole session.

    Attributes:
        queue: the send queue's store (shared with ``pecdesk send``, guarded by its lock).
        drafts: the compose drafts; None when their file cannot be opened.
        templates: the saved letter templates (a damaged file reads as none).
        contacts: the address book (a damaged file reads as empty).
    """

    queue: QueueStore
    drafts: DraftStore | None
    templates: TemplateStore | None = None
    contacts: ContactStore | None = None

    def close(self) -> None:
        """Close both databases."""
        self.queue.close()
        if self.drafts is not None:
            self.drafts.close()


def open_send_stores(
    data_dir: Path, *, problems: list[StoreProblem] | None = None
) -> SendStores | None:
    """The stores the Compose tab sends through; None (sending disabled) if they cannot open.

    Why a store did not open is appended to ``problems``, when given.
    """
    try:
        queue = QueueStore.open(data_dir)
    except PecError as err:
        _log.warning("Send queue unavailable, sending is disabled: %s", err.message)
        if problems is not None:
            problems.append(StoreProblem(err, SENDING_OFF))
        return None
    try:
        drafts: DraftStore | None = DraftStore.open(data_dir)
    except PecError as err:
        _log.warning("Drafts unavailable, the compose form will not be saved: %s", err.message)
        if problems is not None:
            problems.append(StoreProblem(err, DRAFTS_OFF))
        drafts = None
    return SendStores(queue, drafts, TemplateStore.open(data_dir), ContactStore.open(data_dir))
