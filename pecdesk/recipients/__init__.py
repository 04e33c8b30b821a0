"""Recipient lists (Qt-free): spreadsheets and pasted text in, validated recipients out."""

from pecdesk.recipients.addresses import Recipient, check_address, from_text
from pecdesk.recipients.errors import (
    BinaryFileError,
    CorruptFileError,
    EmptyFileError,
    FileTooLargeError,
    RecipientFileError,
    UnreadableFileError,
    WrongFormatError,
)
from pecdesk.recipients.mapping import ColumnMapping, guess_mapping, to_recipients
from pecdesk.recipients.table import MAX_FILE_BYTES, SheetRow, Table, read_table

__all__ = [
    "MAX_FILE_BYTES",
    "BinaryFileError",
    "ColumnMapping",
    "CorruptFileError",
    "EmptyFileError",
    "FileTooLargeError",
    "Recipient",
    "RecipientFileError",
    "SheetRow",
    "Table",
    "UnreadableFileError",
    "WrongFormatError",
    "check_address",
    "from_text",
    "guess_mapping",
    "read_table",
    "to_recipients",
]
