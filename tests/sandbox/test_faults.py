"""Fault injection on POST /send: 500, spurious 429, reset after commit, slow reply after commit."""

from __future__ import annotations

import time

import httpx
import pytest

from pecdesk.sandbox import Fault, SandboxConfig
from pecdesk.sandbox.faults import FaultInjector
from tests.conftest import SandboxFactory
from tests.sandbox.helpers import Api, subjects

MYSQL = {"success": False, "message": "MySQL Error 1205"}


def _seed_for(kinds: tuple[Fault, ...], wanted: list[Fault | None]) -> int:
    """Find a seed whose first draws at rate 0.5 are ``wanted`` (deterministic search)."""
    for seed in range(10_000):
        injector = FaultInjector(0.5, kinds, seed)
        if [injector.draw() for _ in wanted] == wanted:
            return seed
    raise AssertionError("no seed found")


def test_mysql_500_does_not_commit(sandbox_factory: SandboxFactory) -> None:
    """An injected 500 commits nothing and does not count for the rate limit."""
    seed = _seed_for((Fault.MYSQL_500,), [Fault.MYSQL_500, None])
    box = sandbox_factory(fault_rate=0.5, fault_kinds=["mysql_500"], seed=seed, send_rate=0.5)
    client = Api(box)
    try:
        failed = client.send()
        assert failed.status_code == 500
        assert failed.json() == MYSQL
        assert box.ledger() == []
        assert client.send().status_code == 201  # not 429: the 500 did not count
    finally:
        client.close()
    assert len(box.ledger()) == 1


def test_spurious_429_does_not_commit(sandbox_factory: SandboxFactory) -> None:
    """The injected 429 has the rate-limit body and commits nothing."""
    box = sandbox_factory(fault_rate=1.0, fault_kinds=["rate_429"], seed=1)
    client = Api(box)
    try:
        response = client.send()
    finally:
        client.close()
    assert response.status_code == 429
    assert response.json() == {"success": False, "message": "Too many requests"}
    assert box.ledger() == []


def test_reset_after_commit(sandbox_factory: SandboxFactory) -> None:
    """A reset drops the connection with no response, yet the send is committed and counted."""
    seed = _seed_for((Fault.RESET,), [Fault.RESET, None])
    box = sandbox_factory(fault_rate=0.5, fault_kinds=["reset"], seed=seed, send_rate=0.5)
    client = Api(box)
    try:
        with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
            client.send(subject="Perso")
        [entry] = box.ledger()
        assert entry["fault"] == "reset"
        assert client.send().status_code == 429  # the reset send counted for the rate limit
        items = client.wait_receipts(entry["message_id"], 2)
    finally:
        client.close()
    assert subjects(items)[0] == f"ACCETTAZIONE: Perso {entry['message_id']}"


def test_slow_reply_after_commit(sandbox_factory: SandboxFactory) -> None:
    """A slow reply commits first: a short client timeout fails, yet the ledger has the send."""
    box = sandbox_factory(fault_rate=1.0, fault_kinds=["slow"], seed=3, slow_reply=0.5, send_rate=0)
    client = Api(box)
    try:
        client.http.timeout = httpx.Timeout(0.15)
        with pytest.raises(httpx.ReadTimeout):
            client.send()
        assert [e["fault"] for e in box.ledger()] == ["slow"]
        client.http.timeout = httpx.Timeout(5.0)
        started = time.monotonic()
        response = client.send()
        assert time.monotonic() - started >= 0.45
    finally:
        client.close()
    assert response.status_code == 201
    assert response.json()["message_id"] == box.ledger()[1]["message_id"]


def test_same_seed_same_faults(sandbox_factory: SandboxFactory) -> None:
    """Two sandboxes with the same seed inject the same faults in the same order."""
    outcomes = []
    for _ in range(2):
        box = sandbox_factory(
            fault_rate=0.5, fault_kinds=["mysql_500", "rate_429"], seed=42, send_rate=0
        )
        client = Api(box)
        try:
            outcomes.append([client.send().status_code for _ in range(12)])
        finally:
            client.close()
    assert outcomes[0] == outcomes[1]
    assert {500, 429, 201} <= set(outcomes[0])


def test_no_faults_by_default(api: Api) -> None:
    """With fault_rate 0 every valid send is a 201."""
    assert {api.send().status_code for _ in range(5)} <= {201, 429}


def test_unknown_fault_kind_rejected(sandbox_factory: SandboxFactory) -> None:
    """The config refuses fault kinds it does not know."""
    with pytest.raises(ValueError, match="unknown fault kind"):
        sandbox_factory(fault_kinds=["meteor"])


def test_stop_with_slow_reply_pending_is_prompt(sandbox_factory: SandboxFactory) -> None:
    """Stopping while a slow reply is still sleeping cancels it within about half a second."""
    box = sandbox_factory(fault_rate=1.0, fault_kinds=["slow"], slow_reply=30.0)
    client = Api(box)
    try:
        client.http.timeout = httpx.Timeout(0.1)
        with pytest.raises(httpx.ReadTimeout):
            client.send()
    finally:
        client.close()
    started = time.monotonic()
    box.stop()
    assert time.monotonic() - started < 3.0
    assert not box.running


def test_smtp_failure_is_a_2xx_that_failed_and_commits_nothing(
    sandbox_factory: SandboxFactory,
) -> None:
    """The SMTP fault: 200, ``success: false``, the error text in ``message_id``; nothing sent."""
    box = sandbox_factory(fault_rate=1.0, fault_kinds=["smtp"], send_rate=0.5)
    client = Api(box)
    try:
        failed = client.send()
        assert failed.status_code == 200
        body = failed.json()
        assert body["success"] is False
        assert body["message_id"].startswith("SMTP Error")
        assert not body["message_id"].isdigit()
        assert client.send().status_code == 200  # not 429: nothing was committed
    finally:
        client.close()
    assert box.ledger() == []


def test_smtp_fault_is_opt_in() -> None:
    """The default fault mix is the four of issue 2; SMTP failures come only when asked for."""
    assert Fault.SMTP not in SandboxConfig().fault_kinds
    assert set(SandboxConfig(fault_kinds=["smtp"]).fault_kinds) == {"smtp"}
