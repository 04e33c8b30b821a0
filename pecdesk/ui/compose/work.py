"""The Compose tab's heavy work, run in a worker thread: pre-flight, merge preview, mapping.

With 100,000 recipients the pre-flight takes most of a second and mapping an imported sheet
about as long; on the window's thread either would freeze typing. Each function here takes a
snapshot of the form (a frozen :class:`~pecdesk.services.sending.draft.Draft`) and touches no
widget, so the tab runs it through ``asyncio.to_thread`` and applies the result on the GUI
thread. :class:`Latest` numbers the requests so that only the newest result is applied.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pecdesk.recipients import ColumnMapping, Recipient, Table, from_text, to_recipients
from pecdesk.recipients.addresses import last_line
from pecdesk.recipients.mapping import field_names
from pecdesk.services.sending import preflight
from pecdesk.services.sending.compose import preview
from pecdesk.services.sending.draft import Draft
from pecdesk.services.sending.preflight import Report


class Latest:
    """Tickets for one kind of request: the newest wins, older work learns it is superseded.

    A ticket is read from worker threads (through :meth:`superseded`) and written only on the
    GUI thread; reading an int needs no lock.
    """

    def __init__(self) -> None:
        self._current = 0

    def next(self) -> int:
        """A ticket for a new request; every earlier one is superseded from now on."""
        self._current += 1
        return self._current

    def is_current(self, ticket: int) -> bool:
        """Whether ``ticket`` is still the newest request (its result may be applied)."""
        return ticket == self._current

    def superseded(self, ticket: int) -> Callable[[], bool]:
        """A question a worker may ask: has a newer request come in since ``ticket``?"""
        return lambda: ticket != self._current


def check_form(
    form: Draft, max_message_bytes: int, superseded: Callable[[], bool] | None = None
) -> Report:
    """The pre-flight report of ``form`` (raises CheckSupersededError when superseded)."""
    return preflight.check(form.recipients(), form.letter(), columns=form.fields,
                           max_message_bytes=max_message_bytes, superseded=superseded)


@dataclass(frozen=True, slots=True)
class Preview:
    """One recipient's merged message, as it will be sent.

    Attributes:
        recipient: whose it is; None when the chosen row does not exist.
        subject: the merged subject.
        body: the merged body (HTML).
    """

    recipient: Recipient | None
    subject: str
    body: str


def preview_form(form: Draft, index: int) -> Preview:
    """The message of the ``index``-th recipient (0-based) of ``form``."""
    imported = form.imported
    if 0 <= index < len(imported):  # no need to check the pasted addresses
        recipient: Recipient | None = imported[index]
    else:
        pasted = from_text(form.pasted, after=last_line(imported))
        position = index - len(imported)
        recipient = pasted[position] if 0 <= position < len(pasted) else None
    subject, body = preview(recipient, form.letter())
    return Preview(recipient, subject, body)


@dataclass(frozen=True, slots=True)
class Mapped:
    """An imported sheet turned into checked recipients.

    Attributes:
        recipients: every row, checked.
        fields: the merge fields (the mapped column names).
        invalid: how many rows have an invalid address.
        source: the name of the file ("" when unknown).
        mapping: the columns chosen; None when unknown.
    """

    recipients: tuple[Recipient, ...]
    fields: tuple[str, ...]
    invalid: int
    source: str = ""
    mapping: ColumnMapping | None = None


def map_table(table: Table, mapping: ColumnMapping, source: str = "") -> Mapped:
    """Every row of ``table`` as a checked recipient, columns mapped as chosen."""
    return mapped(tuple(to_recipients(table, mapping)), tuple(field_names(table, mapping)),
                  source=source, mapping=mapping)


def mapped(
    recipients: tuple[Recipient, ...],
    fields: tuple[str, ...],
    *,
    source: str = "",
    mapping: ColumnMapping | None = None,
) -> Mapped:
    """``recipients`` with their invalid count (counted once, not at every keystroke)."""
    return Mapped(recipients, fields, sum(not r.valid for r in recipients), source, mapping)
