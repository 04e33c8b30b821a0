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
"""

from __future__ import annotations

from typing import Protocol

from pecdesk.api import InvalidRequestError, NotFoundError, ServerError
from pecdesk.domain.models import InboxPage


class InboxReader(Protocol):
    """The part of the API client the pager uses."""

    async def inbox_page(self, page: int = 1, query: str | None = None) -> InboxPage:
        """GET /inbox, page ``page`` as the service numbers it."""
        ...


def _ids(page: InboxPage) -> frozenset[int]:
    return frozenset(item.id for item in page.items)


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
