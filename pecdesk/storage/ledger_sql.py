"""The ledger's SQL: synchronous functions run on the database thread."""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from pecdesk.domain import delivery
from pecdesk.domain.delivery import DeliveryState, Status
from pecdesk.domain.ledger import (
    CampaignOverview,
    LedgerRow,
    NewReceipt,
    Sending,
    StoredReceipt,
)
from pecdesk.domain.receipts import ReceiptKind
from pecdesk.storage.db import transaction

STATE_SQL = "COALESCE(d.state, CASE j.state WHEN 'submitting' THEN 'queued' ELSE j.state END)"
FINAL_SQL = (
    f"({STATE_SQL} IN ('delivered', 'rejected', 'failed', 'failed_timeout', 'cancelled') "
    "OR (d.state = 'accepted' AND d.ordinary = 1))"
)
_FROM = (
    "FROM job_recipients jr JOIN jobs j ON j.id = jr.job_id "
    "JOIN campaigns c ON c.id = j.campaign_id "
    "LEFT JOIN deliveries d ON d.job_id = jr.job_id AND d.address = lower(jr.address)"
)
_ROW_COLUMNS = (
    f"j.campaign_id, j.id, jr.address, {STATE_SQL}, COALESCE(j.code, ''), "
    "CASE WHEN d.state IS NOT NULL THEN d.reason WHEN j.state = 'submitted' THEN '' "
    "ELSE j.reason END, COALESCE(d.temporary, 0), COALESCE(d.ordinary, 0), "
    "COALESCE(j.subject, c.subject), j.submitting_at, d.accepted_at, d.final_at, d.changed_at"
)


def _in(values: Collection[object]) -> str:
    return ",".join("?" * len(values))


def _sending(connection: sqlite3.Connection, row: Sequence[object]) -> Sending:
    job_id = int(str(row[0]))
    addresses = tuple(
        str(a)
        for (a,) in connection.execute(
            "SELECT address FROM job_recipients WHERE job_id = ? ORDER BY position", (job_id,)
        )
    )
    submitted = row[4]
    return Sending(
        job_id,
        int(str(row[1])),
        str(row[2]),
        str(row[3]),
        addresses,
        None if submitted is None else float(str(submitted)),
        str(row[5] or ""),
    )


_SENDING = "SELECT j.id, j.campaign_id, j.code, c.sender, j.submitting_at, c.service " \
    "FROM jobs j JOIN campaigns c ON c.id = j.campaign_id"


def sendings_to_track(connection: sqlite3.Connection) -> list[Sending]:
    """Submitted jobs with a code, not purged, with some recipient not yet final."""
    rows = connection.execute(
        f"{_SENDING} WHERE j.state = 'submitted' AND j.code IS NOT NULL "  # noqa: S608
        "AND j.code NOT IN (SELECT code FROM archives WHERE purged_at IS NOT NULL) "
        "AND EXISTS (SELECT 1 FROM job_recipients jr LEFT JOIN deliveries d "
        "ON d.job_id = jr.job_id AND d.address = lower(jr.address) "
        "WHERE jr.job_id = j.id AND COALESCE(d.final, 0) = 0) ORDER BY j.id"
    ).fetchall()
    return [_sending(connection, row) for row in rows]


def sendings(connection: sqlite3.Connection, *, campaign_id: int | None = None,
             code: str | None = None) -> list[Sending]:
    """Submitted jobs with a code, of a campaign or with a code."""
    where, params = "j.code IS NOT NULL", list[object]()
    if campaign_id is not None:
        where += " AND j.campaign_id = ?"
        params.append(campaign_id)
    if code is not None:
        where += " AND j.code = ?"
        params.append(code)
    rows = connection.execute(f"{_SENDING} WHERE {where} ORDER BY j.id", params).fetchall()
    return [_sending(connection, row) for row in rows]


def ingest(
    connection: sqlite3.Connection, sending: Sending, receipts: Sequence[NewReceipt], now: float
) -> list[str]:
    """Record new receipts (repeats skipped) and re-derive the concerned recipients' states.

    Returns:
        The addresses whose state or times changed.
    """
    changed: list[str] = []
    with transaction(connection):
        touched: set[str] = set()
        for receipt in receipts:
            cursor = connection.execute(
                "INSERT OR IGNORE INTO receipt_events (job_id, code, fingerprint, kind, "
                "addresses, subject, body, date_text, at, seen_at, source, raw) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    sending.job_id, sending.code, receipt.fingerprint, receipt.kind.value,
                    "\n".join(receipt.addresses), receipt.subject, receipt.body,
                    receipt.date_text, receipt.at, now, receipt.source, receipt.raw,
                ),
            )
            if cursor.rowcount:
                touched.update(receipt.addresses)
        for address in sorted(touched):
            if _rederive(connection, sending.job_id, address):
                changed.append(address)
    return changed


def _rederive(connection: sqlite3.Connection, job_id: int, address: str) -> bool:
    events = [
        delivery.event_for(ReceiptKind(kind), body, key=fp, at=float(at), address=address)
        for kind, body, fp, at, addresses in connection.execute(
            "SELECT kind, body, fingerprint, at, addresses FROM receipt_events "
            "WHERE job_id = ? ORDER BY at, id",
            (job_id,),
        )
        if address in str(addresses).split("\n")
    ]
    status = delivery.replay(events, Status(DeliveryState.SUBMITTED))
    values = (
        status.state.value, status.reason, int(status.temporary), int(status.ordinary),
        int(status.is_final), status.accepted_at, status.final_at, status.changed_at,
        status.timeout_notices,
    )
    old = connection.execute(
        "SELECT state, reason, temporary, ordinary, final, accepted_at, final_at, changed_at, "
        "timeout_notices FROM deliveries WHERE job_id = ? AND address = ?",
        (job_id, address),
    ).fetchone()
    if old is not None and tuple(old) == values:
        return False
    connection.execute(
        "INSERT OR REPLACE INTO deliveries (state, reason, temporary, ordinary, final, "
        "accepted_at, final_at, changed_at, timeout_notices, job_id, address) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (*values, job_id, address),
    )
    return True


@dataclass(frozen=True)
class RowFilter:
    """Which ledger rows a query picks (every field optional; all given must match).

    Attributes:
        campaign_id: one campaign (None: every campaign).
        states: only these states (None: all).
        search: a piece of address, sending code or subject, case ignored ("": any).
        since: sent (or queued) at or after this POSIX time.
        until: sent (or queued) before this POSIX time.
        sender: only campaigns from this mailbox, case ignored.
        service: only campaigns bound to this service key or to none ("").
        job_ids: only these jobs.
    """

    campaign_id: int | None = None
    states: Collection[DeliveryState] | None = None
    search: str = ""
    since: float | None = None
    until: float | None = None
    sender: str | None = None
    service: str | None = None
    job_ids: Collection[int] | None = None


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _filters(where: RowFilter) -> tuple[str, list[object]]:
    clauses: list[str] = ["1"]
    params: list[object] = []
    if where.campaign_id is not None:
        clauses.append("j.campaign_id = ?")
        params.append(where.campaign_id)
    if where.job_ids is not None:
        clauses.append(f"j.id IN ({_in(where.job_ids)})")
        params.extend(where.job_ids)
    if where.states is not None:
        clauses.append(f"{STATE_SQL} IN ({_in(where.states)})")
        params.extend(s.value for s in where.states)
    if where.search.strip():
        clauses.append(
            "(jr.address LIKE ? ESCAPE '\\' OR COALESCE(j.code, '') LIKE ? ESCAPE '\\' "
            "OR COALESCE(j.subject, c.subject) LIKE ? ESCAPE '\\')"
        )
        params += [_like(where.search.strip())] * 3
    sent_at = "COALESCE(j.submitting_at, j.created_at)"
    if where.since is not None:
        clauses.append(f"{sent_at} >= ?")
        params.append(where.since)
    if where.until is not None:
        clauses.append(f"{sent_at} < ?")
        params.append(where.until)
    if where.sender is not None:
        clauses.append("c.sender = ? COLLATE NOCASE")
        params.append(where.sender)
    if where.service is not None:
        clauses.append("c.service IN ('', ?)")
        params.append(where.service)
    return " AND ".join(clauses), params


def rows(
    connection: sqlite3.Connection, where: RowFilter, *, offset: int = 0, limit: int = -1,
    newest_first: bool = False,
) -> list[LedgerRow]:
    """Ledger rows in sending order (or newest sending first), filtered, one page.

    Newest first walks the jobs backwards by their primary key (jobs are numbered in campaign
    order, so newer campaigns come first) and each job's recipients by theirs: no sort, so a
    page of a search over every campaign stops as soon as it is full.
    """
    sql, params = _filters(where)
    order = "j.id DESC, jr.position" if newest_first else \
        "j.campaign_id, j.position, jr.position"
    found = connection.execute(
        f"SELECT {_ROW_COLUMNS} {_FROM} WHERE {sql} ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return [
        LedgerRow(
            int(r[0]), int(r[1]), str(r[2]), DeliveryState(r[3]), str(r[4]), str(r[5] or ""),
            bool(r[6]), bool(r[7]), str(r[8]), r[9], r[10], r[11], r[12],
        )
        for r in found
    ]


def count_rows(connection: sqlite3.Connection, where: RowFilter) -> int:
    """How many rows :func:`rows` would give without a page limit."""
    sql, params = _filters(where)
    (n,) = connection.execute(f"SELECT COUNT(*) {_FROM} WHERE {sql}", params).fetchone()
    return int(n)


def overview(
    connection: sqlite3.Connection, campaign_ids: Collection[int] | None = None
) -> list[CampaignOverview]:
    """Every campaign (or those of ``campaign_ids``), newest first, with recipients by state."""
    only = "" if campaign_ids is None else f" WHERE j.campaign_id IN ({_in(campaign_ids)})"
    ids = [] if campaign_ids is None else list(campaign_ids)
    counts: dict[int, dict[DeliveryState, int]] = {}
    finals: dict[int, int] = {}
    for cid, state, final, n in connection.execute(
        f"SELECT j.campaign_id, {STATE_SQL}, {FINAL_SQL}, COUNT(*) {_FROM}{only} "
        "GROUP BY j.campaign_id, 2, 3", ids,
    ):
        counts.setdefault(cid, {})
        counts[cid][DeliveryState(state)] = counts[cid].get(DeliveryState(state), 0) + int(n)
        if final:
            finals[cid] = finals.get(cid, 0) + int(n)
    return [
        CampaignOverview(
            cid, created, subject, counts.get(cid, {}), finals.get(cid, 0), parent, sender,
            service, float(not_before or 0),
        )
        for cid, created, subject, parent, sender, service, not_before in connection.execute(
            "SELECT c.id, c.created_at, c.subject, l.parent_id, c.sender, c.service, "  # noqa: S608
            "c.not_before "
            "FROM campaigns c LEFT JOIN campaign_links l ON l.campaign_id = c.id "
            f"{only.replace('j.campaign_id', 'c.id')} ORDER BY c.id DESC", ids,
        )
    ]


def receipts(connection: sqlite3.Connection, campaign_id: int) -> list[StoredReceipt]:
    """Every recorded receipt of a campaign's jobs, in time order."""
    return [
        StoredReceipt(
            int(job), str(code), ReceiptKind(kind), tuple(str(addresses).split("\n")), str(subject),
            str(date_text), float(at), float(seen), str(source), str(raw), str(fp),
        )
        for job, code, kind, addresses, subject, date_text, at, seen, source, raw, fp
        in connection.execute(
            "SELECT e.job_id, e.code, e.kind, e.addresses, e.subject, e.date_text, e.at, "
            "e.seen_at, e.source, e.raw, e.fingerprint FROM receipt_events e "
            "JOIN jobs j ON j.id = e.job_id WHERE j.campaign_id = ? ORDER BY e.at, e.id",
            (campaign_id,),
        )
    ]


SETTLED_SQL = f"({FINAL_SQL} OR {STATE_SQL} = 'not_sent')"
"""A recipient whose local history may be deleted: final, or certainly never sent."""


@dataclass(frozen=True, slots=True)
class Forgotten:
    """What :func:`forget` deleted.

    Attributes:
        campaign_ids: the campaigns deleted (in id order).
        recipients: their recipients.
        receipts: their receipts.
        paths: the evidence files their archive records named, and no remaining record names.
    """

    campaign_ids: tuple[int, ...]
    recipients: int
    receipts: int
    paths: tuple[str, ...]


def forget(
    connection: sqlite3.Connection, campaign_ids: Collection[int], *, created_before: float
) -> Forgotten:
    """Delete campaigns with their jobs, recipients, receipts, states and archive records.

    One transaction, and guarded inside it: only campaigns created before ``created_before``
    whose every recipient is settled (:data:`SETTLED_SQL`) go; the others are left untouched
    and absent from the answer (a job re-queued since the caller looked stays).
    """
    ids = sorted(set(campaign_ids))
    if not ids:
        return Forgotten((), 0, 0, ())
    marks = _in(ids)
    with transaction(connection):
        doomed = [
            int(cid) for (cid,) in connection.execute(
                f"SELECT c.id FROM campaigns c WHERE c.id IN ({marks}) "  # noqa: S608
                "AND c.created_at < ? AND NOT EXISTS (SELECT 1 FROM job_recipients jr "
                "JOIN jobs j ON j.id = jr.job_id LEFT JOIN deliveries d "
                "ON d.job_id = jr.job_id AND d.address = lower(jr.address) "
                f"WHERE j.campaign_id = c.id AND NOT {SETTLED_SQL}) "
                "ORDER BY c.id", [*ids, created_before],
            )
        ]
        if not doomed:
            return Forgotten((), 0, 0, ())
        gone = _in(doomed)
        (recipients,) = connection.execute(
            "SELECT COUNT(*) FROM job_recipients jr JOIN jobs j ON j.id = jr.job_id "  # noqa: S608
            f"WHERE j.campaign_id IN ({gone})", doomed,
        ).fetchone()
        receipts = connection.execute(
            "DELETE FROM receipt_events WHERE job_id IN "  # noqa: S608
            f"(SELECT id FROM jobs WHERE campaign_id IN ({gone}))", doomed,
        ).rowcount
        connection.execute(
            "DELETE FROM deliveries WHERE job_id IN "  # noqa: S608
            f"(SELECT id FROM jobs WHERE campaign_id IN ({gone}))", doomed,
        )
        paths = {str(p) for (p,) in connection.execute(
            f"SELECT path FROM archives WHERE campaign_id IN ({gone})", doomed)}  # noqa: S608
        connection.execute(f"DELETE FROM archives WHERE campaign_id IN ({gone})", doomed)  # noqa: S608
        # Jobs, their recipients, attempts and attachments, and retry links go by cascade.
        connection.execute(f"DELETE FROM campaigns WHERE id IN ({gone})", doomed)  # noqa: S608
        still = {str(p) for (p,) in connection.execute("SELECT DISTINCT path FROM archives")}
    return Forgotten(tuple(doomed), int(recipients), int(receipts), tuple(sorted(paths - still)))
