"""Koploper case studies: how comparable municipalities did it, and where they are."""

from django import forms
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES
from core.i18n import active_locale, localize_all
from core.models import (
    BasePage,
    link_term_pages,
    live_public_pages,
    load_related,
    public_pages,
)
from core.page_views import page_route


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
        return (
            public_pages(KoploperPage.objects.child_of(self).live(), request)
            .select_related("municipality", "lead_organisation")
            .order_by(Lower("municipality__name"), "pk")
        )

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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        locale = active_locale(request)
        load_related(self, "municipality", "lead_organisation")
        steps = localize_all(self.steps.select_related("page"), locale)
        parts = localize_all(self.approach_parts.select_related("page"), locale)
        link_term_pages(steps + parts, locale)
        context.update(
            steps=steps,
            approach_parts=parts,
            related_activities=list(live_public_pages(self.activities, request)),
            links=self.links.all(),
        )
        return context


class KoploperLink(Orderable):
    page = ParentalKey(KoploperPage, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(
        _("linktekst"), max_length=150, help_text=_("Waar gaat de link naartoe?")
    )
    url = models.URLField(_("webadres"), max_length=500)

    panels = [FieldPanel("label"), FieldPanel("url")]
