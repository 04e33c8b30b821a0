"""The client tolerates the answer shapes of api.md sections 5 and 7 (scripted transport).

These shapes are ones the sandbox never emits, so a MockTransport is the right tool here; the
endpoint behaviour itself is tested against the sandbox in test_client_sandbox.py.
"""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta
from typing import Any

import httpx
import pytest

from pecdesk.api import (
    AuthError,
    InvalidRequestError,
    NetworkError,
    NotFoundError,
    PecMassivaClient,
    RateLimitedError,
    ServerError,
)
from tests.helpers.api import call, reply

DATE = "Wed, 26 Aug 2020 10:00:35 +0200"


def _always(status: int, body: Any, headers: dict[str, str] | None = None) -> Any:
    return lambda request: reply(status, body, headers)


def test_receipts_accept_oas_field_names() -> None:
    """OAS names data/object/message are read, display addresses are cleaned."""
    body = {
        "success": True,
        "message": "",
        "data": [
            {
                "sender": '"Per conto di: dev-api@pecmassiva.com" ',
                "recipient": '"dev-api@pecmassiva.com" ',
                "data": DATE,
                "object": "POSTA CERTIFICATA: Prova 2020082610003492",
                "message": "Salve",
            }
        ],
    }
    receipts = call(_always(200, body), lambda c: c.sending_receipts("2020082610003492"))
    assert len(receipts) == 1
    receipt = receipts[0]
    assert receipt.sender == "dev-api@pecmassiva.com"
    assert receipt.recipient == "dev-api@pecmassiva.com"
    assert receipt.date is not None and receipt.date.utcoffset() == timedelta(hours=2)
    assert receipt.subject.startswith("POSTA CERTIFICATA:")
    assert receipt.body == "Salve"
    assert receipt.raw["object"] == "POSTA CERTIFICATA: Prova 2020082610003492"


def test_receipts_accept_newer_field_names_and_null_body() -> None:
    """The date/subject/body variant and a null body are read; the body becomes ""."""
    body = {
        "success": True,
        "message": "",
        "data": [
            {
                "sender": "posta-certificata@pecmassiva.com",
                "recipient": "a@pec.it",
                "date": DATE,
                "subject": "ACCETTAZIONE: x 1",
                "body": None,
            }
        ],
    }
    (receipt,) = call(_always(200, body), lambda c: c.sending_receipts("1"))
    assert receipt.subject == "ACCETTAZIONE: x 1"
    assert receipt.body == ""
    assert receipt.date is not None


def test_receipts_unparseable_date_is_none_but_kept() -> None:
    """A date the client cannot parse is None, and the raw text is kept for display."""
    body = {
        "success": True,
        "data": [
            {
                "sender": "a@b.it",
                "recipient": "c@d.it",
                "data": "26/08/2020 10:00",
                "object": "CONSEGNA: x",
            }
        ],
    }
    (receipt,) = call(_always(200, body), lambda c: c.sending_receipts("1"))
    assert receipt.date is None
    assert receipt.date_text == "26/08/2020 10:00"


def test_receipts_404_result_empty_is_empty_list() -> None:
    """404 "Result empty" means no receipt yet: an empty list, not an error."""
    handler = _always(404, {"success": False, "message": "Result empty"})
    assert call(handler, lambda c: c.sending_receipts("2020082610003492")) == []


def test_receipts_null_data_is_empty_list() -> None:
    """A success with data null reads as no receipts."""
    assert (
        call(_always(200, {"success": True, "data": None}), lambda c: c.sending_receipts("1")) == []
    )


def test_receipts_404_error_page_is_not_found() -> None:
    """A 404 HTML page (wrong base URL, gateway) is an error, not "no receipts"."""
    handler = _always(404, "<html><body>Not Found</body></html>")
    with pytest.raises(NotFoundError):
        call(handler, lambda c: c.sending_receipts("1"))


@pytest.mark.parametrize("status", [200, 201, 202])
def test_send_accepts_any_2xx_and_numeric_code(status: int) -> None:
    """Any 2xx with success true is a send; a numeric message_id becomes a string."""
    handler = _always(
        status, {"success": True, "sent": "2", "message": "", "message_id": 2020082610003492}
    )
    result = call(handler, lambda c: c.send("a@pec.it", ["b@pec.it", "c@pec.it"], "S", "B"))
    assert result.message_id == "2020082610003492"
    assert result.sent == 2


def test_send_request_shape() -> None:
    """POST /send carries credentials in the JSON body, attachments as raw base64, no x- headers."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return reply(201, {"success": True, "sent": 1, "message": "", "message_id": "1"})

    call(
        handler,
        lambda c: c.send(
            "a@pec.it", "b@pec.it", "Oggetto", "<b>Corpo</b>", [("fattura.pdf", b"%PDF-1.4 data")]
        ),
    )
    (request,) = seen
    payload = json.loads(request.content)
    assert request.method == "POST" and request.url.path == "/send"
    assert request.headers["Authorization"] == "Bearer feedfacecafebeef00112233"
    assert "x-password" not in request.headers and "x-username" not in request.headers
    assert payload["username"] == "studio@pecmassiva.com"
    assert payload["password"] == "pässword+segreto%"
    assert payload["recipient"] == "b@pec.it"
    assert payload["attachments"] == [{"name": "fattura.pdf", "file": "JVBERi0xLjQgZGF0YQ=="}]


def test_get_requests_carry_mailbox_headers_and_quota_path() -> None:
    """GET endpoints send x-username/x-password; quota uses /quota/{mailbox}."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return reply(
            200, {"success": True, "message": "", "data": {"usage": 171012, "limit": 1048576}}
        )

    quota = call(handler, lambda c: c.quota())
    assert seen[0].url.path == "/quota/INBOX"
    assert seen[0].headers["x-username"] == "studio@pecmassiva.com"
    assert seen[0].headers["x-password"] == "pässword+segreto%"
    assert (quota.usage, quota.limit) == (171012, 1048576)
    assert quota.fraction == pytest.approx(171012 / 1048576)


def test_inbox_numbers_as_floats_strings_and_duplicate_ids() -> None:
    """Ids and counters as floats or numeric strings are read; duplicate ids appear once."""
    row = {"sender": "a@b.it", "recipient": "c@d.it", "date": DATE, "object": "x"}
    body = {
        "success": True,
        "message": "",
        "total": "981",
        "page": 39.0,
        "n_of_pages": "39",
        "data": [{**row, "id": "3"}, {**row, "id": 3.0}, {**row, "id": 4}],
    }
    page = call(_always(200, body), lambda c: c.inbox_page(39))
    assert [item.id for item in page.items] == [3, 4]
    assert (page.total, page.page, page.pages) == (981, 39, 39)


def test_inbox_missing_counters_and_null_data() -> None:
    """A page without counters or data is an empty page, not a crash."""
    page = call(_always(200, {"success": True, "data": None}), lambda c: c.inbox_page(2))
    assert page.items == ()
    assert (page.total, page.page) == (0, 2)


def test_inbox_sends_page_and_query() -> None:
    """The page number and q go in the query string."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return reply(200, {"success": True, "data": [], "total": 0, "page": 3, "n_of_pages": 0})

    call(handler, lambda c: c.inbox_page(3, "fattura 2026"))
    assert seen[0].url.params["page"] == "3"
    assert seen[0].url.params["q"] == "fattura 2026"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Gentile+cliente%2C+%C3%A8+dovuto+100+%E2%82%AC+%2B+IVA",
            "Gentile cliente, è dovuto 100 € + IVA",
        ),
        ("This is an example body.", "This is an example body."),
        ("%3Cp%3EGi%C3%A0%3C%2Fp%3E", "<p>Già</p>"),
        (None, ""),
    ],
)
def test_message_body_decoding(body: str | None, expected: str) -> None:
    """Bodies are urlencoded-decoded when they are encoded and shown raw otherwise."""
    answer = {
        "success": True,
        "message": "",
        "data": {
            "sender": "a@b.it",
            "recipient": "c@d.it",
            "date": DATE,
            "object": "x",
            "body": body,
        },
    }
    message = call(_always(200, answer), lambda c: c.message(7))
    assert message.body == expected


@pytest.mark.parametrize(
    ("status", "body", "error"),
    [
        (401, {"success": False, "message": "Authorization is not valid or empty"}, AuthError),
        (403, {"success": False, "message": "scope missing", "error": 90, "data": None}, AuthError),
        (401, "<html>Unauthorized</html>", AuthError),
        (429, {"success": False, "message": "Too many requests"}, RateLimitedError),
        (200, {"success": False, "message": "Too many requests"}, RateLimitedError),
        (400, {"success": False, "message": "Post parameter is not valid"}, InvalidRequestError),
        (
            422,
            {"success": False, "message": "missing scopes array", "error": 70},
            InvalidRequestError,
        ),
        (404, {"success": False, "message": "Message not found"}, NotFoundError),
        (500, {"success": False, "message": "MySQL Error 1205"}, ServerError),
        (502, "<html><h1>502 Bad Gateway</h1></html>", ServerError),
        (200, "<html>maintenance</html>", ServerError),
        (
            200,
            {"success": False, "message": "", "message_id": "error connecting to SMTP"},
            ServerError,
        ),
    ],
)
def test_error_mapping(status: int, body: Any, error: type[Exception]) -> None:
    """Each kind of refusal maps to its PecError subclass."""
    with pytest.raises(error):
        call(_always(status, body), lambda c: c.message(1))


def test_rate_limit_retry_after() -> None:
    """A Retry-After header is passed on to the caller."""
    handler = _always(429, {"success": False, "message": "Too many requests"}, {"Retry-After": "2"})
    with pytest.raises(RateLimitedError) as caught:
        call(handler, lambda c: c.send("a@pec.it", "b@pec.it", "s", "b"))
    assert caught.value.retry_after == 2.0


def test_message_as_json_string_is_unwrapped() -> None:
    """A ``message`` that is itself JSON is decoded for display (PHP SDK behaviour)."""
    body = {"success": False, "message": '{"message": "Post parameter is not valid"}'}
    with pytest.raises(InvalidRequestError) as caught:
        call(_always(400, body), lambda c: c.inbox_page())
    assert caught.value.server_message == "Post parameter is not valid"


def test_errors_never_show_secrets() -> None:
    """A service that echoes the credentials back does not get them into error texts."""
    echo = "bad token feedfacecafebeef00112233 for pässword+segreto%"
    with pytest.raises(AuthError) as caught:
        call(_always(401, {"success": False, "message": echo}), lambda c: c.quota())
    for text in (
        str(caught.value),
        repr(caught.value),
        caught.value.message,
        caught.value.server_message,
    ):
        assert "feedfacecafebeef00112233" not in text
        assert "pässword+segreto%" not in text


def test_client_repr_has_no_secrets() -> None:
    """The client's repr names the service and user, never the token or password."""
    client = PecMassivaClient("https://x.example", "tok-secret-123456", "u@pec.it", "pw-secret")
    try:
        assert "tok-secret" not in repr(client) and "pw-secret" not in repr(client)
        assert "u@pec.it" in repr(client)
    finally:
        asyncio.run(client.aclose())


@pytest.mark.parametrize(
    ("exc", "unknown"),
    [
        (httpx.ConnectError("refused"), False),
        (httpx.ConnectTimeout("connect timeout"), False),
        (httpx.PoolTimeout("pool"), False),
        (httpx.ReadTimeout("read timeout"), True),
        (httpx.WriteTimeout("write timeout"), True),
        (httpx.RemoteProtocolError("Server disconnected without sending a response."), True),
        (httpx.ReadError("connection reset"), True),
    ],
)
def test_network_errors_say_whether_the_request_may_have_arrived(
    exc: Exception, unknown: bool
) -> None:
    """Transport failures are NetworkError with outcome_unknown set by where they happened."""

    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    with pytest.raises(NetworkError) as caught:
        call(handler, lambda c: c.send("a@pec.it", "b@pec.it", "s", "b"))
    assert caught.value.outcome_unknown is unknown
