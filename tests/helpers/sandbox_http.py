"""Small HTTP helpers for the sandbox tests: plain httpx, no pecdesk client."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any, TypeVar

import httpx

from pecdesk.sandbox import EmbeddedSandbox
from tests.helpers.sandbox import MAILBOX, OTHER_MAILBOX, OTHER_PASSWORD, PASSWORD, TOKEN

T = TypeVar("T")


def wait_for(probe: Callable[[], T | None], timeout: float = 5.0) -> T:
    """Poll ``probe`` every 20 ms until it returns something truthy; fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            msg = f"condition not met within {timeout} s"
            raise AssertionError(msg)
        time.sleep(0.02)


class Api:
    """An httpx client bound to one sandbox, with the test credentials at hand.

    Attributes:
        http: the underlying client (bearer header preset).
    """

    def __init__(self, box: EmbeddedSandbox, token: str = TOKEN) -> None:
        self.http = httpx.Client(
            base_url=box.base_url, timeout=5.0, headers={"Authorization": f"Bearer {token}"}
        )

    def close(self) -> None:
        self.http.close()

    def send(
        self, mailbox: str = MAILBOX, password: str = PASSWORD, **fields: Any
    ) -> httpx.Response:
        """POST /send a JSON body (without Content-Type, like the official SDKs)."""
        body: dict[str, Any] = {
            "sender": mailbox,
            "recipient": "mario.rossi@pec.it",
            "subject": "Prova",
            "body": "<p>Corpo</p>",
            "username": mailbox,
            "password": password,
        }
        body.update(fields)
        return self.http.post("/send", content=json.dumps(body))

    def sent_code(self, **fields: Any) -> str:
        """Send and return the sending code, asserting a 201 (retrying briefly after a 429)."""
        response = self.send(**fields)
        for _ in range(50):
            if response.status_code != 429:
                break
            time.sleep(0.005)
            response = self.send(**fields)
        assert response.status_code == 201, response.text
        code = response.json()["message_id"]
        assert isinstance(code, str)
        return code

    def get(
        self, path: str, mailbox: str = MAILBOX, password: str = PASSWORD, **params: Any
    ) -> httpx.Response:
        """GET with mailbox headers."""
        return self.http.get(
            path, params=params, headers={"x-username": mailbox, "x-password": password}
        )

    def delete(self, path: str, mailbox: str = MAILBOX, password: str = PASSWORD) -> httpx.Response:
        """DELETE with mailbox headers."""
        return self.http.delete(path, headers={"x-username": mailbox, "x-password": password})

    def receipts(
        self,
        code: str,
        mailbox: str = MAILBOX,
        password: str = PASSWORD,
    ) -> list[dict[str, Any]]:
        """Items of GET /send/{code}; [] on 404 Result empty."""
        response = self.get(f"/send/{code}", mailbox, password)
        if response.status_code == 404:
            assert response.json() == {"success": False, "message": "Result empty"}
            return []
        assert response.status_code == 200, response.text
        items: list[dict[str, Any]] = response.json()["data"]
        return items

    def wait_receipts(
        self, code: str, count: int, mailbox: str = MAILBOX, password: str = PASSWORD
    ) -> list[dict[str, Any]]:
        """Wait until GET /send/{code} lists at least ``count`` items and return them."""

        def probe() -> list[dict[str, Any]] | None:
            items = self.receipts(code, mailbox, password)
            return items if len(items) >= count else None

        return wait_for(probe)

    def inbox(
        self, mailbox: str = MAILBOX, password: str = PASSWORD, **params: Any
    ) -> dict[str, Any]:
        """GET /inbox and return the JSON, asserting a 200."""
        response = self.get("/inbox", mailbox, password, **params)
        assert response.status_code == 200, response.text
        payload: dict[str, Any] = response.json()
        return payload

    def other_inbox(self, **params: Any) -> dict[str, Any]:
        """GET /inbox of the second hosted mailbox."""
        return self.inbox(OTHER_MAILBOX, OTHER_PASSWORD, **params)


def subjects(items: list[dict[str, Any]]) -> list[str]:
    """The ``object`` of each /send/{code} or /inbox item."""
    return [str(item["object"]) for item in items]
