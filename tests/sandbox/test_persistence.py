"""State across restarts: the JSON state file, scheduled deliveries, and stop/start in-process."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from pecdesk.sandbox import EmbeddedSandbox, SandboxConfig
from tests.helpers.sandbox import MAILBOX, PASSWORD, TOKEN, SandboxFactory
from tests.helpers.sandbox_http import Api


def test_state_file_survives_restart(sandbox_factory: SandboxFactory, tmp_path: Path) -> None:
    """Messages, ids, receipts, the ledger and the code counter come back after a restart."""
    state = tmp_path / "state" / "sandbox.json"
    first = sandbox_factory(state_file=state)
    client = Api(first)
    try:
        code = client.sent_code(subject="Persistente")
        receipts = client.wait_receipts(code, 2)
        first.seed_inbox(MAILBOX, 5)
        inbox = client.inbox()
    finally:
        client.close()
    ledger = first.ledger()
    first.stop()

    second = sandbox_factory(state_file=state)
    client = Api(second)
    try:
        assert client.inbox() == inbox
        assert client.receipts(code) == receipts
        assert second.ledger() == ledger
        newer = client.sent_code()
        client.wait_receipts(newer, 1)
        new_ids = {i["id"] for i in client.inbox()["data"]} - {i["id"] for i in inbox["data"]}
    finally:
        client.close()
    assert int(newer) > int(code)
    assert min(new_ids) > max(i["id"] for i in inbox["data"])


def test_scheduled_receipts_survive_restart(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Receipts still pending at shutdown arrive after the restart (wall-clock due times)."""
    state = tmp_path / "sandbox.json"
    first = sandbox_factory(state_file=state, receipt_delay=0.3)
    client = Api(first)
    try:
        code = client.sent_code()
        assert client.receipts(code) == []
    finally:
        client.close()
    first.stop()
    second = sandbox_factory(state_file=state, receipt_delay=0.3)
    client = Api(second)
    try:
        items = client.wait_receipts(code, 2)
    finally:
        client.close()
    assert [i["object"].split(":")[0] for i in items] == ["ACCETTAZIONE", "CONSEGNA"]


def test_state_file_is_clean_json_without_secrets(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """The state file is valid JSON, holds no token or password, and no temp files linger."""
    state = tmp_path / "sandbox.json"
    box = sandbox_factory(state_file=state)
    client = Api(box)
    try:
        client.wait_receipts(client.sent_code(), 2)
    finally:
        client.close()
    box.stop()
    text = state.read_text(encoding="utf-8")
    json.loads(text)
    assert TOKEN not in text
    assert PASSWORD not in text
    assert [p.name for p in tmp_path.iterdir()] == ["sandbox.json"]


def test_unconfigured_mailboxes_are_kept(sandbox_factory: SandboxFactory, tmp_path: Path) -> None:
    """A mailbox missing from one run's config keeps its messages for a later run."""
    state = tmp_path / "sandbox.json"
    first = sandbox_factory(state_file=state)
    first.seed_inbox(MAILBOX, 3)
    first.stop()
    sandbox_factory(state_file=state, mailboxes={"solo@pecmassiva.com": "x"}).stop()
    third = sandbox_factory(state_file=state)
    client = Api(third)
    try:
        assert client.inbox()["total"] == 3
    finally:
        client.close()


def test_stop_start_same_object_keeps_state(sandbox: EmbeddedSandbox) -> None:
    """Without a state file, stop() then start() on the same object keeps everything."""
    sandbox.seed_inbox(MAILBOX, 4)
    sandbox.stop()
    sandbox.stop()  # idempotent
    assert not sandbox.running
    sandbox.start()
    client = Api(sandbox)
    try:
        assert client.inbox()["total"] == 4
    finally:
        client.close()


def test_context_manager() -> None:
    """``with EmbeddedSandbox(...)`` starts and stops it; base_url is unusable afterwards."""
    config = SandboxConfig(tokens=[TOKEN], mailboxes={MAILBOX: PASSWORD})
    with EmbeddedSandbox(config) as box:
        client = Api(box)
        try:
            assert client.inbox()["total"] == 0
        finally:
            client.close()
    assert not box.running
    with pytest.raises(RuntimeError, match="not running"):
        _ = box.base_url


def test_deliver_due_without_requests(sandbox_factory: SandboxFactory) -> None:
    """``deliver_due()`` materializes receipts whose time has come, without any request."""
    box = sandbox_factory()
    client = Api(box)
    try:
        client.sent_code()
    finally:
        client.close()
    time.sleep(0.12)
    assert box.deliver_due() == 2
    assert box.deliver_due() == 0
