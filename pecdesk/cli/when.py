"""`pecdesk send --at`: the local date and time typed on the command line, and what to say about it.

The time is this computer's local time, as the person reads it on the clock; it is stored as a
POSIX time (the queue's ``not_before``), so a change of time zone or daylight saving does not
move it. A time already past is refused: "send it yesterday at 9:00" is a typing mistake.
"""

from __future__ import annotations

import shlex
from datetime import datetime

FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M")
"""What --at accepts: ISO ("2026-12-06 09:00", a T allowed, seconds optional) or Italian
("06/12/2026 09:00")."""


class WhenError(ValueError):
    """``--at`` cannot be used; ``str()`` says why, in plain words."""


def parse_at(text: str, *, now: float) -> float:
    """The POSIX time of ``text`` read as local time.

    Raises:
        WhenError: ``text`` is no date and time pecdesk reads, or it is not after ``now``.
    """
    for pattern in FORMATS:
        try:
            moment = datetime.strptime(text.strip(), pattern)  # naive: local time
        except ValueError:
            continue
        at = moment.timestamp()  # naive: this computer's local time
        if at <= now:
            raise WhenError(
                f"--at {text!r} has already passed (it is now "
                f"{datetime.fromtimestamp(now):%Y-%m-%d %H:%M}); nothing was queued."
            )
        return at
    raise WhenError(
        f'--at {text!r} is not a date and time pecdesk can read; write it as "2026-12-06 09:00" '
        '(local time) or "06/12/2026 09:00". Nothing was queued.'
    )


def scheduled_message(campaign_id: int, pecs: int, at: float, account: str | None) -> str:
    """What ``send --at`` prints: when the sending goes out, and how to have it go unattended."""
    resume = "pecdesk queue resume"
    if account:
        resume += f" --account {shlex.quote(account)}"
    return (
        f"Scheduled campaign {campaign_id}: {pecs} PEC(s), to go out on "
        f"{datetime.fromtimestamp(at):%Y-%m-%d %H:%M} (local time). They stay in the queue until "
        "then: the pecdesk window sends them if it is open; otherwise they leave when someone "
        f"runs `{resume}` after that time. To send on time unattended, have the system run it "
        "every few minutes (Windows Task Scheduler, cron, or a macOS LaunchAgent; see "
        '"Scheduled sendings" in the README).'
    )
