"""The one place that wires an account's mailbox: its client, send queue, reconciler and tracker.

The window (:mod:`pecdesk.app.main`), the command line, the self-test and the tests all open a
mailbox here, so
they send, settle and track in one way: one client for the account; a send queue bound to the
account's PEC address *and* service (:func:`service_of`: its base URL spelt one way); a
reconciler and a receipt tracker that keep to that mailbox's jobs on that service. Nothing else
in pecdesk builds a :class:`PecMassivaClient`, :class:`SendQueue`, :class:`Reconciler` or
:class:`Tracker`, nor the services the window's tabs talk to (:func:`open_window_services`,
:func:`open_session`); tests/unit/test_layers.py checks it.

The queue store is shared by every account and outlives a mailbox: the caller opens and closes
it. A mailbox owns only its client, which :meth:`Mailbox.aclose` closes.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Self

import httpx

from pecdesk.accounts.account import Account
from pecdesk.accounts.keychain import CredentialStore
from pecdesk.accounts.profiles import AccountStore
from pecdesk.api import PecMassivaClient
from pecdesk.api.client import DEFAULT_TIMEOUT
from pecdesk.domain.jobs import service_key
from pecdesk.services.contacts.book import AddressBookService
from pecdesk.services.events import Events
from pecdesk.services.mailbox.inbox import InboxService
from pecdesk.services.mailbox.mail import MailService
from pecdesk.services.receipts.evidence import EvidenceWriters
from pecdesk.services.receipts.reconcile import Reconciler
from pecdesk.services.receipts.sent import SentService
from pecdesk.services.receipts.tracking import Backoff, Tracker
from pecdesk.services.sending.compose import ComposeService
from pecdesk.services.sending.heap import Collector
from pecdesk.services.sending.outcomes import RetryPolicy
from pecdesk.services.sending.queue import SendQueue
from pecdesk.services.sending.templates import TemplateService
from pecdesk.services.sending.throttle import Throttle
from pecdesk.services.session import SessionService
from pecdesk.storage import QueueStore, RunnerLock
from pecdesk.storage.contacts import ContactStore
from pecdesk.storage.drafts import DraftStore
from pecdesk.storage.ledger import LedgerStore
from pecdesk.storage.mail_cache import MailCache
from pecdesk.storage.templates import TemplateStore

ARCHIVE_DIR_NAME = "archive"
"""Where the Sent tab's local archives go, beside the queue store."""
BUILTIN_SERVICE = "sandbox://builtin"
"""The service key of the sandbox that ships with pecdesk, whatever port it runs on today."""


def service_of(account: Account) -> str:
    """The service ``account``'s queued jobs are bound to (a :func:`service_key`).

    Its base URL, spelt one way; for the built-in sandbox, which listens on another port at
    every start, one fixed key, so that what it left queued is still its own next time.
    """
    return BUILTIN_SERVICE if account.is_builtin_sandbox else service_key(account.base_url)


def open_client(
    account: Account,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    clock: Callable[[], float] = time.time,
    transport: httpx.AsyncBaseTransport | None = None,
) -> PecMassivaClient:
    """The API client of ``account`` (the caller closes it).

    Args:
        account: whose token and mailbox credentials it sends.
        timeout: seconds for a whole request (connect and every byte of the answer).
        clock: this machine's clock, against which the client measures the service's.
        transport: an httpx transport instead of the network (tests of odd answers only).
    """
    return PecMassivaClient(
        account.base_url, account.token, account.username, account.password,
        timeout=timeout, transport=transport, clock=clock,
    )


@dataclass(frozen=True, slots=True)
class Mailbox:
    """One account's mailbox on one service, wired: use it as ``async with`` (closes the client).

    Attributes:
        account: the account it sends from.
        store: the queue store (shared with every other account; not closed here).
        client: the account's API client (owned: closed by :meth:`aclose`).
        ledger: the delivery ledger over the store's database.
        queue: sends this mailbox's jobs bound to this service, and only those.
        reconciler: settles this mailbox's jobs of unknown outcome from its receipts.
        tracker: polls this mailbox's sendings' receipts into the ledger.
        events: what the queue, reconciler and tracker announce (one per mailbox).
    """

    account: Account
    store: QueueStore
    client: PecMassivaClient
    ledger: LedgerStore
    queue: SendQueue
    reconciler: Reconciler
    tracker: Tracker
    events: Events

    @property
    def sender(self) -> str:
        """The PEC address this mailbox sends from."""
        return self.queue.sender

    @property
    def service(self) -> str:
        """The service its jobs are bound to (:func:`~pecdesk.domain.jobs.service_key`)."""
        return self.queue.service

    def sent_service(
        self, archive_dir: Path | None = None, evidence_writers: EvidenceWriters | None = None
    ) -> SentService:
        """The Sent tab's service for this mailbox (archives beside the store by default).

        With ``evidence_writers``, its evidence ZIPs hold the PDFs, in their language.
        """
        return SentService.create(
            ledger=self.ledger,
            store=self.store,
            client=self.client,
            archive_dir=archive_dir or self.store.database.path.parent / ARCHIVE_DIR_NAME,
            tracker=self.tracker,
            reconciler=self.reconciler,
            sender=self.sender,
            service=self.service,
            queue=self.queue,
            events=self.events,
            evidence_writers=evidence_writers,
        )

    async def aclose(self) -> None:
        """Close the client (the store stays open: it is shared)."""
        await self.client.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()


def open_mailbox(
    account: Account,
    store: QueueStore,
    *,
    throttle: Throttle | None = None,
    lock: RunnerLock | None = None,
    policy: RetryPolicy | None = None,
    backoff: Backoff | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    clock: Callable[[], float] = time.time,
    transport: httpx.AsyncBaseTransport | None = None,
) -> Mailbox:
    """Wire ``account``'s client, send queue, reconciler and tracker over ``store``.

    Args:
        account: the account (its sender address and :func:`service_of` bind the queue).
        store: the queue store.
        throttle: the queue's pacing (default: the account's send rate).
        lock: the store's runner lock, when the caller already holds it (default: a new one).
        policy: the queue's retry policy (default: :class:`RetryPolicy`'s).
        backoff: the tracker's polling schedule (default: :class:`Backoff`'s).
        timeout: the client's seconds for a whole request (connect and every byte).
        clock: the clock every piece reads (the client measures the service's against it).
        transport: an httpx transport instead of the network (tests of odd answers only).
    """
    client = open_client(account, timeout=timeout, clock=clock, transport=transport)
    service = service_of(account)
    ledger = LedgerStore(store.database)
    events = Events()
    reconciler = Reconciler(
        store=store, client=client, clock=clock, sender=account.sender,
        service=service, events=events,
    )
    queue = SendQueue(
        store=store,
        client=client,
        throttle=throttle if throttle is not None else Throttle(account.send_rate),
        lock=lock if lock is not None else store.runner_lock(),
        sender=account.sender,
        service=service,
        policy=policy,
        clock=clock,
        recheck=reconciler.recheck,
        events=events,
    )
    tracker = Tracker(
        ledger=ledger, client=client, backoff=backoff, clock=clock, sender=account.sender,
        service=service, events=events,
    )
    return Mailbox(account, store, client, ledger, queue, reconciler, tracker, events)


@dataclass(frozen=True, slots=True)
class WindowServices:
    """What one main window's tabs talk to, for one account.

    Attributes:
        client: the account's API client (the caller closes it).
        mail: reads the mailbox (the Inbox, the quota).
        inbox: pages and caches the mailbox for the Inbox tab.
        compose: plans and queues sendings; None when the send stores did not open.
        sent: the per-recipient ledger; None when the send stores did not open.
        events: what the mailbox's services announce; None when the send stores did not
            open (nothing is sent or tracked then).
        templates: the saved letter templates; None without a templates store.
        contacts: the address book; None without its store.
    """

    client: PecMassivaClient
    mail: MailService
    inbox: InboxService
    compose: ComposeService | None
    sent: SentService | None
    events: Events | None
    templates: TemplateService | None = None
    contacts: AddressBookService | None = None


def open_window_services(
    account: Account,
    *,
    queue_store: QueueStore | None,
    drafts: DraftStore | None,
    mail_cache: MailCache | None,
    templates: TemplateStore | None = None,
    contacts: ContactStore | None = None,
) -> WindowServices:
    """Wire the services of one window for ``account``.

    With a queue store, sending is on: the client is the mailbox's (:func:`open_mailbox`), and
    Compose and Sent share its queue, reconciler, tracker and events, and the Inbox hands the
    receipts of every page it lists to the tracker (whether or not the Inbox tab is built).
    Without one, the window reads mail only. Without a mail cache, the Inbox works but keeps
    nothing.
    """
    compose: ComposeService | None = None
    sent: SentService | None = None
    events: Events | None = None
    if queue_store is None:
        client = open_client(account)
    else:
        mailbox = open_mailbox(account, queue_store)
        client = mailbox.client
        compose = ComposeService(
            sender=account.sender, max_message_bytes=account.max_message_bytes,
            queue=mailbox.queue, collector=Collector(), drafts=drafts, store=mailbox.store,
            ledger=mailbox.ledger,
            poll=lambda campaign_id: mailbox.tracker.refresh(campaign_id=campaign_id),
        )
        from pecdesk.ui.evidence.writers import evidence_writers  # noqa: PLC0415 - window only

        sent = mailbox.sent_service(evidence_writers=evidence_writers())
        events = mailbox.events
    mail = MailService(client=client, account=account)
    inbox = InboxService(
        mail=mail, cache=mail_cache, receipts=sent.feed_inbox if sent is not None else None
    )
    kept = TemplateService(store=templates) if templates is not None else None
    book = AddressBookService(store=contacts) if contacts is not None else None
    if book is not None and events is not None and queue_store is not None:
        book.follow(events, _addresses_of(queue_store), sender=account.sender)
    return WindowServices(client, mail, inbox, compose, sent, events, kept, book)


def _addresses_of(store: QueueStore) -> Callable[[int], Awaitable[list[str]]]:
    """Reads one campaign's recipient addresses (for the address book's recent recipients)."""

    async def addresses(campaign_id: int) -> list[str]:
        jobs = await store.jobs(campaign_ids=[campaign_id])
        return [address for job in jobs for address in job.recipients]

    return addresses


def open_session(config_dir: Path) -> SessionService:
    """The stored accounts (``config_dir``), their keychain secrets and "Test connection".

    The keychain is looked up when an account first needs it, not here.
    """
    return SessionService(
        accounts=AccountStore(config_dir), credentials=CredentialStore(),
        client_factory=open_client,
    )
