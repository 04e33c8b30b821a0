"""Both credential layers: bearer tokens with scopes and expiry, and mailbox credentials."""

from __future__ import annotations

import json
import time

import httpx
import pytest

from pecdesk.sandbox import EmbeddedSandbox, TokenGrant
from tests.helpers.sandbox import MAILBOX, OTHER_MAILBOX, PASSWORD, TOKEN, SandboxFactory
from tests.helpers.sandbox_http import Api

UNAUTHORIZED = {"success": False, "message": "Authorization is not valid or empty"}
GUARDED = [
    ("GET", "/send/2020082610003492"),
    ("DELETE", "/send/2020082610003492"),
    ("GET", "/inbox"),
    ("GET", "/inbox/1"),
    ("DELETE", "/inbox/1"),
    ("GET", "/quota/INBOX"),
]


def _call(box: EmbeddedSandbox, method: str, path: str, headers: dict[str, str]) -> httpx.Response:
    with httpx.Client(base_url=box.base_url) as http:
        return http.request(method, path, headers=headers)


@pytest.mark.parametrize(("method", "path"), GUARDED)
@pytest.mark.parametrize(
    "headers",
    [
        {"x-username": MAILBOX, "x-password": PASSWORD},
        {
            "Authorization": "Bearer ffffffffffffffffffffffff",
            "x-username": MAILBOX,
            "x-password": PASSWORD,
        },
        {"Authorization": f"Basic {TOKEN}", "x-username": MAILBOX, "x-password": PASSWORD},
        {"Authorization": f"Bearer {TOKEN}"},
        {"Authorization": f"Bearer {TOKEN}", "x-username": MAILBOX, "x-password": "wrong"},
        {
            "Authorization": f"Bearer {TOKEN}",
            "x-username": "nobody@pecmassiva.com",
            "x-password": PASSWORD,
        },
        {"Authorization": f"Bearer {TOKEN}", "x-password": PASSWORD},
    ],
    ids=[
        "no-bearer",
        "bad-token",
        "not-bearer",
        "no-mailbox",
        "bad-password",
        "bad-user",
        "no-user",
    ],
)
def test_get_and_delete_need_both_layers(
    sandbox: EmbeddedSandbox, method: str, path: str, headers: dict[str, str]
) -> None:
    """Every GET/DELETE endpoint answers 401 with the OAS text when either layer is wrong."""
    response = _call(sandbox, method, path, headers)
    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED


def test_good_credentials_pass(api: Api) -> None:
    """The right token and mailbox headers open every GET endpoint."""
    assert api.get("/inbox").status_code == 200
    assert api.get("/quota/INBOX").status_code == 200
    assert api.get("/send/2020082610003492").status_code == 404


def test_send_with_bad_bearer_is_401_before_parsing(sandbox: EmbeddedSandbox) -> None:
    """A bad token wins over a body that is not even JSON."""
    with httpx.Client(base_url=sandbox.base_url) as http:
        response = http.post(
            "/send",
            content=b"not json",
            headers={"Authorization": "Bearer 000000000000000000000000"},
        )
    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED


@pytest.mark.parametrize(
    "credentials",
    [
        {"password": "wrong"},
        {"username": "nobody@pecmassiva.com"},
        {"username": None},
        {"password": 12345},
    ],
    ids=["bad-password", "unknown-user", "null-user", "numeric-password"],
)
def test_send_body_credentials(api: Api, credentials: dict[str, object]) -> None:
    """POST /send takes username/password from the body; wrong or missing ones give 401."""
    body = {
        "sender": MAILBOX,
        "recipient": "a@pec.it",
        "subject": "s",
        "body": "b",
        "username": MAILBOX,
        "password": PASSWORD,
        **credentials,
    }
    response = api.http.post("/send", content=json.dumps(body))
    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED


def test_send_credentials_checked_before_fields(api: Api) -> None:
    """Wrong body credentials give 401 even when the fields are invalid too."""
    response = api.send(password="wrong", recipient=[], sender=42)
    assert response.status_code == 401


def test_send_missing_credentials_in_body(api: Api) -> None:
    """A JSON body without username/password is 401, not 400."""
    body = {"sender": MAILBOX, "recipient": "a@pec.it", "subject": "s", "body": "b"}
    response = api.http.post("/send", content=json.dumps(body))
    assert response.status_code == 401


def test_mailboxes_are_isolated(api: Api) -> None:
    """One mailbox's credentials never show another mailbox's messages."""
    code = api.sent_code(recipient=OTHER_MAILBOX)
    api.wait_receipts(code, 2)
    assert api.other_inbox()["total"] == 1
    assert all(MAILBOX in item["recipient"] for item in api.inbox()["data"])


def test_scoped_token_allows_only_its_scopes(sandbox_factory: SandboxFactory) -> None:
    """A token with one scope reaches that operation and gets 401 elsewhere."""
    grant = TokenGrant("0123456789abcdef01234567", ("GET:test.ws.pecmassiva.com/inbox",))
    box = sandbox_factory(tokens=[grant])
    client = Api(box, token=grant.token)
    try:
        assert client.get("/inbox").status_code == 200
        assert client.delete("/inbox/1").status_code == 401
        assert client.get("/quota/INBOX").status_code == 401
        assert client.send().status_code == 401
    finally:
        client.close()


@pytest.mark.parametrize(
    ("scope", "allowed"),
    [
        ("*:test.ws.pecmassiva.com/*", True),
        ("GET test.ws.pecmassiva.com/quota", True),
        ("GET:*/quota", True),
        ("GET:ws.pecmassiva.com/quota", False),
        ("POST:test.ws.pecmassiva.com/quota", False),
    ],
)
def test_scope_forms(sandbox_factory: SandboxFactory, scope: str, allowed: bool) -> None:
    """Wildcards and the console's spaced form work; another host or method does not."""
    grant = TokenGrant("abcdefabcdefabcdefabcdef", (scope,))
    client = Api(sandbox_factory(tokens=[grant]), token=grant.token)
    try:
        assert (client.get("/quota/INBOX").status_code == 200) is allowed
    finally:
        client.close()


def test_expired_token_is_refused(sandbox_factory: SandboxFactory) -> None:
    """A token past its expiry gets 401; one still valid works."""
    scopes = ("*:*/*",)
    expired = TokenGrant("111111111111111111111111", scopes, expires_at=time.time() - 1)
    valid = TokenGrant("222222222222222222222222", scopes, expires_at=time.time() + 3600)
    box = sandbox_factory(tokens=[expired, valid])
    for grant, status in ((expired, 401), (valid, 200)):
        client = Api(box, token=grant.token)
        try:
            assert client.get("/inbox").status_code == status
        finally:
            client.close()


def test_production_environment_uses_production_scopes(sandbox_factory: SandboxFactory) -> None:
    """In production mode plain tokens work and a sandbox-only scope does not."""
    test_only = TokenGrant("333333333333333333333333", ("*:test.ws.pecmassiva.com/*",))
    box = sandbox_factory(tokens=[TOKEN, test_only], environment="production")
    for token, status in ((TOKEN, 200), (test_only.token, 401)):
        client = Api(box, token=token)
        try:
            assert client.get("/inbox").status_code == status
        finally:
            client.close()


def test_ledger_needs_no_credentials_and_hides_secrets(api: Api) -> None:
    """GET /_sandbox/ledger is open, and neither token nor password appear in it."""
    api.sent_code()
    with httpx.Client(base_url=str(api.http.base_url)) as anonymous:
        response = anonymous.get("/_sandbox/ledger")
    assert response.status_code == 200
    assert TOKEN not in response.text
    assert PASSWORD not in response.text


def test_config_repr_hides_secrets(sandbox: EmbeddedSandbox) -> None:
    """Printing the config never shows tokens or passwords."""
    text = repr(sandbox.config)
    assert TOKEN not in text
    assert PASSWORD not in text
