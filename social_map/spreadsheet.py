"""The sociale kaart in and out of a spreadsheet: coalitions keep their lists in Excel.

Import and export share one documented set of Dutch columns (``IMPORT.md``), so a coordinator
can download the kaart, edit it and import it again. An import is all-or-nothing and keyed on
``kenmerk`` (``PlacePage.external_id``): importing the same file twice changes nothing.
Reading the file is shared with the events import (``core.spreadsheet``).
"""

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from itertools import groupby
from operator import attrgetter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page

from core.models import AccessibilityFeature, Municipality, Organisation, TargetGroup
from core.spreadsheet import (
    FORMULA_START,
    RowError,
    SpreadsheetError,
    Vocabulary,
    cell_text,
    check_headers,
    data_rows,
    free_slug,
    parse_date,
    read_table,
)

from .geocoding import GeocoderUnavailable, GeocodingError, geocode_address
from .models import OpeningHours, PlaceKind, PlacePage
from .postcode import normalise_postcode

__all__ = [
    "COLUMNS",
    "ImportResult",
    "RowError",
    "SpreadsheetError",
    "csv_export",
    "format_opening_hours",
    "import_places",
    "parse_opening_hours",
    "read_rows",
]

# The documented column set (IMPORT.md), in order; an export writes exactly these.
COLUMNS = [
    "kenmerk", "naam", "soort", "wat_gebeurt_er", "organisatie",
    "straat", "huisnummer", "postcode", "plaats", "gemeente", "wijk", "breedtegraad", "lengtegraad",
    "telefoon", "email", "website",
    "doelgroepen", "gratis", "prijs", "toegankelijkheid", "talen",
    "openingstijden", "opmerking_openingstijden", "laatst_gecontroleerd",
]  # fmt: skip
REQUIRED = ["kenmerk", "naam", "soort", "wat_gebeurt_er"]
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
    "prijs": "price",
    "talen": "languages",
    "opmerking_openingstijden": "opening_note",
}
COLUMN_OF_FIELD = {
    **{name: column for column, name in TEXT_FIELDS.items()},
    "postcode": "postcode",
    "kind": "soort",
    "organisation": "organisatie",
    "municipality": "gemeente",
    "latitude": "breedtegraad",
    "longitude": "lengtegraad",
    "is_free": "gratis",
    "last_checked": "laatst_gecontroleerd",
    "slug": "naam",
}
ADDRESS_FIELDS = ("street", "house_number", "postcode", "city")
YES = {"ja", "j", "yes", "y", "waar", "true", "1", "x"}
NO = {"nee", "n", "no", "onwaar", "false", "0"}
MAX_ROWS = 5000
DAYS = ["ma", "di", "wo", "do", "vr", "za", "zo"]
DAY_NAMES = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
TIME = r"(\d{1,2})(?:[:.](\d{2}))?"
TIME_RANGE = re.compile(rf"^{TIME}\s*(?:-|–|tot)\s*{TIME}(?:\s*uur)?$")
DAY_SPAN = re.compile(r"\s*(?:-|–|t/m|tot en met)\s*")
PLAIN_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)  # RowError; any error means nothing changed
    warnings: list = field(default_factory=list)  # RowError; imported all the same

    @property
    def ok(self):
        return not self.errors


# --- reading ----------------------------------------------------------------------------


def read_rows(uploaded_file, filename):
    """The data rows of a .csv or .xlsx file as dicts keyed by ``COLUMNS``.

    Blank rows stay in the list, so ``import_places`` can number rows as Excel does.
    Raises ``SpreadsheetError`` for a file that cannot be read or has the wrong columns.
    """
    table = read_table(uploaded_file, filename, MAX_ROWS)
    headers = [_header(cell) for cell in table[0]]
    check_headers(
        headers,
        known=COLUMNS,
        required=COLUMNS,
        missing_message=_("Deze kolommen ontbreken: %s."),
        known_message=_("De eerste rij moet precies deze kolommen hebben: %s."),
    )
    rows = data_rows(table, headers, MAX_ROWS)
    return [{column: row.get(column, "") for column in COLUMNS} for row in rows]


def _header(cell):
    return re.sub(r"[\s-]+", "_", cell_text(cell).strip(" *").lower())


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


# --- terms ------------------------------------------------------------------------------


def _vocabularies(locale):
    def municipality_codes(item):
        digits = item.cbs_code.upper().removeprefix("GM")
        return [item.slug, item.cbs_code, digits, digits.lstrip("0")]  # Excel drops the zeros

    return {
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


# --- importing --------------------------------------------------------------------------


@dataclass
class _Parsed:
    number: int
    kenmerk: str
    values: dict  # model field name → value, foreign keys as objects
    target_groups: list
    accessibility: list
    hours: list
    last_checked: dt.date | None
    page: PlacePage | None = None


def import_places(social_map_page, rows, user=None):
    """Create or update the places of ``social_map_page`` from spreadsheet rows.

    Every row is checked before anything is written, and the writing runs in one
    transaction: a coordinator fixes the file and imports it again, never half a list.
    A row equal to its page is left alone, so a re-import adds no revisions.
    """
    result = ImportResult()
    vocabularies = _vocabularies(social_map_page.locale)
    places = list(
        PlacePage.objects.child_of(social_map_page).prefetch_related(
            "opening_hours", "target_groups", "accessibility"
        )
    )
    by_kenmerk, by_pk = {}, {place.pk: place for place in places if not place.external_id}
    for place in places:
        by_kenmerk.setdefault(place.external_id, []).append(place)

    parsed, first_row_of = [], {}
    for number, row in enumerate(rows, start=2):
        if not any(cell_text(value) for value in row.values()):
            continue
        item = _parse_row(number, row, vocabularies, result.errors)
        if item is None:
            continue
        matches = by_kenmerk.get(item.kenmerk, [])
        if item.kenmerk in first_row_of:
            message = _("Dit kenmerk staat ook in rij %(row)s.") % {
                "row": first_row_of[item.kenmerk]
            }
        elif len(matches) > 1:
            message = _(
                "Op de kaart staan meer plekken met dit kenmerk. "
                "Geef ze in het beheer elk een eigen kenmerk."
            )
        else:
            first_row_of[item.kenmerk] = number
            page = matches[0] if matches else _exported_without_kenmerk(item, by_pk)
            # An offline place is edited as a draft, so compare with its latest draft.
            item.page = page.get_latest_revision_as_object() if page and not page.live else page
            parsed.append(item)
            continue
        result.errors.append(RowError(number, "kenmerk", message))
    if result.errors:
        return result

    for item in parsed:
        _resolve_coordinates(item, result.warnings)

    taken_slugs = set(Page.objects.child_of(social_map_page).values_list("slug", flat=True))
    with transaction.atomic():
        for item in parsed:
            try:
                outcome = _save(social_map_page, item, user, taken_slugs, result.warnings)
            except ValidationError as error:
                messages = (
                    error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
                )
                result.errors.extend(
                    RowError(item.number, COLUMN_OF_FIELD.get(name, ""), message)
                    for name, texts in messages.items()
                    for message in texts
                )
                continue
            setattr(result, outcome, getattr(result, outcome) + 1)
        if result.errors:
            transaction.set_rollback(True)
            result.created = result.updated = result.unchanged = 0
            result.warnings = []
    return result


def _exported_without_kenmerk(item, by_pk):
    """Our export writes ``pagina-<id>`` for a place made in the admin: find that place again."""
    match = re.fullmatch(r"pagina-(\d+)", item.kenmerk)
    page = by_pk.get(int(match[1])) if match else None
    if page is not None:
        del item.values["external_id"]  # keep it empty, so export and import stay stable
    return page


def _parse_row(number, row, vocabularies, errors):
    """One row as page values; problems go to ``errors`` (one per column) and give None."""
    found = []

    def error(column, message):
        found.append(RowError(number, column, message))

    def get(column):
        return cell_text(row.get(column))

    for column in REQUIRED:
        if not get(column):
            error(column, _("Dit is verplicht."))
    values = {}
    for column, name in TEXT_FIELDS.items():
        value = get(column)
        if column == "website" and value and "://" not in value:
            value = f"https://{value}"
        if column == "telefoon" and re.fullmatch(r"[1-9]\d{8}", value):
            value = f"0{value}"  # Excel dropped the leading zero of a Dutch number
        try:
            values[name] = PlacePage._meta.get_field(name).clean(value, None)
        except ValidationError as problem:
            if value:  # an empty required column is reported once, above
                error(column, " ".join(problem.messages))

    values["postcode"] = normalise_postcode(get("postcode")) or ""
    if get("postcode") and not values["postcode"]:
        error(
            "postcode",
            _("“%(value)s” is geen postcode. Schrijf bijvoorbeeld 5211 AB.")
            % {"value": get("postcode")},
        )

    terms = {}
    for column in ("soort", "organisatie", "gemeente", "doelgroepen", "toegankelijkheid"):
        vocabulary = vocabularies[column]
        try:
            if column in ("doelgroepen", "toegankelijkheid"):
                terms[column] = vocabulary.find_all(get(column))
            else:
                terms[column] = vocabulary.find(get(column)) if get(column) else None
        except ValueError as problem:
            error(column, str(problem))
    values["kind"] = terms.get("soort")
    values["organisation"] = terms.get("organisatie")
    values["municipality"] = terms.get("gemeente")

    gratis = get("gratis").lower()
    if gratis in YES or gratis in NO:
        values["is_free"] = gratis in YES
    elif gratis:
        error("gratis", _("Schrijf ja of nee."))
    else:
        values["is_free"] = not values.get("price")  # a price means it is not free

    values["latitude"] = _coordinate(get("breedtegraad"), 90, "breedtegraad", error)
    values["longitude"] = _coordinate(get("lengtegraad"), 180, "lengtegraad", error)
    if bool(get("breedtegraad")) != bool(get("lengtegraad")):
        error("lengtegraad", _("Vul breedtegraad én lengtegraad in, of allebei niet."))

    last_checked = None
    if get("laatst_gecontroleerd"):
        last_checked = parse_date(get("laatst_gecontroleerd"))
        if last_checked is None:
            error(
                "laatst_gecontroleerd",
                _("Schrijf de datum als dd-mm-jjjj, bijvoorbeeld 01-03-2025."),
            )
        elif last_checked > timezone.localdate():
            error("laatst_gecontroleerd", _("Deze datum ligt in de toekomst."))

    hours = []
    try:
        hours = parse_opening_hours(get("openingstijden"))
    except ValueError as problem:
        error("openingstijden", str(problem))

    errors.extend(found)
    if found:
        return None
    return _Parsed(
        number=number,
        kenmerk=values["external_id"],
        values=values,
        target_groups=terms["doelgroepen"],
        accessibility=terms["toegankelijkheid"],
        hours=hours,
        last_checked=last_checked,
    )


def _coordinate(value, limit, column, error):
    if not value:
        return None
    try:
        number = float(value.replace(",", "."))  # Dutch Excel writes a decimal comma
    except ValueError:
        number = None
    if number is None or not -limit <= number <= limit:
        error(
            column,
            _("“%(value)s” is geen %(column)s. Schrijf bijvoorbeeld 51,6978.")
            % {"value": value, "column": column},
        )
        return None
    return number


def _resolve_coordinates(item, warnings):
    """Coordinates from the row; else the page's own for an unchanged address; else geocoded.

    Keeping the page's coordinates makes a re-import of a file without coordinates a no-op
    and keeps a point an editor corrected by hand. A geocoder failure is only a warning.
    """
    values = item.values
    if values["latitude"] is not None:
        return
    page = item.page
    same_address = page is not None and all(
        getattr(page, name) == values[name] for name in ADDRESS_FIELDS
    )
    if same_address and page.latitude is not None:
        values["latitude"], values["longitude"] = page.latitude, page.longitude
        return
    if not (len(values["postcode"]) == 7 and values["house_number"]):
        return
    try:
        point = geocode_address(values["postcode"], values["house_number"])
    except GeocodingError as failure:
        reason = (
            _("de kaartdienst was niet bereikbaar")
            if isinstance(failure, GeocoderUnavailable)
            else _("de kaartdienst kent dit adres niet")
        )
        message = _(
            "Geen punt op de kaart: %(reason)s. Vul zelf breedtegraad en lengtegraad in, "
            "of importeer later opnieuw."
        )
        warnings.append(RowError(item.number, "postcode", message % {"reason": reason}))
        return
    values["latitude"], values["longitude"] = point


def _apply(page, item):
    """Put the row on ``page``; True when anything differs from what the page had."""
    changed = False
    for name, value in item.values.items():
        current = getattr(
            page, f"{name}_id" if name in ("kind", "organisation", "municipality") else name
        )
        wanted = value.pk if hasattr(value, "pk") else value
        if current != wanted:
            setattr(page, name, value)
            changed = True
    if item.last_checked and page.last_checked != item.last_checked:
        page.last_checked = item.last_checked
        changed = True
    for name, terms in (
        ("target_groups", item.target_groups),
        ("accessibility", item.accessibility),
    ):
        if {term.pk for term in getattr(page, name).all()} != {term.pk for term in terms}:
            setattr(page, name, terms)
            changed = True
    current_hours = sorted(
        (h.weekday, h.opens, h.closes, h.closes_next_day) for h in page.opening_hours.all()
    )
    if current_hours != item.hours:
        page.opening_hours = [
            OpeningHours(weekday=day, opens=opens, closes=closes, closes_next_day=nxt, sort_order=i)
            for i, (day, opens, closes, nxt) in enumerate(item.hours)
        ]
        changed = True
    return changed


def _save(social_map_page, item, user, taken_slugs, warnings):
    """Create, update or leave alone; returns which of the three, as a result field name."""
    page = item.page
    if page is None:
        page = PlacePage(
            locale=social_map_page.locale,
            slug=free_slug(item.values["title"], taken_slugs, fallback="plek"),
            owner=user,
            live=False,
            last_checked=item.last_checked or timezone.localdate(),
        )
        _apply(page, item)
        social_map_page.add_child(instance=page)
        log(instance=page, action="wagtail.create", user=user)
        page.save_revision(user=user).publish(user=user)
        return "created"
    had_draft = page.has_unpublished_changes
    if not _apply(page, item):
        return "unchanged"
    revision = page.save_revision(user=user, log_action=True)
    if not page.live:  # taken offline by an editor: the import does not undo that
        message = _("Deze plek staat offline. De wijziging is opgeslagen als concept.")
    elif had_draft:
        revision.publish(user=user)
        message = _(
            "Deze plek had een concept dat nog niet gepubliceerd was. De import is "
            "gepubliceerd; het concept vindt u terug in de geschiedenis van de pagina."
        )
    else:
        revision.publish(user=user)
        return "updated"
    warnings.append(RowError(item.number, "kenmerk", message))
    return "updated"


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
        "ja" if place.is_free else "nee",
        place.price,
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
