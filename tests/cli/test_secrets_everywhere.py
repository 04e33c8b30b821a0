"""No secret value in anything pecdesk writes, whatever encoding a server echoes it back in.

A sandbox that quotes the credentials of the sending it refuses (JSON, form-encoded, Basic
auth) meets an account whose token and password hold quotes, backslashes, non-ASCII and
``+/=``; then the store, the evidence ZIP, stdout/stderr and the log are searched for every
encoding of each secret.
"""

from __future__ import annotations

import base64
import html
import json
import logging
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, quote_plus, urlencode

import httpx
import pytest

from pecdesk.app.log import setup_logging
from pecdesk.domain.secrets import REDACTED, Redactor
from pecdesk.sandbox import EmbeddedSandbox
from pecdesk.storage import QueueStore
from tests.helpers.cli import pecdesk
from tests.helpers.sandbox import MAILBOX, SandboxFactory

# The token travels in a header, so it is ASCII; the password travels in the JSON body too.
TOKEN = 'tok"en\\+/=Ab9-7f3e'
PASSWORD = 'pa"ss\\wörd è€ +/=x'


def encodings(secret: str, username: str = MAILBOX) -> set[str]:
    """The forms a server or a library may echo ``secret`` in, computed independently."""
    raw = secret.encode("utf-8")
    forms = {
        secret,
        json.dumps(secret)[1:-1],
        json.dumps(secret, ensure_ascii=False)[1:-1],
        json.dumps(secret).replace("/", "\\/")[1:-1],
        quote(secret),
        quote(secret, safe=""),
        quote_plus(secret),
        urlencode({"p": secret})[2:],
        html.escape(secret),
        html.escape(secret, quote=False),
        repr(secret)[1:-1],
        repr(raw)[2:-1],
        base64.b64encode(raw).decode(),
        base64.urlsafe_b64encode(raw).decode(),
        base64.b64encode(f"{username}:{secret}".encode()).decode(),
    }
    return {form for form in forms if len(form) >= len(secret) // 2}


def leaks(text: str) -> list[str]:
    """Every encoded secret found in ``text``."""
    return [form for s in (TOKEN, PASSWORD) for form in sorted(encodings(s)) if form in text]


def byte_leaks(data: bytes) -> list[str]:
    """Every encoded secret found in ``data`` (UTF-8, as the store and the CSV write text)."""
    return [
        form
        for s in (TOKEN, PASSWORD)
        for form in sorted(encodings(s))
        if form.encode("utf-8") in data or form.encode("utf-8-sig") in data
    ]


@pytest.fixture
def echoing(sandbox_factory: SandboxFactory) -> EmbeddedSandbox:
    """A sandbox that accepts the planted credentials and echoes them in every refusal."""
    return sandbox_factory(tokens=[TOKEN], mailboxes={MAILBOX: PASSWORD}, echo_credentials=True)


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    """The app's redacting log, told the secrets as the app tells it; removed afterwards."""
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    path = tmp_path / "pecdesk.app.log"
    setup_logging(path, secrets=[TOKEN, PASSWORD], level=logging.DEBUG)
    yield path
    for handler in [h for h in root.handlers if h not in before]:
        handler.flush()
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def test_the_echoing_sandbox_really_echoes(echoing: EmbeddedSandbox) -> None:
    """The hostile answer holds the password JSON-escaped and the pair in Basic auth."""
    answer = httpx.post(
        f"{echoing.base_url}/send",
        headers={"Authorization": f"Bearer {TOKEN}"},
        json={"username": MAILBOX, "password": PASSWORD, "recipient": "a@pec.it",
              "subject": "s", "body": "b"},
    )
    assert answer.status_code == 400
    message = answer.json()["message"]
    assert json.dumps(PASSWORD)[1:-1] in message
    assert base64.b64encode(f"{MAILBOX}:{PASSWORD}".encode()).decode() in message
    assert PASSWORD not in message  # only encoded: a plain replace misses every form
    scrubbed = Redactor([TOKEN, PASSWORD]).scrub(message)
    assert scrubbed.count(REDACTED) == 5
    assert leaks(scrubbed) == []
    assert "c3R1ZGlvLnJvc3NpQHBlY21hc3NpdmEuY29tOnBh" in scrubbed  # base64 of the username


def test_no_secret_in_anything_written(
    echoing: EmbeddedSandbox,
    tmp_path: Path,
    log_file: Path,
    capfd: pytest.CaptureFixture[str],
) -> None:
    """Send (refused with the echo), status, export: no encoding of a secret anywhere."""
    data = tmp_path / "data"
    body = tmp_path / "body.html"
    body.write_text("<p>Gentile cliente</p>", encoding="utf-8")
    zip_path = tmp_path / "evidence.zip"
    env = {"PECDESK_BASE_URL": echoing.base_url, "PECDESK_TOKEN": TOKEN,
           "PECDESK_USERNAME": MAILBOX, "PECDESK_PASSWORD": PASSWORD}
    runs = [
        pecdesk(["send", "--data-dir", str(data), "--subject", "Avviso", "--body-file",
                 str(body), "--rate", "500", "--to", "a@pec.it", "b@pec.it"], env),
        pecdesk(["queue", "status", "--data-dir", str(data)], env),
        pecdesk(["export", "--data-dir", str(data), "--zip", str(zip_path)], env),
    ]
    assert zip_path.is_file(), runs[2].err
    # The library's view of the raw answer, as a debug log would show it (escaped twice).
    raw = httpx.post(
        f"{echoing.base_url}/send",
        headers={"Authorization": f"Bearer {TOKEN}"},
        json={"username": MAILBOX, "password": PASSWORD},
    )
    logging.getLogger("httpx").debug("answer %s: %r", raw.status_code, raw.text)
    logging.getLogger("pecdesk.test").warning("refused: %s", raw.json()["message"])

    reasons = stored_reasons(data)
    assert reasons and all("Post parameter is not valid" in r for r in reasons), reasons
    assert all(REDACTED in r for r in reasons), reasons  # the echo was there, and scrubbed

    written: dict[str, list[str]] = {}
    for path in sorted(p for p in data.rglob("*") if p.is_file()):
        written[f"data:{path.name}"] = byte_leaks(path.read_bytes())
    written["zip"] = byte_leaks(zip_path.read_bytes())
    with zipfile.ZipFile(zip_path) as archive:
        for name in archive.namelist():
            written[f"zip:{name}"] = byte_leaks(archive.read(name))
    for number, run in enumerate(runs):
        written[f"run{number}"] = leaks(run.out + run.err)
    captured = capfd.readouterr()
    written["stdio"] = leaks(captured.out + captured.err)
    for handler in logging.getLogger().handlers:
        handler.flush()
    log_text = log_file.read_text(encoding="utf-8")
    assert "refused: Post parameter is not valid" in log_text
    written["log"] = leaks(log_text)
    assert {where: found for where, found in written.items() if found} == {}
    assert any(name.endswith(".csv") for name in written if name.startswith("zip:"))


def stored_reasons(data: Path) -> list[str]:
    """The reasons the store keeps for its jobs."""
    store = QueueStore.open(data)
    try:
        rows = store.database.call(lambda c: c.execute("SELECT reason FROM jobs").fetchall())
    finally:
        store.close()
    return [str(row[0]) for row in rows]
