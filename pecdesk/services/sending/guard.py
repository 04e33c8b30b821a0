"""The repeat guard: has any of these recipients already been sent this very PEC?

A PEC sent twice is two legal communications (domain.md, complaint 7), so before a sending is
queued — from the window or the command line — every job's payload digest (sender, recipients,
subject, body and attachment digests) is looked up among the stored jobs that were or may have
been sent: queued, submitting, submitted, unknown or not sent. Rejected, failed and cancelled
jobs certainly never left and do not count. There is no time limit: the same reminder next
month is still the same PEC, and it needs the person's explicit "send again".

Test sends (to the account's own mailbox, subject marked) are exempt: their plans carry
``test`` and are not looked up, and their marked subject never matches a real sending.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pecdesk.domain.jobs import JobState
from pecdesk.errors import PecError
from pecdesk.i18n import QT_TRANSLATE_NOOP
from pecdesk.storage import NewCampaign, QueueStore

MAY_HAVE_LEFT = frozenset(
    {
        JobState.QUEUED, JobState.SUBMITTING, JobState.SUBMITTED, JobState.UNKNOWN,
        JobState.NOT_SENT,
    }
)
"""The states of a job that was, may have been, or is about to be sent."""
NOT_LEFT_YET = frozenset({JobState.QUEUED})


@dataclass(frozen=True, slots=True)
class EarlierSending:
    """The earlier sending(s) of the very same PECs.

    Attributes:
        campaign_ids: the campaigns that hold them, oldest first.
        first_at: POSIX time of the earliest (its request's start, else when it was queued).
        last_at: POSIX time of the latest.
        jobs: how many of this plan's PECs were already sent (or may have been).
        recipients: how many of this plan's recipients they went to.
        addresses: those recipients, in plan order.
        queued: how many of the earlier PECs have not left yet (still queued).
        none_left: whether none of them has left yet (all queued, or scheduled for later).
    """

    campaign_ids: tuple[int, ...]
    first_at: float
    last_at: float
    jobs: int
    recipients: int
    addresses: tuple[str, ...]
    queued: int = 0
    none_left: bool = False


def when(ts: float) -> str:
    """A POSIX time as local ``YYYY-MM-DD HH:MM`` (what the messages show)."""
    return datetime.fromtimestamp(ts).astimezone().strftime("%Y-%m-%d %H:%M")


def period(earlier: EarlierSending) -> str:
    """``2026-12-04 10:30``, or ``2026-12-01 09:00 – 2026-12-04 10:30`` for several dates."""
    first, last = when(earlier.first_at), when(earlier.last_at)
    return first if first == last else f"{first} – {last}"


class RepeatSendingError(PecError):
    """The very same PEC already went (or may have gone) to some of these recipients.

    Raised when a sending would repeat an earlier one and the person has not said
    "send again" for it.
    """

    title = QT_TRANSLATE_NOOP("PecError", "Already sent")
    default_template = QT_TRANSLATE_NOOP(
        "PecError",
        "{count} of these recipients were already sent this very PEC ({date}). Sending it "
        "again makes a second legal communication: send again only if that is what you mean.",
    )

    def __init__(self, earlier: EarlierSending) -> None:
        self.earlier = earlier
        super().__init__(count=earlier.recipients, date=period(earlier))


async def earlier_sending(store: QueueStore, campaign: NewCampaign) -> EarlierSending | None:
    """The earlier sending of any of ``campaign``'s PECs, None when there is none.

    A job counts when its payload digest equals one of ``campaign``'s and it was or may have
    been sent (:data:`MAY_HAVE_LEFT`). When both know their service, a campaign for another
    service (the test service against production) does not count; one queued before campaigns
    were bound to a service ("") always does.
    """
    digests = campaign.job_digests()
    found = [
        job
        for job in await store.jobs_with_digests(digests, states=MAY_HAVE_LEFT)
        if not (campaign.service and job.service and job.service != campaign.service)
    ]
    if not found:
        return None
    matched = {job.digest for job in found}
    addresses = tuple(
        address
        for job, digest in zip(campaign.jobs, digests, strict=True)
        if digest in matched
        for address in job.recipients
    )
    return EarlierSending(
        campaign_ids=tuple(sorted({job.campaign_id for job in found})),
        first_at=min(job.at for job in found),
        last_at=max(job.at for job in found),
        jobs=sum(digest in matched for digest in digests),
        recipients=len(addresses),
        addresses=addresses,
        queued=sum(job.state in NOT_LEFT_YET for job in found),
        none_left=all(job.state in NOT_LEFT_YET for job in found),
    )
