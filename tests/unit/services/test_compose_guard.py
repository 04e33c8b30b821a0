"""The repeat guard in ComposeService, over the sandbox: the same PEC goes once unless confirmed."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from pecdesk.domain.jobs import JobState
from pecdesk.recipients import from_text
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.services.sending import RepeatSendingError
from pecdesk.services.sending.compose import BlockedSendingError
from pecdesk.services.sending.preflight import Letter
from tests.helpers.sandbox import MAILBOX
from tests.helpers.sending import composer, tab_rows, write_csv

LETTER = Letter("Sollecito", "<p>Gentile cliente, la fattura è scaduta.</p>")


def test_a_repeat_needs_send_again(sandbox: EmbeddedSandbox, tmp_path: Path) -> None:
    """Prepared again, the same PECs name the earlier sending; only ``again`` sends them."""

    async def go() -> None:
        async with composer(sandbox, tmp_path) as compose:
            first = await compose.prepare(from_text("a@pec.it, b@pec.it"), LETTER)
            assert first.plan.ok and first.earlier is None
            await compose.send_prepared(first)
            second = await compose.prepare(from_text("<a@pec.it>\nmailto:b@pec.it"), LETTER)
            earlier = second.earlier
            assert earlier is not None
            assert earlier.campaign_ids == (compose.campaign_ids[0],)
            assert (earlier.jobs, earlier.recipients) == (2, 2)
            assert earlier.addresses == ("a@pec.it", "b@pec.it")
            assert earlier.first_at <= earlier.last_at
            with pytest.raises(RepeatSendingError) as refused:
                await compose.send_prepared(second)
            assert refused.value.params["count"] == "2"
            assert len(sandbox.ledger()) == 2
            await compose.send_prepared(second, again=True)
            assert len(sandbox.ledger()) == 4
            with pytest.raises(RepeatSendingError):
                await compose.send(from_text("a@pec.it"), LETTER)
        assert len(sandbox.ledger()) == 4

    asyncio.run(go())


def test_only_the_overlap_counts(sandbox: EmbeddedSandbox, tmp_path: Path) -> None:
    """A list sharing one recipient with an earlier sending names that one recipient."""

    async def go() -> None:
        async with composer(sandbox, tmp_path) as compose:
            await compose.send(from_text("a@pec.it, b@pec.it"), LETTER)
            prepared = await compose.prepare(from_text("b@pec.it, c@pec.it"), LETTER)
            assert prepared.earlier is not None
            assert prepared.earlier.addresses == ("b@pec.it",)
            other = await compose.prepare(from_text("b@pec.it"), Letter("Altro", LETTER.body))
            assert other.earlier is None  # another subject: another PEC

    asyncio.run(go())


def test_again_covers_only_the_sending_it_named(sandbox: EmbeddedSandbox, tmp_path: Path) -> None:
    """A sending made after the dialog was shown (a second click) is refused even with again."""

    async def go() -> None:
        async with composer(sandbox, tmp_path) as compose:
            await compose.send(from_text("a@pec.it"), LETTER)
            shown = await compose.prepare(from_text("a@pec.it"), LETTER)
            await compose.send_prepared(shown, again=True)
            with pytest.raises(RepeatSendingError):
                await compose.send_prepared(shown, again=True)
        assert len(sandbox.ledger()) == 2

    asyncio.run(go())


def test_cancelled_pecs_do_not_count(sandbox: EmbeddedSandbox, tmp_path: Path) -> None:
    """Withdrawn before leaving, a sending is no earlier sending; queued ones are."""

    async def go() -> None:
        async with composer(sandbox, tmp_path) as compose:
            plan = (await compose.prepare(from_text("a@pec.it"), LETTER)).plan
            assert plan.campaign is not None
            await compose.queue.enqueue(plan.campaign)
            queued = await compose.prepare(from_text("a@pec.it"), LETTER)
            assert queued.earlier is not None and queued.earlier.queued == 1
            await compose.queue.cancel()
            assert (await compose.prepare(from_text("a@pec.it"), LETTER)).earlier is None
        assert sandbox.ledger() == []

    asyncio.run(go())


def test_test_sends_are_exempt(sandbox: EmbeddedSandbox, tmp_path: Path) -> None:
    """Two test sends both go, to the own mailbox, marked; they do not block the real one."""

    async def go() -> None:
        async with composer(sandbox, tmp_path) as compose:
            (row,) = from_text("a@pec.it")
            prepared = await compose.prepare_test(row, LETTER, marker="[PROVA]")
            assert prepared.plan.test and prepared.earlier is None
            await compose.test_send(row, LETTER, marker="[PROVA]")
            await compose.test_send(row, LETTER, marker="[PROVA]")
            assert len(compose.test_campaign_ids) == 2
            real = await compose.prepare([row], LETTER)
            assert real.earlier is None
        ledger = sandbox.ledger()
        assert [(e["recipients"], e["subject"]) for e in ledger] == [
            ([MAILBOX], "[PROVA] Sollecito"), ([MAILBOX], "[PROVA] Sollecito")
        ]

    asyncio.run(go())


def test_a_blocked_plan_is_not_queued(sandbox: EmbeddedSandbox, tmp_path: Path) -> None:
    """While the report blocks, send_prepared refuses with the count of errors."""

    async def go() -> None:
        async with composer(sandbox, tmp_path) as compose:
            prepared = await compose.prepare(from_text("a@pec.it, non-un-indirizzo"), LETTER)
            assert not prepared.plan.ok
            with pytest.raises(BlockedSendingError) as refused:
                await compose.send_prepared(prepared, again=True)
            assert refused.value.params["count"] == "1"
            assert compose.campaign_ids == []

    asyncio.run(go())


def test_own_files_make_one_campaign_of_n(sandbox: EmbeddedSandbox, tmp_path: Path) -> None:
    """Ten recipients, each with an invoice of their own: one campaign of ten, each PEC its file."""
    rows = [(f"Cliente {n}", f"c{n}@pec.it", f"fattura_{n}.pdf") for n in range(10)]
    recipients, columns = tab_rows(write_csv(tmp_path / "lista", rows))
    letter = Letter("Fattura per {{Nome}}", "Gentile {{Nome}}", (), tmp_path / "lista")

    async def go() -> None:
        async with composer(sandbox, tmp_path / "data") as compose:
            await compose.send_prepared(await compose.prepare(recipients, letter, columns=columns))
            (summary,) = await compose.store.campaigns()
            assert summary.subject == "Fattura per {{Nome}}"
            assert summary.counts == {JobState.SUBMITTED: 10}

    asyncio.run(go())
    assert [(e["recipients"], [a["name"] for a in e["attachments"]]) for e in sandbox.ledger()] == [
        ([f"c{n}@pec.it"], [f"fattura_{n}.pdf"]) for n in range(10)
    ]


def test_two_clicks_at_once_send_once(sandbox: EmbeddedSandbox, tmp_path: Path) -> None:
    """The same prepared sending queued twice at the same moment goes out once."""

    async def go() -> list[object]:
        async with composer(sandbox, tmp_path) as compose:
            prepared = await compose.prepare(from_text("a@pec.it"), LETTER)
            return list(await asyncio.gather(compose.send_prepared(prepared),
                                             compose.send_prepared(prepared),
                                             return_exceptions=True))

    outcomes = asyncio.run(go())
    assert sum(isinstance(o, RepeatSendingError) for o in outcomes) == 1
    assert len(sandbox.ledger()) == 1
