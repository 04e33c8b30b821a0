"""Fault injection on POST /send: before commit, and after commit (nothing, slow, bad answers).

Before commit: 500, a spurious 429, the SMTP failure. After commit: a reset, a slow reply, and
the bad answers of issue 12 (not JSON, truncated, a 502 page, a wrong envelope).
"""

from __future__ import annotations

import time

import httpx
import pytest

from pecdesk.sandbox import Fault, SandboxConfig
from pecdesk.sandbox.faults import BAD_ANSWERS, DEFAULT_FAULTS, FaultInjector
from tests.helpers.sandbox import SandboxFactory
from tests.helpers.sandbox_http import Api, subjects

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


def _bad(response: httpx.Response) -> str:
    """How the bad answer looks: the status and the first characters of the body."""
    return f"{response.status_code} {response.text[:40]}"


@pytest.mark.parametrize(
    ("fault", "looks_like"),
    [
        (Fault.PHP_WARNING, "201 <br />\n<b>Warning</b>:  Undefined"),
        (Fault.TRUNCATED, '201 {"sent": 1, "message_id": "'),
        (Fault.GATEWAY_502, "502 <html>\r\n<head><title>502 Bad Gateway"),
        (Fault.JSON_ARRAY, '201 [{"sent": 1, "message_id": "'),
        (Fault.SUCCESS_TEXT, '201 {"sent": 1, "message_id": "'),
        (Fault.SUCCESS_FALSE_TEXT, '201 {"sent": 1, "message_id": "'),
        (Fault.SUCCESS_ZERO, '201 {"sent": 1, "message_id": "'),
    ],
)
def test_bad_answers_after_commit_commit_and_count(
    sandbox_factory: SandboxFactory, fault: Fault, looks_like: str
) -> None:
    """Each bad-answer fault commits (ledger, receipts, rate limit), then answers badly."""
    box = sandbox_factory(fault_rate=1.0, fault_kinds=[fault], send_rate=0.5)
    client = Api(box)
    try:
        response = client.send(subject="Nascosto")
        [entry] = box.ledger()
        assert entry["fault"] == str(fault)
        assert _bad(response).startswith(looks_like)
        assert client.send().status_code == 429  # the hidden send counted for the rate limit
        items = client.wait_receipts(entry["message_id"], 2)
    finally:
        client.close()
    assert subjects(items)[0] == f"ACCETTAZIONE: Nascosto {entry['message_id']}"
    assert response.headers["Date"].endswith("GMT")


@pytest.mark.parametrize(
    ("fault", "success"),
    [(Fault.SUCCESS_TEXT, "true"), (Fault.SUCCESS_FALSE_TEXT, "false"), (Fault.SUCCESS_ZERO, 0)],
)
def test_wrong_type_success_is_otherwise_a_clean_envelope(
    sandbox_factory: SandboxFactory, fault: Fault, success: object
) -> None:
    """Only ``success`` is wrong: the code is there and is the committed one."""
    box = sandbox_factory(fault_rate=1.0, fault_kinds=[fault])
    client = Api(box)
    try:
        body = client.send().json()
    finally:
        client.close()
    assert body["success"] == success and type(body["success"]) is type(success)
    assert body["message_id"] == box.ledger()[0]["message_id"]


def test_truncated_answer_is_half_a_json_body(sandbox_factory: SandboxFactory) -> None:
    """The truncated body is exactly the first half of a clean envelope (Content-Length agrees)."""
    box = sandbox_factory(fault_rate=1.0, fault_kinds=["truncated"])
    client = Api(box)
    try:
        response = client.send()
    finally:
        client.close()
    assert int(response.headers["Content-Length"]) == len(response.content)
    with pytest.raises(ValueError):  # json.JSONDecodeError
        response.json()
    assert box.ledger()[0]["message_id"][:4] in response.text


def test_bad_answers_are_opt_in_and_selectable() -> None:
    """None of the bad answers is in the default mix; each can be chosen by name."""
    assert not BAD_ANSWERS & set(SandboxConfig().fault_kinds)
    assert not BAD_ANSWERS & set(DEFAULT_FAULTS)
    names = [str(f) for f in sorted(BAD_ANSWERS)]
    assert {str(k) for k in SandboxConfig(fault_kinds=names).fault_kinds} == set(names)
    assert all(f.commits and f.answers_badly for f in BAD_ANSWERS)
    assert not any(f.answers_badly for f in DEFAULT_FAULTS)
