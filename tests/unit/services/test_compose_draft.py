"""The typed compose draft: JSON round trip, drafts of earlier versions, damaged drafts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pecdesk.recipients import ColumnMapping
from pecdesk.recipients.addresses import make_recipient
from pecdesk.services.sending.draft import DRAFT_VERSION, Draft, recipients_from_json
from pecdesk.services.sending.preflight import Letter

FULL = Draft(
    subject="Fattura per {{Nome}}",
    body="<p>Gentile {{Nome}}, è pronta.</p>",
    pasted="extra@pec.it; altro@pec.it",
    imported=(make_recipient(2, "Anna@PEC.it", {"Nome": "Anna"}, ("fattura_anna.pdf",)),
              make_recipient(3, "non-valido", {"Nome": "Bruno"})),
    fields=("Nome", "PEC"),
    source="clienti.csv",
    mapping=ColumnMapping(1, 2),
    folder=Path("/tmp/fatture"),
    attachments=(Path("/tmp/condizioni.pdf"),),
    one_for_all=True,
)

# What pecdesk saved before the draft was typed (version 1): no version, source or mapping.
VERSION_1 = {
    "subject": "Avviso",
    "body": "<p>Testo</p>",
    "pasted": "a@pec.it",
    "fields": ["Nome"],
    "folder": "",
    "attachments": ["/tmp/a.pdf"],
    "one_for_all": False,
}


def through_json(draft: Draft) -> Draft:
    """``draft`` encoded as the store keeps it (two JSON texts), then decoded."""
    form = json.loads(json.dumps(draft.form_json(), ensure_ascii=False))
    rows = json.loads(json.dumps(draft.list_json(), ensure_ascii=False))
    return Draft.from_json(form, rows)


def test_round_trip_keeps_every_field() -> None:
    """A full draft comes back equal, recipients checked again the same way."""
    again = through_json(FULL)
    assert again == FULL
    assert [r.valid for r in again.imported] == [True, False]
    assert FULL.form_json()["version"] == DRAFT_VERSION
    assert "imported" not in FULL.form_json()  # the list is stored apart


def test_empty_draft_round_trips() -> None:
    """The empty form survives too (no folder, no mapping, no list)."""
    assert through_json(Draft()) == Draft()


def test_recipients_and_letter_follow_the_draft() -> None:
    """The recipients are the imported rows then the pasted ones; the letter is the form's."""
    assert [r.address for r in FULL.recipients()] == [
        "Anna@pec.it", "non-valido", "extra@pec.it", "altro@pec.it"]
    assert FULL.letter() == Letter(FULL.subject, FULL.body, FULL.attachments, FULL.folder, True)


def test_a_version_1_draft_reads_with_defaults() -> None:
    """A draft saved before this version: its values kept, the new ones at their defaults."""
    rows = [{"line": 2, "raw": "c@pec.it", "fields": {"Nome": "Carla"}, "files": ["c.pdf"]}]
    draft = Draft.from_json(VERSION_1, rows)
    assert (draft.subject, draft.body, draft.pasted) == ("Avviso", "<p>Testo</p>", "a@pec.it")
    assert draft.fields == ("Nome",) and draft.folder is None
    assert draft.attachments == (Path("/tmp/a.pdf"),)
    assert (draft.source, draft.mapping, draft.one_for_all) == ("", None, False)
    assert [(r.line, r.address, r.attachments) for r in draft.imported] == [
        (2, "c@pec.it", ("c.pdf",))]


def test_the_list_inside_the_form_is_read_too() -> None:
    """Drafts from before lists had their own table kept the list in the form."""
    old = {**VERSION_1, "imported": [{"line": 5, "raw": "d@pec.it"}]}
    assert [r.line for r in Draft.from_json(old).imported] == [5]
    assert Draft.from_json(old, []).imported == ()  # the stored list wins


def test_unknown_keys_are_ignored() -> None:
    """A draft of a newer pecdesk (keys this one does not know) still reads."""
    newer = {**FULL.form_json(), "version": 99, "priority": "high", "signature": {"x": 1}}
    assert Draft.from_json(newer, FULL.list_json()) == FULL


@pytest.mark.parametrize("form", [None, [], "testo", 42, {"subject": None, "body": 7,
                                                              "fields": "Nome", "mapping": [1],
                                                              "attachments": [3, None, ""],
                                                              "folder": 5, "one_for_all": "yes"}])
def test_a_damaged_form_gives_defaults(form: object) -> None:
    """Wrong types anywhere give the defaults; nothing raises."""
    assert Draft.from_json(form) == Draft()


@pytest.mark.parametrize("mapping", [{"address": -1}, {"address": True}, {"address": "1"},
                                     {"address": 1, "attachments": "2"}, {}])
def test_a_damaged_mapping_is_dropped(mapping: object) -> None:
    """A mapping with a negative, boolean or textual column reads as no mapping."""
    assert Draft.from_json({"mapping": mapping}).mapping is None


def test_a_mapping_without_attachments_column_reads() -> None:
    """``attachments: null`` is a valid mapping (no attachments column)."""
    assert Draft.from_json({"mapping": {"address": 0, "attachments": None}}).mapping == (
        ColumnMapping(0, None))


def test_damaged_recipient_entries_are_skipped() -> None:
    """Entries that are not objects, or whose line or address are not usable, are left out."""
    rows: object = [
        "a@pec.it", None, {"line": "2", "raw": "b@pec.it"}, {"line": True, "raw": "c@pec.it"},
        {"line": 3, "raw": 7}, {"line": 4, "raw": "ok@pec.it", "fields": {"Nome": 1, "N": "x"},
                               "files": ["f.pdf", 2]},
    ]
    (kept,) = recipients_from_json(rows)
    assert (kept.line, kept.address, dict(kept.fields), kept.attachments) == (
        4, "ok@pec.it", {"N": "x"}, ("f.pdf",))
    assert recipients_from_json({"line": 1}) == []
