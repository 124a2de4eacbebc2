"""The agenda and its events.

An event is a page (workflows, revisions, scheduled publishing, translation, search). Its
dates are expanded once, on publish, into ``EventOccurrence`` rows, so that every list,
calendar, map and feed filters and pages in the database and never expands a rule per request.
Routes and the JSON-LD call the views the app registers (``core.page_views``): views import
models, never the other way round.
"""

from functools import lru_cache

from django import forms
from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES
from core.i18n import active_locale, localize_all
from core.models import (
    AcceptsFeedback,
    AccessibilityFeature,
    BasePage,
    Location,
    TargetGroup,
    VisitInformation,
    accessibility_field,
    cost_from_amount,
    load_related,
    municipality_field,
    public_pages,
)
from core.models.fields import (
    import_key_field,
    intro_field,
    last_checked_field,
    optional_link,
    target_groups_field,
    upkeep_panel,
)
from core.page_views import page_route, page_view

from ..choices import EVENT_PAGE_STATUSES, EventStatus, Registration
from ..forms import EventPageForm
from ..widgets import RecurrenceWidget
from .dates import EventDates
from .links import load_links
from .occurrences import next_to_invite_to

# The links an event page shows: read with the page's other facts in one query.
PAGE_LINKS = ("locale", "edition", "place", "municipality", "organiser")

# The columns of a taxonomy term (both kinds have the same), for the one query of an event's terms.
TERM_FIELDS = AccessibilityFeature._meta.concrete_fields


@lru_cache(maxsize=1)
def _terms_sql():
    """An event's target groups (kind 0) and accessibility features (kind 1): the same
    columns from both term tables, each joined to the event's link table."""

    def part(field_name, kind):
        field = EventPage._meta.get_field(field_name)
        through = field.remote_field.through._meta.db_table
        term = field.related_model._meta.db_table
        columns = ", ".join(f't."{column.column}"' for column in TERM_FIELDS)
        return (
            f'SELECT {columns}, {kind} AS kind FROM "{term}" t INNER JOIN "{through}" m'
            f' ON m."{field.m2m_reverse_name()}" = t."id" WHERE m."{field.m2m_column_name()}" = %s'
        )

    return f"{part('target_groups', 0)} UNION ALL {part('accessibility', 1)}"


def _languages_known(objects):
    """``objects`` with ``fallback_language`` set ("" where in the visitor's language): the
    template's test of a missing attribute costs a failed lookup of each kind per name."""
    for obj in objects:
        if "fallback_language" not in obj.__dict__:
            obj.fallback_language = ""
    return objects


def last_checked_reminder_days():
    return getattr(settings, "EVENTS_REMIND_AFTER_DAYS", 60)


class EventIndexPage(RoutablePageMixin, BasePage):
    """The agenda: upcoming occurrences as a list, a month calendar and a map, and their feeds."""

    intro = intro_field(_("Eén of twee zinnen boven de agenda: wat vindt de bezoeker hier?"))
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

    def events(self, request=None):
        """The events residents may see: live and public, in this agenda.

        With ``request`` the view restrictions are read once for the whole request.
        """
        return public_pages(EventPage.objects.child_of(self).live(), request)

    index_route = path("")(page_route("list"))

    archive_route = path("archief/")(page_route("archive"))

    feed_route = path("ical/")(page_route("ical"))

    map_data_route = path("geojson/")(page_route("geojson"))

    programme_route = path("programma/")(page_route("programme"))


class EventPage(
    AcceptsFeedback, RoutablePageMixin, EventDates, Location, VisitInformation, BasePage
):
    """An event: when (dates, a rule, changes to one date), where, for whom and what it costs.

    Address and visit information are the shared ``core.models.Location`` and
    ``VisitInformation``, with the same fields and panels as a place of the sociale kaart.
    """

    # "Klopt er iets niet?": mailed to the organiser, else the editors.
    feedback_contacts = ("organiser.contact_email",)

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
        choices=EVENT_PAGE_STATUSES,
        default=EventStatus.SCHEDULED,
        help_text=_("Afgelast, vol of verplaatst? Dat staat dan groot bovenaan en in de agenda."),
    )
    status_note = models.CharField(
        _("toelichting bij de status"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld 'Wegens ziekte van de kok' of 'Nu in de bibliotheek'."),
    )
    edition = optional_link(
        "events.EventEdition",
        _("landelijke week"),
        "events",
        _("Hoort dit bij een landelijke week, zoals de Week tegen Eenzaamheid?"),
    )
    place = optional_link(
        "social_map.PlacePage",
        _("plek van de sociale kaart"),
        "events",
        _(
            "Is het op een plek van de sociale kaart? Kies die plek; dan hoeft u geen adres in te vullen."
        ),
    )
    location_name = models.CharField(
        _("naam van de locatie"),
        max_length=150,
        blank=True,
        help_text=_("Bijvoorbeeld 'Buurthuis De Linde'. Alleen als u geen plek kiest."),
    )
    municipality = municipality_field(
        "events",
        _(
            "In welke gemeente is het? Bij een plek van de sociale kaart nemen we die gemeente over."
        ),
    )
    online_url = models.URLField(
        _("online meedoen"),
        blank=True,
        help_text=_("Kan het ook online, of alleen online? Zet hier de link naar de videoruimte."),
    )
    organiser = optional_link(
        "core.Organisation",
        _("organisator"),
        "events",
        _("Welke organisatie organiseert het?"),
    )
    organiser_name = models.CharField(
        _("naam van de organisator"),
        max_length=150,
        blank=True,
        help_text=_(
            "Staat de organisatie niet in de lijst hierboven? Typ hier de naam, bijvoorbeeld "
            "'Buurtvereniging De Bloom'. Bezoekers zien wie het organiseert."
        ),
    )
    contact_phone = models.CharField(
        _("telefoon voor vragen"),
        max_length=40,
        blank=True,
        help_text=_(
            "Een telefoonnummer waar bezoekers met vragen naartoe kunnen bellen, met het "
            "netnummer. Leeg: we tonen het nummer van de organisatie, als dat er is."
        ),
    )
    target_groups = target_groups_field("events", _("Voor wie is het vooral? Leeg: voor iedereen."))
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
    accessibility = accessibility_field("events")
    may_bring_someone = models.BooleanField(
        _("u mag iemand meenemen"),
        default=True,
        help_text=_("Mag een bezoeker een buur, vriend of familielid meenemen?"),
    )
    what_to_bring = models.CharField(
        _("wat neemt u mee"),
        max_length=250,
        blank=True,
        help_text=_("Bijvoorbeeld 'Niets' of 'Stevige schoenen en een flesje water'."),
    )
    last_checked = last_checked_field(
        _("Wanneer heeft iemand gecontroleerd dat alles nog klopt? Bezoekers zien deze datum.")
    )
    external_id = import_key_field(
        _("Het vaste kenmerk uit uw spreadsheet, zodat een nieuwe import dit bijwerkt.")
    )

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
                *Location.address_panels(),
                FieldPanel("online_url"),
            ],
            heading=_("Waar"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("organiser"),
                FieldRowPanel([FieldPanel("organiser_name"), FieldPanel("contact_phone")]),
                FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
                *VisitInformation.cost_panels(),
                FieldPanel("registration"),
                FieldRowPanel([FieldPanel("registration_url"), FieldPanel("registration_phone")]),
                VisitInformation.accessibility_panel(),
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
        upkeep_panel(),
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

    @classmethod
    def from_serializable_data(cls, data, check_fks=True, strict_fks=False):
        """Revisions and translation sources from before the cost had one model.

        The price was an amount in euro ("2.50", "0.00" or empty); it becomes the cost.
        """
        if "is_free" not in data and "price" in data:
            is_free, price = cost_from_amount(data["price"])
            data = {**data, "is_free": is_free, "price": price}
        return super().from_serializable_data(data, check_fks=check_fks, strict_fks=strict_fks)

    # --- derived facts -------------------------------------------------------
    @property
    def address_line(self):
        return self.place.address_line if self.place_id else super().address_line

    @property
    def coordinates(self):
        """(latitude, longitude), from the place of the sociale kaart when there is one."""
        if self.place_id and self.place.coordinates:
            return self.place.coordinates
        return super().coordinates

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

    def get_context(self, request, *args, **kwargs):
        if not self.pk or getattr(request, "is_preview", False):
            self.show_dates_as_entered()
        context = super().get_context(request, *args, **kwargs)
        # One query for what the page shows of its links, instead of one for each.
        if self.pk and not getattr(request, "is_preview", False):
            load_links(self, PAGE_LINKS)
        else:  # a preview or draft may link other rows than the stored page
            load_related(self, *PAGE_LINKS)
        locale = active_locale(request)
        occurrences = self.upcoming_occurrences
        if not occurrences and not self.is_over:
            # Still to come, but no rows (yet): the date as announced.
            occurrences = [date for date in [self._first_date()] if date]
        target_groups, accessibility = self._terms(request)
        agenda_path, agenda_url = self._agenda_address(request)
        context.update(
            target_groups=_languages_known(localize_all(target_groups, locale)),
            accessibility_terms=_languages_known(localize_all(accessibility, locale)),
            **self._organiser_context(locale),
            occurrences=occurrences,
            invite_occurrence=next_to_invite_to(occurrences),
            is_over=self.is_over,
            last_occurrence=self.last_occurrence if self.is_over else None,
            **self._coming_up_context(request, agenda_path, agenda_url),
            agenda_url=agenda_url,
            json_ld=page_view(self, "json_ld")(self, request),
        )
        return context

    def _agenda_address(self, request):
        """(path, URL) of the agenda, or (None, None) for a page outside the tree.

        An event is a child of its agenda: both follow from the event's own path and address,
        without reading the agenda (a preview or draft reads it, its address may differ).
        """
        if not self.depth:
            return None, None
        if self.pk and not getattr(request, "is_preview", False):
            url = self.get_url(request)
            if url and url.endswith(f"/{self.slug}/"):
                return self.path[: -self.steplen], url[: -len(self.slug) - 1]
        agenda = self.get_parent()
        return agenda.path, agenda.get_url(request)

    def _terms(self, request):
        """(target groups, accessibility features), by name: one query for both lists.

        A preview shows the terms of its own version, which the page object holds itself.
        The query is SQL (``_terms_sql``): the ORM's union of the two took longer to build
        than to run, and its shape never changes.
        """
        if not self.pk or getattr(request, "is_preview", False):
            return list(self.target_groups.all()), list(self.accessibility.all())
        target_groups, accessibility = [], []
        for row in TargetGroup.objects.raw(_terms_sql(), [self.pk, self.pk]):
            if row.kind == 0:
                target_groups.append(row)
            else:
                values = {field.attname: getattr(row, field.attname) for field in TERM_FIELDS}
                accessibility.append(AccessibilityFeature(**values))
        return (
            sorted(target_groups, key=lambda term: term.name),
            sorted(accessibility, key=lambda term: term.name),
        )

    def _organiser_context(self, locale):
        """Who organises it and whom to call: the organisation chosen, the name typed, or the
        organisation of the place; the event's own phone, else the organisation's."""
        organisation = self.organiser if self.organiser_id else None
        if organisation is None and not self.organiser_name and self.place_id:
            organisation = self.place.organisation
        if organisation is not None:
            organisation = _languages_known(localize_all([organisation], locale))[0]
        phone = self.contact_phone or (organisation.contact_phone if organisation else "")
        return {
            "organiser": organisation,
            "organiser_name": self.organiser_name if self.organiser_id is None else "",
            "contact_phone": phone,
        }

    ics_route = path("ical/")(page_route("ical"))

    invitation_route = path("uitnodiging/")(page_route("invitation"))

    poster_route = path("poster/")(page_route("poster"))
