"""What the spreadsheet imports share: turning a coordinator's CSV or Excel file into rows.

Coalitions keep lists of places and of events in Excel, and both imports must read those files
the same forgiving way and fail on them with the same plain Dutch. Each importer keeps its own
columns and what they mean; this module knows only cells, tables and terms, so it imports no
domain app.
"""

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass

from django.utils.text import slugify
from django.utils.translation import gettext as _

# Excel runs a cell starting with one of these as a formula: an export defuses them with "'".
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class SpreadsheetError(ValueError):
    """The file as a whole cannot be read; the message tells the coordinator what to do."""


@dataclass(frozen=True)
class RowError:
    row: int  # the row number the coordinator sees in Excel: the header is row 1
    column: str
    message: str

    def __str__(self):
        return _("Rij %(row)s, kolom %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column or "-",
            "message": self.message,
        }


# --- reading ----------------------------------------------------------------------------


def read_table(uploaded_file, filename, limit):
    """The cells of a .csv or .xlsx upload, header row first, as lists.

    Stops one row past ``limit`` data rows, so a huge file costs no memory and ``data_rows``
    can still tell the coordinator it is too long instead of cutting it off unnoticed.
    """
    data = uploaded_file if isinstance(uploaded_file, bytes) else uploaded_file.read()
    name = filename.lower()
    if name.endswith(".xlsx"):
        table = _xlsx_table(data, limit)
    elif name.endswith((".csv", ".txt")):
        table = _csv_table(data, limit)
    else:
        raise SpreadsheetError(
            _(
                "Upload een CSV-bestand (.csv) of een Excel-bestand (.xlsx). Een oud .xls-bestand "
                "kunt u in Excel opslaan als .xlsx."
            )
        )
    if not table:
        raise SpreadsheetError(_("Het bestand is leeg."))
    return table


def data_rows(table, headers, limit, keep_time=False):
    """The rows under the header as dicts keyed by the named ``headers``, cells as text.

    Blank rows in between stay, so an importer numbers rows as Excel does; blank rows at the
    end go, because Excel saves rows that were only ever formatted.
    """
    rows = [
        {h: cell_text(cell, keep_time) for h, cell in zip(headers, cells, strict=False) if h}
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


def _csv_table(data, limit):
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
        # Read one row past the limit (plus the header), so "too many" is noticed, not cut off.
        return [row for _n, row in zip(range(limit + 2), reader, strict=False)]
    except csv.Error as error:  # e.g. a stray quote that swallows the rest of the file
        raise SpreadsheetError(
            _("Dit CSV-bestand kunnen we niet lezen: %(error)s") % {"error": error}
        ) from None


def _xlsx_table(data, limit):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # a damaged or disguised file fails in many ways inside zipfile/openpyxl
        raise SpreadsheetError(
            _(
                "Dit is geen geldig Excel-bestand (.xlsx). Sla het in Excel opnieuw op als "
                "'Excel-werkmap (.xlsx)' of als 'CSV UTF-8'."
            )
        ) from None
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)  # the first tab
        return [list(row) for _n, row in zip(range(limit + 2), rows, strict=False)]
    finally:
        workbook.close()


def check_headers(headers, *, known, required, missing_message, known_message):
    """Refuse a header row with missing, unknown or doubled columns, all named in one message.

    One message, so the coordinator repairs the header row in one go. The importers differ in
    which columns must be there, so they word ``missing_message`` and ``known_message`` (each
    with one ``%s`` for a list of columns) themselves.
    """
    named = [h for h in headers if h]
    missing = [c for c in required if c not in named]
    unknown = [h for h in named if h not in known]
    doubled = sorted({h for h in named if named.count(h) > 1})
    if not (missing or unknown or doubled):
        return
    problems = []
    if missing:
        problems.append(missing_message % ", ".join(missing))
    if unknown:
        problems.append(_("Deze kolommen kennen we niet: %s.") % ", ".join(unknown))
    if doubled:
        problems.append(_("Deze kolommen staan er twee keer in: %s.") % ", ".join(doubled))
    problems.append(known_message % ", ".join(known))
    raise SpreadsheetError(" ".join(problems))


def cell_text(value, keep_time=False):
    """A cell as text: Excel gives numbers, dates and booleans, CSV gives strings.

    ``keep_time`` keeps the time of an Excel date-time cell, for a sheet with time columns.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dt.datetime):
        if keep_time and value.time() != dt.time(0):
            return value.strftime("%Y-%m-%d %H:%M")
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a house number or kenmerk typed as a number
    text = str(value).strip()
    if text[:1] == "'" and text[1:2] in FORMULA_START:
        return text[1:]  # defused by our own export
    return text


def parse_date(value):
    """DD-MM-JJJJ (also with / or .) as Dutch Excel writes it, or JJJJ-MM-DD; else None."""
    day_first = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", value)
    year_first = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
    try:
        if day_first:
            return dt.date(int(day_first[3]), int(day_first[2]), int(day_first[1]))
        if year_first:
            return dt.date(int(year_first[1]), int(year_first[2]), int(year_first[3]))
    except ValueError:
        pass
    return None


# --- terms ------------------------------------------------------------------------------


class Vocabulary:
    """The known terms of one taxonomy, found by slug or code first and then by name.

    Unknown values are errors: an import never invents terms that editors did not create.
    """

    def __init__(self, terms, label, codes=lambda term: [term.slug]):
        self.label = label
        self.names = sorted(term.name for term in terms)
        self.by_code = {code.casefold(): term for term in terms for code in codes(term)}
        self.by_name = {}
        for term in terms:
            self.by_name.setdefault(term.name.casefold(), []).append(term)

    def find(self, value):
        value = " ".join(value.split())
        key = value.casefold()
        if key in self.by_code:
            return self.by_code[key]
        found = self.by_name.get(key, [])
        if len(found) == 1:
            return found[0]
        if found:
            raise ValueError(
                _("Meer dan één %(label)s heet “%(value)s”. Gebruik de korte naam: %(slugs)s.")
                % {"label": self.label, "value": value, "slugs": ", ".join(t.slug for t in found)}
            )
        message = _("We kennen %(label)s “%(value)s” niet.") % {"label": self.label, "value": value}
        if 0 < len(self.names) <= 15:
            message += " " + _("Kies uit: %(names)s.") % {"names": ", ".join(self.names)}
        raise ValueError(message)

    def find_all(self, value):
        terms = [self.find(part) for part in value.split(",") if part.strip()]
        return list({term.pk: term for term in terms}.values())


# --- writing ----------------------------------------------------------------------------


def free_slug(title, taken, reserved=frozenset(), *, fallback):
    """A slug from ``title`` that is not in ``taken`` (which it joins) nor in ``reserved``.

    Imported pages get numbered slugs rather than failing on a title that is already used;
    ``reserved`` keeps them off slugs the parent page routes itself.
    """
    base = slugify(title)[:80].strip("-") or fallback
    slug, number = base, 2
    while slug in taken or slug in reserved:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug
