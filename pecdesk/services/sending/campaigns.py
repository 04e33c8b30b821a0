"""Merge fields, and the building block that turns rows into a campaign of jobs.

Front doors (the Compose tab, ``pecdesk send``, the self-test) plan a sending with
:func:`pecdesk.services.sending.plan_sending`, which adds the pre-flight report, files and
per-recipient attachments; :func:`build_campaign` stays for callers that hold the bytes already
(tests), with the same address normalisation (:func:`pecdesk.recipients.check_address`).

One job per recipient by default (a multi-recipient PEC shows every address to everyone, which
the Garante has fined: domain.md a7); one job for all recipients only on explicit request.
``{{field}}`` markers in the subject and body are filled from each recipient's row.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from pecdesk.domain.jobs import distinct_addresses, is_address
from pecdesk.errors import PecError
from pecdesk.i18n import QT_TRANSLATE_NOOP
from pecdesk.recipients.addresses import check_address
from pecdesk.storage import AttachmentData, NewCampaign, NewJob

_FIELD = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")


class CampaignError(PecError):
    """The campaign cannot be built as given (bad address, unknown merge field…)."""

    title = QT_TRANSLATE_NOOP("PecError", "The sending is not valid")
    default_template = QT_TRANSLATE_NOOP("PecError", "{problem}")


@dataclass(frozen=True, slots=True)
class RecipientRow:
    """One recipient and the values of its merge fields.

    Attributes:
        address: the PEC address.
        fields: merge field values by column name.
        line: where it came from (e.g. the CSV line), for error messages; 0 when unknown.
    """

    address: str
    fields: Mapping[str, str] = field(default_factory=dict)
    line: int = 0


@dataclass(frozen=True, slots=True)
class CampaignPlan:
    """A campaign ready to enqueue and what was left out of it.

    Attributes:
        campaign: the campaign.
        repeated: addresses given more than once (each is sent to once).
    """

    campaign: NewCampaign
    repeated: tuple[str, ...]


def fields_used(*templates: str) -> set[str]:
    """The merge field names (lower-cased) that ``templates`` use."""
    return {name.lower() for text in templates for name in _FIELD.findall(text)}


def field_spellings(*templates: str) -> dict[str, str]:
    """Each merge field's lower-cased name to its first spelling in ``templates`` ("Nome")."""
    spelled: dict[str, str] = {}
    for text in templates:
        for name in _FIELD.findall(text):
            spelled.setdefault(name.lower(), name)
    return spelled


def merge(template: str, values: Mapping[str, str], *, escape_html: bool = False) -> str:
    """Fill every ``{{name}}`` of ``template`` (names match case-insensitively, blanks ignored).

    Raises:
        CampaignError: a marker names a field ``values`` does not have.
    """
    folded = {key.strip().lower(): value for key, value in values.items()}

    def fill(match: re.Match[str]) -> str:
        name = match.group(1).lower()
        if name not in folded:
            raise CampaignError(problem=f"unknown merge field {{{{{match.group(1)}}}}}")
        value = folded[name]
        return html.escape(value, quote=False) if escape_html else value

    return _FIELD.sub(fill, template)


def build_campaign(
    *,
    sender: str,
    subject: str,
    body: str,
    rows: Sequence[RecipientRow],
    attachments: Sequence[AttachmentData] = (),
    one_for_all: bool = False,
) -> CampaignPlan:
    """Check the input and expand it into jobs.

    Raises:
        CampaignError: no recipient, an invalid address, an unknown merge field, or merge
            fields in one-PEC-for-all mode (whose values would it take?).
    """
    _check(sender, subject, rows)
    rows = [RecipientRow(check_address(row.address)[0], row.fields, row.line) for row in rows]
    kept, repeated = distinct_addresses([row.address for row in rows])
    wanted = {address.lower() for address in kept}
    unique: list[RecipientRow] = []
    for row in rows:
        if row.address.lower() in wanted:
            wanted.discard(row.address.lower())
            unique.append(row)
    is_html = bool(_HTML_TAG.search(body))
    if one_for_all:
        if fields_used(subject, body):
            raise CampaignError(problem="merge fields cannot be used with one PEC for all")
        jobs: tuple[NewJob, ...] = (NewJob(tuple(kept), subject, body),)
    else:
        jobs = tuple(
            NewJob(
                (row.address,),
                merge(subject, row.fields),
                merge(body, row.fields, escape_html=is_html),
            )
            for row in unique
        )
    campaign = NewCampaign(sender, subject, body, one_for_all, tuple(attachments), jobs)
    return CampaignPlan(campaign, tuple(repeated))


def _check(sender: str, subject: str, rows: Sequence[RecipientRow]) -> None:
    if not rows:
        raise CampaignError(problem="there is no recipient")
    if not is_address(sender.strip()):
        raise CampaignError(problem=f"the sender {sender!r} is not an e-mail address")
    if not subject.strip():
        raise CampaignError(problem="the subject is empty")
    bad = [
        f"{row.address!r}" + (f" (line {row.line})" if row.line else "")
        for row in rows
        if check_address(row.address)[1]
    ]
    if bad:
        shown = ", ".join(bad[:5]) + (f" and {len(bad) - 5} more" if len(bad) > 5 else "")
        raise CampaignError(problem=f"not an e-mail address: {shown}")
