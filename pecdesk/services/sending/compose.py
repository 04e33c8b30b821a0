"""ComposeService: from the compose form to the send queue (async, Qt-free).

The window prepares a sending exactly as ``pecdesk send`` does, through the one planning step
(:func:`pecdesk.services.sending.plan_sending`): one campaign per compose action (a recipient's
own files ride on that recipient's job), the full pre-flight report, and the repeat guard
(:func:`pecdesk.services.sending.earlier_sending`). :meth:`ComposeService.prepare` computes the
plan off the window's thread and looks for an earlier sending of the very same PECs;
:meth:`ComposeService.send_prepared` queues it, refusing a repeat the person has not confirmed.
"""

from __future__ import annotations

import asyncio
import html
import re
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace

from pecdesk.errors import PecError
from pecdesk.i18n import QT_TRANSLATE_NOOP
from pecdesk.recipients import Recipient
from pecdesk.services.sending import (
    EarlierSending,
    RepeatSendingError,
    SendingPlan,
    columns_of,
    earlier_sending,
    plan_sending,
)
from pecdesk.services.sending.campaigns import merge
from pecdesk.services.sending.draft import Draft
from pecdesk.services.sending.heap import Collector
from pecdesk.services.sending.preflight import Letter
from pecdesk.services.sending.queue import RunResult, SendQueue
from pecdesk.services.sending.receipt_wait import (
    TEST_WAIT,
    ReceiptOutcome,
    ReceiptWatch,
    Stage,
    wait_for_receipts,
)
from pecdesk.services.sending.schedule import Schedule, Scheduled
from pecdesk.storage import QueueStore
from pecdesk.storage.drafts import DraftStore
from pecdesk.storage.ledger import LedgerStore

_FIELD = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")


class BlockedSendingError(PecError):
    """The pre-flight report still has blocking errors, so nothing was queued."""

    title = QT_TRANSLATE_NOOP("PecError", "The sending cannot start")
    default_template = QT_TRANSLATE_NOOP(
        "PecError", "Fix the {count} error(s) in the pre-flight report first."
    )


class ScheduleInPastError(PecError):
    """The time chosen for a scheduled sending has already passed, so nothing was queued."""

    title = QT_TRANSLATE_NOOP("PecError", "The sending was not scheduled")
    default_template = QT_TRANSLATE_NOOP(
        "PecError", "The time chosen has already passed: choose a later one."
    )


def preview(recipient: Recipient | None, letter: Letter) -> tuple[str, str]:
    """The subject and body ``recipient`` will receive; unknown fields stay as written."""
    values: dict[str, str] = dict(recipient.fields) if recipient is not None else {}
    for name in _FIELD.findall(letter.subject + letter.body):
        if name.strip().lower() not in {k.strip().lower() for k in values}:
            values[name] = f"{{{{{name}}}}}"
    is_html = bool(_HTML_TAG.search(letter.body))
    return merge(letter.subject, values), merge(letter.body, values, escape_html=is_html)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A compose action planned and checked against the store, ready for the person's word.

    Attributes:
        plan: the campaign and the pre-flight report.
        earlier: the earlier sending of the very same PECs; None when there is none (and
            always for a test send).
    """

    plan: SendingPlan
    earlier: EarlierSending | None = None


class ComposeService:
    """Sends what the compose form holds, and keeps its draft.

    Attributes:
        sender: the PEC address the account sends from (and receives test sends on).
        max_message_bytes: the account's per-message limit.
        queue: the send queue (its progress stream, pause, resume, cancel).
        store: the queue store (the repeat guard looks up earlier sendings in it).
        campaign_ids: the campaigns this window queued (test sends included): Cancel's scope.
        test_campaign_ids: those of them that are test sends.
        schedule: the mailbox's sendings scheduled for later.
        collector: the process's cycle collector, held back while big lists are built (the
            window's list import uses it too).
    """

    def __init__(
        self,
        *,
        sender: str,
        max_message_bytes: int,
        queue: SendQueue,
        collector: Collector,
        drafts: DraftStore | None = None,
        store: QueueStore | None = None,
        ledger: LedgerStore | None = None,
        poll: Callable[[int], Awaitable[object]] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """Build the service; ``poll`` asks for one campaign's receipts (a test send's wait).

        ``ledger`` defaults to the one in the queue store's database; without ``poll`` a test
        send's wait relies on whatever else tracks the receipts.
        """
        self.sender = sender
        self.max_message_bytes = max_message_bytes
        self.queue = queue
        self.collector = collector
        self.store = store if store is not None else queue._store  # the queue's own store
        self._drafts = drafts
        self._clock = clock
        self._watch = ReceiptWatch(
            self.store, ledger if ledger is not None else LedgerStore(self.store.database),
            queue.events, poll, clock,
        )
        self.schedule = Schedule(queue=queue, store=self.store, clock=clock)
        self.campaign_ids: list[int] = []
        self.test_campaign_ids: list[int] = []
        self._queueing = asyncio.Lock()  # the last look and the enqueue, one sending at a time

    async def prepare(
        self,
        recipients: Sequence[Recipient],
        letter: Letter,
        *,
        columns: Sequence[str] | None = None,
    ) -> Prepared:
        """Plan the sending off the window's thread and look for an earlier one.

        Args:
            recipients: the rows, as the form lists them.
            letter: the message as composed.
            columns: the merge fields available; default: the column names the rows carry.
        """
        plan = await asyncio.to_thread(
            plan_sending, self.sender, list(recipients), letter,
            max_message_bytes=self.max_message_bytes, columns=columns,
            service=self.queue.service,
        )
        return Prepared(plan, await self._earlier(plan))

    async def send_prepared(
        self, prepared: Prepared, *, again: bool = False, not_before: float = 0.0
    ) -> RunResult | None:
        """Queue a prepared sending and run the queue until nothing is due.

        The store is looked at once more right before queueing: a sending of the same PECs
        made since :meth:`prepare` (a second click, another window, the command line) is
        refused even with ``again``, which covers only the earlier sending the person saw.

        Args:
            prepared: what :meth:`prepare` returned.
            again: the person confirmed sending again what ``prepared.earlier`` names.
            not_before: POSIX time to send it at (held in the queue until then; the
                schedule runs it, :meth:`Schedule.keep`); 0 sends at once.

        Returns:
            How the run ended; None when a run was already going (it picks the jobs up) or
            the sending was scheduled for later.

        Raises:
            BlockedSendingError: the pre-flight report blocks.
            RepeatSendingError: some of these PECs were already sent (or may have been) and
                the person has not confirmed sending them again.
            ScheduleInPastError: ``not_before`` has already passed.
        """
        await self.queue_prepared(prepared, again=again, not_before=not_before)
        if not_before:
            return None
        return await self.run_queue()

    async def queue_prepared(
        self, prepared: Prepared, *, again: bool = False, not_before: float = 0.0
    ) -> int:
        """Queue a prepared sending without running the queue; the campaign id.

        The same checks as :meth:`send_prepared`, which raises what this raises.
        """
        if not_before and not_before <= self._clock():
            raise ScheduleInPastError
        plan = prepared.plan
        if plan.campaign is None or not plan.ok:
            raise BlockedSendingError(count=len(plan.report.blocking))
        async with self._queueing:
            fresh = await self._earlier(plan)
            seen = set(prepared.earlier.campaign_ids) if prepared.earlier is not None else set()
            if fresh is not None and (not again or not set(fresh.campaign_ids) <= seen):
                raise RepeatSendingError(fresh)
            campaign = replace(plan.campaign, not_before=not_before)
            campaign_id = await self.queue.enqueue(campaign, counted=not plan.test)
        if not_before:
            self.schedule.poke()
            return campaign_id
        self.campaign_ids.append(campaign_id)
        if plan.test:
            self.test_campaign_ids.append(campaign_id)
        return campaign_id

    async def run_queue(self) -> RunResult | None:
        """Run the queue until nothing is due; None when a run was already going."""
        if self.queue.running:
            return None
        return await self.queue.run()

    async def send(self, recipients: Sequence[Recipient], letter: Letter) -> RunResult | None:
        """Prepare and send in one step; refuses any repeat (see :meth:`send_prepared`).

        Raises:
            BlockedSendingError: the pre-flight report blocks.
            RepeatSendingError: some of these PECs were already sent (or may have been).
        """
        return await self.send_prepared(await self.prepare(recipients, letter))

    async def prepare_test(
        self, recipient: Recipient, letter: Letter, *, marker: str = "[TEST]"
    ) -> Prepared:
        """Plan ``recipient``'s message, merged for that row, to the account's own mailbox.

        The same planning step as the real sending (the row's own files included); the
        subject starts with ``marker`` (the UI passes it in its language), so the test, its
        receipts and its line in the Sent ledger are never taken for a real sending. The
        repeat guard does not apply to it.
        """
        own = Recipient(recipient.line, self.sender, self.sender, "", recipient.fields,
                        recipient.attachments)
        subject = f"{marker} {letter.subject}" if marker else letter.subject
        test = Letter(subject, letter.body, letter.attachments, letter.folder, False)
        plan = await asyncio.to_thread(
            plan_sending, self.sender, [own], test,
            max_message_bytes=self.max_message_bytes, columns=columns_of([recipient]),
            service=self.queue.service, test=True,
        )
        return Prepared(plan)

    async def test_send(
        self, recipient: Recipient, letter: Letter, *, marker: str = "[TEST]"
    ) -> RunResult | None:
        """Send ``recipient``'s message to the account's own mailbox (see :meth:`prepare_test`).

        It is left out of the progress the window shows (it is not part of the sending).

        Raises:
            BlockedSendingError: the test message itself cannot go (a file is missing…).
        """
        return await self.send_prepared(await self.prepare_test(recipient, letter,
                                                                marker=marker))

    async def wait_for_receipts(
        self,
        campaign_id: int,
        *,
        timeout: float = TEST_WAIT,
        on_stage: Callable[[Stage], None] | None = None,
    ) -> ReceiptOutcome:
        """Wait for a test send's ACCETTAZIONE and CONSEGNA, or what went wrong (cancellable).

        See :func:`pecdesk.services.sending.receipt_wait.wait_for_receipts`; the queue must be
        running (or run) for the test send to leave.
        """
        return await wait_for_receipts(self._watch, campaign_id, timeout=timeout,
                                       on_stage=on_stage)

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
        """Withdraw every job of this window's sendings that has not left yet.

        A sending scheduled for later is not touched until its time has come.
        """
        held = self.queue.held  # overdue at start: they wait for their own question
        due = [s.campaign_id for s in await self.schedule.due() if s.campaign_id not in held]
        return await self.queue.cancel(campaign_ids=[*self.campaign_ids, *due])

    async def hold_overdue(self) -> list[Scheduled]:
        """The scheduled sendings whose time passed while pecdesk was closed, held for a word.

        Call it before anything runs the queue (see :meth:`Schedule.hold_overdue`).
        """
        return await self.schedule.hold_overdue()

    async def send_overdue(self, campaign_ids: Sequence[int]) -> RunResult | None:
        """The person said "send now" to these held sendings: release and send them."""
        self.campaign_ids += [cid for cid in campaign_ids if cid not in self.campaign_ids]
        self.schedule.send_now(list(campaign_ids))
        return await self.run_queue()

    async def cancel_scheduled(self, campaign_ids: Sequence[int]) -> list[int]:
        """Withdraw the queued PECs of these scheduled sendings; the cancelled job ids."""
        cancelled = await self.queue.cancel(campaign_ids=campaign_ids)
        self.queue.release(campaign_ids)
        return cancelled

    async def keep_schedule(self) -> None:
        """Send each scheduled sending when its time comes, while the window is open."""
        await self.schedule.keep()

    async def _earlier(self, plan: SendingPlan) -> EarlierSending | None:
        if plan.test or plan.campaign is None:
            return None
        return await earlier_sending(self.store, plan.campaign)

    async def save_draft(self, draft: Draft, *, with_list: bool = False) -> None:
        """Keep ``draft`` for the next session (nothing when drafts are off).

        The imported list is encoded, off the window's thread, only ``with_list`` (it changed
        since the last save); the stored list is kept otherwise.
        """
        if self._drafts is None:
            return
        if not with_list:
            await self._drafts.save(self.sender, draft.form_json())
            return
        with self.collector.paused():  # 100,000 rows: see pecdesk.services.sending.heap
            rows = await asyncio.to_thread(draft.list_json)
            await self._drafts.save(self.sender, draft.form_json(), imported=rows)

    async def load_draft(self) -> Draft | None:
        """The saved draft, if any; its list checked again off the window's thread."""
        if self._drafts is None:
            return None
        with self.collector.paused():
            state = await self._drafts.load(self.sender)
            return None if state is None else await asyncio.to_thread(Draft.from_json, state)


def escape(text: str) -> str:
    """``text`` made safe to show inside rich text."""
    return html.escape(text, quote=False)
