"""Events from a spreadsheet: coalitions keep their Week tegen Eenzaamheid lists in Excel.

One row is one event, with the Dutch columns of ``core/IMPORT.md``. Reading the file, the
all-or-nothing rule with its dry run, the keying on ``kenmerk`` (``EventPage.external_id``)
and the saving are the shared import framework's (``core.imports``); this module says what
the columns of an event mean. Only ``kenmerk``, ``titel``, ``korte omschrijving`` and
``datum`` must be in the sheet: a column left out leaves that field of an existing event
alone.
"""

import datetime as dt
import decimal
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.geocoding import ADDRESS_FIELDS
from core.imports import (
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
    parse_date,
)
from core.models import (
    AccessibilityFeature,
    Municipality,
    Organisation,
    TargetGroup,
    cost_from_amount,
)
from core.postcode import normalise_postcode
from core.richtext import plain_text_to_rich_text
from social_map.models import PlacePage

from .models import (
    RESERVED_SLUGS,
    EventEdition,
    EventIndexPage,
    EventPage,
    EventStatus,
    Registration,
)
from .recurrence import RecurrenceError, aware, parse_rule

__all__ = [
    "COLUMNS",
    "EventImporter",
    "RowError",
    "SpreadsheetError",
    "import_events",
    "read_rows",
]

# The documented column set, in order.
COLUMNS = [
    "kenmerk", "titel", "korte omschrijving", "beschrijving",
    "datum", "begintijd", "eindtijd", "hele dag", "herhaling", "status",
    "plek", "locatie", "straat", "huisnummer", "postcode", "plaats", "gemeente",
    "organisator", "doelgroepen", "prijs", "aanmelden", "toegankelijkheid", "editie",
    "laatst gecontroleerd",
]  # fmt: skip
# Without these the sheet cannot describe an event; the other columns may be left out.
REQUIRED = {"kenmerk", "titel", "korte omschrijving", "datum"}
TEXT_FIELDS = {
    "kenmerk": "external_id",
    "titel": "title",
    "korte omschrijving": "summary",
    "locatie": "location_name",
    "straat": "street",
    "huisnummer": "house_number",
    "plaats": "city",
}
TERMS = {
    "plek": "place",
    "gemeente": "municipality",
    "organisator": "organiser",
    "editie": "edition",
}
MANY_TERMS = {"doelgroepen": "target_groups", "toegankelijkheid": "accessibility"}
COLUMN_OF_FIELD = {
    **{name: column for column, name in TEXT_FIELDS.items()},
    **{name: column for column, name in TERMS.items()},
    "description": "beschrijving",
    "starts_at": "datum",
    "ends_at": "eindtijd",
    "all_day": "hele dag",
    "recurrence": "herhaling",
    "status": "status",
    "postcode": "postcode",
    "is_free": "prijs",
    "price": "prijs",
    "registration": "aanmelden",
    "registration_url": "aanmelden",
    "registration_phone": "aanmelden",
    "last_checked": "laatst gecontroleerd",
    "slug": "titel",
}
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


def geocoding_enabled():
    return getattr(settings, "EVENTS_IMPORT_GEOCODE", True)


def cost_fields(text, row):
    """The ``prijs`` column as ``EventPage`` fields: the one place to change when the cost changes.

    An amount in euro ("3,50", "€ 3,50", "3.50"); empty, 0 or "gratis" is free.
    """
    cleaned = text.replace("€", "").replace("euro", "").strip().replace(" ", "")
    if "," in cleaned:  # "3,50" and "1.250,00" as Dutch Excel writes them
        cleaned = cleaned.replace(".", "").replace(",", ".")
    cleaned = cleaned.removesuffix(".-").removesuffix(",-")
    if cleaned.lower() in ("", "gratis"):
        cleaned = "0"
    try:
        amount = decimal.Decimal(cleaned).quantize(decimal.Decimal("0.01"))
    except (decimal.InvalidOperation, ValueError):
        amount = None
    if amount is None or not amount.is_finite() or not 0 <= amount < 10000:
        row.error("prijs", _("Schrijf een bedrag, bijvoorbeeld 3,50. Leeg of 0 is gratis."))
        return {}
    is_free, price = cost_from_amount(amount)
    return {"is_free": is_free, "price": price}


class EventImporter(Importer):
    """Events of one agenda from a spreadsheet; only the required columns must be there."""

    columns = tuple(Column(name, required=name in REQUIRED) for name in COLUMNS)
    keep_time = True
    parent_model, page_model = EventIndexPage, EventPage
    column_of_field = COLUMN_OF_FIELD
    slug_fallback = "activiteit"
    reserved_slugs = RESERVED_SLUGS
    prefetch = ("target_groups", "accessibility")
    title = gettext_lazy("Activiteiten importeren")
    parent_label = gettext_lazy("Agenda")
    parent_help = gettext_lazy("In welke agenda komen de activiteiten?")
    intro = gettext_lazy(
        "Zet de activiteiten uit uw spreadsheet in één keer in de agenda. Elke rij is één "
        "activiteit en heeft een vast kenmerk: importeert u hetzelfde bestand later opnieuw, "
        "dan worden activiteiten bijgewerkt, niet dubbel gemaakt."
    )
    duplicate_key_message = gettext_lazy(
        "Dit kenmerk staat ook in rij %(row)s. Geef elke activiteit een eigen kenmerk."
    )
    ambiguous_key_message = gettext_lazy(
        "In de agenda staan meer activiteiten met dit kenmerk. "
        "Geef ze in het beheer elk een eigen kenmerk."
    )
    offline_message = gettext_lazy(
        "Deze activiteit staat offline. De wijziging is opgeslagen als concept."
    )
    draft_message = gettext_lazy(
        "Deze activiteit had een concept dat nog niet gepubliceerd was. De import is "
        "gepubliceerd; het concept vindt u terug in de geschiedenis van de pagina."
    )

    def prepare(self):
        self.vocabularies = {}  # loaded for the columns the sheet uses, once

    def vocabulary(self, column):
        if column not in self.vocabularies:
            self.vocabularies[column] = _load_vocabulary(column, self.parent.locale)
        return self.vocabularies[column]

    def parse(self, row):
        values, terms = {}, {}
        for column, name in TEXT_FIELDS.items():
            if row.has(column):
                values[name] = row.clean(EventPage, column, name, " ".join(row.get(column).split()))
        if row.has("beschrijving"):
            # Kept as typed ("Kaartavond <voor 55+>" is text) and stored as the editor writes it.
            values["description"] = plain_text_to_rich_text(row.get("beschrijving"))
        _parse_when(row, values)
        if row.has("status"):
            status = STATUS_WORDS.get(" ".join(row.get("status").lower().split()) or "gaat door")
            if status is None:
                row.error("status", _("Schrijf gaat door, afgelast, vol of verplaatst."))
            values["status"] = status
        if row.has("postcode"):
            values["postcode"] = normalise_postcode(row.get("postcode")) or ""
            if row.get("postcode") and not values["postcode"]:
                message = _("“%(value)s” is geen postcode. Schrijf bijvoorbeeld 8011 AB.")
                row.error("postcode", message % {"value": row.get("postcode")})
        for column, name in {**TERMS, **MANY_TERMS}.items():
            if not row.has(column):
                continue
            try:
                if column in MANY_TERMS:
                    terms[name] = self.vocabulary(column).find_all(row.get(column))
                else:
                    value = row.get(column)
                    values[name] = self.vocabulary(column).find(value) if value else None
            except ValueError as problem:
                row.error(column, str(problem))
        if row.has("prijs"):
            values.update(cost_fields(row.get("prijs"), row))
        if row.has("aanmelden"):
            _parse_registration(row, values)
        place = values.get("place")
        if place is not None and not values.get("municipality"):
            values.pop("municipality", None)
            values["municipality_id"] = place.municipality_id  # the place knows its gemeente
        locate = any(row.has(column) for column in ("plek", "straat", "huisnummer", "postcode"))
        return Parsed(
            row.number,
            values,
            terms,
            checked_date(row, "laatst gecontroleerd"),
            extra={"locate": locate},
        )

    def locate(self, item, geocode):
        """From the place; else the page's own for an unchanged address; else geocoded (cached).

        Keeping the page's coordinates makes a re-import a no-op and keeps a point an editor
        corrected by hand. A geocoder failure is only a warning: the event is imported
        without a point on the map.
        """
        if not item.extra["locate"]:
            return
        values, page = item.values, item.page
        place = values.get("place")
        if place is not None:
            values["latitude"], values["longitude"] = place.latitude, place.longitude
            return
        address = {name: values.get(name, getattr(page, name, "")) for name in ADDRESS_FIELDS}
        without_point = _(
            "De activiteit staat wel in de agenda. Importeer later opnieuw, of zet de plek in "
            "het beheer op de kaart."
        )
        point = self.point_for(item, address, geocode and geocoding_enabled(), without_point)
        values["latitude"], values["longitude"] = point or (None, None)


def read_rows(uploaded_file, filename):
    """The data rows of a .csv or .xlsx file as dicts keyed by the columns the sheet has."""
    return EventImporter.read_rows(uploaded_file, filename)


def import_events(agenda, rows, user=None, dry_run=False):
    """Create or update the events of ``agenda`` (an EventIndexPage): all rows, or none."""
    return EventImporter(agenda, user, dry_run=dry_run).run(rows)


def _load_vocabulary(column, locale):
    if column == "gemeente":
        return Vocabulary(list(Municipality.objects.all()), _("de gemeente"), municipality_codes)
    if column == "organisator":
        return Vocabulary(list(Organisation.objects.filter(locale=locale)), _("de organisatie"))
    if column == "doelgroepen":
        return Vocabulary(list(TargetGroup.objects.filter(locale=locale)), _("de doelgroep"))
    if column == "toegankelijkheid":
        return Vocabulary(
            list(AccessibilityFeature.objects.filter(locale=locale)), _("het kenmerk")
        )
    if column == "editie":
        return Vocabulary(list(EventEdition.objects.filter(locale=locale)), _("de editie"))
    places = list(
        PlacePage.objects.live()
        .filter(locale=locale)
        .only("pk", "title", "slug", "latitude", "longitude", "municipality_id")
    )
    for place in places:
        place.name = place.title  # Vocabulary finds terms by slug, then by name
    return Vocabulary(places, _("de plek"))


def _time(value):
    """'10:00', '9.30', '10' or '10 uur'; an Excel date-time cell gives its time."""
    if re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", value):
        value = value.split(" ")[1]
    match = TIME.fullmatch(value.strip())
    if not match or int(match[1]) > 23 or int(match[2] or 0) > 59:
        return None
    return dt.time(int(match[1]), int(match[2] or 0))


def _parse_when(row, values):
    """datum, begintijd, eindtijd, hele dag and herhaling → starts_at, ends_at, all_day, rule."""
    day = parse_date(row.get("datum")) if row.get("datum") else None
    if row.get("datum") and day is None:
        row.error("datum", _("Schrijf de datum als dd-mm-jjjj, bijvoorbeeld 14-10-2026."))
    elif day is not None and not FIRST_YEAR <= day.year <= timezone.localdate().year + 10:
        row.error("datum", _("Het jaar %(year)s kan niet kloppen.") % {"year": day.year})
        day = None

    all_day_text = row.get("hele dag").lower()
    all_day = all_day_text in YES
    if all_day_text not in YES | NO | {""}:
        row.error("hele dag", _("Schrijf ja of nee."))

    start_time = end_time = None
    if row.get("begintijd"):
        start_time = _time(row.get("begintijd"))
        if start_time is None:
            row.error("begintijd", _("Schrijf de tijd als uu:mm, bijvoorbeeld 10:00."))
    elif not all_day:
        row.error("begintijd", _("Vul een begintijd in, of zet bij 'hele dag' ja."))
    if row.get("eindtijd"):
        end_time = _time(row.get("eindtijd"))
        if end_time is None:
            row.error("eindtijd", _("Schrijf de tijd als uu:mm, bijvoorbeeld 12:00."))
        elif start_time and not all_day and end_time <= start_time:
            row.error("eindtijd", _("De eindtijd ligt niet na de begintijd."))

    if day is None or (start_time is None and not all_day):
        return
    local_start = dt.datetime.combine(day, dt.time(0) if all_day else start_time)
    values["starts_at"] = aware(local_start)
    values["ends_at"] = (
        aware(dt.datetime.combine(day, end_time)) if end_time and not all_day else None
    )
    values["all_day"] = all_day
    if row.has("herhaling"):
        _parse_rule(row, values, local_start)


def _parse_rule(row, values, local_start):
    rule = row.get("herhaling").strip()
    if rule.upper().startswith("RRULE:"):
        rule = rule[6:]
    rule = rule.upper()
    if len(rule) > EventPage._meta.get_field("recurrence").max_length:
        row.error("herhaling", _("Deze herhaling is te lang."))
        return
    try:
        parsed = parse_rule(rule, local_start)
    except RecurrenceError as problem:
        row.error("herhaling", str(problem))
        return
    values["recurrence"] = rule if parsed is not None else ""


def _parse_registration(row, values):
    text = row.get("aanmelden")
    values.update(registration=Registration.NONE, registration_url="", registration_phone="")
    if not text:
        return
    url = f"https://{text}" if text.lower().startswith("www.") else text
    if "://" in url or "." in url and not PHONE.fullmatch(text):
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            row.error("aanmelden", _("“%(value)s” is geen goede link.") % {"value": text})
            return
        if len(url) > EventPage._meta.get_field("registration_url").max_length:
            row.error("aanmelden", _("Deze link is te lang."))
            return
        values.update(registration=Registration.LINK, registration_url=url)
        return
    digits = re.sub(r"\D", "", text)
    if re.fullmatch(r"[1-9]\d{8}", text):
        text = f"0{text}"  # Excel dropped the leading zero of a Dutch number
    if not PHONE.fullmatch(text) or not 6 <= len(digits) <= 15 or len(text) > 40:
        row.error(
            "aanmelden",
            _("Schrijf een link (https://...) of een telefoonnummer, bijvoorbeeld 038-123 45 67."),
        )
        return
    values.update(registration=Registration.PHONE, registration_phone=text)
