"""Deleting from this computer the history of sendings past retention, when the person asks.

The retention setting says how long pecdesk keeps a sending's evidence on this computer
(domain.md a5: ten years by default, c.c. 2214/2220). Past it, pecdesk lists the sending
(:func:`~pecdesk.services.receipts.archive.past_retention`) and never deletes it by itself:
only the person knows whether a dispute still needs it. This is the deletion they ask for.

What goes, and why:

- the campaign, its jobs, recipients, attempts, payloads and attachments, every receipt and
  delivery state, and its archive records (one transaction, :meth:`LedgerStore.forget`);
- **the evidence ZIPs the Archiver wrote for it in the archive folder**. Retention is how long
  pecdesk keeps the *evidence*, not just the rows that point at it: a ZIP left behind would be
  kept forever by nobody's decision, and nothing would list it any more. The person's
  confirmation names the archive folder and says the evidence goes; the verified copy made
  with "Copy archive to…" (a USB drive, a share) is outside pecdesk's folders and stays.

What never happens:

- a call to the service (deleting the receipts on the server is "Archive and delete from
  server", a separate, verified step);
- deleting a sending whose retention has not ended, or that is not final: a job queued, being
  sent or of unknown outcome, or a PEC recipient without its final receipt (delivered, not
  delivered, refused). Its outcome may still change, so its history is still needed. A job
  *not sent* (reconciliation found no ACCETTAZIONE after the grace window) counts as final
  here: nothing left, so there is no evidence to lose, and the person has not sent it again;
- touching a file outside the archive folder, a link, or anything but a ``.zip`` (a record
  pointing elsewhere, e.g. a folder used before, is reported and left alone).

Every campaign asked for must qualify, or nothing is deleted (a :class:`PecError` says which
and why): a confirmation that named N sendings deletes N, never a silent subset.
"""

from __future__ import annotations

import asyncio
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from pecdesk.config.settings import YEAR_SECONDS
from pecdesk.domain.delivery import DeliveryState
from pecdesk.domain.ledger import CampaignOverview
from pecdesk.errors import PecError
from pecdesk.i18n import QT_TRANSLATE_NOOP
from pecdesk.storage.ledger import LedgerStore

OUTSIDE = QT_TRANSLATE_NOOP("DeleteWords", "outside the archive folder")
NOT_EVIDENCE = QT_TRANSLATE_NOOP("DeleteWords", "not an evidence ZIP")
"""Why a file named by an archive record was left (English; the window translates them)."""


class StillKeptError(PecError):
    """A campaign asked for is not older than the retention period."""

    title = QT_TRANSLATE_NOOP("PecError", "Nothing was deleted")
    default_template = QT_TRANSLATE_NOOP(
        "PecError",
        "Sending(s) {ids} are not older than the retention period ({years} years): pecdesk "
        "keeps them. Nothing was deleted.",
    )


class NotFinalError(PecError):
    """A campaign asked for still has a recipient whose outcome may change."""

    title = QT_TRANSLATE_NOOP("PecError", "Nothing was deleted")
    default_template = QT_TRANSLATE_NOOP(
        "PecError",
        "Sending(s) {ids} are not final yet: some PEC is queued, being sent, of unknown outcome "
        "or still waiting for its delivery receipt. Their history is still needed. Nothing was "
        "deleted.",
    )


@dataclass(frozen=True, slots=True)
class DeleteReport:
    """What a deletion from this computer did.

    Attributes:
        campaign_ids: the campaigns deleted.
        recipients: their recipients.
        receipts: their receipts.
        removed: evidence files removed from the archive folder.
        left: evidence files not removed, with the reason (outside the archive folder, not a
            ZIP, or the system's error); the person may remove them by hand.
    """

    campaign_ids: tuple[int, ...] = ()
    recipients: int = 0
    receipts: int = 0
    removed: tuple[Path, ...] = ()
    left: tuple[tuple[Path, str], ...] = ()


def unsettled(campaign: CampaignOverview) -> int:
    """Recipients of ``campaign`` whose outcome may still change (neither final nor not sent)."""
    return campaign.total - campaign.final - campaign.counts.get(DeliveryState.NOT_SENT, 0)


def _ids(campaigns: Iterable[CampaignOverview]) -> str:
    return ", ".join(f"#{c.id}" for c in campaigns)


def check_deletable(
    campaigns: Collection[CampaignOverview], *, retention: float, now: float
) -> None:
    """Raise unless every one of ``campaigns`` is past retention and final.

    Raises:
        StillKeptError: some are within the retention period.
        NotFinalError: some still have a recipient whose outcome may change.
    """
    recent = [c for c in campaigns if c.created_at + retention >= now]
    if recent:
        raise StillKeptError(ids=_ids(recent), years=round(retention / YEAR_SECONDS))
    open_ = [c for c in campaigns if unsettled(c)]
    if open_:
        raise NotFinalError(ids=_ids(open_))


def remove_evidence(
    paths: Iterable[str], archive_dir: Path
) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Remove the evidence ZIPs among ``paths`` that lie in ``archive_dir``; (removed, left).

    A path outside the folder (after resolving links), a link itself, or anything but a
    ``.zip`` file is left alone and reported; a file already gone is neither.
    """
    root = archive_dir.resolve()
    removed: list[Path] = []
    left: list[tuple[Path, str]] = []
    for text in paths:
        path = Path(text)
        if not path.exists() and not path.is_symlink():
            continue
        if path.is_symlink() or not path.resolve().is_relative_to(root):
            left.append((path, OUTSIDE))
        elif path.suffix.lower() != ".zip" or not path.is_file():
            left.append((path, NOT_EVIDENCE))
        else:
            try:
                path.unlink()
            except OSError as error:
                left.append((path, error.strerror or str(error)))
            else:
                removed.append(path)
    return removed, left


async def delete_local(
    ledger: LedgerStore,
    campaigns: Collection[CampaignOverview],
    *,
    archive_dir: Path,
    retention: float,
    now: float,
) -> DeleteReport:
    """Delete ``campaigns``' local history and evidence ZIPs, if all are past retention and final.

    The caller has checked that they are the mailbox's own. The store checks age and finality
    again in its deleting transaction, so a job re-queued meanwhile keeps its campaign.

    Raises:
        StillKeptError: some are within the retention period (nothing deleted).
        NotFinalError: some are not final (nothing deleted).
        StorageError: the database could not be written (nothing deleted).
    """
    check_deletable(campaigns, retention=retention, now=now)
    if not campaigns:
        return DeleteReport()
    forgotten = await ledger.forget([c.id for c in campaigns], created_before=now - retention)
    removed, left = await asyncio.to_thread(remove_evidence, forgotten.paths, archive_dir)
    return DeleteReport(
        forgotten.campaign_ids,
        forgotten.recipients,
        forgotten.receipts,
        tuple(removed),
        tuple(left),
    )
