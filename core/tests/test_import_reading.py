"""Reading a spreadsheet: every limit holds, and a broken file is a Dutch message, never a 500.

A crafted 257 KB .xlsx once made the import use 2.1 GB and 126 seconds: only rows were
limited, not cells, columns or what the zip unpacks to. Each limit has its test here.
"""

import io
import os
import time
import zipfile

import pytest
from openpyxl import Workbook

from core.imports import Column, Importer, SpreadsheetError, free_slug, municipality_codes, reading
from core.imports.reading import Limits, header_key, read_table
from events import spreadsheet as events_spreadsheet
from social_map import spreadsheet as places_spreadsheet


class Sheet(Importer):
    """An importer that only reads: two columns, one of them required."""

    columns = (Column("naam", required=True), Column("laatst gecontroleerd"))


def csv(*lines):
    return ("\n".join(lines) + "\n").encode()


def xlsx(rows, extra_members=()):
    """A real .xlsx of ``rows``, plus ``extra_members`` (name, bytes) in its zip."""
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    if not extra_members:
        return buffer.getvalue()
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in extra_members:
            archive.writestr(name, data)
    return buffer.getvalue()


def refused(data, filename="lijst.csv", match=None):
    with pytest.raises(SpreadsheetError, match=match) as caught:
        Sheet.read_rows(data, filename)
    return str(caught.value)


# --- the limits ----------------------------------------------------------------------------


def test_file_size_is_limited_and_a_big_upload_is_read_no_further(settings):
    settings.IMPORT_MAX_FILE_SIZE = 100
    upload = io.BytesIO(csv("naam", *["x" * 20] * 10))
    assert (
        refused(upload) == "Het bestand is groter dan 100 bytes. Splits het in kleinere bestanden."
    )
    assert upload.tell() <= 101  # read one byte past the limit, not the whole file


def test_rows_are_limited(settings):
    settings.IMPORT_MAX_ROWS = 2
    assert Sheet.read_rows(csv("naam", "a", "b"), "lijst.csv") == [{"naam": "a"}, {"naam": "b"}]
    refused(csv("naam", "a", "b", "c"), match="meer dan 2 rijen")
    # Rows Excel saves because they were once formatted do not count.
    assert len(Sheet.read_rows(csv("naam", "a", "b", "", ""), "lijst.csv")) == 2


def test_columns_are_limited_but_empty_trailing_header_cells_do_not_count(settings):
    settings.IMPORT_MAX_COLUMNS = 3
    refused(csv("naam,b,c,d"), match="meer dan 3 kolommen")
    assert Sheet.read_rows(csv("naam,,,,,,", "a,,,,,,"), "lijst.csv") == [{"naam": "a"}]


def test_cell_length_is_limited_in_csv_and_xlsx(settings):
    settings.IMPORT_MAX_CELL_LENGTH = 50
    message = refused(csv("naam", "a", "x" * 51), match="langer dan 50 tekens")
    assert message.startswith("Rij 3, kolom naam:")
    refused(xlsx([["naam"], ["y" * 51]]), "lijst.xlsx", match="langer dan 50 tekens")


def test_total_cells_are_limited(settings):
    settings.IMPORT_MAX_CELLS = 10
    assert len(Sheet.read_rows(csv("naam,laatst gecontroleerd", *["a,b"] * 5), "l.csv")) == 5
    refused(csv("naam,laatst gecontroleerd", *["a,b"] * 6), match="meer dan 10 cellen")


def test_a_zip_bomb_is_refused_before_openpyxl_opens_it(monkeypatch):
    def must_not_parse(*args, **kwargs):
        raise AssertionError("openpyxl opened a zip bomb")

    # 8 MB of zeros packs to a few kilobytes: far more than 100 times.
    bomb = xlsx([["naam"], ["a"]], [("xl/media/leeg.bin", bytes(8 * 1024 * 1024))])
    assert len(bomb) < 100_000
    monkeypatch.setattr(reading, "load_workbook", must_not_parse)
    refused(bomb, "lijst.xlsx", match="uitgepakt te groot")


def test_an_xlsx_that_unpacks_past_the_limit_is_refused(settings):
    settings.IMPORT_MAX_UNPACKED_SIZE = 1024 * 1024
    noise = os.urandom(1024 * 1024)  # does not pack at all: only the total is too big
    refused(xlsx([["naam"], ["a"]], [("xl/media/foto.bin", noise)]), "l.xlsx", match="te groot")
    assert Sheet.read_rows(xlsx([["naam"], ["a"]]), "l.xlsx") == [{"naam": "a"}]


def test_a_sheet_that_claims_to_be_16384_columns_wide_costs_nothing(monkeypatch):
    """Read-only openpyxl pads every row to the width the sheet claims; we cap it."""
    widths = []
    original_rows = reading._xlsx_rows

    def spy(data, limits):
        for row in original_rows(data, limits):
            widths.append(len(row))
            yield row

    monkeypatch.setattr(reading, "_xlsx_rows", spy)
    source = io.BytesIO(xlsx([["naam"], *[["a"]] * 3000]))
    crafted = io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(crafted, "w") as archive:
        for member in original.infolist():
            data = original.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b'<dimension ref="A1:A3001" />', b'<dimension ref="A1:XFD3001" />'
                )
                assert b"XFD3001" in data
            archive.writestr(member, data)
    started = time.monotonic()
    table = read_table(crafted.getvalue(), "lijst.xlsx", Limits())
    assert time.monotonic() - started < 5
    assert len(table) == 3001 and {len(row) for row in table} == {1}
    assert max(widths) == Limits().columns + 1  # not 16,384 cells a row


# --- broken files ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (os.urandom(2000), "lijst.xlsx", "geen geldig Excel-bestand"),
        (b"naam\nDit is tekst, als .xlsx opgeslagen\n", "lijst.xlsx", "geen geldig Excel-bestand"),
        (b"", "lijst.xlsx", "leeg"),
        (b"", "lijst.csv", "leeg"),
        (b"\n\n", "lijst.csv", "leeg"),
        (b"\xff\xfe\x00\x81garbage\x00", "lijst.csv", "UTF-8"),
        (b"PK\x03\x04" + bytes(200), "lijst.xlsx", "geen geldig Excel-bestand"),
        (b"%PDF-1.4", "lijst.pdf", "Upload een CSV-bestand"),
    ],
)
def test_broken_files_are_a_dutch_message(data, filename, message):
    refused(data, filename, match=message)


def test_a_zip_that_is_not_a_workbook_or_has_broken_xml_is_a_message():
    plain = io.BytesIO()
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("leesmij.txt", "geen werkmap")
    refused(plain.getvalue(), "lijst.xlsx", match="geen geldig Excel-bestand")

    broken = io.BytesIO()
    source = io.BytesIO(xlsx([["naam"], ["a"]]))
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(broken, "w") as archive:
        for member in original.infolist():
            data = original.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # the XML stops halfway
            archive.writestr(member, data)
    refused(broken.getvalue(), "lijst.xlsx", match="geen geldig Excel-bestand")


def test_an_empty_header_row_is_a_message():
    refused(csv(",,", "a,b,c"), match="De eerste rij is leeg")


@pytest.mark.parametrize("importer", [places_spreadsheet, events_spreadsheet])
def test_malformed_csv_is_a_dutch_error_in_both_imports(importer):
    # A stray quote opens a cell that swallows the rest of the file, until csv gives up
    # because the cell is larger than its field limit (128 KiB).
    header = ",".join(importer.COLUMNS)
    rest = "\n".join(f"rij-{n},Buurthuis {n},buurthuis,Samen koffie drinken" for n in range(4000))
    data = f'{header}\n"zw-1,Buurthuis De Stip\n{rest}\n'.encode()
    assert len(data) > 131072
    with pytest.raises(importer.SpreadsheetError, match="Dit CSV-bestand kunnen we niet lezen"):
        importer.read_rows(data, "lijst.csv")


# --- headers, terms and slugs ----------------------------------------------------------------


def test_header_names_are_compared_loosely():
    assert header_key(" Laatst_gecontroleerd * ") == "laatst gecontroleerd"
    rows = Sheet.read_rows(csv("NAAM;Laatst_Gecontroleerd", "a;01-03-2025"), "l.csv")
    assert rows == [{"naam": "a", "laatst gecontroleerd": "01-03-2025"}]
    refused(csv("naam,naam"), match="twee keer")
    refused(csv("laatst gecontroleerd"), match="ontbreken: naam")


class Term:
    def __init__(self, slug, cbs_code):
        self.slug, self.cbs_code = slug, cbs_code


def test_a_municipality_without_cbs_code_is_found_by_its_slug():
    assert municipality_codes(Term("zwolle", None)) == ["zwolle"]
    assert municipality_codes(Term("zwolle", "")) == ["zwolle"]
    assert municipality_codes(Term("zwolle", "GM0193")) == ["zwolle", "GM0193", "0193", "193"]


def test_free_slug_numbers_past_taken_and_reserved_slugs():
    taken = {"koffie"}
    assert free_slug("Koffie", taken, fallback="plek") == "koffie-2"
    assert free_slug("Koffie", taken, reserved={"koffie-3"}, fallback="plek") == "koffie-4"
    assert free_slug("!!!", taken, fallback="activiteit") == "activiteit"
    assert {"koffie-2", "koffie-4", "activiteit"} <= taken
