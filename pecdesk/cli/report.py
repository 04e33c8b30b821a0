"""Plain progress lines for the command line: one per job outcome, plus pauses."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TextIO

from pecdesk.domain.jobs import JobState
from pecdesk.services.sending.progress import Progress


def format_counts(counts: Mapping[JobState, int]) -> str:
    """``"118 submitted, 1 unknown, 1 failed (120 in all)"``; zero counts are left out."""
    parts = [f"{counts[state]} {state.value.replace('_', ' ')}"
             for state in JobState if counts.get(state)]
    total = sum(counts.values())
    return f"{', '.join(parts) or 'nothing'} ({total} in all)"


def format_eta(seconds: float | None) -> str:
    """``"2 min 05 s"``, ``"40 s"``, or ``"-"``."""
    if seconds is None:
        return "-"
    whole = round(seconds)
    return f"{whole // 60} min {whole % 60:02d} s" if whole >= 60 else f"{whole} s"


class Reporter:
    """Prints each job outcome and each pause as one line (flushed: logs and pipes see it)."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._paused = False

    def progress(self, snapshot: Progress) -> None:
        """Subscriber of :class:`~pecdesk.services.sending.queue.SendQueue` progress."""
        if snapshot.paused and snapshot.pause_reason and not self._paused:
            self._line(f"paused: {snapshot.pause_reason}")
        self._paused = snapshot.paused
        event = snapshot.event
        if event is None:
            return
        who = ", ".join(event.recipients)
        width = len(str(snapshot.total))
        head = f"[{snapshot.done:>{width}}/{snapshot.total}]"
        if event.state is JobState.QUEUED:
            self._line(f"{' ' * len(head)} retry     {who}: {event.reason}")
        elif event.state is JobState.SUBMITTED:
            code = event.code or "(no code given)"
            eta = snapshot.eta_seconds
            tail = "" if eta is None else f"  ETA {format_eta(eta)}"
            self._line(f"{head} submitted {who} code {code}{tail}")
        else:
            self._line(f"{head} {event.state.value:<9} {who}: {event.reason}")

    def _line(self, text: str) -> None:
        print(text, file=self._out, flush=True)
