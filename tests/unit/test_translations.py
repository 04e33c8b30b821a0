"""The translation sources: current with the code, and Italian complete and well-formed.

When a test here fails after code changes, run ``scripts/update-translations`` and translate
what it lists in ``resources/translations/pecdesk_it.ts``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import pecdesk.accounts.keychain
import pecdesk.errors
from pecdesk.errors import PecError

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
IT_TS = TRANSLATIONS / "pecdesk_it.ts"
EN_TS = TRANSLATIONS / "pecdesk_en.ts"
BIN = Path(sys.executable).parent
Messages = dict[tuple[str, str], ET.Element]
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_QT_ARG = re.compile(r"%(?:n|\d+)")
_END = ".:?!…"


def messages(path: Path) -> Messages:
    """(context, source) to the <translation> element, for every message of a .ts file."""
    found: Messages = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found[(name, message.findtext("source", ""))] = translation
    return found


def accelerators(text: str) -> int:
    """How many mnemonic ampersands ``text`` has (``&&`` is a literal one)."""
    return text.replace("&&", "").count("&")


def texts(translation: ET.Element) -> list[str]:
    """The translated text, or each plural form of a %n (numerus) message."""
    forms = translation.findall("numerusform")
    return [form.text or "" for form in forms] if forms else [translation.text or ""]


def test_italian_is_complete() -> None:
    """Every Italian message is translated: none unfinished, empty, vanished or obsolete."""
    todo = [
        f"[{context}] {source}"
        for (context, source), translation in messages(IT_TS).items()
        if translation.get("type") is not None
        or not all(text.strip() for text in texts(translation))
    ]
    assert todo == [], "translate these in pecdesk_it.ts:\n" + "\n".join(todo)


def test_italian_keeps_placeholders_mnemonics_and_punctuation() -> None:
    """Translations keep the {placeholders}, one & mnemonic, edge blanks and final punctuation."""
    problems = []
    for (context, source), element in messages(IT_TS).items():
        for text in texts(element):
            where = f"[{context}] {source!r} -> {text!r}"
            if sorted(_PLACEHOLDER.findall(text)) != sorted(_PLACEHOLDER.findall(source)):
                problems.append(f"placeholders differ: {where}")
            if sorted(_QT_ARG.findall(text)) != sorted(_QT_ARG.findall(source)):
                problems.append(f"%n/%1 arguments differ: {where}")
            if accelerators(text) != accelerators(source):
                problems.append(f"mnemonic differs: {where}")
            edges = (text[:1].isspace(), text[-1:].isspace())
            if edges != (source[:1].isspace(), source[-1:].isspace()):
                problems.append(f"edge blanks differ: {where}")
            if (source[-1:] in _END or text[-1:] in _END) and source[-1:] != text[-1:]:
                problems.append(f"final punctuation differs: {where}")
    assert problems == []


def lupdate_copy(tmp_path: Path) -> Path:
    """Run lupdate exactly as scripts/update-translations does, on a copy of the .ts files."""
    copy = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS, copy, ignore=shutil.ignore_patterns("*.qm"))
    subprocess.run(
        [
            str(BIN / "pyside6-lupdate"),
            *("-silent", "-extensions", "py", "-no-obsolete", "-locations", "none"),
            *("-source-language", "en", "-target-language", "it"),
            "pecdesk",
            "-ts",
            str(copy / IT_TS.name),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return copy / IT_TS.name


def test_sources_are_current(tmp_path: Path) -> None:
    """The .ts holds exactly the strings the code asks to translate (run update-translations)."""
    fresh = set(messages(lupdate_copy(tmp_path)))
    committed = set(messages(IT_TS))
    assert sorted(fresh - committed) == [], "new strings: run scripts/update-translations"
    assert sorted(committed - fresh) == [], "gone strings: run scripts/update-translations"


def pec_error_texts() -> set[str]:
    """Every title and message template of the PecError family and the keychain messages."""
    texts: set[str] = set()
    pending: list[type[PecError]] = [PecError]
    while pending:
        kind = pending.pop()
        texts.update({kind.title, kind.default_template})
        pending.extend(kind.__subclasses__())
    module = pecdesk.accounts.keychain
    texts.update(
        getattr(module, name)
        for name in dir(module)
        if name.isupper() and name.endswith(("KEYCHAIN", "FAILED", "MISSING"))
    )
    return texts


def test_error_texts_are_extracted() -> None:
    """The PecError titles and templates (QT_TRANSLATE_NOOP) are in the PecError context."""
    assert pecdesk.errors.CredentialError.title == "Keychain problem"
    in_ts = {source for context, source in messages(IT_TS) if context == "PecError"}
    missing = sorted(pec_error_texts() - in_ts)
    assert missing == []


def test_english_file_exists_and_releases(tmp_path: Path) -> None:
    """Both .ts files compile with lrelease; Italian with nothing unfinished."""
    assert messages(EN_TS) is not None
    for ts, flags in ((IT_TS, ["-fail-on-unfinished"]), (EN_TS, [])):
        qm = tmp_path / ts.with_suffix(".qm").name
        subprocess.run(
            [str(BIN / "pyside6-lrelease"), "-silent", *flags, str(ts), "-qm", str(qm)],
            check=True,
            capture_output=True,
        )
        assert qm.stat().st_size > 0


@pytest.mark.parametrize("path", [IT_TS, EN_TS], ids=["it", "en"])
def test_no_line_numbers_stored(path: Path) -> None:
    """No source locations are stored, so unrelated edits never churn the .ts files."""
    assert "<location" not in path.read_text(encoding="utf-8")


def test_english_plurals_are_filled() -> None:
    """Every %n message has an English singular without "(s)" and a plural that differs.

    "to 1 of these recipients" is right English, so that one message keeps one form twice.
    """
    same_ok = {"of these recipient(s)"}
    wrong = []
    for (context, source), translation in messages(EN_TS).items():
        forms = texts(translation)
        if len(forms) != 2 or "(s)" in forms[0] or "(s)" in forms[1] or (
            "(s)" in source
            and forms[0] == forms[1]
            and not any(part in source for part in same_ok)
        ):
            wrong.append(f"[{context}] {source}: {forms}")
    assert wrong == []


def test_counted_words_have_plural_forms() -> None:
    """A message counting with %n and "(s)" is extracted with plural forms, in a named context.

    ``pyside6-lupdate`` gives plural forms only to ``self.tr(text, "", n)``; through
    ``QCoreApplication.translate`` or a local wrapper it extracts one form, or none, or puts the
    message in an empty context the running code never looks up (the overdue question did).
    """
    flat = [
        f"[{context}] {source}"
        for (context, source), translation in messages(IT_TS).items()
        if "%n" in source and "(s)" in source and not translation.findall("numerusform")
    ]
    nameless = [source for (context, source) in messages(IT_TS) if not context]
    assert (flat, nameless) == ([], [])
