"""Koploper case studies: how comparable municipalities did it, and where they are."""

from functools import cache

from django import forms
from django.db import models
from django.db.models import F
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from activities.page_urls import sibling_urls
from activities.terms import prepared_rows
from core.blocks import RICH_TEXT_FEATURES
from core.i18n import active_locale, localize_all
from core.models import (
    BasePage,
    link_term_pages,
    live_public_pages,
    public_pages,
    view_restrictions,
)
from core.page_views import page_route

from .page_rows import page_rows

# What the overview's cards and map read of a koploper, as rows (``KoploperIndexPage.koplopers``):
# a list of 20 pays for no page rows, stories or organisation revisions it never shows.
LIST_COLUMNS = ("id", "url_path", "headline", "summary")
LIST_NAMES = {
    "name": "municipality__name",
    "province": "municipality__province",
    "latitude": "municipality__latitude",
    "longitude": "municipality__longitude",
    "lead": "lead_organisation__name",
}

# What the page shows of its municipality and lead organisation.
WHO_FIELDS = {
    "municipality": ("municipality__name", "municipality__province"),
    "lead_organisation": ("lead_organisation__name",),
}

# A term's page as a link needs no more than this (``link_term_pages``, ``{% pageurl %}``).
TERM_FIELDS = (
    "name",
    "slug",
    "locale_id",
    "translation_key",
    "page",
    "page__id",
    "page__title",
    "page__url_path",
    "page__translation_key",
    "page__locale_id",
    "page__live",
)


# The pages' queries as values, set up once per process: each miss only adds its filters.
# Django's set-up of the joins for a values() list cost more than the query itself.
@cache
def _list_rows():
    """Koplopers as rows of ``LIST_COLUMNS`` and ``LIST_NAMES`` (``KoploperIndexPage.koplopers``)."""
    return KoploperPage.objects.values(
        *LIST_COLUMNS, **{name: F(column) for name, column in LIST_NAMES.items()}
    ).order_by(Lower("municipality__name"), "pk")


class KoploperIndexPage(RoutablePageMixin, BasePage):
    # Written for professionals (core.plain_language): no readability stop on publishing.
    resident_facing = False
    intro = models.TextField(
        _("inleiding"), blank=True, help_text=_("Eén of twee zinnen boven de kaart en de lijst.")
    )

    parent_page_types = ["home.HomePage"]
    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("overzicht van koplopers")
        verbose_name_plural = _("overzichten van koplopers")

    def koplopers(self, request=None):
        """The live, public koplopers here as rows of what the list and the map show
        (``LIST_COLUMNS`` and ``LIST_NAMES``), by municipality."""
        return public_pages(_list_rows().child_of(self).live(), request)

    def all_koplopers(self, request):
        """``koplopers()`` as a list of dicts, its SQL compiled once per place of this index
        in the tree and set of private sections (``activities.terms.prepared_rows``): the
        whole list, unfiltered, is what most visitors ask for."""
        private = tuple((item.page.path, item.page.depth) for item in view_restrictions(request))
        key = ("koploper_list", self.pk, self.path, self.depth, private)
        rows = prepared_rows(key, lambda: self.koplopers(request))
        names = (*LIST_COLUMNS, *LIST_NAMES)
        return [dict(zip(names, row, strict=True)) for row in rows]

    index_route = path("")(page_route("list"))

    map_data_route = path("geojson/")(page_route("map_data"))


class KoploperPage(BasePage):
    # Written for professionals (core.plain_language): no readability stop on publishing.
    resident_facing = False
    municipality = models.ForeignKey(
        "core.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="koplopers",
        help_text=_("Over welke gemeente gaat dit verhaal?"),
    )
    lead_organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("kartrekker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="koplopers",
        help_text=_("De organisatie die de aanpak trok."),
    )
    period = models.CharField(
        _("periode"), max_length=40, blank=True, help_text=_("Bijvoorbeeld 2014-2016.")
    )
    headline = models.CharField(
        _("thema"),
        max_length=150,
        blank=True,
        help_text=_("Waar staat dit verhaal voor? Bijvoorbeeld 'Bedrijfsleven betrekken'."),
    )
    summary = models.TextField(
        _("samenvatting"),
        blank=True,
        help_text=_("Eén of twee zinnen: wat deed deze gemeente? Staat ook in de lijst."),
    )
    story = RichTextField(
        _("verhaal"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Het verhaal van de aanpak. Leeg? Dan staat er dat er nog geen verhaal is."),
    )
    lessons = RichTextField(
        _("wat anderen ervan kunnen leren"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("De lessen voor andere gemeenten, in een paar korte zinnen."),
    )
    steps = ParentalManyToManyField(
        "core.PlanStep",
        verbose_name=_("stappen"),
        blank=True,
        related_name="koplopers",
        help_text=_("Bij welke stappen van het stappenplan laat dit verhaal iets zien?"),
    )
    approach_parts = ParentalManyToManyField(
        "core.ApproachPart",
        verbose_name=_("onderdelen van de aanpak"),
        blank=True,
        related_name="koplopers",
        help_text=_("Welke onderdelen van een aanpak laat dit verhaal zien?"),
    )
    activities = ParentalManyToManyField(
        "activities.ActivityPage",
        verbose_name=_("activiteiten"),
        blank=True,
        related_name="koplopers",
        help_text=_("Welke activiteiten uit de activiteitenbank noemt het verhaal?"),
    )

    parent_page_types = ["koplopers.KoploperIndexPage"]
    subpage_types = []
    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("municipality"),
                FieldPanel("lead_organisation"),
                FieldPanel("period"),
                FieldPanel("headline"),
            ],
            heading=_("Wie en wanneer"),
        ),
        FieldPanel("summary"),
        FieldPanel("story"),
        FieldPanel("lessons"),
        MultiFieldPanel(
            [
                FieldPanel("steps", widget=forms.CheckboxSelectMultiple),
                FieldPanel("approach_parts", widget=forms.CheckboxSelectMultiple),
                FieldPanel("activities"),
            ],
            heading=_("Waar dit verhaal bij hoort"),
        ),
        InlinePanel("links", label=_("Link")),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("headline"),
        index.SearchField("summary"),
        index.SearchField("story"),
        index.RelatedFields("municipality", [index.SearchField("name")]),
        index.FilterField("municipality"),  # the search page's "gemeente" filter
    ]

    class Meta:
        verbose_name = _("koploper")
        verbose_name_plural = _("koplopers")

    @property
    def has_story(self):
        return bool(self.story and self.story.strip())

    def load_who(self):
        """The municipality's name and province and the lead's name, in one query.

        Like ``core.models.load_related``, but only the columns the page shows: not the
        organisation's revision and moderation columns.
        """
        fields = [self._meta.get_field(name) for name in ("municipality", "lead_organisation")]
        fields = [f for f in fields if getattr(self, f.attname) and not f.is_cached(self)]
        if not fields or self.pk is None:
            return
        stored = (
            type(self)
            ._base_manager.filter(pk=self.pk)
            .select_related(*(f.name for f in fields))
            .only("pk", *(f.name for f in fields), *(n for f in fields for n in WHO_FIELDS[f.name]))
            .first()
        )
        for field in fields:
            if stored is not None and getattr(stored, field.attname) == getattr(
                self, field.attname
            ):
                field.set_cached_value(self, getattr(stored, field.name))

    def relations(self, request):
        """(links, steps, parts, activities): a published page's in one query
        (``page_rows``), a preview's or a draft's as they are in memory."""
        found = page_rows(self, request)
        if found is not None:
            return found
        self.load_who()
        activities = live_public_pages(self.activities, request)
        return (
            list(self.links.all()),
            list(self.steps.all().select_related("page").only("number", *TERM_FIELDS)),
            list(self.approach_parts.all().select_related("page").only("sort_order", *TERM_FIELDS)),
            list(activities.only("id", "title", "url_path", "locale_id")),
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        locale = active_locale(request)
        links, steps, parts, activities = self.relations(request)
        steps, parts = localize_all(steps, locale), localize_all(parts, locale)
        # Addresses from each parent's address and the slug (``sibling_urls``), not a
        # ``{% pageurl %}`` per link.
        linked = [term for term in link_term_pages(steps + parts, locale) if term.link_page]
        urls = sibling_urls([term.link_page for term in linked], request)
        for term, url in zip(linked, urls, strict=True):
            term.link_url = url
        for activity, url in zip(activities, sibling_urls(activities, request), strict=True):
            activity.card_url = url
        context.update(
            steps=steps, approach_parts=parts, related_activities=activities, links=links
        )
        return context


class KoploperLink(Orderable):
    page = ParentalKey(KoploperPage, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(
        _("linktekst"), max_length=150, help_text=_("Waar gaat de link naartoe?")
    )
    url = models.URLField(_("webadres"), max_length=500)

    panels = [FieldPanel("label"), FieldPanel("url")]
