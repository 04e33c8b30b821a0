"""Why a recipient file could not be read: one plain message per cause, never a crash."""

from __future__ import annotations

from pecdesk.errors import PecError
from pecdesk.i18n import QT_TRANSLATE_NOOP


class RecipientFileError(PecError):
    """The recipient file cannot be used (the base of the causes below)."""

    title = QT_TRANSLATE_NOOP("PecError", "The recipient file cannot be read")
    default_template = QT_TRANSLATE_NOOP("PecError", "{name} cannot be read.")


class UnreadableFileError(RecipientFileError):
    """The file could not be opened or read (missing, no permission, a folder…)."""

    default_template = QT_TRANSLATE_NOOP(
        "PecError", "{name} could not be opened: {reason}."
    )


class FileTooLargeError(RecipientFileError):
    """The file is larger than any recipient list should be."""

    default_template = QT_TRANSLATE_NOOP(
        "PecError",
        "{name} is {size} MB; a recipient list may be at most {limit} MB. "
        "Check that this is the right file.",
    )


class BinaryFileError(RecipientFileError):
    """The file is neither a spreadsheet nor text (an image, a program, random bytes…)."""

    default_template = QT_TRANSLATE_NOOP(
        "PecError",
        "{name} is not a spreadsheet or a CSV file. Save the list from Excel or LibreOffice "
        "as .xlsx or as CSV.",
    )


class WrongFormatError(RecipientFileError):
    """A spreadsheet format pecdesk does not read (old .xls, .ods…)."""

    default_template = QT_TRANSLATE_NOOP(
        "PecError",
        "{name} is in an older or different spreadsheet format. Open it in Excel or "
        "LibreOffice and save it as .xlsx (Excel workbook) or as CSV.",
    )


class CorruptFileError(RecipientFileError):
    """The file claims to be a workbook but is damaged or truncated."""

    default_template = QT_TRANSLATE_NOOP(
        "PecError",
        "{name} looks like an Excel workbook but is damaged. Open it in Excel or LibreOffice "
        "and save it again.",
    )


class EmptyFileError(RecipientFileError):
    """The file holds no row at all."""

    default_template = QT_TRANSLATE_NOOP("PecError", "{name} contains no rows.")


class NotRegularFileError(RecipientFileError):
    """The name is a folder, a pipe (FIFO), a device or a socket: never opened, never waited on."""

    default_template = QT_TRANSLATE_NOOP(
        "PecError",
        "{name} is not an ordinary file (it is a folder, a pipe or a device). "
        "Choose a spreadsheet or a CSV file.",
    )


class TooManyRowsError(RecipientFileError):
    """More rows than any recipient list should have."""

    default_template = QT_TRANSLATE_NOOP(
        "PecError",
        "{name} has more than {limit} rows; a recipient list may have at most {limit}. "
        "Check that this is the right file, or split the list into smaller files.",
    )


class TooManyColumnsError(RecipientFileError):
    """A row with more columns than any recipient list should have."""

    default_template = QT_TRANSLATE_NOOP(
        "PecError",
        "Row {line} of {name} has more than {limit} columns; a recipient list may have at "
        "most {limit}. Check that this is the right file.",
    )


class CellTooLargeError(RecipientFileError):
    """A cell longer than any merge field should be."""

    default_template = QT_TRANSLATE_NOOP(
        "PecError",
        "Row {line} of {name} has a cell longer than {limit} characters. "
        "Check that this is the right file.",
    )


class UnpackedTooLargeError(RecipientFileError):
    """A workbook that would unpack to too much data, or is packed suspiciously tight."""

    default_template = QT_TRANSLATE_NOOP(
        "PecError",
        "{name} would take more than {limit} MB once unpacked, or is packed in a suspicious "
        "way. Check that this is the right file; if it is, save it again as CSV.",
    )


class ReadTooLongError(RecipientFileError):
    """Reading went on past the time bound and was abandoned."""

    default_template = QT_TRANSLATE_NOOP(
        "PecError",
        "Reading {name} took more than {limit} seconds and was stopped. Save it again as CSV, "
        "or split the list into smaller files.",
    )


class TooManyCellsError(RecipientFileError):
    """A workbook holding more cells than any recipient list should."""

    default_template = QT_TRANSLATE_NOOP(
        "PecError",
        "{name} holds more than {limit} cells; a recipient list may hold at most {limit}. "
        "Check that this is the right file, or split the list into smaller files.",
    )
