"""POST /send: response shape, validation, content types, codes and the per-token rate limit."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import time
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from pecdesk.sandbox import EmbeddedSandbox, TokenGrant
from tests.helpers.sandbox import MAILBOX, PASSWORD, TOKEN, SandboxFactory
from tests.helpers.sandbox_http import Api, subjects

BAD_POST = {"success": False, "message": "Post parameter is not valid"}
TOO_MANY = {"success": False, "message": "Too many requests"}


def test_send_success_shape(api: Api) -> None:
    """A good send answers 201 with sent, an empty message and a 16-digit Rome-time code."""
    before = datetime.now(ZoneInfo("Europe/Rome")).strftime("%Y%m%d%H%M%S")
    response = api.send()
    after = datetime.now(ZoneInfo("Europe/Rome")).strftime("%Y%m%d%H%M%S")
    assert response.status_code == 201
    payload = response.json()
    assert set(payload) == {"success", "sent", "message", "message_id"}
    assert payload["success"] is True
    assert payload["sent"] == 1
    assert payload["message"] == ""
    code = payload["message_id"]
    assert isinstance(code, str)
    assert re.fullmatch(r"[0-9]{16}", code)
    assert before <= code[:14] <= after


@pytest.mark.parametrize(
    "content_type",
    [None, "application/json", "application/x-www-form-urlencoded", "text/plain"],
)
def test_content_type_is_ignored(api: Api, content_type: str | None) -> None:
    """The body is parsed as JSON whatever Content-Type says (the SDKs send none or form)."""
    body = {
        "sender": MAILBOX,
        "recipient": "a@pec.it",
        "subject": "s",
        "body": "b",
        "username": MAILBOX,
        "password": PASSWORD,
    }
    headers = {"Content-Type": content_type} if content_type else {}
    response = api.http.post("/send", content=json.dumps(body).encode(), headers=headers)
    assert response.status_code == 201


@pytest.mark.parametrize(
    "raw", [b"", b"not json", b"{'single': 'quotes'}", b"[1, 2]", b'"x"', b"\xff\xfe{"]
)
def test_non_json_or_non_object_body_is_400(api: Api, raw: bytes) -> None:
    """A body that is not a JSON object gives 400 Post parameter is not valid."""
    response = api.http.post("/send", content=raw)
    assert response.status_code == 400
    assert response.json() == BAD_POST


@pytest.mark.parametrize(
    "fields",
    [
        {"sender": None},
        {"sender": "not-an-address"},
        {"recipient": None},
        {"recipient": []},
        {"recipient": 42},
        {"recipient": "two@pec.it, addresses@pec.it"},
        {"recipient": ["ok@pec.it", "broken@"]},
        {"recipient": ["ok@pec.it", 7]},
        {"subject": None},
        {"body": 3.5},
        {"attachments": "file.pdf"},
        {"attachments": [{"name": "a.pdf", "file": "%%%not base64%%%"}]},
        {"attachments": [{"name": "a.pdf", "file": "YWJj="}]},
        {"attachments": [{"name": "a.pdf", "file": "data:application/pdf;base64,@@"}]},
        {"attachments": [{"file": "YWJj"}]},
        {"attachments": [{"name": "", "file": "YWJj"}]},
        {"attachments": [{"name": "a.pdf"}]},
        {"attachments": ["YWJj"]},
    ],
)
def test_bad_fields_are_400(api: Api, fields: dict[str, Any]) -> None:
    """Missing or malformed fields, bad addresses and bad base64 give 400."""
    response = api.send(**fields)
    assert response.status_code == 400
    assert response.json() == BAD_POST
    assert api.http.get("/_sandbox/ledger").json() == []


def test_attachments_plain_data_uri_and_single_object(api: Api) -> None:
    """Attachments may be plain base64 (with line breaks), data URIs, or a single object."""
    pdf = b"%PDF-1.4 fattura " * 40
    plain = base64.encodebytes(pdf).decode()  # has line breaks, like MIME
    data_uri = "data:image/png;base64," + base64.b64encode(b"\x89PNG").decode()
    api.sent_code(
        attachments=[{"name": "fattura.pdf", "file": plain}, {"name": "logo.png", "file": data_uri}]
    )
    api.sent_code(attachments={"name": "vuoto.txt", "file": ""})
    ledger = api.http.get("/_sandbox/ledger").json()
    assert ledger[0]["attachments"] == [
        {"name": "fattura.pdf", "size": len(pdf), "sha256": hashlib.sha256(pdf).hexdigest()},
        {"name": "logo.png", "size": 4, "sha256": hashlib.sha256(b"\x89PNG").hexdigest()},
    ]
    assert ledger[1]["attachments"][0]["size"] == 0


def test_sent_counts_distinct_recipients(api: Api) -> None:
    """``sent`` is the number of distinct recipients; a repeated address counts once."""
    response = api.send(recipient=["a@pec.it", "b@pec.it", "A@PEC.IT", "a@pec.it"])
    assert response.json()["sent"] == 2
    assert api.http.get("/_sandbox/ledger").json()[0]["recipients"] == ["a@pec.it", "b@pec.it"]


def test_ledger_entry(api: Api) -> None:
    """The ledger keeps what was sent, without the code in the subject and without secrets."""
    code = api.sent_code(subject="Fattura è pronta", body="<b>ciao</b>", recipient="x@pec.it")
    [entry] = api.http.get("/_sandbox/ledger").json()
    assert entry["message_id"] == code
    assert entry["recipients"] == ["x@pec.it"]
    assert entry["sender"] == MAILBOX
    assert entry["subject"] == "Fattura è pronta"
    assert entry["body"] == "<b>ciao</b>"
    assert entry["attachments"] == []
    assert entry["fault"] is None
    assert "token" not in entry
    assert "password" not in entry
    at = datetime.fromisoformat(entry["at"])
    assert at.utcoffset() is not None
    assert abs(at.timestamp() - time.time()) < 60


def test_ledger_matches_in_process_accessor(api: Api, sandbox: EmbeddedSandbox) -> None:
    """``EmbeddedSandbox.ledger()`` equals GET /_sandbox/ledger."""
    api.sent_code()
    assert sandbox.ledger() == api.http.get("/_sandbox/ledger").json()


def test_codes_unique_increasing_16_digits(sandbox_factory: SandboxFactory) -> None:
    """Many sends in a row get distinct, strictly increasing 16-digit codes."""
    client = Api(sandbox_factory(send_rate=0))
    try:
        codes = [client.sent_code() for _ in range(60)]
    finally:
        client.close()
    assert all(re.fullmatch(r"[0-9]{16}", code) for code in codes)
    assert [int(c) for c in codes] == sorted({int(c) for c in codes})


def test_subject_gets_code_appended(api: Api) -> None:
    """Receipts carry the subject with ``" <code>"`` appended."""
    code = api.sent_code(subject="Sollecito n. 7")
    items = api.wait_receipts(code, 1)
    assert subjects(items)[0] == f"ACCETTAZIONE: Sollecito n. 7 {code}"


def test_code_matches_whole_word_only(api: Api) -> None:
    """GET /send/{code} never matches the code inside a longer number, but does as a word."""
    code = api.sent_code(subject="Primo invio")
    longer = api.sent_code(subject=f"Riferimento {code}5 e x{code}")
    quoting = api.sent_code(subject=f"Risposta a ({code})")
    api.wait_receipts(longer, 2)
    api.wait_receipts(quoting, 2)
    found = subjects(api.wait_receipts(code, 4))
    assert all(longer not in subject for subject in found)
    assert any(quoting in subject for subject in found)
    assert api.receipts(code[:-1]) == []
    assert api.receipts(code[2:]) == []


def test_rate_limit_then_ok(sandbox_factory: SandboxFactory) -> None:
    """A burst gets 429 after the first commit; after 1/R s the next send commits."""
    box = sandbox_factory(send_rate=4.0)
    client = Api(box)
    try:
        assert client.send(sender=42).status_code == 400  # rejected: does not start the window
        before_commit = time.monotonic()
        assert client.send().status_code == 201
        after_commit = time.monotonic()
        burst = []
        while time.monotonic() - before_commit < 0.15:
            burst.append(client.send())
        assert burst
        assert all(r.status_code == 429 for r in burst)
        assert burst[0].json() == TOO_MANY
        time.sleep(max(0.0, after_commit + 0.26 - time.monotonic()))
        assert client.send().status_code == 201
    finally:
        client.close()
    assert len(box.ledger()) == 2


def test_rate_limit_is_per_token(sandbox_factory: SandboxFactory) -> None:
    """Another token is not slowed down by the first one's sends."""
    second = "999999999999999999999999"
    box = sandbox_factory(send_rate=0.5, tokens=[TOKEN, TokenGrant(second, ("*:*/*",))])
    one, two = Api(box), Api(box, token=second)
    try:
        assert one.send().status_code == 201
        assert one.send().status_code == 429
        assert two.send().status_code == 201
    finally:
        one.close()
        two.close()


def test_wrong_method_is_json_405(api: Api) -> None:
    """Errors raised by aiohttp itself still come as the JSON envelope."""
    response = api.http.put("/send")
    assert response.status_code == 405
    assert response.json() == {"success": False, "message": "Method not allowed"}
    assert "POST" in response.headers["Allow"]


def test_unknown_path_is_json_404(sandbox: EmbeddedSandbox) -> None:
    """Unknown paths answer 404 with the JSON envelope, even without credentials."""
    with httpx.Client(base_url=sandbox.base_url) as http:
        response = http.get("/nowhere")
    assert response.status_code == 404
    assert response.json() == {"success": False, "message": "Not found"}


def test_daily_cap_counts_recipients_and_refuses_before_commit(
    sandbox_factory: SandboxFactory,
) -> None:
    """With a cap of 3 PECs a day: 2 + 1 are sent; 2 more, or 1 more, get 429 and commit nothing."""
    box = sandbox_factory(daily_cap=3, send_rate=0)  # no rate limit in the way
    client = Api(box)
    try:
        assert client.send(recipient=["a@pec.it", "b@pec.it"]).status_code == 201
        over = client.send(recipient=["c@pec.it", "d@pec.it"])
        assert over.status_code == 429
        assert over.json() == {"success": False, "message": "Daily sending limit reached"}
        assert client.send(recipient="c@pec.it").status_code == 201
        assert client.send(recipient="d@pec.it").status_code == 429
    finally:
        client.close()
    assert [len(entry["recipients"]) for entry in box.ledger()] == [2, 1]
