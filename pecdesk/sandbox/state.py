"""The sandbox's memory: mailboxes, scheduled deliveries, ledger and counters, kept as JSON.

Deliveries are stored with absolute wall-clock due times and materialized by whoever looks next
(every request does), so no background loop is needed and a state file survives restarts.
"""

from __future__ import annotations

import hmac
import json
import logging
import os
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from pecdesk.sandbox.model import Mailbox, Message, Pending
from pecdesk.sandbox.receipts import Draft
from pecdesk.sandbox.rules import next_code
from pecdesk.sandbox.text import encodable

_FORMAT_VERSION = 1
_log = logging.getLogger(__name__)


class SandboxState:
    """Everything the sandbox remembers; every method takes the (re-entrant) lock.

    Callers that need several steps to be atomic hold ``lock`` around them.

    Attributes:
        lock: guards all state; shared by the server thread and in-process accessors.
        clock: wall clock (POSIX seconds) used for due times and dates.
    """

    def __init__(
        self,
        mailboxes: Mapping[str, str],
        *,
        state_file: Path | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.lock = threading.RLock()
        self.clock = clock
        self._mailboxes = {a.lower(): Mailbox(a, pw) for a, pw in mailboxes.items()}
        self._dormant: dict[str, Any] = {}  # persisted mailboxes not configured this run
        self._pending: list[Pending] = []
        self._ledger: list[dict[str, Any]] = []
        self._last_code = 0
        self._seq = 0
        self._state_file = state_file
        if state_file is not None and state_file.exists():
            self._load(state_file)

    def authenticate(self, username: object, password: object) -> Mailbox | None:
        """Return the mailbox whose address is ``username`` if ``password`` is right.

        Text that is not UTF-8 (a lone surrogate) is a wrong credential, never an error.
        """
        if not isinstance(username, str) or not isinstance(password, str):
            return None
        if not encodable(username) or not encodable(password):
            return None
        with self.lock:
            box = self._mailboxes.get(username.strip().lower())
        if box is None or not hmac.compare_digest(box.password.encode(), password.encode()):
            return None
        return box

    def hosted(self, address: str) -> Mailbox | None:
        """Return the hosted mailbox for ``address`` (case-insensitive), if any."""
        with self.lock:
            return self._mailboxes.get(address.lower())

    def is_hosted(self, address: str) -> bool:
        """Tell whether ``address`` is a mailbox of this sandbox."""
        return self.hosted(address) is not None

    def schedule(self, due: float, owner: str, draft: Draft) -> None:
        """Have ``draft`` arrive in ``owner``'s INBOX at wall-clock time ``due``."""
        with self.lock:
            self._seq += 1
            self._pending.append(Pending(due, self._seq, owner.lower(), draft))

    def materialize(self) -> int:
        """Move every delivery that is due into its mailbox; return how many were due.

        Each delivery stands alone: one that cannot be stored (a bug upstream let unencodable
        text through) is logged and dropped, and every other one still arrives.
        """
        with self.lock:
            now = self.clock()
            due = sorted((p for p in self._pending if p.due <= now), key=lambda p: (p.due, p.seq))
            if not due:
                return 0
            self._pending = [p for p in self._pending if p.due > now]
            for pending in due:
                box = self._mailboxes.get(pending.owner)
                if box is not None:
                    self._deliver(box, pending)
            return len(due)

    @staticmethod
    def _deliver(box: Mailbox, pending: Pending) -> None:
        """Store one due delivery in ``box``, or log and drop it when it cannot be stored."""
        draft = pending.draft
        if not all(map(encodable, (draft.sender, draft.recipient, draft.subject, draft.body))):
            _log.error("sandbox dropped an unstorable delivery to %s (not UTF-8)", pending.owner)
            return
        try:
            box.add(draft, pending.due)
        except Exception:
            _log.exception("sandbox dropped a delivery to %s", pending.owner)

    def pending_count(self) -> int:
        """How many deliveries are still scheduled."""
        with self.lock:
            return len(self._pending)

    def new_code(self) -> str:
        """Allocate the next sending code (16 digits, strictly increasing)."""
        with self.lock:
            self._last_code = next_code(self.clock(), self._last_code)
            return str(self._last_code)

    def record(self, entry: dict[str, Any]) -> None:
        """Append one committed send to the ledger."""
        with self.lock:
            self._ledger.append(entry)

    def ledger(self) -> list[dict[str, Any]]:
        """Return a deep copy of the ledger, oldest first."""
        with self.lock:
            copied: list[dict[str, Any]] = json.loads(json.dumps(self._ledger))
            return copied

    def add_messages(self, address: str, drafts: list[tuple[Draft, float]]) -> list[Message]:
        """Store ready-made ``(draft, date)`` pairs in ``address``'s INBOX, in the given order.

        Raises:
            KeyError: ``address`` is not a hosted mailbox.
        """
        with self.lock:
            box = self._mailboxes[address.lower()]
            return [box.add(draft, date) for draft, date in drafts]

    def save(self) -> None:
        """Write the state file atomically (temp file + ``os.replace``); no-op without one."""
        if self._state_file is None:
            return
        with self.lock:
            text = json.dumps(self._snapshot(), ensure_ascii=False)
            target = self._state_file
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(text)
                os.replace(temp, target)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise

    def _snapshot(self) -> dict[str, Any]:
        boxes = dict(self._dormant)
        for key, box in self._mailboxes.items():
            boxes[key] = {
                "address": box.address,
                "next_id": box.next_id,
                "messages": [m.to_json() for m in box.messages.values()],
            }
        return {
            "version": _FORMAT_VERSION,
            "last_code": self._last_code,
            "seq": self._seq,
            "mailboxes": boxes,
            "pending": [p.to_json() for p in self._pending],
            "ledger": self._ledger,
        }

    def _load(self, path: Path) -> None:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != _FORMAT_VERSION:
            msg = f"unsupported sandbox state format in {path}"
            raise ValueError(msg)
        self._last_code = int(data["last_code"])
        self._seq = int(data["seq"])
        self._pending = [Pending.from_json(p) for p in data["pending"]]
        self._ledger = list(data["ledger"])
        for key, saved in data["mailboxes"].items():
            box = self._mailboxes.get(key)
            if box is None:
                self._dormant[key] = saved
                continue
            box.next_id = int(saved["next_id"])
            box.messages = {m.id: m for m in map(Message.from_json, saved["messages"])}
