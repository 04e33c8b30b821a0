"""InboxPager: INBOX pages counted from 1, whatever number the service gives its first page.

api.md leaves the page base open (7.6): the OAS example (981 messages, ``page`` 39 of
``n_of_pages`` 39) fits a service whose pages are 0-based as well as one that rounds down. A
client that asks for page 1 of a 0-based service never sees the newest 25 messages: the latest
receipts in the Inbox, and the ACCETTAZIONE the send queue looks for when it reconciles a send
whose answer was lost. So the first listing asks for page 0 and reads the answer:

- a page that says it is page 0 and has rows: the service counts from 0;
- a page that says it is page 1 (the service clamped 0 to its first page), no rows while the
  mailbox has some, or an error: the service counts from 1.

One more guard: a 1-based service that answers page 0 with its first page *and* echoes 0 looks
0-based; its "page 1" then repeats those rows, which gives it away, and counting moves to 1.
The client (:class:`~pecdesk.api.PecMassivaClient`) stays literal: it sends the number it is
given. This module decides what to give it.

:meth:`InboxPager.read_back` reads the listing from the newest row back to a moment, however
many pages that takes: reconciliation must see every receipt since a job's request before it
may say the job was not sent (a fixed page limit once made an early job of a big campaign look
unsent, and it went out twice).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Protocol

from pecdesk.api import InvalidRequestError, NotFoundError, ServerError
from pecdesk.domain.models import InboxItem, InboxPage

PAGE_SIZE = 25
"""Rows per full INBOX page (api.md 4.4): a shorter page is the last."""
ORDER_SLACK = 600.0
"""Seconds by which a newest-first listing may disagree with the rows' dates (a listing in
arrival order, receipts dated by another server) without making :meth:`read_back` stop early."""
PAGE_LIMIT = 100_000
"""Pages after which :meth:`read_back` gives up (2.5 million rows): the read is incomplete."""


class InboxReader(Protocol):
    """The part of the API client the pager uses."""

    async def inbox_page(self, page: int = 1, query: str | None = None) -> InboxPage:
        """GET /inbox, page ``page`` as the service numbers it."""
        ...


def _ids(page: InboxPage) -> frozenset[int]:
    return frozenset(item.id for item in page.items)


@dataclass(frozen=True, slots=True)
class ReadBack:
    """The rows of a listing read back to a moment.

    Attributes:
        items: every row read, newest first, each id once.
        complete: True when the read reached the end of the listing (a short page, or the
            last page again once as many rows as the listing's ``total`` were seen), or a page
            wholly older than the moment in a listing seen to be newest first. False when the
            service repeated a page before that, or the page limit was reached: rows may be
            missing, and nothing may be concluded from a row's absence.
        pages: how many pages were read.
    """

    items: tuple[InboxItem, ...]
    complete: bool
    pages: int


class _Order:
    """Watches whether a listing runs newest first (within :data:`ORDER_SLACK`)."""

    def __init__(self) -> None:
        self.oldest: float | None = None
        self.newest_first = True
        self.descended = False

    def see(self, items: tuple[InboxItem, ...]) -> None:
        for item in items:
            if item.date is None:
                continue
            at = item.date.timestamp()
            if self.oldest is not None:
                if at > self.oldest + ORDER_SLACK:
                    self.newest_first = False
                self.descended = self.descended or at < self.oldest
            self.oldest = at if self.oldest is None else min(self.oldest, at)

    def past(self, items: tuple[InboxItem, ...], since: float) -> bool:
        """Whether no later page can hold a row dated ``since`` or after."""
        if not (self.newest_first and self.descended) or not items:
            return False
        dates = [item.date.timestamp() for item in items if item.date is not None]
        return len(dates) == len(items) and max(dates) < since - ORDER_SLACK


class InboxPager:
    """Reads INBOX pages by their position (1 = newest), learning the service's page base once.

    Attributes:
        base: the number the service gives its first page (0 or 1); None until known.
    """

    def __init__(self, client: InboxReader) -> None:
        self._client = client
        self.base: int | None = None
        self._probe_ids: frozenset[int] = frozenset()

    async def page(self, number: int, query: str | None = None) -> InboxPage:
        """Page ``number`` counted from 1 (newest first), optionally filtered by ``query``.

        Raises:
            PecError: the service could not be read.
        """
        if self.base is None:
            first = await self._probe(query)
            if number == 1 and first is not None:
                return first
        base = 1 if self.base is None else self.base
        result = await self._client.inbox_page(page=number - 1 + base, query=query)
        if base == 0 and number == 2 and result.items and _ids(result) == self._probe_ids:
            self.base = 1  # "page 1" repeated "page 0": a 1-based service after all
            result = await self._client.inbox_page(page=number, query=query)
        return result

    async def read_back(self, query: str | None, since: float | None) -> ReadBack:
        """Every row from the newest back to ``since`` (POSIX time in the service's clock).

        Pages are read until the listing ends (a short or empty page) or, when ``since`` is
        given and the listing runs newest first, until a page lies wholly before ``since``
        (minus :data:`ORDER_SLACK`). No other limit: however many pages the mailbox holds.

        Raises:
            PecError: the service could not be read.
        """
        seen: set[int] = set()
        items: list[InboxItem] = []
        order = _Order()
        for number in itertools.count(1):
            if number > PAGE_LIMIT:
                return ReadBack(tuple(items), False, number - 1)
            page = await self.page(number, query)
            fresh = tuple(item for item in page.items if item.id not in seen)
            if page.items and not fresh:  # the same rows again: past the end, or stuck
                return ReadBack(tuple(items), len(seen) >= page.total > 0, number)
            seen.update(item.id for item in fresh)
            items.extend(fresh)
            order.see(page.items)
            if len(page.items) < PAGE_SIZE:
                return ReadBack(tuple(items), True, number)
            if since is not None and order.past(page.items, since):
                return ReadBack(tuple(items), True, number)
        raise AssertionError  # pragma: no cover - itertools.count never ends

    async def _probe(self, query: str | None) -> InboxPage | None:
        """Ask for page 0; returns it when it is the first page, else None (ask page 1)."""
        try:
            probe = await self._client.inbox_page(page=0, query=query)
        except (InvalidRequestError, NotFoundError, ServerError):
            self.base = 1  # page 0 does not exist here
            return None
        if not probe.items:
            if probe.total > 0:
                self.base = 1  # page 0 is empty, page 1 is not: counted from 1
                return None
            return probe  # an empty listing tells nothing; ask again next time
        if probe.page == 1:
            self.base = 1  # the service answered its first page, numbered 1
        else:
            self.base = 0
            self._probe_ids = _ids(probe)
        return probe
