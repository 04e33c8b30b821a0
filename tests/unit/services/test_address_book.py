"""The address book service: contacts, lists, recipients for the planning step, recents, files."""

from __future__ import annotations

import asyncio
import csv
from pathlib import Path

import pytest

from pecdesk.app.wiring import open_window_services
from pecdesk.errors import StorageError
from pecdesk.recipients import guess_mapping, read_table, to_recipients
from pecdesk.recipients.mapping import field_names
from pecdesk.recipients.table import parse_csv
from pecdesk.services.contacts.book import RECENT_LIMIT, AddressBookService
from pecdesk.services.contacts.contact import (
    Contact,
    ContactList,
    InvalidContactError,
    as_recipients,
)
from pecdesk.services.contacts.transfer import merge_rows
from pecdesk.services.events import Events
from pecdesk.services.sending import plan_sending
from pecdesk.services.sending.preflight import Letter
from pecdesk.storage import QueueStore
from pecdesk.storage.contacts import ContactStore
from tests.helpers.engine import campaign, sandbox_account
from tests.helpers.sandbox import MAILBOX, SandboxFactory

pytestmark = pytest.mark.anyio


def book(folder: Path) -> AddressBookService:
    """A service over the address book in ``folder``."""
    return AddressBookService(store=ContactStore.open(folder))


async def test_a_contact_is_normalised_found_and_kept(tmp_path: Path) -> None:
    """The address follows the recipient rules; search looks at name, address and fields."""
    service = book(tmp_path)
    stored = await service.save_contact(
        Contact(" <Amministrazione@PEC.Condominio.IT> ", " Condominio Aurora ", {" scala ": "B"})
    )
    assert stored == Contact(
        "Amministrazione@pec.condominio.it", "Condominio Aurora", {"scala": "B"}
    )
    await service.save_contact(Contact("rossi@pec.it", "Mario Rossi"))
    assert [c.name for c in service.search("aurora")] == ["Condominio Aurora"]
    assert [c.name for c in service.search("ROSSI@")] == ["Mario Rossi"]
    assert [c.name for c in service.search("b")] == ["Condominio Aurora"]  # field value
    assert service.get("amministrazione@PEC.condominio.it") == stored
    assert [c.name for c in book(tmp_path).contacts()] == ["Condominio Aurora", "Mario Rossi"]


async def test_an_invalid_address_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    """A contact whose address fails the syntax check raises a PecError; the file stays absent."""
    service = book(tmp_path)
    with pytest.raises(InvalidContactError) as caught:
        await service.save_contact(Contact("rossi at pec.it", "Rossi"))
    assert "rossi at pec.it" in caught.value.message
    assert service.contacts() == []
    assert not service.store.path.exists()


async def test_list_members_become_recipients_with_their_fields(tmp_path: Path) -> None:
    """A list gives checked recipients with pec, nome and own fields, which pass the plan."""
    service = book(tmp_path)
    await service.save_contact(Contact("rossi@pec.it", "Mario Rossi", {"Scala": "A"}))
    await service.save_contact(Contact("bianchi@pec.it", "Anna Bianchi", {"Scala": "B"}))
    await service.save_contact(Contact("verdi@pec.it", "Luca Verdi"))
    await service.save_list(
        ContactList("Via Roma 3", ("BIANCHI@pec.it", "rossi@pec.it", "nessuno@pec.it"))
    )
    assert service.get_list("via roma 3") == ContactList(
        "Via Roma 3", ("bianchi@pec.it", "rossi@pec.it")
    )  # not a contact: dropped
    rows, fields = service.list_recipients("Via Roma 3")
    assert [r.address for r in rows] == ["bianchi@pec.it", "rossi@pec.it"]
    assert fields == ["pec", "nome", "Scala"]
    assert rows[0].fields == {"Scala": "B", "pec": "bianchi@pec.it", "nome": "Anna Bianchi"}
    letter = Letter("Assemblea scala {{scala}}", "<p>Gentile {{nome}}</p>")
    plan = plan_sending(MAILBOX, rows, letter, max_message_bytes=1_000_000, columns=fields)
    assert plan.ok, plan.report.issues
    assert plan.campaign is not None and len(plan.campaign.jobs) == 2


async def test_renaming_and_deleting_a_contact_follow_it_into_the_lists(tmp_path: Path) -> None:
    """A changed address keeps its place in lists; a deleted contact leaves every list."""
    service = book(tmp_path)
    await service.save_contact(Contact("old@pec.it", "Rossi"))
    await service.save_contact(Contact("verdi@pec.it", "Verdi"))
    await service.save_list(ContactList("Scala A", ("old@pec.it", "verdi@pec.it")))
    await service.save_contact(Contact("new@pec.it", "Rossi"), replacing="old@pec.it")
    assert service.get("old@pec.it") is None
    assert [c.address for c in service.members("Scala A")] == ["new@pec.it", "verdi@pec.it"]
    await service.delete_contact("verdi@pec.it")
    assert book(tmp_path).get_list("scala a") == ContactList("Scala A", ("new@pec.it",))
    await service.delete_list("Scala A")
    assert service.lists() == [] and len(service.contacts()) == 1


async def test_recent_recipients_are_newest_first_unique_and_bounded(tmp_path: Path) -> None:
    """Each sending's addresses go first, repeats move up, and only RECENT_LIMIT are kept."""
    service = book(tmp_path)
    await service.record_recent([f"c{n}@pec.it" for n in range(RECENT_LIMIT)])
    await service.record_recent(["NEW@PEC.IT", "c5@pec.it", "new@pec.it"])
    recent = book(tmp_path).recent()
    assert recent[:2] == ["new@pec.it", "c5@pec.it"]
    assert len(recent) == RECENT_LIMIT and len(set(recent)) == RECENT_LIMIT
    assert f"c{RECENT_LIMIT - 1}@pec.it" not in recent  # the oldest fell off
    await service.save_contact(Contact("c5@pec.it", "Cinque"))
    assert service.completions()[0] == "Cinque <c5@pec.it>"
    assert service.completions().count("c5@pec.it") == 0  # a contact is offered once


async def test_campaigns_queued_are_recorded_as_recent_but_not_test_sends(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    """Wired as the window wires it, each campaign added puts its recipients first in recents."""
    store = await asyncio.to_thread(QueueStore.open, tmp_path)
    services = open_window_services(
        sandbox_account(sandbox_factory()),
        queue_store=store,
        drafts=None,
        mail_cache=None,
        contacts=ContactStore.open(tmp_path),
    )
    try:
        assert services.compose is not None and services.contacts is not None
        queue = services.compose.queue
        await queue.enqueue(campaign(["rossi@pec.it", "bianchi@pec.it"]))
        await queue.enqueue(campaign([MAILBOX]))  # a test send goes to the sender's own mailbox
        await queue.enqueue(campaign(["verdi@pec.it"]))
        await services.contacts.settled()
        assert services.contacts.recent() == ["verdi@pec.it", "rossi@pec.it", "bianchi@pec.it"]
    finally:
        await services.client.aclose()
        await asyncio.to_thread(store.close)


async def test_follow_survives_a_failing_lookup(tmp_path: Path) -> None:
    """A campaign whose addresses cannot be read is skipped; the next one is still recorded."""
    service = book(tmp_path)
    events = Events()

    async def addresses_of(campaign_id: int) -> list[str]:
        if campaign_id == 1:
            raise StorageError(reason="disk full")
        return ["dopo@pec.it"]

    service.follow(events, addresses_of, sender=MAILBOX)
    events.campaign_added.emit(1)
    events.campaign_added.emit(2)
    await service.settled()
    assert service.recent() == ["dopo@pec.it"]


async def test_import_a_sheet_into_a_list_and_export_it_back(tmp_path: Path) -> None:
    """A CSV is read by the recipient reader into contacts and a list; the export reads back."""
    sheet = tmp_path / "Via Roma 3.csv"
    sheet.write_bytes(
        "Nome;PEC;Scala;Allegato\r\nRossi;rossi@PEC.it;A;x.pdf\r\n"
        "Bianchi;bianchi@pec.it;B;\r\nSenza;non valido;C;\r\n"
        "Niccolò Carità;carita@pec.it;C;\r\n".encode("cp1252")
    )
    service = book(tmp_path)
    await service.save_contact(Contact("bianchi@pec.it", "", {"Interno": "4"}))
    found = await service.read_file(sheet)
    assert found.invalid == 1
    added, updated = await service.add_contacts(found.contacts, into_list="Via Roma 3")
    assert (added, updated) == (2, 1)
    assert service.get("bianchi@pec.it") == Contact(
        "bianchi@pec.it", "Bianchi", {"Interno": "4", "Scala": "B"}
    )
    assert [c.name for c in service.members("via roma 3")] == ["Rossi", "Bianchi", "Niccolò Carità"]
    out = tmp_path / "esportato.csv"
    assert await service.export_csv(out, list_name="Via Roma 3") == 3
    with out.open(encoding="utf-8-sig", newline="") as handle:
        written = list(csv.reader(handle, delimiter=";"))
    assert written[0] == ["pec", "nome", "Scala", "Interno"]
    assert written[3] == ["carita@pec.it", "Niccolò Carità", "C", ""]
    # Compose's own import of the export offers the same fields and addresses.
    table = read_table(out)
    mapping = guess_mapping(table)
    assert [r.address for r in to_recipients(table, mapping)] == [
        "rossi@pec.it",
        "bianchi@pec.it",
        "carita@pec.it",
    ]
    assert field_names(table, mapping) == ["pec", "nome", "Scala", "Interno"]



async def test_export_keeps_formulas_as_text_and_the_import_reads_them_back(
    tmp_path: Path,
) -> None:
    """A name like "=HYPERLINK(...)" is written as text (CSV injection) and read back as typed."""
    service = book(tmp_path)
    hostile = '=HYPERLINK("http://x.example","ok")'
    await service.save_contact(Contact("rossi@pec.it", hostile, {"Tel": "+39 06 1234"}))
    out = tmp_path / "rubrica.csv"
    assert await service.export_csv(out) == 1
    with out.open(encoding="utf-8-sig", newline="") as handle:
        written = list(csv.reader(handle, delimiter=";"))
    assert written[1] == ["rossi@pec.it", "'" + hostile, "'+39 06 1234"]
    again = await service.read_file(out)
    assert again.contacts == (Contact("rossi@pec.it", hostile, {"Tel": "+39 06 1234"}),)

def test_merging_rows_skips_addresses_there_and_keeps_field_spelling() -> None:
    """Rows added after a sheet keep its column spelling, new lines, and no duplicate."""
    table = parse_csv("PEC;Nome\nrossi@pec.it;Rossi\n")
    table_rows = to_recipients(table, guess_mapping(table))
    adding = [
        Contact("ROSSI@pec.it", "Rossi bis"),
        Contact("verdi@pec.it", "Verdi"),
        Contact("typed@pec.it", "Typed"),
    ]
    rows, fields = as_recipients(adding)
    merged = merge_rows(table_rows, ["PEC", "Nome"], rows, fields, taken=["TYPED@pec.it"])
    assert merged.added == 1
    assert merged.fields == ("PEC", "Nome")
    assert [(r.line, r.address) for r in merged.recipients] == [
        (2, "rossi@pec.it"),
        (3, "verdi@pec.it"),
    ]
    assert merged.recipients[1].fields == {"PEC": "verdi@pec.it", "Nome": "Verdi"}
