"""The Inbox list shows the 24-hour notice as final, opened or not, like the Sent tab."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pecdesk.domain.delivery import DeliveryState
from pecdesk.domain.models import InboxItem
from pecdesk.domain.receipts import ReceiptKind, classify
from pecdesk.services.mailbox.inbox import InboxRow, InboxService
from pecdesk.services.mailbox.mail import MailService
from pecdesk.services.mailbox.timeouts import TimeoutJudge
from pecdesk.storage.mail_cache import MailCache
from tests.helpers.sandbox import SandboxFactory
from tests.helpers.tracking import ledgered

SLOW = "slow.gialli@pec.it"
CODE = "2026112712001234"


@pytest.mark.anyio
async def test_the_final_notice_is_final_in_the_list_and_its_saved_copy(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Both sandbox notices listed: the later is final, the earlier a warning; as in Sent."""
    box = sandbox_factory(pec_timeout=4.0)
    cache = MailCache.open(tmp_path / "cache")
    try:
        async with ledgered(box, tmp_path) as led:
            cid = await led.send([SLOW])
            await led.track_until_final()
            assert await led.states(cid) == {SLOW: DeliveryState.FAILED_TIMEOUT}
            inbox = InboxService(
                mail=MailService(client=led.engine.client, account=led.engine.mailbox.account),
                cache=cache,
            )
            page = await inbox.server().page(1)
            saved = await inbox.saved().page(1)
    finally:
        cache.close()
    for rows in (page.rows, saved.rows):
        notices = [r for r in rows if r.item.subject.upper().startswith("AVVISO DI MANCATA")]
        assert all(classify(r.item.subject).kind is ReceiptKind.TIMEOUT_WARNING for r in notices)
        assert [r.kind for r in notices] == [  # newest first
            ReceiptKind.TIMEOUT_FINAL,
            ReceiptKind.TIMEOUT_WARNING,
        ]


def row(key: str, kind: ReceiptKind, hour: int) -> InboxRow:
    """A listed receipt of sending CODE, dated ``hour`` hours into 1 December 2026."""
    when = datetime(2026, 12, 1, hour, tzinfo=UTC)
    item = InboxItem(0, "posta-certificata@pec.it", "", "me@pec.it", when, "", f"X: {CODE}")
    return InboxRow(key, item, kind, CODE)


def test_a_later_page_turns_an_earlier_notice_final() -> None:
    """The 24-hour notice on page 1 turns final when page 2 brings the warning before it."""
    judge: TimeoutJudge[InboxRow] = TimeoutJudge(
        lambda r: replace(r, kind=ReceiptKind.TIMEOUT_FINAL)
    )
    first, earlier = judge.judge([row("final", ReceiptKind.TIMEOUT_WARNING, 23)])
    assert [r.kind for r in first] == [ReceiptKind.TIMEOUT_WARNING] and earlier == []
    second, earlier = judge.judge(
        [
            row("warning", ReceiptKind.TIMEOUT_WARNING, 12),
            row("acc", ReceiptKind.ACCEPTANCE, 0),
        ]
    )
    assert [r.kind for r in second] == [ReceiptKind.TIMEOUT_WARNING, ReceiptKind.ACCEPTANCE]
    assert earlier == [replace(first[0], kind=ReceiptKind.TIMEOUT_FINAL)]
    _again, earlier = judge.judge([])
    assert earlier == []  # said once
