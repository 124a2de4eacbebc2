"""Demo content of the agenda: events in koploper municipalities and this year's national week.

Reads ``events/demo_data/events.yaml``. Its dates are relative (days from today, or days
after the first day of the week), so on any day the demo is loaded its agenda has something
coming up, something running now and something over (for the archive): a start before the
load day is materialised like any other, since past occurrences stay for the archive. Events
marked "(demo)" are invented examples; see the data file's header. What already exists is
left alone: running the loader twice changes nothing and never overwrites an editor's work.
"""

import datetime as dt
import logging
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Locale, Page

from core.demo import add_child, child_by_slug, read_yaml, site_home
from core.models import (
    AccessibilityFeature,
    Municipality,
    Organisation,
    TargetGroup,
    cost_from_amount,
)
from social_map.models import PlacePage

from .models import (
    EditionPage,
    EventEdition,
    EventIndexPage,
    EventPage,
    EventStatus,
    EventSubmissionPage,
    OccurrenceChange,
    OccurrenceException,
    Registration,
)
from .recurrence import RecurrenceError, aware, expand
from .setup import moderate

logger = logging.getLogger(__name__)

DATA_FILE = Path(__file__).resolve().parent / "demo_data" / "events.yaml"
APPS_DIR = Path(__file__).resolve().parent.parent
# Where the other loaders keep the municipalities an event may name.
MUNICIPALITY_FILES = [
    APPS_DIR / "koplopers" / "demo_data" / "koplopers.yaml",
    APPS_DIR / "social_map" / "demo_data" / "places.yaml",
]
AGENDA_SLUG = "agenda"
SUBMISSION_SLUG = "aanmelden"
PRIVACY_SLUG = "privacy"

AGENDA_INTRO = (
    "Wat is er te doen bij u in de buurt? In deze agenda vindt u activiteiten waar u andere "
    "mensen kunt ontmoeten. De activiteiten met (demo) zijn voorbeelden."
)
EDITION_INTRO = (
    "<p>Op deze pagina ziet u welke activiteiten er in deze week zijn, en waar. "
    "Gebruik het gerust voor een nieuwsbrief of een bericht aan de pers. "
    "De activiteiten met (demo) zijn voorbeelden.</p>"
)
SUBMISSION_INTRO = (
    "<p>Organiseert u iets waar mensen elkaar kunnen ontmoeten? Meld het hier aan. "
    "Iemand van de redactie kijkt uw aanmelding eerst na. Daarna zetten we de activiteit in "
    "de agenda.</p><p>Uw naam, e-mailadres en telefoonnummer komen niet op de website. We "
    "gebruiken ze alleen als we een vraag hebben over uw aanmelding.</p>"
)
SUBMISSION_THANKS = (
    "<p>Bedankt voor uw aanmelding! Iemand van de redactie kijkt hem zo snel mogelijk na. "
    "Daarna ziet u de activiteit in de agenda. Hebben we een vraag? Dan nemen we contact met "
    "u op.</p>"
)


class Loader:
    """One run of the loader: the lookups it needs, and where its warnings go."""

    def __init__(self, data, stdout=None):
        self.data = data
        self.stdout = stdout
        self.today = timezone.localdate()
        self.nl = Locale.objects.get(language_code="nl")
        self.municipalities = {}
        self.organisations = {t.slug: t for t in Organisation.objects.filter(locale=self.nl)}
        self.groups = {t.slug: t for t in TargetGroup.objects.filter(locale=self.nl)}
        self.features = {t.slug: t for t in AccessibilityFeature.objects.filter(locale=self.nl)}
        self.warned = set()

    def warn(self, message):
        if message in self.warned:
            return
        self.warned.add(message)
        if self.stdout:
            self.stdout.write(f"Agenda: {message}\n")
        else:
            logger.warning("Agenda: %s", message)

    # --- lookups ---------------------------------------------------------------
    def municipality(self, key):
        """The municipality with slug ``key``; created from the other demo files if missing."""
        if not key:
            return None
        if key not in self.municipalities:
            self.municipalities[key] = self._find_municipality(key)
        return self.municipalities[key]

    def _find_municipality(self, key):
        found = Municipality.objects.filter(slug=key).first()
        if found:
            return found
        for path in MUNICIPALITY_FILES:
            for item in read_yaml(path).get("municipalities", []):
                if item.get("key") != key:
                    continue
                query = Q(name=item["name"])
                if item.get("cbs_code"):
                    query |= Q(cbs_code=item["cbs_code"])
                found = Municipality.objects.filter(query).first()
                if found:
                    return found
                return Municipality.objects.create(
                    name=item["name"],
                    slug=key,
                    cbs_code=item.get("cbs_code"),
                    province=item.get("province", ""),
                    latitude=item.get("latitude"),
                    longitude=item.get("longitude"),
                )
        self.warn(f"gemeente '{key}' bestaat niet; de activiteit krijgt geen gemeente.")
        return None

    def place(self, key):
        if not key:
            return None
        place = (
            PlacePage.objects.filter(locale=self.nl)
            .filter(Q(external_id=key) | Q(slug=key))
            .first()
        )
        if place is None:
            self.warn(f"plek '{key}' staat niet op de sociale kaart; we gebruiken het adres.")
        return place

    def term(self, terms, key, kind):
        if key in terms:
            return terms[key]
        self.warn(f"{kind} '{key}' bestaat niet en is overgeslagen.")
        return None

    def terms(self, terms, keys, kind):
        found = (self.term(terms, key, kind) for key in keys or [])
        return [term for term in found if term is not None]

    # --- dates -----------------------------------------------------------------
    def edition(self):
        spec = self.data.get("edition")
        if not spec:
            return None
        year = self.today.year
        slug = f"{spec['key']}-{year}"
        edition = EventEdition.objects.filter(slug=slug, locale=self.nl).first()
        if edition:
            return edition
        starts_on = month_day(spec["starts"], year)
        ends_on = month_day(spec["ends"], year)
        if ends_on < starts_on:  # a week across New Year
            ends_on = month_day(spec["ends"], year + 1)
        return EventEdition.objects.create(
            slug=slug,
            locale=self.nl,
            name=f"{spec['name']} {year}",
            starts_on=starts_on,
            ends_on=ends_on,
            theme=spec.get("theme", ""),
            description=spec.get("description", ""),
        )

    def start_date(self, start, edition):
        if "edition_day" in start:
            if edition is None:
                raise ValueError("edition_day without an edition")
            return edition.starts_on + dt.timedelta(days=start["edition_day"])
        return self.today + dt.timedelta(days=start.get("days", 0))

    def times(self, item, edition):
        start, end = item["start"], item.get("end") or {}
        start_date = self.start_date(start, edition)
        starts_at = aware(dt.datetime.combine(start_date, clock(start.get("time"))))
        if not end.get("time"):
            return starts_at, None
        end_date = start_date + dt.timedelta(days=end.get("days_after_start", 0))
        return starts_at, aware(dt.datetime.combine(end_date, clock(end["time"])))

    def exceptions(self, item, starts_at, ends_at):
        """The exceptions of a recurring event, each placed on the occurrence it changes."""
        specs = item.get("exceptions") or []
        if not specs:
            return []
        rule = item.get("recurrence") or ""
        if not rule:
            self.warn(f"'{item['key']}' heeft uitzonderingen maar geen herhaling.")
            return []
        result = []
        for spec in specs:
            index = spec.get("occurrence", 0)
            kind = spec.get("kind", OccurrenceChange.CANCELLED)
            try:
                series = expand(starts_at, ends_at, rule, window_start=starts_at, limit=index + 1)
            except RecurrenceError:
                self.warn(f"de herhaling van '{item['key']}' is onleesbaar.")
                return []
            if len(series) <= index or kind not in OccurrenceChange.values:
                self.warn(f"uitzondering {index} van '{item['key']}' is overgeslagen.")
                continue
            original = series[index].original_start
            new_start = None
            if kind == OccurrenceChange.MOVED:
                new_date = original.date() + dt.timedelta(days=spec.get("moved_days", 0))
                moved_time = (
                    clock(spec["moved_time"]) if spec.get("moved_time") else original.time()
                )
                new_start = aware(dt.datetime.combine(new_date, moved_time))
            result.append(
                OccurrenceException(
                    original_start=original,
                    change=kind,
                    new_start=new_start,
                    note=spec.get("note", ""),
                )
            )
        return result

    # --- pages -----------------------------------------------------------------
    def event(self, item, edition):
        address = item.get("address") or {}
        first_time = item.get("first_time") or {}
        registration = item.get("registration") or {}
        place = self.place(item.get("place"))
        municipality = self.municipality(item.get("municipality"))
        latitude, longitude = item.get("latitude"), item.get("longitude")
        if place is not None:
            municipality = place.municipality or municipality
            latitude, longitude = place.latitude, place.longitude
        starts_at, ends_at = self.times(item, edition)
        status = item.get("status") or EventStatus.SCHEDULED
        if status not in EventStatus.values:
            self.warn(f"status '{status}' van '{item['key']}' bestaat niet; het wordt 'gaat door'.")
            status = EventStatus.SCHEDULED
        kind = registration.get("kind") or Registration.NONE
        if kind not in Registration.values:
            kind = Registration.NONE
        languages = item.get("languages") or []
        is_free, price = cost(item.get("cost"))
        page = EventPage(
            title=item["title"],
            slug=item["key"],
            external_id=item["key"],
            summary=item["summary"],
            description=paragraphs(item.get("description")),
            starts_at=starts_at,
            ends_at=ends_at,
            all_day=bool(item.get("all_day")),
            recurrence=(item.get("recurrence") or "").strip().upper(),
            status=status,
            status_note=item.get("status_note") or "",
            edition=edition if item.get("edition") else None,
            place=place,
            location_name="" if place else address.get("location_name", ""),
            street="" if place else address.get("street", ""),
            house_number="" if place else str(address.get("number") or ""),
            postcode="" if place else address.get("postcode", ""),
            city="" if place else address.get("city", ""),
            municipality=municipality,
            latitude=latitude,
            longitude=longitude,
            online_url=item.get("online_url") or "",
            organiser=self.term(self.organisations, item["organisation"], "organisatie")
            if item.get("organisation")
            else None,
            is_free=is_free,
            price=price,
            registration=kind,
            registration_url=registration.get("url") or "",
            registration_phone=registration.get("phone") or "",
            can_come_alone=first_time.get("can_come_alone", True),
            welcome_at_door=first_time.get("welcome_at_door", False),
            may_bring_someone=first_time.get("may_bring_someone", True),
            how_to_get_there=first_time.get("how_to_get_there") or "",
            what_to_bring=first_time.get("what_to_bring") or "",
            languages=languages if isinstance(languages, str) else ", ".join(languages),
            last_checked=self.today,
            search_description=item["summary"][:160],
        )
        page.target_groups = self.terms(self.groups, item.get("target_groups"), "doelgroep")
        page.accessibility = self.terms(
            self.features, item.get("accessibility"), "toegankelijkheidskenmerk"
        )
        page.occurrence_exceptions = self.exceptions(item, starts_at, ends_at)
        return page


def month_day(text, year):
    month, day = (int(part) for part in str(text).split("-"))
    return dt.date(year, month, day)


def clock(text):
    return dt.time.fromisoformat(str(text)) if text else dt.time(0, 0)


def cost(value):
    """(is_free, price) of ``cost:``: "free", an amount (2.50), a text ("€ 3, koffie
    inbegrepen") or nothing (unknown)."""
    if value in ("free", "gratis"):
        return True, ""
    if isinstance(value, int | float | Decimal):
        return cost_from_amount(value)
    if not value:
        return None, ""
    return False, str(value)


def paragraphs(text):
    if not text:
        return ""
    items = text if isinstance(text, list) else [text]
    return "".join(f"<p>{escape(item)}</p>" for item in items)


def agenda_page(home):
    agenda = child_by_slug(home, AGENDA_SLUG)
    if agenda is None:
        agenda = add_child(
            home,
            EventIndexPage(
                title="Agenda",
                slug=AGENDA_SLUG,
                show_in_menus=True,
                intro=AGENDA_INTRO,
                search_description="Activiteiten bij u in de buurt waar u andere mensen ontmoet.",
            ),
        )
    return agenda


def edition_page(agenda, edition, body_spec=(), form=None):
    """The page of the week, with its campaign blocks; an existing page is left alone."""
    page = child_by_slug(agenda, edition.slug)
    if page is None:
        # The edition's own description is shown above the intro already.
        page = add_child(
            agenda,
            EditionPage(
                title=edition.name,
                slug=edition.slug,
                edition=edition,
                intro=EDITION_INTRO,
                body=edition_body(body_spec, form),
                search_description=f"Alle activiteiten in de {edition.name}."[:160],
            ),
        )
    return page


def edition_body(spec, form=None):
    """The campaign blocks of the edition page from the data file's ``edition.body``.

    The call to action goes to the announcement form; the events block names no edition, so
    it shows the page's own week.
    """
    body = []
    for item in spec or []:
        kind = item["type"]
        if kind == "cta_band":
            if form is None:
                continue
            button = {"label": item["button"], "page": form, "url": ""}
            value = {"title": item["title"], "text": item.get("text", ""), "buttons": [button]}
        elif kind == "events":
            value = {"heading": item["heading"], "limit": item.get("limit", 6)}
        elif kind == "faq":
            value = {"title": item["title"], "items": item["items"]}
        else:
            raise ValueError(f"unknown block type {kind!r} in edition.body")
        body.append((kind, value))
    return body


def submission_page(agenda, nl):
    page = child_by_slug(agenda, SUBMISSION_SLUG)
    if page is None:
        privacy = Page.objects.filter(slug=PRIVACY_SLUG, locale=nl).first()
        page = add_child(
            agenda,
            EventSubmissionPage(
                title="Activiteit aanmelden",
                slug=SUBMISSION_SLUG,
                intro=SUBMISSION_INTRO,
                thank_you_text=SUBMISSION_THANKS,
                privacy_page=privacy,
                search_description="Zet uw activiteit in de agenda: meld hem hier aan.",
            ),
        )
    return page


def ensure_moderation(agenda):
    """Announcements wait for a moderator: the agenda made here gets the agenda's workflow.

    The workflow itself is reference data (``events.setup``, run by ``manage.py setup``);
    this attaches it to the demo's new agenda unless the agenda has a workflow of its own.
    """
    return moderate(agenda)


def load(stdout=None):
    data = read_yaml(DATA_FILE)
    loader = Loader(data, stdout)
    home = site_home(loader.nl)
    if home is None:
        loader.warn("er is geen Nederlandse startpagina; er is niets aangemaakt.")
        return 0
    agenda = agenda_page(home)
    if not isinstance(agenda, EventIndexPage):
        loader.warn(f"/{AGENDA_SLUG}/ is al een andere soort pagina; er is niets aangemaakt.")
        return 0
    edition = loader.edition()
    form = submission_page(agenda, loader.nl)
    if edition is not None:
        edition_page(agenda, edition, data.get("edition", {}).get("body"), form)
    ensure_moderation(agenda)

    keys = [item["key"] for item in data.get("events", [])]
    existing = set(
        EventPage.objects.filter(locale=loader.nl, external_id__in=keys).values_list(
            "external_id", flat=True
        )
    ) | set(agenda.get_children().filter(slug__in=keys).values_list("slug", flat=True))
    created = 0
    for item in data.get("events", []):
        if item["key"] in existing:
            continue
        try:
            with transaction.atomic():
                add_child(agenda, loader.event(item, edition))
        except (KeyError, ValueError, TypeError, ValidationError) as error:
            loader.warn(f"'{item.get('key')}' is overgeslagen: {error!r}.")
            continue
        created += 1
    if stdout:
        stdout.write(f"Agenda: {created} activiteiten aangemaakt, de rest bestond al.\n")
    return created
