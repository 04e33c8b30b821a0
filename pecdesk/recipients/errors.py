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
