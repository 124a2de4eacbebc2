"""Events: what is on, when and where, and the Week tegen Eenzaamheid.

An event is a page (workflows, revisions, scheduled publishing, translation, search). Its
dates are expanded once, on publish, into ``EventOccurrence`` rows, so that every list,
calendar, map and feed filters and pages in the database and never expands a rule per request.
"""

import datetime as dt

from django import forms
from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES
from core.models import BasePage

from .forms import EventPageForm
from .recurrence import AMSTERDAM
from .widgets import RecurrenceWidget

# Routes of the agenda: an event with one of these slugs could never be reached.
RESERVED_SLUGS = frozenset({"archief", "ical", "geojson", "programma"})


def last_checked_reminder_days():
    return getattr(settings, "EVENTS_REMIND_AFTER_DAYS", 60)


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("gaat door")
    CANCELLED = "cancelled", _("afgelast")
    FULL = "full", _("vol")
    MOVED = "moved", _("verplaatst")


class Registration(models.TextChoices):
    NONE = "none", _("aanmelden is niet nodig")
    LINK = "link", _("aanmelden via een website")
    PHONE = "phone", _("aanmelden door te bellen")


class EventEdition(TranslatableMixin, index.Indexed, models.Model):
    """One year of a national campaign such as the Week tegen Eenzaamheid."""

    name = models.CharField(
        _("naam"),
        max_length=120,
        help_text=_("Zoals bezoekers hem zien, bijvoorbeeld 'Week tegen Eenzaamheid 2026'."),
    )
    slug = models.SlugField(
        _("korte naam voor webadressen"),
        max_length=120,
        help_text=_("Kleine letters en streepjes, bijvoorbeeld 'week-tegen-eenzaamheid-2026'."),
    )
    starts_on = models.DateField(_("eerste dag"), help_text=_("De eerste dag van de week."))
    ends_on = models.DateField(_("laatste dag"), help_text=_("De laatste dag van de week."))
    theme = models.CharField(
        _("thema"),
        max_length=200,
        blank=True,
        help_text=_("Het thema of de slogan van dit jaar, als er een is."),
    )
    description = models.TextField(
        _("beschrijving"),
        blank=True,
        help_text=_("Twee of drie zinnen: wat is deze week en wat kunnen mensen doen?"),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("theme"),
        FieldPanel("description"),
    ]
    search_fields = [index.SearchField("name"), index.FilterField("locale_id")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("editie van een landelijke week")
        verbose_name_plural = _("edities van landelijke weken")
        ordering = ["-starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_eventedition_slug_per_locale"
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("De laatste dag ligt vóór de eerste dag.")})


class EventIndexPage(RoutablePageMixin, BasePage):
    """The agenda: upcoming occurrences as a list, a month calendar and a map, and their feeds."""

    intro = models.TextField(
        _("inleiding"),
        blank=True,
        help_text=_("Eén of twee zinnen boven de agenda: wat vindt de bezoeker hier?"),
    )
    per_page = models.PositiveSmallIntegerField(
        _("activiteiten per pagina"),
        default=20,
        validators=[MinValueValidator(1)],
        help_text=_("Hoeveel data op één pagina van de lijst staan."),
    )

    parent_page_types = ["home.HomePage"]
    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("per_page")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agenda's")

    def events(self):
        """The events residents may see: live and public, in this agenda."""
        return EventPage.objects.child_of(self).live().public()

    @path("")
    def index_route(self, request):
        from .views import event_list

        return event_list(self, request)

    @path("archief/")
    def archive_route(self, request):
        from .views import event_archive

        return event_archive(self, request)

    @path("ical/")
    def feed_route(self, request):
        from .calendar import feed

        return feed(self, request)

    @path("geojson/")
    def map_data_route(self, request):
        from .views import event_map_data

        return event_map_data(self, request)

    @path("programma/")
    def programme_route(self, request):
        from .printing import programme

        return programme(self, request)


class EventPage(RoutablePageMixin, BasePage):
    summary = models.CharField(
        _("korte omschrijving"),
        max_length=250,
        help_text=_("Eén zin: wat gaat er gebeuren? Staat ook in de agenda en op de poster."),
    )
    description = RichTextField(
        _("meer uitleg"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Optioneel: het programma, wie er komen, wat er te doen is."),
    )
    starts_at = models.DateTimeField(
        _("begint op"),
        help_text=_(
            "Datum en tijd van de (eerste) keer, Nederlandse tijd. Bij een hele dag telt alleen de datum."
        ),
    )
    ends_at = models.DateTimeField(
        _("eindigt op"),
        null=True,
        blank=True,
        help_text=_("Wanneer is het afgelopen? Leeg: we tonen alleen de begintijd."),
    )
    all_day = models.BooleanField(
        _("de hele dag"),
        default=False,
        help_text=_("Vink aan voor iets dat de hele dag loopt, zoals een kaartjesactie."),
    )
    recurrence = models.CharField(
        _("herhaling"),
        max_length=300,
        blank=True,
        help_text=_(
            "Komt het vaker terug? Kies hoe vaak en tot wanneer. Bezoekers lezen het in gewone "
            "woorden, met de eerstvolgende data. Eén keer anders (afgelast, verplaatst)? Voeg "
            "hieronder een afwijkende keer toe."
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=EventStatus.choices,
        default=EventStatus.SCHEDULED,
        help_text=_("Afgelast, vol of verplaatst? Dat staat dan groot bovenaan en in de agenda."),
    )
    status_note = models.CharField(
        _("toelichting bij de status"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld 'Wegens ziekte van de kok' of 'Nu in de bibliotheek'."),
    )
    edition = models.ForeignKey(
        EventEdition,
        verbose_name=_("landelijke week"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_("Hoort dit bij een landelijke week, zoals de Week tegen Eenzaamheid?"),
    )
    place = models.ForeignKey(
        "social_map.PlacePage",
        verbose_name=_("plek van de sociale kaart"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_(
            "Is het op een plek van de sociale kaart? Kies die plek; dan hoeft u geen adres in te vullen."
        ),
    )
    location_name = models.CharField(
        _("naam van de locatie"),
        max_length=150,
        blank=True,
        help_text=_("Bijvoorbeeld 'Buurthuis De Linde'. Alleen als u geen plek kiest."),
    )
    street = models.CharField(_("straat"), max_length=120, blank=True)
    house_number = models.CharField(
        _("huisnummer"), max_length=20, blank=True, help_text=_("Met toevoeging, bijvoorbeeld 12a.")
    )
    postcode = models.CharField(
        _("postcode"), max_length=7, blank=True, help_text=_("Bijvoorbeeld 5211 AB.")
    )
    city = models.CharField(_("plaats"), max_length=80, blank=True)
    municipality = models.ForeignKey(
        "core.Municipality",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_(
            "In welke gemeente is het? Bij een plek van de sociale kaart nemen we die gemeente over."
        ),
    )
    latitude = models.FloatField(
        _("breedtegraad"),
        null=True,
        blank=True,
        help_text=_("Wordt bij opslaan ingevuld uit het adres of de plek."),
    )
    longitude = models.FloatField(
        _("lengtegraad"),
        null=True,
        blank=True,
        help_text=_("Wordt bij opslaan ingevuld uit het adres of de plek."),
    )
    online_url = models.URLField(
        _("online meedoen"),
        blank=True,
        help_text=_("Kan het ook online, of alleen online? Zet hier de link naar de videoruimte."),
    )
    organiser = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_("Welke organisatie organiseert het?"),
    )
    target_groups = ParentalManyToManyField(
        "core.TargetGroup",
        verbose_name=_("doelgroepen"),
        blank=True,
        related_name="events",
        help_text=_("Voor wie is het vooral? Leeg: voor iedereen."),
    )
    price = models.DecimalField(
        _("prijs in euro"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Leeg of 0 betekent gratis. Bijvoorbeeld 3,50."),
    )
    registration = models.CharField(
        _("aanmelden"),
        max_length=5,
        choices=Registration.choices,
        default=Registration.NONE,
        help_text=_("Moeten mensen zich aanmelden, en hoe?"),
    )
    registration_url = models.URLField(
        _("website om aan te melden"),
        blank=True,
        help_text=_("Alleen bij aanmelden via een website."),
    )
    registration_phone = models.CharField(
        _("telefoon om aan te melden"),
        max_length=40,
        blank=True,
        help_text=_("Alleen bij aanmelden door te bellen."),
    )
    accessibility = ParentalManyToManyField(
        "core.AccessibilityFeature",
        verbose_name=_("toegankelijkheid"),
        blank=True,
        related_name="events",
        help_text=_("Vink alleen aan wat u zeker weet."),
    )
    can_come_alone = models.BooleanField(
        _("u kunt alleen komen"), default=True, help_text=_("Is iedereen welkom, ook alleen?")
    )
    welcome_at_door = models.BooleanField(
        _("iemand vangt u op"),
        default=False,
        help_text=_("Staat er iemand bij de deur om nieuwe mensen welkom te heten?"),
    )
    may_bring_someone = models.BooleanField(
        _("u mag iemand meenemen"),
        default=True,
        help_text=_("Mag een bezoeker een buur, vriend of familielid meenemen?"),
    )
    how_to_get_there = models.CharField(
        _("hoe komt u er"),
        max_length=250,
        blank=True,
        help_text=_("Bus, parkeren, de ingang. Bijvoorbeeld 'Bushalte Markt, 2 minuten lopen'."),
    )
    what_to_bring = models.CharField(
        _("wat neemt u mee"),
        max_length=250,
        blank=True,
        help_text=_("Bijvoorbeeld 'Niets' of 'Stevige schoenen en een flesje water'."),
    )
    languages = models.CharField(
        _("talen"),
        max_length=200,
        default="Nederlands",
        blank=True,
        help_text=_("Welke talen worden er gesproken? Scheid met komma's."),
    )
    last_checked = models.DateField(
        _("laatst gecontroleerd"),
        default=dt.date.today,
        help_text=_(
            "Wanneer heeft iemand gecontroleerd dat alles nog klopt? Bezoekers zien deze datum."
        ),
    )
    external_id = models.CharField(
        _("kenmerk uit de import"),
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_("Het vaste kenmerk uit uw spreadsheet, zodat een nieuwe import dit bijwerkt."),
    )

    # Dates with these statuses do not go ahead: nothing to go to or to invite anyone to.
    GONE_STATUSES = ("cancelled", "postponed")

    base_form_class = EventPageForm
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("all_day"),
                FieldPanel("recurrence", widget=RecurrenceWidget),
                InlinePanel("occurrence_exceptions", label=_("Afwijkende keer")),
            ],
            heading=_("Wanneer"),
        ),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("status_note"), FieldPanel("edition")],
            heading=_("Status"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("place"),
                FieldPanel("location_name"),
                FieldRowPanel([FieldPanel("street"), FieldPanel("house_number")]),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
                FieldPanel("municipality"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("online_url"),
            ],
            heading=_("Waar"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("organiser"),
                FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel("price"),
                FieldPanel("registration"),
                FieldRowPanel([FieldPanel("registration_url"), FieldPanel("registration_phone")]),
                FieldPanel("accessibility", widget=forms.CheckboxSelectMultiple),
                FieldPanel("languages"),
            ],
            heading=_("Voor wie, kosten en aanmelden"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("can_come_alone"),
                        FieldPanel("welcome_at_door"),
                        FieldPanel("may_bring_someone"),
                    ]
                ),
                FieldPanel("how_to_get_there"),
                FieldPanel("what_to_bring"),
            ],
            heading=_("De eerste keer"),
        ),
        MultiFieldPanel(
            [FieldPanel("last_checked"), FieldPanel("external_id")],
            heading=_("Actueel houden"),
        ),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("location_name"),
        index.SearchField("city"),
        index.FilterField("municipality"),
        index.FilterField("status"),
    ]

    class Meta:
        verbose_name = _("activiteit in de agenda")
        verbose_name_plural = _("activiteiten in de agenda")

    # --- derived facts -------------------------------------------------------
    @property
    def is_free(self):
        return not self.price

    @property
    def is_recurring(self):
        return bool(self.recurrence)

    @property
    def address_line(self):
        if self.place_id:
            return self.place.address_line
        parts = [
            f"{self.street} {self.house_number}".strip(),
            f"{self.postcode} {self.city}".strip(),
        ]
        return ", ".join(part for part in parts if part)

    @property
    def coordinates(self):
        """(latitude, longitude), from the place of the sociale kaart when there is one."""
        if self.place_id and self.place.latitude is not None:
            return self.place.latitude, self.place.longitude
        if self.latitude is not None and self.longitude is not None:
            return self.latitude, self.longitude
        return None

    @property
    def place_for_visitors(self):
        """The sociale kaart page to link to, if residents can open it (live, not hidden)."""
        place = self.place if self.place_id else None
        if place is None or not place.live or place.is_hidden_as_stale:
            return None
        return place

    @property
    def venue_name(self):
        return self.place.title if self.place_id else self.location_name

    @property
    def duration(self):
        if self.ends_at and self.ends_at > self.starts_at:
            return self.ends_at - self.starts_at
        return None

    @cached_property
    def upcoming_occurrences(self):
        """The next dates (at most six) from the published rows; none for a page never saved."""
        if not self.pk:
            return []
        return list(self.occurrences.filter(ends_at__gte=timezone.now()).order_by("starts_at")[:6])

    @property
    def next_occurrence(self):
        upcoming = self.upcoming_occurrences
        return upcoming[0] if upcoming else None

    @cached_property
    def last_occurrence(self):
        """The last date that went ahead (not cancelled or postponed), else the first date.

        Always an occurrence, saved or not, so templates and JSON-LD read one shape.
        """
        last = None
        if self.pk:
            last = (
                self.occurrences.filter(starts_at__lte=timezone.now())
                .exclude(status__in=self.GONE_STATUSES)
                .order_by("-starts_at", "-pk")
                .first()
            )
        return last or self._first_date()

    @cached_property
    def is_over(self):
        """No date is coming any more. The page stays, for the archive and for old links."""
        return (
            not self.upcoming_occurrences
            and self.starts_at is not None
            and self.starts_at <= timezone.now()
        )

    def _first_date(self):
        if self.starts_at is None:
            return None
        ends_at = self.ends_at if self.ends_at and self.ends_at > self.starts_at else self.starts_at
        return EventOccurrence(
            starts_at=self.starts_at,
            ends_at=ends_at,
            original_start=self.starts_at,
            all_day=self.all_day,
            status=self.status,
            note=self.status_note if self.status != EventStatus.SCHEDULED else "",
        )

    def show_dates_as_entered(self):
        """Show the dates of this version of the page, not the rows of the published one.

        For a preview and a draft: the rows are built only on publish, and may not exist yet
        (a new page, or a resident's announcement waiting for a moderator) or be out of date.
        The rows are made by the same code that publishing uses, without saving them.
        """
        from .occurrences import occurrences_for

        now = timezone.now()
        rows = []
        # A page in the tree, or a new one in preview (Wagtail gives it a path under the agenda).
        if self.starts_at is not None and self.depth:
            rows = occurrences_for(self, now=now, agenda_id=self.get_parent().pk)
        rows.sort(key=lambda row: row.starts_at)
        upcoming = [row for row in rows if row.ends_at >= now]
        went_ahead = [
            row for row in rows if row.starts_at <= now and row.status not in self.GONE_STATUSES
        ]
        self.upcoming_occurrences = upcoming[:6]
        self.last_occurrence = went_ahead[-1] if went_ahead else self._first_date()
        self.__dict__.pop("is_over", None)

    def coming_up(self, request, limit=3):
        """What to go to instead: (dates, nearby).

        Other events soon at the same place of the sociale kaart, then in the same
        municipality (``nearby`` is True); with nothing nearby, the next events of the whole
        agenda, so a visitor who arrives at a past event always sees somewhere to go. Each
        event once, with its next date; one query per list (and one for view restrictions).
        """
        from django.db.models import Case, Q, Value, When

        from .filters import event_url

        agenda = self.get_parent() if self.depth else None
        if agenda is None:
            return [], False
        municipality_id = self.municipality_id
        if municipality_id is None and self.place_id:
            municipality_id = self.place.municipality_id
        where = Q()
        if self.place_id:
            where |= Q(event__place_id=self.place_id)
        if municipality_id:
            where |= Q(municipality_id=municipality_id)
        # Same place first, then the rest of the municipality.
        same_place = Value(1)
        if self.place_id:
            same_place = Case(When(event__place_id=self.place_id, then=Value(0)), default=Value(1))
        rows = self._next_dates(agenda, where, same_place, limit) if where else []
        nearby = bool(rows)
        if not nearby:
            rows = self._next_dates(agenda, Q(), Value(1), limit)
        agenda_url = agenda.get_url(request)
        for row in rows:
            row.url = event_url(agenda_url, row.event.slug)
        return rows, nearby

    def _coming_up_context(self, request):
        if not self.is_over:
            return {"coming_up": [], "coming_up_nearby": False}
        rows, nearby = self.coming_up(request)
        return {"coming_up": rows, "coming_up_nearby": nearby}

    def _next_dates(self, agenda, where, order_first, limit):
        """The next date of each other live, public event of ``agenda`` matching ``where``."""
        from django.db.models import F, Window
        from django.db.models.functions import RowNumber

        return list(
            EventOccurrence.objects.filter(
                where,
                agenda_id=agenda.pk,
                ends_at__gte=timezone.now(),
                event__in=EventPage.objects.live().public(),
            )
            .exclude(status__in=self.GONE_STATUSES)
            .exclude(event_id=self.pk)
            .annotate(
                order_first=order_first,
                rank=Window(
                    RowNumber(), partition_by=[F("event_id")], order_by=[F("starts_at"), F("pk")]
                ),
            )
            .filter(rank=1)
            .select_related("event", "event__place", "municipality")
            .order_by("order_first", "starts_at", "pk")[:limit]
        )

    def recurrence_text(self):
        from .recurrence import describe

        return describe(self.recurrence, self.starts_at) if self.recurrence else ""

    def get_context(self, request, *args, **kwargs):
        from core.i18n import active_locale, localize_all

        from .calendar import json_ld
        from .printing import _next_to_invite_to

        if not self.pk or getattr(request, "is_preview", False):
            self.show_dates_as_entered()
        context = super().get_context(request, *args, **kwargs)
        locale = active_locale(request)
        occurrences = self.upcoming_occurrences
        if not occurrences and not self.is_over:
            # Still to come, but no rows (yet): the date as announced.
            occurrences = [date for date in [self._first_date()] if date]
        context.update(
            target_groups=localize_all(self.target_groups.all(), locale),
            accessibility_terms=localize_all(self.accessibility.all(), locale),
            organiser=localize_all([self.organiser], locale)[0] if self.organiser_id else None,
            occurrences=occurrences,
            invite_occurrence=_next_to_invite_to(occurrences),
            is_over=self.is_over,
            last_occurrence=self.last_occurrence if self.is_over else None,
            **self._coming_up_context(request),
            agenda=self.get_parent() if self.depth else None,
            json_ld=json_ld(self, request),
        )
        return context

    @path("ical/")
    def ics_route(self, request):
        from .calendar import event_ics

        return event_ics(self, request)

    @path("uitnodiging/")
    def invitation_route(self, request):
        from .printing import invitation

        return invitation(self, request)

    @path("poster/")
    def poster_route(self, request):
        from .printing import poster

        return poster(self, request)


class OccurrenceChange(models.TextChoices):
    CANCELLED = "cancelled", _("gaat niet door")
    MOVED = "moved", _("verplaatst")
    POSTPONED = "postponed", _("uitgesteld tot nader bericht")


class OccurrenceException(Orderable):
    """One date of a recurring event that differs: cancelled, moved, or postponed."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="occurrence_exceptions")
    original_start = models.DateTimeField(
        _("de keer die anders is"),
        help_text=_("De datum en begintijd zoals die in de herhaling staan."),
    )
    change = models.CharField(
        _("wat verandert er"),
        max_length=10,
        choices=OccurrenceChange.choices,
        default=OccurrenceChange.CANCELLED,
    )
    new_start = models.DateTimeField(
        _("nieuwe begintijd"),
        null=True,
        blank=True,
        help_text=_("Alleen bij verplaatsen: de nieuwe datum en tijd."),
    )
    note = models.CharField(
        _("toelichting"),
        max_length=150,
        blank=True,
        help_text=_("Bijvoorbeeld 'Tweede Kerstdag' of 'Nu in de grote zaal'."),
    )

    panels = [
        FieldRowPanel([FieldPanel("original_start"), FieldPanel("change")]),
        FieldRowPanel([FieldPanel("new_start"), FieldPanel("note")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("afwijkende keer")
        verbose_name_plural = _("afwijkende keren")


class EventOccurrence(models.Model):
    """One date of one event, expanded on publish. Lists, feeds and maps read only this table.

    Municipality, price and coordinates are copied from the event so that filters need no join.
    """

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="occurrences")
    agenda = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The agenda the event is in, so lists need no page-tree subquery.",
    )
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField(db_index=True)
    original_start = models.DateTimeField(
        help_text="Where the rule put this occurrence; the iCalendar RECURRENCE-ID and UID."
    )
    all_day = models.BooleanField(default=False)
    status = models.CharField(max_length=12, default="scheduled")
    note = models.CharField(max_length=200, blank=True)
    municipality = models.ForeignKey(
        "core.Municipality", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_free = models.BooleanField(default=True)
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        # Chosen with EXPLAIN on 35,000 dates: ordered scans by start (the list stops after
        # one page; the end is checked inside the index), and municipality lists by range.
        # An (agenda, ends_at) index tempts the planner into sorting every upcoming date.
        indexes = [
            models.Index(fields=["agenda", "starts_at", "ends_at"]),
            models.Index(fields=["agenda", "municipality", "ends_at"]),
            models.Index(fields=["event", "starts_at"]),
        ]

    def __str__(self):
        return f"{self.event_id} @ {self.starts_at.isoformat()}"

    @property
    def local_start(self):
        return timezone.localtime(self.starts_at, AMSTERDAM)

    @property
    def local_end(self):
        return timezone.localtime(self.ends_at, AMSTERDAM)

    @property
    def is_moved(self):
        return self.status == "moved"

    @property
    def is_cancelled(self):
        return self.status == "cancelled"


class EditionPage(BasePage):
    """One edition of a national week, for communicators and the press: dates, theme, counts, map."""

    edition = models.ForeignKey(
        EventEdition,
        verbose_name=_("editie"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Over welke week gaat deze pagina? De cijfers en de kaart komen daaruit."),
    )
    intro = RichTextField(
        _("inleiding"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Wat wilt u pers en communicatiemedewerkers over deze week vertellen?"),
    )

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    content_panels = [*BasePage.content_panels, FieldPanel("edition"), FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("overzicht van een landelijke week")
        verbose_name_plural = _("overzichten van landelijke weken")

    def get_context(self, request, *args, **kwargs):
        from .editions import edition_summary

        context = super().get_context(request, *args, **kwargs)
        context["summary"] = edition_summary(self, request)
        return context


class EventSubmissionPage(BasePage):
    """The public form where organisations announce an event; it becomes a draft for moderation."""

    intro = RichTextField(
        _("inleiding"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Wat gebeurt er met een aanmelding, en hoe snel? Staat boven het formulier."),
    )
    thank_you_text = RichTextField(
        _("tekst na het versturen"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Wat ziet iemand na het versturen? Bijvoorbeeld wanneer het online staat."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacyverklaring"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("De pagina waar staat wat wij met de contactgegevens doen."),
    )

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("thank_you_text"),
        FieldPanel("privacy_page"),
    ]

    class Meta:
        verbose_name = _("formulier om een activiteit aan te melden")
        verbose_name_plural = _("formulieren om activiteiten aan te melden")

    def serve(self, request, *args, **kwargs):
        from .submissions import serve_submission_page

        return serve_submission_page(self, request)


class EventSubmission(models.Model):
    """Who announced an event, kept apart from the page so it is never published or revisioned.

    Deleted after ``EVENTS_SUBMISSION_RETENTION_DAYS`` by ``delete_expired_submissions``.
    """

    event = models.OneToOneField(
        EventPage,
        verbose_name=_("activiteit"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="submission",
    )
    submitter_name = models.CharField(_("naam"), max_length=120)
    organisation_name = models.CharField(_("organisatie"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    consented_at = models.DateTimeField(_("toestemming gegeven op"))
    submitted_at = models.DateTimeField(_("verstuurd op"), default=timezone.now, db_index=True)
    possible_duplicates = models.ManyToManyField(
        EventPage,
        verbose_name=_("lijkt op"),
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["-submitted_at"]

    def __str__(self):
        return f"{self.submitter_name} ({self.submitted_at:%d-%m-%Y})"
