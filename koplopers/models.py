"""Koploper case studies: how comparable municipalities did it, and where they are."""

from functools import cache

from django import forms
from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES
from core.i18n import active_locale, localize_all
from core.models import (
    ApproachPart,
    BasePage,
    Municipality,
    Organisation,
    PlanStep,
    link_term_pages,
    live_public_pages,
    public_pages,
)
from core.page_views import page_route

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

# The municipality, the lead and the links as the page shows them, in one query
# (``KoploperPage.who_and_links``): one row per link, or one row without a link.
WHO_LINK_COLUMNS = (
    "municipality_id",
    "municipality__name",
    "municipality__province",
    "lead_organisation_id",
    "lead_organisation__name",
    "links__id",
    "links__label",
    "links__url",
)

# A term as the page shows it, read as values (``KoploperPage.terms``).
TERM_COLUMNS = (
    "id",
    "name",
    "slug",
    "locale_id",
    "translation_key",
    "page_id",
    "page__title",
    "page__url_path",
    "page__translation_key",
    "page__locale_id",
    "page__live",
)

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


@cache
def _term_rows():
    """(steps, parts) as rows of ``TERM_COLUMNS`` with how to sort them (``terms``).

    Sorted in Python: SQLite refuses an ORDER BY inside a UNION's parts.
    """
    return (
        PlanStep.objects.order_by().values(
            *TERM_COLUMNS, kind=Value(0), first=F("number"), then=Value("")
        ),
        ApproachPart.objects.order_by().values(
            *TERM_COLUMNS, kind=Value(1), first=F("sort_order"), then=F("name")
        ),
    )


@cache
def _who_and_link_rows():
    """Koplopers as rows of ``WHO_LINK_COLUMNS``, one per link (``who_and_links``)."""
    return KoploperPage._base_manager.values(*WHO_LINK_COLUMNS).order_by(
        "links__sort_order", "links__id"
    )


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

    def who_and_links(self):
        """Its links, with the municipality and the lead loaded (``load_who``), in one query.

        A published page reads them joined; a preview's in-memory links, or a page without a
        row yet, are read apart.
        """
        links = self.links.all()
        if self.pk is None or not isinstance(links, models.QuerySet):
            self.load_who()
            return list(links)
        rows = list(_who_and_link_rows().filter(pk=self.pk))
        if not rows:
            return []
        first = rows[0]
        for name, model, columns in (
            ("municipality", Municipality, ("name", "province")),
            ("lead_organisation", Organisation, ("name",)),
        ):
            field = self._meta.get_field(name)
            pk = getattr(self, field.attname)
            if pk is not None and pk == first[field.attname] and not field.is_cached(self):
                values = {column: first[f"{name}__{column}"] for column in columns}
                field.set_cached_value(self, model(id=pk, **values))
        return [
            KoploperLink(
                id=row["links__id"],
                page_id=self.pk,
                label=row["links__label"],
                url=row["links__url"],
            )
            for row in rows
            if row["links__id"] is not None
        ]

    def terms(self):
        """(its steps, its parts of the approach), each with its page, in one query.

        Published, both come from one UNION; a preview's in-memory relations are read apart.
        """
        steps, parts = self.steps.all(), self.approach_parts.all()
        if not isinstance(steps, models.QuerySet) or not isinstance(parts, models.QuerySet):
            return (
                list(steps.select_related("page").only("number", *TERM_FIELDS)),
                list(parts.select_related("page").only("sort_order", *TERM_FIELDS)),
            )
        steps, parts = _term_rows()
        rows = steps.filter(koplopers=self.pk).union(parts.filter(koplopers=self.pk), all=True)
        found = ([], [])
        for row in sorted(rows, key=lambda row: (row["kind"], row["first"], row["then"])):
            model = PlanStep if row["kind"] == 0 else ApproachPart
            term = model(
                id=row["id"],
                name=row["name"],
                slug=row["slug"],
                locale_id=row["locale_id"],
                translation_key=row["translation_key"],
                page_id=row["page_id"],
                **({"number": row["first"]} if model is PlanStep else {"sort_order": row["first"]}),
            )
            if row["page_id"] is not None:
                term.page = Page(
                    id=row["page_id"],
                    title=row["page__title"],
                    url_path=row["page__url_path"],
                    translation_key=row["page__translation_key"],
                    locale_id=row["page__locale_id"],
                    live=row["page__live"],
                )
            found[row["kind"]].append(term)
        return found

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        locale = active_locale(request)
        links = self.who_and_links()
        steps, parts = self.terms()
        steps, parts = localize_all(steps, locale), localize_all(parts, locale)
        link_term_pages(steps + parts, locale)
        context.update(
            steps=steps,
            approach_parts=parts,
            # Links only: no activity rows' texts and facts.
            related_activities=list(
                live_public_pages(self.activities, request).only("id", "title", "url_path")
            ),
            links=links,
        )
        return context


class KoploperLink(Orderable):
    page = ParentalKey(KoploperPage, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(
        _("linktekst"), max_length=150, help_text=_("Waar gaat de link naartoe?")
    )
    url = models.URLField(_("webadres"), max_length=500)

    panels = [FieldPanel("label"), FieldPanel("url")]
