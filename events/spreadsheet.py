"""Events from a spreadsheet: coalitions keep their Week tegen Eenzaamheid lists in Excel.

One row is one event, with the Dutch columns of ``IMPORT.md``. Unlike the sociale kaart
import, one bad row does not stop the others: a row with any error is reported with its row
number and left out whole (never half a row), the good rows are imported. Rows are keyed on
``kenmerk`` (``EventPage.external_id``), so importing the same sheet again updates events
instead of doubling them, and an unchanged row adds no revision.

Reading a file, the row error and the term lookup are shared with the sociale kaart import
(``core.spreadsheet``); the columns, their checks and their messages are this module's own.
"""

import contextlib
import datetime as dt
import decimal
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page

from core.models import AccessibilityFeature, Municipality, Organisation, TargetGroup
from core.richtext import plain_text_to_rich_text
from core.spreadsheet import (
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
from social_map.geocoding import GeocoderUnavailable, GeocodingError, geocode_address
from social_map.models import PlacePage
from social_map.postcode import normalise_postcode

from .models import RESERVED_SLUGS, EventEdition, EventPage, EventStatus, Registration
from .recurrence import RecurrenceError, aware, parse_rule

__all__ = ["COLUMNS", "ImportResult", "RowError", "SpreadsheetError", "import_events", "read_rows"]

# The documented column set (IMPORT.md), in order.
COLUMNS = [
    "kenmerk", "titel", "korte omschrijving", "beschrijving",
    "datum", "begintijd", "eindtijd", "hele dag", "herhaling", "status",
    "plek", "locatie", "straat", "huisnummer", "postcode", "plaats", "gemeente",
    "organisator", "doelgroepen", "prijs", "aanmelden", "toegankelijkheid", "editie",
    "laatst gecontroleerd",
]  # fmt: skip
# Without these the sheet cannot describe an event; the other columns may be left out.
REQUIRED_COLUMNS = ["kenmerk", "titel", "korte omschrijving", "datum"]
TEXT_FIELDS = {
    "kenmerk": "external_id",
    "titel": "title",
    "korte omschrijving": "summary",
    "locatie": "location_name",
    "straat": "street",
    "huisnummer": "house_number",
    "plaats": "city",
}
COLUMN_OF_FIELD = {
    **{name: column for column, name in TEXT_FIELDS.items()},
    "description": "beschrijving",
    "starts_at": "datum",
    "ends_at": "eindtijd",
    "all_day": "hele dag",
    "recurrence": "herhaling",
    "status": "status",
    "place": "plek",
    "postcode": "postcode",
    "municipality": "gemeente",
    "organiser": "organisator",
    "price": "prijs",
    "registration": "aanmelden",
    "registration_url": "aanmelden",
    "registration_phone": "aanmelden",
    "edition": "editie",
    "last_checked": "laatst gecontroleerd",
    "slug": "titel",
}
FOREIGN_KEYS = ("place", "municipality", "organiser", "edition")
ADDRESS_FIELDS = ("street", "house_number", "postcode", "city")
YES = {"ja", "j", "yes", "y", "waar", "true", "1", "x"}
NO = {"nee", "n", "no", "onwaar", "false", "0", ""}
STATUS_WORDS = {
    "gaat door": EventStatus.SCHEDULED,
    "afgelast": EventStatus.CANCELLED,
    "vol": EventStatus.FULL,
    "verplaatst": EventStatus.MOVED,
    **{status.value: status for status in EventStatus},
}
TIME = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?(?::\d{2})?(?:\s*uur)?")
PHONE = re.compile(r"\+?[\d\s\-().]+")
FIRST_YEAR = 2000


def max_rows():
    return getattr(settings, "EVENTS_IMPORT_MAX_ROWS", 5000)


def geocoding_enabled():
    return getattr(settings, "EVENTS_IMPORT_GEOCODE", True)


# --- reading ----------------------------------------------------------------------------


def read_rows(uploaded_file, filename):
    """The data rows of a .csv or .xlsx file as dicts keyed by the columns the sheet has.

    Blank rows stay in the list, so ``import_events`` numbers rows as Excel does. Raises
    ``SpreadsheetError`` for a file that cannot be read, has unknown or missing columns, or
    has more than ``EVENTS_IMPORT_MAX_ROWS`` rows.
    """
    limit = max_rows()
    table = read_table(uploaded_file, filename, limit)
    headers = [header(cell) for cell in table[0]]
    check_headers(
        headers,
        known=COLUMNS,
        required=REQUIRED_COLUMNS,
        missing_message=_("Deze kolommen zijn verplicht maar ontbreken: %s."),
        known_message=_("De kolommen die we kennen zijn: %s."),
    )
    rows = data_rows(table, headers, limit, keep_time=True)
    present = [h for h in headers if h]
    return [{column: row.get(column, "") for column in present} for row in rows]


def header(cell):
    """'Laatst_gecontroleerd *' and 'laatst  gecontroleerd' both mean 'laatst gecontroleerd'."""
    return " ".join(
        re.sub(r"[_\-]+", " ", cell_text(cell, keep_time=True)).strip(" *").lower().split()
    )


def _date(value):
    """As ``parse_date``; an Excel date-time cell (read with its time) keeps its date."""
    value = value.split(" ")[0] if re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", value) else value
    return parse_date(value)


def _time(value):
    """'10:00', '9.30', '10' or '10 uur'; an Excel date-time cell gives its time."""
    if re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", value):
        value = value.split(" ")[1]
    match = TIME.fullmatch(value.strip())
    if not match or int(match[1]) > 23 or int(match[2] or 0) > 59:
        return None
    return dt.time(int(match[1]), int(match[2] or 0))


# --- terms ------------------------------------------------------------------------------


class _Vocabulary(Vocabulary):
    """The sociale kaart's lookup, with a plain message when there are no terms at all yet."""

    def find(self, value):
        if not self.names:
            raise ValueError(
                _(
                    "We kennen %(label)s “%(value)s” niet: er staan er nog geen op de website. "
                    "Vraag de redactie om die eerst toe te voegen, of laat de cel leeg."
                )
                % {"label": self.label, "value": " ".join(value.split())}
            )
        return super().find(value)


class _LazyVocabularies(dict):
    """Terms are loaded only for a column the sheet uses, once per import."""

    def __init__(self, locale):
        super().__init__()
        self.locale = locale

    def __missing__(self, column):
        self[column] = vocabulary = self._load(column)
        return vocabulary

    def _load(self, column):
        locale = self.locale

        def municipality_codes(item):
            codes = [item.slug]
            if item.cbs_code:
                digits = item.cbs_code.upper().removeprefix("GM")
                codes += [item.cbs_code, digits, digits.lstrip("0")]  # Excel drops the zeros
            return codes

        if column == "gemeente":
            return _Vocabulary(
                list(Municipality.objects.all()), _("de gemeente"), municipality_codes
            )
        if column == "organisator":
            return _Vocabulary(
                list(Organisation.objects.filter(locale=locale)), _("de organisatie")
            )
        if column == "doelgroepen":
            return _Vocabulary(list(TargetGroup.objects.filter(locale=locale)), _("de doelgroep"))
        if column == "toegankelijkheid":
            return _Vocabulary(
                list(AccessibilityFeature.objects.filter(locale=locale)), _("het kenmerk")
            )
        if column == "editie":
            return _Vocabulary(list(EventEdition.objects.filter(locale=locale)), _("de editie"))
        if column == "plek":
            places = list(
                PlacePage.objects.live()
                .filter(locale=locale)
                .only("pk", "title", "slug", "latitude", "longitude", "municipality_id")
            )
            for place in places:
                place.name = place.title  # Vocabulary finds terms by slug, then by name
            return _Vocabulary(places, _("de plek"))
        raise KeyError(column)


# --- importing --------------------------------------------------------------------------


@dataclass
class RowOutcome:
    row: int
    kenmerk: str
    title: str
    outcome: str  # "created", "updated" or "unchanged"
    page_id: int | None = None


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    errors: list = field(default_factory=list)  # RowError; such a row was left out whole
    warnings: list = field(default_factory=list)  # RowError; imported all the same
    rows: list = field(default_factory=list)  # RowOutcome of every imported row

    @property
    def ok(self):
        return not self.errors

    @property
    def skipped(self):
        """How many rows were left out because of an error."""
        return len({error.row for error in self.errors})

    def count(self, outcome):
        setattr(self, outcome, getattr(self, outcome) + 1)


@dataclass
class _Parsed:
    number: int
    kenmerk: str
    values: dict  # model field name → value, foreign keys as objects
    terms: dict  # M2M field name → list of terms, only for columns the sheet has
    last_checked: dt.date | None
    locate: bool  # the sheet says where: resolve coordinates
    page: EventPage | None = None


def import_events(agenda, rows, user=None, dry_run=False):
    """Create or update the events of ``agenda`` (an EventIndexPage) from spreadsheet rows.

    Each row is checked on its own. A row with any error is reported and not imported at all;
    every good row is saved and published in its own savepoint. With ``dry_run`` everything is
    checked and counted the same way, and then rolled back (and no address is geocoded).
    """
    result = ImportResult(dry_run=dry_run)
    vocabularies = _LazyVocabularies(agenda.locale)
    events = list(
        EventPage.objects.child_of(agenda)
        .exclude(external_id="")
        .prefetch_related("target_groups", "accessibility")
    )
    by_kenmerk = {}
    for event in events:
        by_kenmerk.setdefault(event.external_id, []).append(event)

    parsed, first_row_of = [], {}
    for number, row in enumerate(rows, start=2):
        if not any(cell_text(value, keep_time=True) for value in row.values()):
            continue
        item = _parse_row(number, row, vocabularies, result.errors)
        if item is None:
            continue
        matches = by_kenmerk.get(item.kenmerk, [])
        if item.kenmerk in first_row_of:
            message = _(
                "Dit kenmerk staat ook in rij %(row)s. Geef elke activiteit een eigen kenmerk."
            )
            message %= {"row": first_row_of[item.kenmerk]}
        elif len(matches) > 1:
            message = _(
                "In de agenda staan meer activiteiten met dit kenmerk. "
                "Geef ze in het beheer elk een eigen kenmerk."
            )
        else:
            first_row_of[item.kenmerk] = number
            page = matches[0] if matches else None
            # An offline event is edited as a draft, so compare with its latest draft.
            item.page = page.get_latest_revision_as_object() if page and not page.live else page
            parsed.append(item)
            continue
        result.errors.append(RowError(number, "kenmerk", message))

    taken_slugs = set(Page.objects.child_of(agenda).values_list("slug", flat=True))
    # A dry run checks inside one transaction that is rolled back; a real import keeps every
    # good row, even when a later one fails.
    with transaction.atomic() if dry_run else contextlib.nullcontext():
        for item in parsed:
            _resolve_coordinates(item, result.warnings, geocode=not dry_run)
            try:
                with transaction.atomic():
                    outcome, page = _save(agenda, item, user, taken_slugs, result.warnings)
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
            result.count(outcome)
            result.rows.append(RowOutcome(item.number, item.kenmerk, page.title, outcome, page.pk))
        if dry_run:
            transaction.set_rollback(True)
    result.errors.sort(key=lambda error: error.row)
    return result


def _parse_row(number, row, vocabularies, errors):
    """One row as page values; problems go to ``errors`` (one per column) and give None."""
    found = []

    def error(column, message):
        found.append(RowError(number, column, message))

    def has(column):
        return column in row

    def get(column):
        return cell_text(row.get(column), keep_time=True)

    values, terms = {}, {}
    for column in ("kenmerk", "titel", "korte omschrijving", "datum"):
        if not get(column):
            error(column, _("Dit is verplicht."))
    for column, name in TEXT_FIELDS.items():
        if not has(column):
            continue
        value = " ".join(get(column).split())
        try:
            values[name] = EventPage._meta.get_field(name).clean(value, None)
        except ValidationError as problem:
            if value:  # an empty required column is reported once, above
                error(column, " ".join(problem.messages))

    if has("beschrijving"):
        # Kept as typed ("Kaartavond <voor 55+>" is text) and stored as the editor writes it.
        values["description"] = plain_text_to_rich_text(get("beschrijving"))

    _parse_when(get, has, values, error)

    if has("status"):
        status = STATUS_WORDS.get(" ".join(get("status").lower().split()) or "gaat door")
        if status is None:
            error("status", _("Schrijf gaat door, afgelast, vol of verplaatst."))
        else:
            values["status"] = status

    if has("postcode"):
        values["postcode"] = normalise_postcode(get("postcode")) or ""
        if get("postcode") and not values["postcode"]:
            message = _("“%(value)s” is geen postcode. Schrijf bijvoorbeeld 8011 AB.")
            error("postcode", message % {"value": get("postcode")})

    for column, name in (
        ("plek", "place"),
        ("gemeente", "municipality"),
        ("organisator", "organiser"),
        ("editie", "edition"),
    ):
        if has(column):
            try:
                values[name] = vocabularies[column].find(get(column)) if get(column) else None
            except ValueError as problem:
                error(column, str(problem))
    for column, name in (("doelgroepen", "target_groups"), ("toegankelijkheid", "accessibility")):
        if has(column):
            try:
                terms[name] = vocabularies[column].find_all(get(column))
            except ValueError as problem:
                error(column, str(problem))

    if has("prijs"):
        _parse_price(get("prijs"), values, error)
    if has("aanmelden"):
        _parse_registration(get("aanmelden"), values, error)

    last_checked = None
    if get("laatst gecontroleerd"):
        last_checked = _date(get("laatst gecontroleerd"))
        if last_checked is None:
            error(
                "laatst gecontroleerd",
                _("Schrijf de datum als dd-mm-jjjj, bijvoorbeeld 01-03-2026."),
            )
        elif last_checked > timezone.localdate():
            error("laatst gecontroleerd", _("Deze datum ligt in de toekomst."))

    errors.extend(found)
    if found:
        return None
    place = values.get("place")
    if place is not None and not values.get("municipality"):
        values["municipality_id"] = place.municipality_id  # the place knows its gemeente
        values.pop("municipality", None)
    return _Parsed(
        number=number,
        kenmerk=values["external_id"],
        values=values,
        terms=terms,
        last_checked=last_checked,
        locate=any(has(column) for column in ("plek", "straat", "huisnummer", "postcode")),
    )


def _parse_when(get, has, values, error):
    """datum, begintijd, eindtijd, hele dag and herhaling → starts_at, ends_at, all_day, rule."""
    day = _date(get("datum")) if get("datum") else None
    if get("datum") and day is None:
        error("datum", _("Schrijf de datum als dd-mm-jjjj, bijvoorbeeld 14-10-2026."))
    elif day is not None and not FIRST_YEAR <= day.year <= timezone.localdate().year + 10:
        error("datum", _("Het jaar %(year)s kan niet kloppen.") % {"year": day.year})
        day = None

    all_day_text = get("hele dag").lower()
    all_day = all_day_text in YES
    if all_day_text not in YES | NO:
        error("hele dag", _("Schrijf ja of nee."))

    start_time = end_time = None
    if get("begintijd"):
        start_time = _time(get("begintijd"))
        if start_time is None:
            error("begintijd", _("Schrijf de tijd als uu:mm, bijvoorbeeld 10:00."))
    elif not all_day:
        error("begintijd", _("Vul een begintijd in, of zet bij 'hele dag' ja."))
    if get("eindtijd"):
        end_time = _time(get("eindtijd"))
        if end_time is None:
            error("eindtijd", _("Schrijf de tijd als uu:mm, bijvoorbeeld 12:00."))
        elif start_time and not all_day and end_time <= start_time:
            error("eindtijd", _("De eindtijd ligt niet na de begintijd."))

    if day is None or (start_time is None and not all_day):
        return
    local_start = dt.datetime.combine(day, dt.time(0) if all_day else start_time)
    values["starts_at"] = aware(local_start)
    values["ends_at"] = (
        aware(dt.datetime.combine(day, end_time)) if end_time and not all_day else None
    )
    values["all_day"] = all_day

    if has("herhaling"):
        rule = get("herhaling").strip()
        if rule.upper().startswith("RRULE:"):
            rule = rule[6:]
        rule = rule.upper()
        if len(rule) > EventPage._meta.get_field("recurrence").max_length:
            error("herhaling", _("Deze herhaling is te lang."))
            return
        try:
            parsed = parse_rule(rule, local_start)
        except RecurrenceError as problem:
            error("herhaling", str(problem))
            return
        if parsed is not None:
            values["recurrence"] = rule


def _parse_price(text, values, error):
    cleaned = text.replace("€", "").replace("euro", "").strip().replace(" ", "")
    if "," in cleaned:  # "3,50" and "1.250,00" as Dutch Excel writes them
        cleaned = cleaned.replace(".", "").replace(",", ".")
    cleaned = cleaned.removesuffix(".-").removesuffix(",-")
    if cleaned.lower() in ("", "gratis"):
        values["price"] = None
        return
    try:
        price = decimal.Decimal(cleaned).quantize(decimal.Decimal("0.01"))
    except (decimal.InvalidOperation, ValueError):
        price = None
    if price is None or not price.is_finite() or not 0 <= price < 10000:
        error("prijs", _("Schrijf een bedrag, bijvoorbeeld 3,50. Leeg of 0 is gratis."))
        return
    values["price"] = price or None  # 0 is free, stored like empty


def _parse_registration(text, values, error):
    values.update(registration=Registration.NONE, registration_url="", registration_phone="")
    if not text:
        return
    url = f"https://{text}" if text.lower().startswith("www.") else text
    if "://" in url or "." in url and not PHONE.fullmatch(text):
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            error("aanmelden", _("“%(value)s” is geen goede link.") % {"value": text})
            return
        if len(url) > EventPage._meta.get_field("registration_url").max_length:
            error("aanmelden", _("Deze link is te lang."))
            return
        values.update(registration=Registration.LINK, registration_url=url)
        return
    digits = re.sub(r"\D", "", text)
    if re.fullmatch(r"[1-9]\d{8}", text):
        text = f"0{text}"  # Excel dropped the leading zero of a Dutch number
    if not PHONE.fullmatch(text) or not 6 <= len(digits) <= 15 or len(text) > 40:
        error(
            "aanmelden",
            _("Schrijf een link (https://...) of een telefoonnummer, bijvoorbeeld 038-123 45 67."),
        )
        return
    values.update(registration=Registration.PHONE, registration_phone=text)


def _resolve_coordinates(item, warnings, geocode=True):
    """From the place; else the page's own for an unchanged address; else geocoded (cached).

    Keeping the page's coordinates makes a re-import a no-op and keeps a point an editor
    corrected by hand. A geocoder failure is only a warning: the event is imported without a
    point on the map.
    """
    if not item.locate:
        return
    values, page = item.values, item.page
    place = values.get("place")
    if place is not None:
        values["latitude"], values["longitude"] = place.latitude, place.longitude
        return
    address = {name: values.get(name, getattr(page, name, "")) for name in ADDRESS_FIELDS}
    same_address = page is not None and all(
        getattr(page, name) == value for name, value in address.items()
    )
    if same_address and page.latitude is not None:
        values["latitude"], values["longitude"] = page.latitude, page.longitude
        return
    values["latitude"] = values["longitude"] = None
    if not (geocode and geocoding_enabled()):
        return
    if not (len(address["postcode"]) == 7 and address["house_number"]):
        return
    try:
        values["latitude"], values["longitude"] = geocode_address(
            address["postcode"], address["house_number"]
        )
    except GeocodingError as failure:
        reason = (
            _("de kaartdienst was niet bereikbaar")
            if isinstance(failure, GeocoderUnavailable)
            else _("de kaartdienst kent dit adres niet")
        )
        message = _(
            "Geen punt op de kaart: %(reason)s. De activiteit staat wel in de agenda. "
            "Importeer later opnieuw, of zet de plek in het beheer op de kaart."
        )
        warnings.append(RowError(item.number, "postcode", message % {"reason": reason}))


def _apply(page, item):
    """Put the row on ``page``; True when anything differs from what the page had."""
    changed = False
    for name, value in item.values.items():
        attname = f"{name}_id" if name in FOREIGN_KEYS else name
        wanted = value.pk if hasattr(value, "pk") else value
        if getattr(page, attname) != wanted:
            setattr(page, attname, wanted)
            changed = True
    if item.last_checked and page.last_checked != item.last_checked:
        page.last_checked = item.last_checked
        changed = True
    for name, terms in item.terms.items():
        if {term.pk for term in getattr(page, name).all()} != {term.pk for term in terms}:
            setattr(page, name, terms)
            changed = True
    return changed


def _save(agenda, item, user, taken_slugs, warnings):
    """Create, update or leave alone; returns (outcome, page)."""
    page = item.page
    if page is None:
        page = EventPage(
            locale=agenda.locale,
            slug=free_slug(
                item.values["title"], taken_slugs, RESERVED_SLUGS, fallback="activiteit"
            ),
            owner=user,
            live=False,
            last_checked=item.last_checked or timezone.localdate(),
        )
        _apply(page, item)
        agenda.add_child(instance=page)
        log(instance=page, action="wagtail.create", user=user)
        page.save_revision(user=user).publish(user=user)
        return "created", page
    had_draft = page.has_unpublished_changes
    if not _apply(page, item):
        return "unchanged", page
    revision = page.save_revision(user=user, log_action=True)
    if not page.live:  # taken offline by an editor: the import does not undo that
        message = _("Deze activiteit staat offline. De wijziging is opgeslagen als concept.")
    elif had_draft:
        revision.publish(user=user)
        message = _(
            "Deze activiteit had een concept dat nog niet gepubliceerd was. De import is "
            "gepubliceerd; het concept vindt u terug in de geschiedenis van de pagina."
        )
    else:
        revision.publish(user=user)
        return "updated", page
    warnings.append(RowError(item.number, "kenmerk", message))
    return "updated", page
