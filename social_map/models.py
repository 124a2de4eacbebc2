"""The sociale kaart: where residents can go, near them, today.

A place is a page, so editors get workflows, revisions, translation and search for free.
"""

import datetime as dt

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from activities.terms import in_memory, load_terms, page_terms, term_source
from core.blocks import RICH_TEXT_FEATURES
from core.i18n import active_locale, localize_all
from core.models import (
    AcceptsFeedback,
    BasePage,
    Location,
    Organisation,
    VisitInformation,
    accessibility_field,
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
from core.models.taxonomy import TaxonomyTerm, unique_slug_per_locale
from core.page_views import page_route

from .forms import PlacePageForm
from .opening_hours import Exception_, Range, is_open_at, is_open_on
from .status import PlaceStatus

WEEKDAY_CHOICES = [
    (0, _("maandag")),
    (1, _("dinsdag")),
    (2, _("woensdag")),
    (3, _("donderdag")),
    (4, _("vrijdag")),
    (5, _("zaterdag")),
    (6, _("zondag")),
]


def flag_after_days():
    return getattr(settings, "SOCIAL_MAP_FLAG_AFTER_DAYS", 180)


def hide_after_days():
    return getattr(settings, "SOCIAL_MAP_HIDE_AFTER_DAYS", 365)


class PlaceKind(TaxonomyTerm):
    """Buurthuis, huiskamer van de buurt, inloophuis, bibliotheek, hulplijn, ..."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("soort plek")
        verbose_name_plural = _("soorten plekken")
        constraints = unique_slug_per_locale("placekind")


class SocialMapPage(RoutablePageMixin, BasePage):
    """The list, map, print view and open-data export of the places below it."""

    intro = intro_field(_("Eén of twee zinnen boven de lijst: wat vindt de bezoeker hier?"))
    per_page = models.PositiveSmallIntegerField(
        _("plekken per pagina"), default=25, help_text=_("Hoeveel plekken op één pagina staan.")
    )

    parent_page_types = ["home.HomePage"]
    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("per_page")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("sociale kaart")
        verbose_name_plural = _("sociale kaarten")

    def places(self, request=None, oldest=None):
        """The places residents may see: live, public, and checked recently enough (on or
        after ``oldest``, by default ``hide_after_days`` ago)."""
        oldest = oldest or self.oldest_shown()
        places = public_pages(PlacePage.objects.child_of(self).live(), request)
        return places.filter(last_checked__gte=oldest)

    @staticmethod
    def oldest_shown():
        """The oldest check a place may have to be shown today."""
        return timezone.localdate() - dt.timedelta(days=hide_after_days())

    index_route = path("")(page_route("list"))

    map_data_route = path("geojson/")(page_route("geojson"))

    print_route = path("print/")(page_route("print"))

    hsds_route = path("export/hsds/")(page_route("hsds"))

    csv_route = path("export/csv/")(page_route("csv"))


def _with_labels(hours):
    """The weekly hours with what the page's table shows (day, opens, closes as ``H:i``),
    worked out here: cheaper than ``get_weekday_display`` and the ``time`` filter per row."""
    days = dict(WEEKDAY_CHOICES)
    for item in hours:
        item.weekday_label = days.get(item.weekday, item.weekday)
        item.opens_text, item.closes_text = (
            value.strftime("%H:%M") if isinstance(value, dt.time) else ""
            for value in (item.opens, item.closes)
        )
    return hours


class PlacePage(AcceptsFeedback, Location, VisitInformation, PlaceStatus, BasePage):
    """A place residents can go to: address, opening hours, cost and the first visit.

    Address and visit information are the shared ``core.models.Location`` and
    ``VisitInformation``, with the same fields and panels as an event of the agenda. A phone
    or online service is a place too (``PlaceStatus.is_remote``): it has no address to go to.
    """

    # "Klopt er iets niet?": mailed to the place, else its organisation, else the editors.
    feedback_contacts = ("email", "organisation.contact_email")

    kind = models.ForeignKey(
        PlaceKind,
        verbose_name=_("soort plek"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Wat voor plek of dienst is het?"),
    )
    summary = models.CharField(
        _("wat gebeurt er"),
        max_length=300,
        help_text=_("Eén zin: wat kunnen mensen hier doen? Staat ook in de lijst en op de print."),
    )
    description = RichTextField(
        _("meer uitleg"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Optioneel: meer over de plek, de mensen en wat er gebeurt."),
    )
    organisation = optional_link(
        "core.Organisation",
        _("organisatie"),
        "places",
        _("Welke organisatie zit erachter?"),
    )
    municipality = municipality_field(
        "places",
        _("In welke gemeente ligt de plek? Leeg voor landelijke telefoonlijnen."),
    )
    district = models.CharField(
        _("wijk"),
        max_length=80,
        blank=True,
        help_text=_(
            "De wijk of het dorp, zoals bewoners het noemen. Wordt gebruikt om te filteren en op de print."
        ),
    )
    phone = models.CharField(
        _("telefoon"),
        max_length=40,
        blank=True,
        help_text=_("Het nummer dat bewoners kunnen bellen."),
    )
    email = models.EmailField(
        _("e-mail"), blank=True, help_text=_("Voor vragen van bewoners en verwijzers.")
    )
    website = models.URLField(
        _("website"), blank=True, help_text=_("Het webadres van de plek of de organisatie.")
    )
    target_groups = target_groups_field(
        "places", _("Voor wie is de plek vooral? Leeg: voor iedereen.")
    )
    accessibility = accessibility_field("places")
    first_visit_note = models.CharField(
        _("de eerste keer"),
        max_length=300,
        blank=True,
        help_text=_("Wat is goed om te weten voor de eerste keer? Bijvoorbeeld wat u meeneemt."),
    )
    opening_note = models.CharField(
        _("opmerking bij de openingstijden"),
        max_length=250,
        blank=True,
        help_text=_("Bijvoorbeeld 'dag en nacht bereikbaar' of 'in de schoolvakanties gesloten'."),
    )
    last_checked = last_checked_field(
        _(
            "Wanneer heeft iemand gecontroleerd dat alles nog klopt? Na een half jaar krijgt u een "
            "herinnering; na een jaar zien bewoners de plek niet meer tot iemand hem controleert."
        )
    )
    photo = optional_link(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        _("foto"),
        "+",
        _("Een foto van de ingang helpt mensen die er voor het eerst komen."),
    )
    activities = ParentalManyToManyField(
        "activities.ActivityPage",
        verbose_name=_("activiteiten"),
        blank=True,
        related_name="places",
        help_text=_("Van welke activiteiten uit de activiteitenbank is dit een plaatselijke vorm?"),
    )
    external_id = import_key_field(
        _("Het vaste kenmerk uit uw spreadsheet, zodat een nieuwe import deze plek bijwerkt.")
    )

    base_form_class = PlacePageForm
    parent_page_types = ["social_map.SocialMapPage"]
    subpage_types = []

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("organisation"),
        FieldPanel("photo"),
        MultiFieldPanel(
            [FieldPanel("is_remote"), *Location.address_panels(beside_municipality="district")],
            heading=_("Adres"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("reachable_always"),
                InlinePanel("opening_hours", label=_("Openingstijd")),
                InlinePanel("opening_exceptions", label=_("Afwijkende dag")),
                FieldPanel("opening_note"),
            ],
            heading=_("Openingstijden"),
        ),
        PlaceStatus.temporary_panel(),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
                *VisitInformation.cost_panels(),
                VisitInformation.accessibility_panel(),
                FieldPanel("languages"),
            ],
            heading=_("Voor wie en wat kost het"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("can_come_alone"), FieldPanel("welcome_at_door")]),
                FieldPanel("how_to_get_there"),
                FieldPanel("first_visit_note"),
            ],
            heading=_("De eerste keer"),
        ),
        FieldPanel("activities"),
        upkeep_panel(),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("district"),
        index.SearchField("city"),
        index.RelatedFields("kind", [index.SearchField("name")]),
        index.FilterField("municipality"),
        index.FilterField("is_free"),
    ]

    class Meta:
        verbose_name = _("plek op de sociale kaart")
        verbose_name_plural = _("plekken op de sociale kaart")

    @classmethod
    def from_serializable_data(cls, data, check_fks=True, strict_fks=False):
        """Revisions and translation sources from before ``public_transport`` was renamed."""
        if "public_transport" in data and "how_to_get_there" not in data:
            data = {**data, "how_to_get_there": data["public_transport"]}
        return super().from_serializable_data(data, check_fks=check_fks, strict_fks=strict_fks)

    # --- derived facts -------------------------------------------------------
    def _ranges(self, hours=None):
        return [
            Range(item.weekday, item.opens, item.closes, item.closes_next_day)
            for item in (self.opening_hours.all() if hours is None else hours)
        ]

    def _exceptions(self, exceptions=None):
        return [
            Exception_(item.date, item.closed, item.opens, item.closes)
            for item in (self.opening_exceptions.all() if exceptions is None else exceptions)
        ]

    def is_open_on(self, day):
        """Open at some time that starts on ``day``; always when reachable day and night."""
        if self.is_temporarily_closed(day):
            return False
        return self.reachable_always or is_open_on(self._ranges(), self._exceptions(), day)

    def today(self, day=None):
        """``status.Today``: open or not on ``day`` (default today) and the words for it."""
        day = day or timezone.localdate()
        return self.today_status(day, self._ranges(), self._exceptions())

    def is_open_at(self, moment):
        if self.is_temporarily_closed(moment.date()):
            return False
        return self.reachable_always or is_open_at(self._ranges(), self._exceptions(), moment)

    def days_since_checked(self, today=None):
        today = today or timezone.localdate()
        return (today - self.last_checked).days

    @property
    def needs_check(self):
        return self.days_since_checked() > flag_after_days()

    @property
    def is_hidden_as_stale(self):
        return self.days_since_checked() > hide_after_days()

    def accepts_feedback(self):
        return super().accepts_feedback() and not self.is_hidden_as_stale

    def serve(self, request, *args, **kwargs):
        if self.is_hidden_as_stale and not self.permissions_for_user(request.user).can_edit():
            raise Http404("Not checked for too long")
        return super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        """Residents get a 404 for a stale entry, so the sitemap leaves it out too."""
        return [] if self.is_hidden_as_stale else super().get_sitemap_urls(request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        locale = active_locale(request)
        today = timezone.localdate()
        terms = self.terms()
        # Read the hours and exceptions once (one query): the status lines below all need them.
        hours, exceptions = self.opening_rows()
        ranges, closures = self._ranges(hours), self._exceptions(exceptions)
        status_today = self.today_status(today, ranges, closures)
        context.update(
            kind=localize_all(terms["kind"], locale)[0],
            target_groups=localize_all(terms["target_groups"], locale),
            accessibility_terms=localize_all(terms["accessibility"], locale),
            weekly_hours=_with_labels(hours),
            upcoming_exceptions=[e for e in exceptions if e.date >= today],
            open_today=not self.is_temporarily_closed(today)
            and (self.reachable_always or is_open_on(ranges, closures, today)),
            status_today=status_today,
            closure_text=self.closure_text(today),
            notice=self.active_notice(today),
            related_activities=self.related_activities(request),
        )
        return context

    def related_activities(self, request):
        """The live, public activities of this place, each with its ``card_url``."""
        from .place_activities import related_activities  # it reads this module's models

        return related_activities(self, request)

    def terms(self):
        """Kind, organisation, target groups and accessibility in one query (``activities.terms``).

        A preview keeps its relations in memory (modelcluster): those are used as they are.
        The kind and organisation are cached on the page, so ``page.organisation.name`` is free.
        """
        found = page_terms(
            self,
            [("kind", PlaceKind, "description"), ("organisation", Organisation, "website")],
            [("target_groups", "description"), ("accessibility", "description")],
        )
        if found is None:
            found = self._terms_in_memory()
        for name in ("kind", "organisation"):
            field = self._meta.get_field(name)
            if found[name] and not field.is_cached(self):
                field.set_cached_value(self, found[name][0])
        return found

    def _terms_in_memory(self):
        """``terms`` of a preview or draft, whose relations may be in memory."""
        sources, found = [], {}
        for name, model, text in (
            ("kind", PlaceKind, "description"),
            ("organisation", Organisation, "website"),
        ):
            field = self._meta.get_field(name)
            pk = getattr(self, field.attname)
            if field.is_cached(self) or pk is None:
                found[name] = [getattr(self, name)] if pk is not None else []
            else:
                sources.append(term_source(name, model.objects.filter(pk=pk), text=text))
        for name in ("target_groups", "accessibility"):
            related = getattr(self, name).all()
            if isinstance(related, QuerySet):
                sources.append(term_source(name, related))
            else:
                found[name] = list(related)
        found.update(load_terms(sources))
        return found

    def opening_rows(self):
        """(weekly hours, exceptions) in their own orders: one UNION query, not two.

        In a preview they are modelcluster's in-memory lists, used as they are.
        """
        if in_memory(self, "opening_hours") or in_memory(self, "opening_exceptions"):
            return list(self.opening_hours.all()), list(self.opening_exceptions.all())
        from .opening_rows import opening_rows_of  # it reads this module's models

        return opening_rows_of(self.pk)


class OpeningHours(Orderable):
    page = ParentalKey(PlacePage, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("dag"), choices=WEEKDAY_CHOICES)
    opens = models.TimeField(_("open vanaf"), help_text=_("Bijvoorbeeld 10:00."))
    closes = models.TimeField(_("open tot"), help_text=_("Bijvoorbeeld 12:00."))
    closes_next_day = models.BooleanField(
        _("sluit na middernacht"),
        default=False,
        help_text=_(
            "Vink aan als de deur pas na middernacht dichtgaat, bijvoorbeeld 20:00 tot 01:00."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")]),
        FieldPanel("closes_next_day"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("openingstijd")
        verbose_name_plural = _("openingstijden")
        indexes = [models.Index(fields=["weekday", "page"])]


class OpeningException(Orderable):
    page = ParentalKey(PlacePage, on_delete=models.CASCADE, related_name="opening_exceptions")
    date = models.DateField(
        _("datum"), help_text=_("De dag die anders is, bijvoorbeeld een feestdag.")
    )
    closed = models.BooleanField(
        _("gesloten"), default=True, help_text=_("Is de plek die dag dicht?")
    )
    opens = models.TimeField(
        _("open vanaf"),
        null=True,
        blank=True,
        help_text=_("Alleen als de plek die dag op andere tijden open is."),
    )
    closes = models.TimeField(_("open tot"), null=True, blank=True)
    note = models.CharField(
        _("toelichting"), max_length=150, blank=True, help_text=_("Bijvoorbeeld 'Tweede Kerstdag'.")
    )

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("closed")]),
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("afwijkende dag")
        verbose_name_plural = _("afwijkende dagen")
        ordering = ["date"]
        indexes = [models.Index(fields=["date", "page"])]
