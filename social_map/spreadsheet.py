"""The sociale kaart in and out of a spreadsheet: coalitions keep their lists in Excel.

Import and export share one documented set of Dutch columns (``core/IMPORT.md``), so a
coordinator can download the kaart, edit it and import it again. How a file is read, the
all-or-nothing rule, the dry run and the keying on ``kenmerk`` (``PlacePage.external_id``)
are the shared import framework's (``core.imports``); this module says what the columns
of a place mean, and writes them out again.
"""

import csv
import datetime as dt
import io
import re
from itertools import groupby
from operator import attrgetter

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.geocoding import ADDRESS_FIELDS
from core.imports import (
    FORMULA_START,
    NO,
    YES,
    Column,
    Importer,
    Parsed,
    RowError,
    SpreadsheetError,
    Vocabulary,
    checked_date,
    municipality_codes,
)
from core.models import AccessibilityFeature, Municipality, Organisation, TargetGroup
from core.postcode import normalise_postcode

from .models import OpeningHours, PlaceKind, PlacePage, SocialMapPage

__all__ = [
    "COLUMNS",
    "PlaceImporter",
    "RowError",
    "SpreadsheetError",
    "csv_export",
    "format_opening_hours",
    "import_places",
    "parse_opening_hours",
    "read_rows",
]

# The documented column set, in order; an export writes exactly these.
COLUMNS = [
    "kenmerk", "naam", "soort", "wat_gebeurt_er", "organisatie",
    "straat", "huisnummer", "postcode", "plaats", "gemeente", "wijk", "breedtegraad", "lengtegraad",
    "telefoon", "email", "website",
    "doelgroepen", "gratis", "prijs", "toegankelijkheid", "talen",
    "openingstijden", "opmerking_openingstijden", "laatst_gecontroleerd",
]  # fmt: skip
REQUIRED = {"kenmerk", "naam", "soort", "wat_gebeurt_er"}
# Columns that are plain text on the page, validated by the model field itself.
TEXT_FIELDS = {
    "kenmerk": "external_id",
    "naam": "title",
    "wat_gebeurt_er": "summary",
    "straat": "street",
    "huisnummer": "house_number",
    "plaats": "city",
    "wijk": "district",
    "telefoon": "phone",
    "email": "email",
    "website": "website",
    "talen": "languages",
    "opmerking_openingstijden": "opening_note",
}
TERMS = {"soort": "kind", "organisatie": "organisation", "gemeente": "municipality"}
MANY_TERMS = {"doelgroepen": "target_groups", "toegankelijkheid": "accessibility"}
COLUMN_OF_FIELD = {
    **{name: column for column, name in TEXT_FIELDS.items()},
    **{name: column for column, name in TERMS.items()},
    "postcode": "postcode",
    "latitude": "breedtegraad",
    "longitude": "lengtegraad",
    "is_free": "gratis",
    "price": "prijs",
    "last_checked": "laatst_gecontroleerd",
    "slug": "naam",
}
DAYS = ["ma", "di", "wo", "do", "vr", "za", "zo"]
DAY_NAMES = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
TIME = r"(\d{1,2})(?:[:.](\d{2}))?"
TIME_RANGE = re.compile(rf"^{TIME}\s*(?:-|–|tot)\s*{TIME}(?:\s*uur)?$")
DAY_SPAN = re.compile(r"\s*(?:-|–|t/m|tot en met)\s*")
PLAIN_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")


def cost_fields(row):
    """The cost columns as ``PlacePage`` fields: the one place to change when the cost changes.

    ``gratis``: ja, nee or onbekend; left empty it is nee when there is a ``prijs`` and
    onbekend otherwise. ``prijs`` is text, as the page shows it.
    """
    price = row.clean(PlacePage, "prijs", "price")
    gratis = row.get("gratis").lower()
    if gratis in YES or gratis in NO:
        is_free = gratis in YES
    elif gratis in ("", "onbekend"):
        is_free = False if price else None
    else:
        row.error("gratis", _("Schrijf ja, nee of onbekend."))
        is_free = None
    return {"is_free": is_free, "price": price or ""}


def export_cost(place):
    """``cost_fields`` backwards: the ``gratis`` and ``prijs`` cells of a place."""
    return {True: "ja", False: "nee"}.get(place.is_free, ""), place.price


class PlaceImporter(Importer):
    """Places of one sociale kaart from a spreadsheet, every column required in the header."""

    columns = tuple(Column(name, required=name in REQUIRED) for name in COLUMNS)
    all_columns_in_header = True
    parent_model, page_model = SocialMapPage, PlacePage
    column_of_field = COLUMN_OF_FIELD
    slug_fallback = "plek"
    prefetch = ("opening_hours", "target_groups", "accessibility")
    title = gettext_lazy("Plekken importeren")
    parent_label = gettext_lazy("Sociale kaart")
    parent_help = gettext_lazy("Op welke sociale kaart komen de plekken?")
    intro = gettext_lazy(
        "Zet uw lijst met plekken in één keer op de sociale kaart. Elke rij heeft een vast "
        "kenmerk: importeert u hetzelfde bestand later opnieuw, dan worden plekken bijgewerkt, "
        "niet dubbel gemaakt."
    )
    ambiguous_key_message = gettext_lazy(
        "Op de kaart staan meer plekken met dit kenmerk. "
        "Geef ze in het beheer elk een eigen kenmerk."
    )
    offline_message = gettext_lazy(
        "Deze plek staat offline. De wijziging is opgeslagen als concept."
    )
    draft_message = gettext_lazy(
        "Deze plek had een concept dat nog niet gepubliceerd was. De import is "
        "gepubliceerd; het concept vindt u terug in de geschiedenis van de pagina."
    )

    def prepare(self):
        locale = self.parent.locale
        self.vocabularies = {
            "soort": Vocabulary(list(PlaceKind.objects.filter(locale=locale)), _("de soort")),
            "organisatie": Vocabulary(
                list(Organisation.objects.filter(locale=locale)), _("de organisatie")
            ),
            "gemeente": Vocabulary(
                list(Municipality.objects.all()), _("de gemeente"), municipality_codes
            ),
            "doelgroepen": Vocabulary(
                list(TargetGroup.objects.filter(locale=locale)), _("de doelgroep")
            ),
            "toegankelijkheid": Vocabulary(
                list(AccessibilityFeature.objects.filter(locale=locale)), _("het kenmerk")
            ),
        }
        self.without_kenmerk = {page.pk: page for page in self.pages if not page.external_id}

    def parse(self, row):
        values = {}
        for column, name in TEXT_FIELDS.items():
            value = row.get(column)
            if column == "website" and value and "://" not in value:
                value = f"https://{value}"
            if column == "telefoon" and re.fullmatch(r"[1-9]\d{8}", value):
                value = f"0{value}"  # Excel dropped the leading zero of a Dutch number
            values[name] = row.clean(PlacePage, column, name, value)

        values["postcode"] = normalise_postcode(row.get("postcode")) or ""
        if row.get("postcode") and not values["postcode"]:
            row.error(
                "postcode",
                _("“%(value)s” is geen postcode. Schrijf bijvoorbeeld 5211 AB.")
                % {"value": row.get("postcode")},
            )
        terms = {}
        for column, name in {**TERMS, **MANY_TERMS}.items():
            vocabulary = self.vocabularies[column]
            try:
                if column in MANY_TERMS:
                    terms[name] = vocabulary.find_all(row.get(column))
                else:
                    values[name] = vocabulary.find(row.get(column)) if row.get(column) else None
            except ValueError as problem:
                row.error(column, str(problem))
        values.update(cost_fields(row))
        values["latitude"] = _coordinate(row, "breedtegraad", 90)
        values["longitude"] = _coordinate(row, "lengtegraad", 180)
        if bool(row.get("breedtegraad")) != bool(row.get("lengtegraad")):
            row.error("lengtegraad", _("Vul breedtegraad én lengtegraad in, of allebei niet."))
        hours = []
        try:
            hours = parse_opening_hours(row.get("openingstijden"))
        except ValueError as problem:
            row.error("openingstijden", str(problem))
        return Parsed(
            row.number,
            values,
            terms,
            checked_date(row, "laatst_gecontroleerd"),
            extra={"hours": hours},
        )

    def find_page(self, item, matches):
        """By kenmerk; our export writes ``pagina-<id>`` for a place made in the admin."""
        if matches:
            return matches[0]
        match = re.fullmatch(r"pagina-(\d+)", item.key)
        page = self.without_kenmerk.get(int(match[1])) if match else None
        if page is not None:
            del item.values["external_id"]  # keep it empty, so export and import stay stable
        return page

    def locate(self, item, geocode):
        """Coordinates from the row; else the page's own for an unchanged address; else geocoded.

        Keeping the page's coordinates makes a re-import of a file without coordinates a
        no-op and keeps a point an editor corrected by hand. A geocoder failure is a warning.
        """
        values = item.values
        if values["latitude"] is not None:
            return
        address = {name: values[name] for name in ADDRESS_FIELDS}
        without_point = _("Vul zelf breedtegraad en lengtegraad in, of importeer later opnieuw.")
        point = self.point_for(item, address, geocode, without_point)
        if point is not None:
            values["latitude"], values["longitude"] = point

    def apply_extra(self, page, item):
        current = sorted(
            (h.weekday, h.opens, h.closes, h.closes_next_day) for h in page.opening_hours.all()
        )
        if current == item.extra["hours"]:
            return False
        page.opening_hours = [
            OpeningHours(weekday=day, opens=opens, closes=closes, closes_next_day=nxt, sort_order=i)
            for i, (day, opens, closes, nxt) in enumerate(item.extra["hours"])
        ]
        return True


def read_rows(uploaded_file, filename):
    """The data rows of a .csv or .xlsx file as dicts keyed by ``COLUMNS``."""
    return PlaceImporter.read_rows(uploaded_file, filename)


def import_places(social_map_page, rows, user=None, dry_run=False):
    """Create or update the places of ``social_map_page``: all rows, or none."""
    return PlaceImporter(social_map_page, user, dry_run=dry_run).run(rows)


def _coordinate(row, column, limit):
    value = row.get(column)
    if not value:
        return None
    try:
        number = float(value.replace(",", "."))  # Dutch Excel writes a decimal comma
    except ValueError:
        number = None
    if number is None or not -limit <= number <= limit:
        row.error(
            column,
            _("“%(value)s” is geen %(column)s. Schrijf bijvoorbeeld 51,6978.")
            % {"value": value, "column": column},
        )
        return None
    return number


# --- opening hours ----------------------------------------------------------------------


def parse_opening_hours(text):
    """``ma 10:00-12:00; wo 13:30-16:00; vr 20:00-01:00`` → sorted (weekday, opens, closes,
    closes_next_day). A range that ends before it starts runs past midnight, as on a poster.
    Also ``ma-vr 9-17`` and ``di 10:00-12:00, 14:00-16:00``. ValueError holds a Dutch message.
    """
    ranges = []
    for segment in filter(None, (part.strip() for part in (text or "").split(";"))):
        digit = re.search(r"\d", segment)
        days_text = segment[: digit.start() if digit else len(segment)].strip(" :").lower()
        if not digit or not days_text:
            raise ValueError(
                _(
                    "“%(part)s” begrijpen we niet. Schrijf een dag en tijden, bijvoorbeeld "
                    "ma 10:00-12:00; wo 13:30-16:00."
                )
                % {"part": segment}
            )
        span = [_weekday(word) for word in DAY_SPAN.split(days_text)]
        if len(span) > 2:
            raise ValueError(
                _("“%(part)s”: schrijf één dag of van-tot, zoals ma-vr.") % {"part": segment}
            )
        days = [(span[0] + step) % 7 for step in range((span[-1] - span[0]) % 7 + 1)]
        for piece in re.split(r",|\ben\b", segment[digit.start() :]):
            opens, closes, next_day = _time_range(piece.strip(), segment)
            ranges.extend((day, opens, closes, next_day) for day in days)
    _check_overlap(ranges)
    return sorted(ranges)


def _weekday(word):
    word = word.strip().rstrip(".")
    if len(word) >= 2:
        for number, name in enumerate(DAY_NAMES):
            if name.startswith(word):
                return number
    raise ValueError(
        _("“%(day)s” is geen dag. Gebruik ma, di, wo, do, vr, za of zo.") % {"day": word}
    )


def _time_range(piece, segment):
    match = TIME_RANGE.match(piece)
    hours = [int(match[1]), int(match[2] or 0), int(match[3]), int(match[4] or 0)] if match else []
    if not match or hours[0] > 23 or hours[2] > 24 or hours[1] > 59 or hours[3] > 59:
        raise ValueError(
            _("In “%(part)s” klopt de tijd niet. Schrijf bijvoorbeeld 10:00-12:00.")
            % {"part": segment}
        )
    opens = dt.time(hours[0], hours[1])
    if hours[2] == 24:  # "tot 24:00" is midnight at the end of the day
        return opens, dt.time(0, hours[3]), True
    closes = dt.time(hours[2], hours[3])
    if closes == opens:
        raise ValueError(
            _("In “%(part)s” is de sluittijd gelijk aan de openingstijd.") % {"part": segment}
        )
    return opens, closes, closes < opens


def _check_overlap(ranges):
    def minutes(time):
        return time.hour * 60 + time.minute

    spans = sorted(
        (day * 1440 + minutes(opens), day * 1440 + minutes(closes) + 1440 * nxt, day)
        for day, opens, closes, nxt in ranges
    )
    latest_end = None
    for start, end, day in spans:
        if latest_end is not None and start < latest_end:
            raise ValueError(_("De tijden op %(day)s overlappen elkaar.") % {"day": DAY_NAMES[day]})
        latest_end = end if latest_end is None else max(latest_end, end)


def format_opening_hours(hours):
    """The notation ``parse_opening_hours`` reads, from OpeningHours (or alike) objects."""
    ordered = sorted(hours, key=attrgetter("weekday", "opens"))
    return "; ".join(
        f"{DAYS[day]} " + ", ".join(f"{item.opens:%H:%M}-{item.closes:%H:%M}" for item in items)
        for day, items in groupby(ordered, key=attrgetter("weekday"))
    )


# --- exporting --------------------------------------------------------------------------


def csv_export(places) -> str:
    """The places in ``COLUMNS``, ready to edit in Dutch Excel and import again.

    Semicolons, a decimal comma and a byte order mark, because that is what Dutch Excel
    opens correctly with a double click. Uses only what the caller prefetched.
    """
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for place in places:
        writer.writerow([_safe(value) for value in _export_row(place)])
    return buffer.getvalue()


def _export_row(place):
    def decimal(number):
        return "" if number is None else repr(number).replace(".", ",")

    def slugs(terms):
        return ", ".join(sorted(term.slug for term in terms))

    gratis, prijs = export_cost(place)
    return [
        place.external_id or f"pagina-{place.pk}",
        place.title,
        place.kind.slug,
        place.summary,
        place.organisation.slug if place.organisation else "",
        place.street,
        place.house_number,
        place.postcode,
        place.city,
        place.municipality.name if place.municipality else "",
        place.district,
        decimal(place.latitude),
        decimal(place.longitude),
        place.phone,
        place.email,
        place.website,
        slugs(place.target_groups.all()),
        gratis,
        prijs,
        slugs(place.accessibility.all()),
        place.languages,
        format_opening_hours(place.opening_hours.all()),
        place.opening_note,
        f"{place.last_checked:%d-%m-%Y}",
    ]


def _safe(value):
    """Defuse text Excel would run as a formula; ``cell_text`` takes the quote off on import."""
    if value.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(value):
        return f"'{value}"
    return value
