"""GET/DELETE /inbox and /inbox/{id}, paging and its quirk switches, search, quota."""

from __future__ import annotations

from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import unquote_plus

import pytest

from pecdesk.sandbox import EmbeddedSandbox
from tests.helpers.sandbox import MAILBOX, OTHER_MAILBOX, OTHER_PASSWORD, SandboxFactory
from tests.helpers.sandbox_http import Api


def _all_pages(api: Api, first: int, count: int, **params: Any) -> list[list[dict[str, Any]]]:
    return [api.inbox(page=page, **params)["data"] for page in range(first, first + count)]


def test_empty_inbox(api: Api) -> None:
    """An empty INBOX: total 0, page 1, no pages, empty data."""
    assert api.inbox() == {
        "data": [],
        "success": True,
        "message": "",
        "total": 0,
        "page": 1,
        "n_of_pages": 0,
    }


def test_paging_25_per_page_without_overlap(api: Api, sandbox: EmbeddedSandbox) -> None:
    """310 messages: 13 pages of 25 (last 10), newest first, no overlap, page 14 empty."""
    sandbox.seed_inbox(MAILBOX, 310)
    first = api.inbox()
    assert (first["total"], first["page"], first["n_of_pages"]) == (310, 1, 13)
    pages = _all_pages(api, 1, 14)
    assert [len(p) for p in pages] == [25] * 12 + [10, 0]
    ids = [item["id"] for page in pages for item in page]
    assert all(isinstance(i, int) for i in ids)
    assert len(set(ids)) == 310
    assert pages[0] == first["data"]
    dates = [parsedate_to_datetime(item["date"]) for page in pages for item in page]
    assert dates == sorted(dates, reverse=True)
    assert set(pages[0][0]) == {"sender", "recipient", "date", "object", "id"}


def test_seeded_messages_are_varied(api: Api, sandbox: EmbeddedSandbox) -> None:
    """Seeded content mixes envelopes, receipts and anomalies, with accented HTML bodies."""
    sandbox.seed_inbox(MAILBOX, 60)
    items = api.inbox(page=1)["data"] + api.inbox(page=2)["data"] + api.inbox(page=3)["data"]
    kinds = {item["object"].split(":")[0] for item in items}
    assert {"POSTA CERTIFICATA", "ACCETTAZIONE", "CONSEGNA"} <= kinds
    envelope = next(i for i in items if i["object"].startswith("POSTA CERTIFICATA"))
    assert envelope["sender"].startswith('"Per conto di: ')
    body = unquote_plus(api.get(f"/inbox/{envelope['id']}").json()["data"]["body"])
    assert "<p>" in body
    assert "è" in body


def test_seed_unknown_mailbox_is_error(sandbox: EmbeddedSandbox) -> None:
    """Seeding an address the sandbox does not host raises ValueError."""
    with pytest.raises(ValueError, match="not a mailbox"):
        sandbox.seed_inbox("nobody@pecmassiva.com", 3)


def test_ids_stable_across_deletes_and_arrivals(api: Api, sandbox: EmbeddedSandbox) -> None:
    """Deleting a message renumbers nothing; new messages get higher ids."""
    sandbox.seed_inbox(MAILBOX, 5)
    before = {i["id"]: i["object"] for i in api.inbox()["data"]}
    victim = sorted(before)[2]
    deleted = api.delete(f"/inbox/{victim}")
    assert deleted.status_code == 200
    assert deleted.json() == {"success": True, "message": "Message deleted"}
    sandbox.seed_inbox(MAILBOX, 2)
    after = {i["id"]: i["object"] for i in api.inbox()["data"]}
    assert {k: v for k, v in before.items() if k != victim}.items() <= after.items()
    assert min(set(after) - set(before)) > max(before)
    gone = api.get(f"/inbox/{victim}")
    assert gone.status_code == 404
    assert gone.json() == {"success": False, "message": "Message not found"}


@pytest.mark.parametrize("bad_id", ["999", "abc", "1.0", "-1"])
def test_unknown_message(api: Api, sandbox: EmbeddedSandbox, bad_id: str) -> None:
    """Unknown or non-integer ids: GET is 404 Message not found, DELETE is still 200."""
    sandbox.seed_inbox(MAILBOX, 1)
    response = api.get(f"/inbox/{bad_id}")
    assert response.status_code == 404
    assert response.json() == {"success": False, "message": "Message not found"}
    assert api.delete(f"/inbox/{bad_id}").json() == {"success": True, "message": "Message deleted"}


def test_body_urlencoded_roundtrip(api: Api) -> None:
    """GET /inbox/{id} body is PHP-urlencoded; decoding gives the exact HTML sent."""
    body = (
        "<p>Città: <b>Forlì</b> — 100% + 5€ &amp; \"virgolette\" 'apici'</p>\n"
        "<p>a+b=c ; 50 %; ~tilde~ #hash ? / àèéìòù 😀</p>"
    )
    code = api.sent_code(recipient=OTHER_MAILBOX, body=body)
    api.wait_receipts(code, 2)
    [item] = api.other_inbox()["data"]
    message = api.get(f"/inbox/{item['id']}", OTHER_MAILBOX, OTHER_PASSWORD).json()
    assert set(message["data"]) == {"sender", "recipient", "date", "object", "body"}
    raw = message["data"]["body"]
    assert " " not in raw
    assert raw.startswith("%3Cp%3ECitt%C3%A0%3A+%3Cb%3E")
    assert unquote_plus(raw) == body
    assert message["data"]["date"] == item["date"]


def test_search(api: Api, sandbox: EmbeddedSandbox) -> None:
    """``q`` filters case-insensitively on sender, recipient, subject and body text."""
    api.sent_code(recipient=OTHER_MAILBOX, subject="Verbale Assemblea", body="<p>ordine</p>")
    api.sent_code(recipient="x@pec.it", subject="Altro", body="<p>Parola CHIAVE qui</p>")
    code = api.sent_code(recipient=OTHER_MAILBOX, subject="Terzo", body="<b>nulla</b>")
    api.wait_receipts(code, 2)
    sandbox.seed_inbox(OTHER_MAILBOX, 30)
    other = {"mailbox": OTHER_MAILBOX, "password": OTHER_PASSWORD}
    assert api.inbox(q="verbale ASSEMBLEA", **other)["total"] == 1
    assert api.inbox(q="parola chiave", **other)["total"] == 0
    assert api.inbox(q="Ordine", **other)["total"] >= 1
    assert api.inbox(q=f"per conto di: {MAILBOX}", **other)["total"] == 2
    assert api.inbox(q="nessun risultato possibile", **other)["data"] == []
    assert api.inbox(q="")["total"] == api.inbox()["total"]


def test_past_the_end_and_odd_page_values(api: Api, sandbox: EmbeddedSandbox) -> None:
    """A page past the end is 200 with no data; odd page values fall back to the first page."""
    sandbox.seed_inbox(MAILBOX, 30)
    late = api.inbox(page=9)
    assert (late["data"], late["page"], late["total"]) == ([], 9, 30)
    assert api.inbox(page="abc")["page"] == 1
    assert api.inbox(page=0)["page"] == 1
    assert api.inbox(page="2.0")["page"] == 2


@pytest.mark.parametrize(
    ("paging", "first_page", "n_of_pages"),
    [("ceil", 1, 13), ("floor", 1, 12), ("zero", 0, 12)],
)
def test_paging_quirks(
    sandbox_factory: SandboxFactory, paging: str, first_page: int, n_of_pages: int
) -> None:
    """Quirk switches: floor rounding and 0-based pages (n_of_pages = last page, as in the OAS)."""
    box = sandbox_factory(paging=paging)
    box.seed_inbox(MAILBOX, 310)
    client = Api(box)
    try:
        default = client.inbox()
        assert (default["page"], default["n_of_pages"]) == (first_page, n_of_pages)
        pages = _all_pages(client, first_page, 13)
    finally:
        client.close()
    assert pages[0] == default["data"]
    assert [len(p) for p in pages] == [25] * 12 + [10]
    assert len({i["id"] for p in pages for i in p}) == 310


@pytest.mark.parametrize("name", ["INBOX", "inbox", "Inbox"])
def test_quota(api: Api, sandbox: EmbeddedSandbox, name: str) -> None:
    """GET /quota/INBOX (any case) reports KiB used of a 1 GiB box, growing with messages."""
    empty = api.get(f"/quota/{name}").json()
    assert empty["success"] is True
    assert empty["message"] == ""
    assert empty["data"]["limit"] == 1048576
    assert isinstance(empty["data"]["usage"], int)
    assert empty["data"]["usage"] > 0
    sandbox.seed_inbox(MAILBOX, 100)
    assert api.get(f"/quota/{name}").json()["data"]["usage"] > empty["data"]["usage"] + 100


def test_quota_other_mailbox_name_is_400(api: Api) -> None:
    """Any folder other than INBOX gives 400 with the OAS text (typo included)."""
    response = api.get("/quota/Sent")
    assert response.status_code == 400
    assert response.json() == {
        "success": False,
        "message": "An error occured: the requested mailbox might be unavailable",
    }


def test_quota_path_without_mailbox_is_404(api: Api) -> None:
    """``/quota`` without a mailbox segment is not an endpoint."""
    assert api.get("/quota").status_code == 404


@pytest.mark.parametrize(
    ("method", "path"),
    [("PUT", "/inbox"), ("POST", "/inbox/1"), ("PATCH", "/quota/INBOX"), ("POST", "/send/1")],
)
def test_wrong_method_is_json_405(api: Api, method: str, path: str) -> None:
    """A known path with the wrong method answers 405 in the JSON envelope."""
    response = api.http.request(method, path)
    assert response.status_code == 405
    assert response.json()["success"] is False
