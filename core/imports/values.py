"""Cells, terms and slugs: the small pieces every importer's rows are made of.

A cell arrives as Excel's number, date or boolean or as CSV's text; ``cell_text`` makes text
of all of them, the same way for every importer, so a row is a dict of strings.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

# Excel runs a cell starting with one of these as a formula: an export defuses them with "'".
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
YES = frozenset({"ja", "j", "yes", "y", "waar", "true", "1", "x"})
NO = frozenset({"nee", "n", "no", "onwaar", "false", "0"})


@dataclass(frozen=True)
class RowError:
    """One problem in one cell, named as the coordinator sees it in Excel."""

    row: int  # the row number Excel shows: the header is row 1
    column: str
    message: str

    def __str__(self):
        return _("Rij %(row)s, kolom %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column or "-",
            "message": self.message,
        }


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
    """DD-MM-JJJJ (also with / or .) as Dutch Excel writes it, or JJJJ-MM-DD; else None.

    An Excel date-time cell read with its time (``2026-10-14 17:30``) keeps its date.
    """
    if re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", value):
        value = value.split(" ")[0]
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


class Vocabulary:
    """The known terms of one taxonomy, found by slug or code first and then by name.

    Unknown values are errors: an import never invents terms that editors did not create.
    """

    def __init__(self, terms, label, codes=lambda term: [term.slug]):
        self.label = label
        self.names = sorted(term.name for term in terms)
        self.by_code = {code.casefold(): term for term in terms for code in codes(term) if code}
        self.by_name = {}
        for term in terms:
            self.by_name.setdefault(term.name.casefold(), []).append(term)

    def find(self, value):
        value = " ".join(value.split())
        if not self.names:
            raise ValueError(
                _(
                    "We kennen %(label)s “%(value)s” niet: er staan er nog geen op de website. "
                    "Vraag de redactie om die eerst toe te voegen, of laat de cel leeg."
                )
                % {"label": self.label, "value": value}
            )
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


def checked_date(row, column):
    """The "last checked" date of a row: empty is None; a wrong or future date is an error."""
    if not row.get(column):
        return None
    day = parse_date(row.get(column))
    if day is None:
        row.error(column, _("Schrijf de datum als dd-mm-jjjj, bijvoorbeeld 01-03-2026."))
    elif day > timezone.localdate():
        row.error(column, _("Deze datum ligt in de toekomst."))
    return day


def municipality_codes(municipality):
    """How a coordinator may name a municipality: its slug, or its CBS code when it has one.

    The admin allows a municipality without a CBS code, so an empty code adds nothing.
    """
    codes = [municipality.slug]
    if municipality.cbs_code:
        digits = municipality.cbs_code.upper().removeprefix("GM")
        codes += [municipality.cbs_code, digits, digits.lstrip("0")]  # Excel drops the zeros
    return codes


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
