"""Regenerate the sample recipient lists (25 rows, Italian names): `;` CSV in cp1252 and .xlsx.

Run ``.venv/bin/python resources/samples/make_samples.py``; the outputs are committed.
Addresses follow the sandbox's conventions: ``fail…`` is never delivered, ``slow…`` gets its
receipts late, and one address is at gmail.com (not a PEC provider: a pre-flight warning).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

HEADER = ["Nome", "Cognome", "PEC", "Importo", "Scadenza", "Allegato"]
PEOPLE = [
    ("Niccolò", "Carità"), ("Giulia", "Rossi"), ("Marco", "Bianchi"), ("Francesca", "Russo"),
    ("Luca", "Ferrari"), ("Chiara", "Esposito"), ("Matteo", "Romano"), ("Sara", "Colombo"),
    ("Andrea", "Ricci"), ("Elena", "Marino"), ("Davide", "Greco"), ("Martina", "Bruno"),
    ("Simone", "Gallo"), ("Federica", "Conti"), ("Alessandro", "De Luca"),
    ("Valentina", "Mancini"), ("Lorenzo", "Costa"), ("Beatrice", "Giordano"),
    ("Gabriele", "Rizzo"), ("Alessia", "Lombardi"), ("Riccardo", "Moretti"),
    ("Ilaria", "Barbieri"), ("Tommaso", "Fontana"), ("Noemi", "Santoro"), ("Fabio", "Mariani"),
]


def rows() -> list[list[str]]:
    """The 25 sample rows."""
    result = []
    for n, (first, last) in enumerate(PEOPLE, start=1):
        local = f"{first}.{last}".lower().replace(" ", "").replace("ò", "o").replace("à", "a")
        address = f"{local}@pec.it"
        if n == 5:
            address = f"fail.{local}@pec.it"
        elif n == 9:
            address = f"slow.{local}@pec.it"
        elif n == 14:
            address = f"{local}@gmail.com"
        amount = f"{120 + n * 17},{n % 10}0"
        result.append([first, last, address, amount, f"{n:02d}/12/2026", f"fattura_{n:02d}.pdf"])
    return result


def main() -> None:
    """Write clienti.csv, clienti.xlsx and one small invoice file per row under allegati/."""
    here = Path(__file__).resolve().parent
    data = rows()
    text = "\r\n".join(";".join(row) for row in [HEADER, *data]) + "\r\n"
    (here / "clienti.csv").write_bytes(text.encode("cp1252"))
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Clienti"
    for row in [HEADER, *data]:
        sheet.append(row)
    book.save(here / "clienti.xlsx")
    folder = here / "allegati"
    folder.mkdir(exist_ok=True)
    for first, last, _pec, amount, due, name in data:
        line = f"Fattura di esempio per {first} {last}: euro {amount}, scadenza {due}."
        (folder / name).write_bytes(tiny_pdf(line))


def tiny_pdf(line: str) -> bytes:
    """A one-page PDF showing ``line`` (Latin-1 text, Helvetica)."""
    text = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 12 Tf 50 780 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


if __name__ == "__main__":
    main()
