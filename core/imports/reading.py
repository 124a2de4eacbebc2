"""Reading a coordinator's CSV or Excel file into rows, within limits, or a plain Dutch refusal.

Every way a file can be wrong ends here as a ``SpreadsheetError`` with a message the
coordinator can act on: never a 500, and never gigabytes of memory. The limits are settings
(``Limits.from_settings``):

- the file size, read at most one byte past it;
- rows, columns, characters in one cell and cells in all: reading stops at the first one
  over its limit;
- for .xlsx, which is a zip of XML files, the sizes of the unpacked files and how much they
  unpack per packed byte, checked in the zip's directory before openpyxl opens anything.
  ``zipfile`` never unpacks more than a member declares (a member that lies fails its
  checksum), so a zip bomb is refused by its own declarations. openpyxl then reads the sheet
  in read-only (streaming) mode, with the columns capped, so a sheet that claims to be
  16,384 columns wide costs nothing.
"""

import contextlib
import csv
import io
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from .values import cell_text

MB = 1024 * 1024
# A member smaller than this may unpack as much as it likes (a tiny styles.xml does).
RATIO_CHECK_FROM = MB


class SpreadsheetError(ValueError):
    """The file as a whole cannot be read; the message tells the coordinator what to do."""


@dataclass(frozen=True)
class Limits:
    file_size: int = 5 * MB
    rows: int = 5000
    columns: int = 50
    cell_length: int = 10_000
    cells: int = 150_000
    unpacked_size: int = 30 * MB  # all members of an .xlsx together, unpacked
    zip_ratio: int = 100  # unpacked bytes per packed byte, for one member
    zip_members: int = 500

    @classmethod
    def from_settings(cls):
        """The limits in force: each ``IMPORT_MAX_*`` setting, else the default above."""
        names = {
            "file_size": "IMPORT_MAX_FILE_SIZE",
            "rows": "IMPORT_MAX_ROWS",
            "columns": "IMPORT_MAX_COLUMNS",
            "cell_length": "IMPORT_MAX_CELL_LENGTH",
            "cells": "IMPORT_MAX_CELLS",
            "unpacked_size": "IMPORT_MAX_UNPACKED_SIZE",
            "zip_ratio": "IMPORT_MAX_ZIP_RATIO",
        }
        return cls(
            **{field: getattr(settings, name, getattr(cls, field)) for field, name in names.items()}
        )


def size_text(size):
    """A file size as a coordinator reads it: "5 MB", "200 kB"."""
    if size >= MB:
        return f"{size / MB:.0f} MB"
    return f"{size // 1024} kB" if size >= 1024 else f"{size} bytes"


def read_table(uploaded_file, filename, limits=None):
    """The cells of a .csv or .xlsx upload, header row first, each row as a list.

    Reads one data row past ``limits.rows``, so ``data_rows`` can tell the coordinator the
    file is too long instead of cutting it off unnoticed.
    """
    limits = limits or Limits.from_settings()
    data = (
        uploaded_file
        if isinstance(uploaded_file, bytes)
        else uploaded_file.read(limits.file_size + 1)
    )
    if len(data) > limits.file_size:
        raise SpreadsheetError(
            _("Het bestand is groter dan %(size)s. Splits het in kleinere bestanden.")
            % {"size": size_text(limits.file_size)}
        )
    name = filename.lower()
    if name.endswith((".xlsx", ".csv", ".txt")) and not data.strip():
        raise SpreadsheetError(_("Het bestand is leeg."))
    if name.endswith(".xlsx"):
        rows = _xlsx_rows(data, limits)
    elif name.endswith((".csv", ".txt")):
        rows = _csv_rows(data, limits)
    else:
        raise SpreadsheetError(
            _(
                "Upload een CSV-bestand (.csv) of een Excel-bestand (.xlsx). Een oud .xls-bestand "
                "kunt u in Excel opslaan als .xlsx."
            )
        )
    with contextlib.closing(rows):  # stops the reader where _bounded stops
        table = _bounded(rows, limits)
    if not table or not any(cell_text(cell) for cell in table[0]):
        raise SpreadsheetError(
            _("De eerste rij is leeg. Zet de namen van de kolommen in de eerste rij.")
            if table
            else _("Het bestand is leeg.")
        )
    return table


def _bounded(rows, limits):
    """The rows as lists, cut to the header's width, refused past any limit."""
    table, width, cells, names = [], None, 0, []
    for number, row in enumerate(rows, start=1):
        row = list(row)
        if width is None:
            width = _header_width(row, limits)
            names = [cell_text(cell) or str(index) for index, cell in enumerate(row[:width], 1)]
        row = row[:width]
        cells += width
        if cells > limits.cells + width:  # the header row does not count
            raise SpreadsheetError(
                _("Het bestand heeft meer dan %(max)s cellen. Splits het in kleinere bestanden.")
                % {"max": limits.cells}
            )
        for column, cell in zip(names, row, strict=False):
            if isinstance(cell, str) and len(cell) > limits.cell_length:
                raise SpreadsheetError(
                    _(
                        "Rij %(row)s, kolom %(column)s: deze cel is langer dan %(max)s tekens. "
                        "Maak de tekst korter."
                    )
                    % {"row": number, "column": column, "max": limits.cell_length}
                )
        table.append(row)
        if number > limits.rows + 1:  # one past the limit, so "too many" is noticed
            break
    return table


def _header_width(header, limits):
    filled = [index for index, cell in enumerate(header) if cell_text(cell)]
    width = filled[-1] + 1 if filled else len(header)
    if width > limits.columns:
        raise SpreadsheetError(
            _(
                "Het bestand heeft meer dan %(max)s kolommen. Haal de kolommen weg die niet nodig zijn."
            )
            % {"max": limits.columns}
        )
    return width


def _csv_rows(data, limits):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SpreadsheetError(
            _(
                "Dit CSV-bestand is niet opgeslagen als UTF-8, daardoor kunnen letters als ë en é "
                "verkeerd overkomen. Kies in Excel bij 'Opslaan als' het type 'CSV UTF-8 (door "
                "komma's gescheiden)' en importeer het bestand opnieuw."
            )
        ) from None
    first_line = text.split("\n", 1)[0]
    # Dutch Excel separates with ";" (the comma is the decimal sign); others with ",".
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from reader
    except csv.Error as error:  # e.g. a stray quote that swallows the rest of the file
        raise SpreadsheetError(
            _("Dit CSV-bestand kunnen we niet lezen: %(error)s") % {"error": error}
        ) from None


def _not_xlsx():
    return SpreadsheetError(
        _(
            "Dit is geen geldig Excel-bestand (.xlsx). Sla het in Excel opnieuw op als "
            "'Excel-werkmap (.xlsx)' of als 'CSV UTF-8'."
        )
    )


def check_zip(data, limits):
    """Refuse an .xlsx whose zip would unpack to more than the limits, before parsing it."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise _not_xlsx() from None
    too_big = SpreadsheetError(
        _(
            "Dit Excel-bestand is uitgepakt te groot om in te lezen. Haal afbeeldingen en "
            "tabbladen weg die niet nodig zijn, of sla het op als 'CSV UTF-8'."
        )
    )
    if len(members) > limits.zip_members:
        raise too_big
    if sum(member.file_size for member in members) > limits.unpacked_size:
        raise too_big
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_CHECK_FROM and ratio > limits.zip_ratio:
            raise too_big


def _xlsx_rows(data, limits):
    check_zip(data, limits)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # a damaged or disguised file fails in many ways inside zipfile/openpyxl
        raise _not_xlsx() from None
    try:
        if not workbook.worksheets:
            raise _not_xlsx()
        sheet = workbook.worksheets[0]  # the first tab
        # max_col caps each row: read-only mode pads rows to the width the sheet claims.
        yield from sheet.iter_rows(max_col=limits.columns + 1, values_only=True)
    except SpreadsheetError:
        raise
    except Exception:  # broken XML inside the zip shows only while the rows are read
        raise _not_xlsx() from None
    finally:
        workbook.close()


# --- the header and the rows under it ------------------------------------------------------


def header_key(cell):
    """A column name as we compare it: 'Laatst_gecontroleerd *' is 'laatst gecontroleerd'."""
    return " ".join(re.sub(r"[_\-]+", " ", cell_text(cell)).strip(" *").lower().split())


def check_headers(headers, *, known, required, all_required):
    """Refuse a header row with missing, unknown or doubled columns, all named in one message.

    One message, so the coordinator repairs the header row in one go. ``headers`` and the
    column names are compared as ``header_key`` makes them.
    """
    named = [h for h in headers if h]
    keys = {header_key(column): column for column in known}
    missing = [c for c in required if header_key(c) not in named]
    unknown = [h for h in named if h not in keys]
    doubled = sorted({h for h in named if named.count(h) > 1})
    if not (missing or unknown or doubled):
        return
    problems = []
    if missing:
        problems.append(_("Deze kolommen ontbreken: %s.") % ", ".join(missing))
    if unknown:
        problems.append(_("Deze kolommen kennen we niet: %s.") % ", ".join(unknown))
    if doubled:
        problems.append(_("Deze kolommen staan er twee keer in: %s.") % ", ".join(doubled))
    if all_required:
        problems.append(
            _("De eerste rij moet precies deze kolommen hebben: %s.") % ", ".join(known)
        )
    else:
        problems.append(_("De kolommen die we kennen zijn: %s.") % ", ".join(known))
    raise SpreadsheetError(" ".join(problems))


def data_rows(table, columns, limit, keep_time=False):
    """The rows under the header as dicts keyed by the named ``columns`` (or None), as text.

    Blank rows in between stay, so an importer numbers rows as Excel does; blank rows at the
    end go, because Excel saves rows that were only ever formatted.
    """
    rows = [
        {c: cell_text(cell, keep_time) for c, cell in zip(columns, cells, strict=False) if c}
        for cells in table[1:]
    ]
    while rows and not any(rows[-1].values()):
        rows.pop()
    if len(rows) > limit:
        raise SpreadsheetError(
            _("Het bestand heeft meer dan %(max)s rijen. Splits het in kleinere bestanden.")
            % {"max": limit}
        )
    return rows
