"""ComposeService: from the compose form to the send queue (async, Qt-free).

The GUI goes through here exactly as ``pecdesk send`` does: the recipients and the letter become
campaigns (:func:`pecdesk.services.campaigns.build_campaign`), the campaigns go into the
:class:`~pecdesk.services.send_queue.SendQueue`, and the queue runs. Recipients that share the
same attachment files share one campaign, since the store keeps attachments per campaign; so
per-recipient attachments cost one campaign per distinct file set, not one per recipient.
"""

from __future__ import annotations

import asyncio
import html
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pecdesk.errors import PecError
from pecdesk.i18n import QT_TRANSLATE_NOOP
from pecdesk.recipients import Recipient
from pecdesk.recipients.addresses import make_recipient
from pecdesk.services.campaigns import CampaignError, RecipientRow, build_campaign, merge
from pecdesk.services.preflight import Letter, row_files
from pecdesk.services.send_queue import RunResult, SendQueue
from pecdesk.storage import AttachmentData, NewCampaign
from pecdesk.storage.drafts import DraftStore

_FIELD = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")


class AttachmentReadError(PecError):
    """An attachment could not be read when the sending was being prepared."""

    title = QT_TRANSLATE_NOOP("PecError", "An attachment cannot be read")
    default_template = QT_TRANSLATE_NOOP("PecError", "{name} could not be read: {reason}.")


def preview(recipient: Recipient | None, letter: Letter) -> tuple[str, str]:
    """The subject and body ``recipient`` will receive; unknown fields stay as written."""
    values: dict[str, str] = dict(recipient.fields) if recipient is not None else {}
    for name in _FIELD.findall(letter.subject + letter.body):
        if name.strip().lower() not in {k.strip().lower() for k in values}:
            values[name] = f"{{{{{name}}}}}"
    is_html = bool(_HTML_TAG.search(letter.body))
    return merge(letter.subject, values), merge(letter.body, values, escape_html=is_html)


def unique(recipients: Sequence[Recipient]) -> list[Recipient]:
    """The valid recipients, each address once (its first line wins)."""
    seen: set[str] = set()
    kept: list[Recipient] = []
    for recipient in recipients:
        if recipient.valid and recipient.key not in seen:
            seen.add(recipient.key)
            kept.append(recipient)
    return kept


def _read(path: Path, cache: dict[Path, AttachmentData]) -> AttachmentData:
    if path not in cache:
        try:
            cache[path] = AttachmentData(path.name, path.read_bytes())
        except OSError as exc:
            raise AttachmentReadError(name=path.name, reason=exc.strerror or "error") from exc
    return cache[path]


def plan_campaigns(
    sender: str, recipients: Sequence[Recipient], letter: Letter
) -> list[NewCampaign]:
    """The campaigns that send ``letter`` to ``recipients`` (reads the files: blocking).

    Raises:
        CampaignError: the input is not valid (the pre-flight report says why, line by line).
        AttachmentReadError: a file could not be read.
    """
    rows = unique(recipients)
    cache: dict[Path, AttachmentData] = {}
    if letter.one_for_all:
        files = [_read(p, cache) for p in letter.attachments]
        plan = build_campaign(
            sender=sender, subject=letter.subject, body=letter.body,
            rows=[RecipientRow(r.address, r.fields, r.line) for r in rows],
            attachments=files, one_for_all=True,
        )
        return [plan.campaign]
    groups: dict[tuple[Path, ...], list[Recipient]] = {}
    for recipient in rows:
        groups.setdefault(tuple(row_files(letter, recipient)), []).append(recipient)
    campaigns = []
    for paths, members in groups.items():
        plan = build_campaign(
            sender=sender, subject=letter.subject, body=letter.body,
            rows=[RecipientRow(r.address, r.fields, r.line) for r in members],
            attachments=[_read(p, cache) for p in paths],
        )
        campaigns.append(plan.campaign)
    return campaigns


class ComposeService:
    """Sends what the compose form holds, and keeps its draft.

    Attributes:
        sender: the PEC address the account sends from (and receives test sends on).
        max_message_bytes: the account's per-message limit.
        queue: the send queue (its progress stream, pause, resume, cancel).
    """

    def __init__(
        self,
        *,
        sender: str,
        max_message_bytes: int,
        queue: SendQueue,
        drafts: DraftStore | None = None,
    ) -> None:
        self.sender = sender
        self.max_message_bytes = max_message_bytes
        self.queue = queue
        self._drafts = drafts
        self.campaign_ids: list[int] = []

    async def send(self, recipients: Sequence[Recipient], letter: Letter) -> RunResult | None:
        """Queue the sending and run the queue until it is empty.

        Returns:
            How the run ended; None when a run was already going (it picks the jobs up).
        """
        campaigns = await asyncio.to_thread(plan_campaigns, self.sender, recipients, letter)
        return await self._enqueue_and_run(campaigns)

    async def test_send(
        self, recipient: Recipient, letter: Letter, *, marker: str = "[TEST]"
    ) -> RunResult | None:
        """Send ``recipient``'s message, merged for that row, to the account's own mailbox.

        The subject starts with ``marker`` (the UI passes it in its language), so the test, its
        receipts and its line in the Sent ledger are never taken for a real sending.
        """
        own = Recipient(recipient.line, self.sender, self.sender, "", recipient.fields,
                        recipient.attachments)
        subject = f"{marker} {letter.subject}" if marker else letter.subject
        test = Letter(subject, letter.body, letter.attachments, letter.folder, False)
        campaigns = await asyncio.to_thread(plan_campaigns, self.sender, [own], test)
        return await self._enqueue_and_run(campaigns)

    async def waiting(self) -> int:
        """PECs of this mailbox left in the queue that nothing is sending now.

        An earlier session closed mid-send (or stopped on refused credentials) leaves them.
        """
        if self.queue.running:
            return 0
        return sum((await self.queue.waiting()).values())

    async def send_waiting(self) -> RunResult | None:
        """Send the PECs an earlier session left queued; Cancel covers them from now on."""
        for campaign_id in await self.queue.waiting():
            if campaign_id not in self.campaign_ids:
                self.campaign_ids.append(campaign_id)
        if self.queue.running:
            return None
        return await self.queue.run()

    async def cancel(self) -> list[int]:
        """Withdraw every job of this window's sendings that has not left yet."""
        return await self.queue.cancel(campaign_ids=self.campaign_ids)

    async def _enqueue_and_run(self, campaigns: Sequence[NewCampaign]) -> RunResult | None:
        if not campaigns:
            raise CampaignError(problem="there is no recipient")
        for campaign in campaigns:
            self.campaign_ids.append(await self.queue.enqueue(campaign))
        if self.queue.running:
            return None
        return await self.queue.run()

    async def save_draft(
        self, state: dict[str, Any], imported: Sequence[Recipient] | None = None
    ) -> None:
        """Keep the form's state for the next session (nothing when drafts are off).

        ``imported``, the imported recipients, is given only when the list changed.
        """
        if self._drafts is not None:
            rows = None if imported is None else recipients_state(imported)
            await self._drafts.save(self.sender, state, imported=rows)

    async def load_draft(self) -> dict[str, Any] | None:
        """The saved form state, if any."""
        return None if self._drafts is None else await self._drafts.load(self.sender)


def escape(text: str) -> str:
    """``text`` made safe to show inside rich text."""
    return html.escape(text, quote=False)


def recipients_state(recipients: Sequence[Recipient]) -> list[dict[str, Any]]:
    """``recipients`` as JSON-able data, for a draft."""
    return [
        {"line": r.line, "raw": r.raw, "fields": dict(r.fields), "files": list(r.attachments)}
        for r in recipients
    ]


def recipients_from_state(data: object) -> list[Recipient]:
    """The recipients a draft saved (checked again); bad entries are skipped."""
    result: list[Recipient] = []
    for item in data if isinstance(data, list) else []:
        if not isinstance(item, dict):
            continue
        fields = item.get("fields")
        files = item.get("files")
        result.append(
            make_recipient(
                int(item.get("line", 0)),
                str(item.get("raw", "")),
                {str(k): str(v) for k, v in fields.items()} if isinstance(fields, dict) else {},
                tuple(str(f) for f in files) if isinstance(files, list) else (),
            )
        )
    return result
