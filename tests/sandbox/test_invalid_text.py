"""Invalid text in any field: the documented 401 or 400 with the JSON envelope, never a 500.

Invalid text is sent as it arrives from a hostile client: bytes that are not UTF-8, a lone
surrogate escaped in JSON text (a backslash, ``ud800``), header values as raw bytes, percent-escapes
that decode to no UTF-8. And a bad request never costs another sending its receipts.
"""

from __future__ import annotations

import json
import socket
from typing import Any

import httpx
import pytest

from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.sandbox.receipts import Draft
from pecdesk.sandbox.state import SandboxState
from tests.helpers.sandbox import MAILBOX, PASSWORD, TOKEN, SandboxFactory
from tests.helpers.sandbox_http import Api, subjects

BAD_POST = {"success": False, "message": "Post parameter is not valid"}
BAD_PARAMETER = {"success": False, "message": "Parameter is not valid"}
UNAUTHORIZED = {"success": False, "message": "Authorization is not valid or empty"}
MARK = "@@MARK@@"
# Each way to put MARK into a POST /send body; the value is a JSON-ready body.
FIELDS: dict[str, dict[str, Any]] = {
    "sender": {"sender": f"a{MARK}@pecmassiva.com"},
    "recipient": {"recipient": f"mario{MARK}@pec.it"},
    "recipient list item": {"recipient": ["ok@pec.it", f"mario{MARK}@pec.it"]},
    "subject": {"subject": f"Fattura {MARK}"},
    "body": {"body": f"<p>{MARK}</p>"},
    "attachment name": {"attachments": [{"name": f"a{MARK}.pdf", "file": "aGVsbG8="}]},
    "attachment file": {"attachments": [{"name": "a.pdf", "file": f"aGVs{MARK}"}]},
}
CREDENTIALS: dict[str, dict[str, Any]] = {
    "username": {"username": f"studio{MARK}"},
    "password": {"password": f"S3gret0{MARK}"},
}


def _body(**fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "sender": MAILBOX,
        "recipient": "mario.rossi@pec.it",
        "subject": "Prova",
        "body": "<p>Corpo</p>",
        "username": MAILBOX,
        "password": PASSWORD,
    }
    body.update(fields)
    return body


def _raw(fields: dict[str, Any], replacement: bytes) -> bytes:
    """The JSON text of a send body with every MARK replaced by ``replacement`` bytes."""
    text = json.dumps(_body(**fields), ensure_ascii=False).encode()
    assert MARK.encode() in text
    return text.replace(MARK.encode(), replacement)


def _envelope(response: httpx.Response) -> Any:
    """The JSON of an answer, after checking it is JSON at all."""
    assert response.headers["content-type"].startswith("application/json"), response.text
    return response.json()


@pytest.mark.parametrize("field", sorted(FIELDS))
def test_lone_surrogate_in_a_field_is_400(api: Api, sandbox: EmbeddedSandbox, field: str) -> None:
    """A lone-surrogate escape in any POST /send field answers 400 and commits nothing."""
    response = api.http.post("/send", content=_raw(FIELDS[field], b"\\ud800"))
    assert response.status_code == 400
    assert _envelope(response) == BAD_POST
    assert sandbox.ledger() == []


@pytest.mark.parametrize("field", sorted(FIELDS) + sorted(CREDENTIALS))
def test_invalid_utf8_in_a_field_is_400(api: Api, sandbox: EmbeddedSandbox, field: str) -> None:
    """Bytes that are not UTF-8 in any field, credentials too, are 400 at the JSON step.

    api.md 8.1 checks that the body is JSON before it checks the credentials.
    """
    fields = {**FIELDS, **CREDENTIALS}[field]
    for bad in (b"\xff\xfe", b"\xed\xa0\x80", b"\xc3"):
        response = api.http.post("/send", content=_raw(fields, bad))
        assert response.status_code == 400, bad
        assert _envelope(response) == BAD_POST
    assert sandbox.ledger() == []


@pytest.mark.parametrize("field", sorted(CREDENTIALS))
@pytest.mark.parametrize("surrogate", [b"\\ud800", b"\\udcff", b"\\udfff\\ud800"])
def test_lone_surrogate_in_credentials_is_401(api: Api, field: str, surrogate: bytes) -> None:
    """A lone surrogate in the body's username or password is a wrong credential: 401."""
    response = api.http.post("/send", content=_raw(CREDENTIALS[field], surrogate))
    assert response.status_code == 401
    assert _envelope(response) == UNAUTHORIZED


def test_credentials_are_checked_before_fields(api: Api) -> None:
    """With a bad password and a bad subject, the credentials answer first (401)."""
    fields = {**CREDENTIALS["password"], **FIELDS["subject"]}
    response = api.http.post("/send", content=_raw(fields, b"\\ud800"))
    assert response.status_code == 401
    assert _envelope(response) == UNAUTHORIZED


def test_deeply_nested_json_is_400(api: Api) -> None:
    """100,000 nested arrays are no valid body: 400, not a recursion error."""
    for depth in (100_000, 5_000):
        content = b'{"subject":' + b"[" * depth + b"]" * depth + b"}"
        response = api.http.post("/send", content=content)
        assert response.status_code == 400
        assert _envelope(response) == BAD_POST


BAD_HEADERS: dict[str, dict[bytes, bytes]] = {
    "x-username not UTF-8": {b"x-username": b"\xff\xfe"},
    "x-password not UTF-8": {b"x-password": b"S3gret0\xff"},
    "x-password encoded surrogate": {b"x-password": b"\xed\xa0\x80"},
    "bearer not UTF-8": {b"Authorization": b"Bearer \xff\xfe"},
    "bearer encoded surrogate": {b"Authorization": b"Bearer a1b2\xed\xa0\x80"},
}
ENDPOINTS = [
    ("GET", "/inbox"),
    ("GET", "/inbox/1"),
    ("DELETE", "/inbox/1"),
    ("GET", "/send/2026010112000000"),
    ("DELETE", "/send/2026010112000000"),
    ("GET", "/quota/INBOX"),
]


@pytest.mark.parametrize("header", sorted(BAD_HEADERS))
@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_invalid_header_bytes_are_401(api: Api, header: str, method: str, path: str) -> None:
    """Header bytes that are not UTF-8, in the mailbox headers or the bearer, answer 401."""
    headers = {b"x-username": MAILBOX.encode(), b"x-password": PASSWORD.encode()}
    headers.update(BAD_HEADERS[header])
    response = api.http.request(method, path, headers=headers)
    assert response.status_code == 401
    assert _envelope(response) == UNAUTHORIZED


def test_invalid_bearer_bytes_on_send_are_401(api: Api, sandbox: EmbeddedSandbox) -> None:
    """POST /send with a bearer that is not UTF-8 answers 401 and commits nothing."""
    for value in (b"Bearer \xff\xfe", b"Bearer \xed\xa0\x80"):
        response = api.http.post(
            "/send", content=json.dumps(_body()), headers={b"Authorization": value}
        )
        assert response.status_code == 401
        assert _envelope(response) == UNAUTHORIZED
    assert sandbox.ledger() == []


BAD_TARGETS = [
    ("GET", "/inbox?q=%ff"),
    ("GET", "/inbox?q=%ED%A0%80"),
    ("GET", "/inbox?page=%c3"),
    ("GET", "/inbox/%ff"),
    ("DELETE", "/inbox/%ff"),
    ("GET", "/send/%ff"),
    ("GET", "/send/2026%ED%A0%80"),
    ("DELETE", "/send/%ff"),
    ("GET", "/quota/%ff"),
    ("GET", "/quota/INBOX?x=%fe"),
]


@pytest.mark.parametrize(("method", "path"), BAD_TARGETS)
def test_invalid_path_or_query_is_400(api: Api, method: str, path: str) -> None:
    """A path segment or query value escaping no UTF-8 answers 400, after the credentials."""
    headers = {"x-username": MAILBOX, "x-password": PASSWORD}
    assert httpx.URL(path).raw_path == path.encode()  # sent as written, not re-escaped
    response = api.http.request(method, path, headers=headers)
    assert response.status_code == 400
    assert _envelope(response) == BAD_PARAMETER
    wrong = api.http.request(method, path, headers={**headers, "x-password": "wrong"})
    assert wrong.status_code == 401
    assert _envelope(wrong) == UNAUTHORIZED


def test_valid_escapes_still_work(api: Api) -> None:
    """A query escaping valid UTF-8 (``%C3%A9`` = é) is searched as usual."""
    api.sent_code(subject="Caffè")
    response = api.http.get(
        "/inbox?q=caff%C3%A8", headers={"x-username": MAILBOX, "x-password": PASSWORD}
    )
    assert response.status_code == 200
    assert _envelope(response)["success"] is True


def test_invalid_query_on_send_is_400(api: Api, sandbox: EmbeddedSandbox) -> None:
    """POST /send with a query that is no UTF-8 is refused at the fields step: 400."""
    response = api.http.post("/send?note=%ff", content=json.dumps(_body()))
    assert response.status_code == 400
    assert _envelope(response) == BAD_POST
    assert sandbox.ledger() == []


def test_raw_octets_in_request_line_are_400(sandbox: EmbeddedSandbox, api: Api) -> None:
    """Raw non-ASCII octets in the request line answer 400 and the sandbox goes on serving.

    Such a line is no HTTP (RFC 9112): aiohttp's parser refuses it before any route, with its own
    plain-text body; only an escaped target (tested above) reaches the JSON envelope.
    """
    host, port = sandbox.base_url.removeprefix("http://").rsplit(":", 1)
    for target in (b"/inbox?q=\xff", b"/send/\xed\xa0\x80"):
        with socket.create_connection((host, int(port)), timeout=5) as sock:
            sock.sendall(
                b"GET "
                + target
                + b" HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + TOKEN.encode()
                + b"\r\nConnection: close\r\n\r\n"
            )
            answer = b""
            while chunk := sock.recv(65536):
                answer += chunk
        assert answer.startswith((b"HTTP/1.0 400 ", b"HTTP/1.1 400 ")), answer[:80]
    assert api.inbox()["success"] is True


def _good(api: Api, recipients: list[str]) -> str:
    response = api.send(recipient=recipients, subject="Buona")
    assert response.status_code == 201, response.text
    code = _envelope(response)["message_id"]
    assert isinstance(code, str)
    return code


def _bad_requests(api: Api) -> list[httpx.Response]:
    """Every kind of bad request, each answered before commit."""
    mailbox = {"x-username": MAILBOX, "x-password": PASSWORD}
    return [
        api.http.post("/send", content=_raw(FIELDS["subject"], b"\\ud800")),
        api.http.post("/send", content=_raw(FIELDS["body"], b"\\udcff")),
        api.http.post("/send", content=_raw(FIELDS["attachment name"], b"\\ud800")),
        api.http.post("/send", content=_raw(CREDENTIALS["password"], b"\\ud800")),
        api.http.post("/send", content=_raw(FIELDS["subject"], b"\xff")),
        api.http.get("/inbox", headers={b"x-username": MAILBOX.encode(), b"x-password": b"\xff"}),
        api.http.get("/inbox?q=%ff", headers=mailbox),
    ]


def test_bad_requests_never_cost_other_sendings_their_receipts(
    sandbox_factory: SandboxFactory,
) -> None:
    """Bad requests among good sendings cost no good sending a receipt.

    Every good sending gets its ACCETTAZIONE and one CONSEGNA per recipient, only good ones are
    in the ledger, and each bad one gets its 4xx JSON. Receipts take 0.3 s, so the good and
    the bad requests fall in one delivery batch.
    """
    box = sandbox_factory(receipt_delay=0.3)
    api = Api(box)
    try:
        sendings: dict[str, list[str]] = {}
        refused: list[httpx.Response] = []
        for round_ in range(3):
            recipients = [f"dest{round_}.{n}@pec.it" for n in range(round_ + 1)]
            sendings[_good(api, recipients)] = recipients
            refused += _bad_requests(api)
        for code, recipients in sendings.items():
            items = api.wait_receipts(code, 1 + len(recipients))
            expected = [f"ACCETTAZIONE: Buona {code}"] + [f"CONSEGNA: Buona {code}"] * len(
                recipients
            )
            assert subjects(items) == expected
            assert sorted(i["message"].split('"')[5] for i in items[1:]) == sorted(recipients)
        assert [entry["message_id"] for entry in box.ledger()] == list(sendings)
        assert [r.status_code for r in refused] == [400, 400, 400, 401, 400, 401, 400] * 3
        assert all(_envelope(r)["success"] is False for r in refused)
    finally:
        api.close()


def test_an_unstorable_delivery_does_not_abort_the_batch() -> None:
    """An unstorable receipt, should one ever be scheduled, is dropped alone.

    The deliveries due before and after it in the same batch still arrive.
    """
    state = SandboxState({MAILBOX: PASSWORD}, clock=lambda: 1_000.0)
    state.schedule(10.0, MAILBOX, Draft("a@pec.it", MAILBOX, "CONSEGNA: prima", "<p>1</p>"))
    state.schedule(10.0, MAILBOX, Draft("a@pec.it", MAILBOX, "CONSEGNA: \ud800", "<p>\ud800</p>"))
    state.schedule(10.0, MAILBOX, Draft("a@pec.it", MAILBOX, "CONSEGNA: dopo", "<p>3</p>"))
    assert state.materialize() == 3
    box = state.hosted(MAILBOX)
    assert box is not None
    assert [m.subject for m in box.messages.values()] == ["CONSEGNA: prima", "CONSEGNA: dopo"]
    assert state.pending_count() == 0
