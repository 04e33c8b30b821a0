"""Committing a ``POST /send``: allocate the code, write the ledger, schedule every receipt."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pecdesk.sandbox import receipts
from pecdesk.sandbox.dates import iso8601
from pecdesk.sandbox.faults import Fault
from pecdesk.sandbox.model import Mailbox
from pecdesk.sandbox.payload import SendRequest
from pecdesk.sandbox.receipts import Sending
from pecdesk.sandbox.rules import Route, route
from pecdesk.sandbox.state import SandboxState


@dataclass(frozen=True)
class Timing:
    """Delays of the receipts, in seconds.

    Attributes:
        receipt_delay: send → ACCETTAZIONE, and ACCETTAZIONE → each recipient's outcome.
        pec_timeout: send → the 24-hour notice; the 12-hour notice comes at half.
    """

    receipt_delay: float
    pec_timeout: float


def commit_send(
    state: SandboxState,
    mailbox: Mailbox,
    request: SendRequest,
    *,
    timing: Timing,
    fault: Fault | None = None,
) -> str:
    """Commit ``request`` sent from ``mailbox`` and return its sending code."""
    with state.lock:
        now = state.clock()
        code = state.new_code()
        sending = Sending(mailbox.address, request.sender, f"{request.subject} {code}", code, now)
        state.record(_ledger_entry(sending, mailbox, request, fault))
        if request.sender.lower() == mailbox.address.lower():
            _schedule_receipts(state, sending, request, timing)
        else:
            when = now + timing.receipt_delay
            notice = receipts.non_acceptance(sending, request.recipients, when)
            state.schedule(when, mailbox.address, notice)
        state.save()
    return code


def _ledger_entry(
    sending: Sending, mailbox: Mailbox, request: SendRequest, fault: Fault | None
) -> dict[str, Any]:
    return {
        "message_id": sending.code,
        "mailbox": mailbox.address,
        "sender": request.sender,
        "recipients": list(request.recipients),
        "subject": request.subject,
        "body": request.body,
        "attachments": [
            {"name": a.name, "size": a.size, "sha256": a.sha256} for a in request.attachments
        ],
        "fault": None if fault is None else str(fault),
        "at": iso8601(sending.sent_at),
    }


def _schedule_receipts(
    state: SandboxState, sending: Sending, request: SendRequest, timing: Timing
) -> None:
    owner = sending.mailbox
    accepted_at = sending.sent_at + timing.receipt_delay
    outcome_at = accepted_at + timing.receipt_delay
    routes = [(address, route(address, state.is_hosted)) for address in request.recipients]
    listed = [(address, kind is not Route.ORDINARY) for address, kind in routes]
    state.schedule(accepted_at, owner, receipts.acceptance(sending, listed, accepted_at))
    for serial, (address, kind) in enumerate(routes, start=1):
        if kind is Route.HOSTED:
            envelope = receipts.envelope(sending, address, request.body, request.attachments_size)
            state.schedule(outcome_at, address, envelope)
            state.schedule(
                outcome_at, owner, receipts.delivery(sending, address, outcome_at, serial)
            )
        elif kind is Route.PEC:
            state.schedule(
                outcome_at, owner, receipts.delivery(sending, address, outcome_at, serial)
            )
        elif kind in (Route.FAIL, Route.FULL):
            reason = receipts.PERMANENT_FAILURE if kind is Route.FAIL else receipts.MAILBOX_FULL
            state.schedule(
                outcome_at,
                owner,
                receipts.non_delivery(sending, address, outcome_at, serial, reason),
            )
        elif kind is Route.SLOW:
            half, full = (
                sending.sent_at + timing.pec_timeout / 2,
                sending.sent_at + timing.pec_timeout,
            )
            state.schedule(half, owner, receipts.timeout_warning(sending, address, serial))
            state.schedule(full, owner, receipts.timeout_final(sending, address, serial))
