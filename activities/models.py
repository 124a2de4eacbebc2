"""The activity library: the 63 activities of chapter 3 of the handreiking, and more.

Imports only core: the library does not know the street (places and events that
offer an activity point to it, not the other way round).
"""

from django import forms
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES
from core.i18n import active_locale, localize_all
from core.models import BasePage, public_pages, view_restrictions
from core.models.taxonomy import TaxonomyTerm, unique_slug_per_locale
from core.page_views import page_route

from .filters import ActivityFilter
from .guide_link import guide_link
from .profile_guide import ProfileGuide
from .terms import build, in_memory, load_terms, page_terms, prepared_rows, term_source

SOURCE_FIELDS = ("title", "publisher", "year", "url")  # what the page shows of a source


class ActivityType(TaxonomyTerm):
    """Groepsverband, een-op-een, or cursussen/gespreksgroepen/therapie."""

    sort_order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    panels = [*TaxonomyTerm.panels, FieldPanel("sort_order")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("soort activiteit")
        verbose_name_plural = _("soorten activiteiten")
        ordering = ["sort_order", "name"]
        constraints = unique_slug_per_locale("activitytype")


class EvidenceLevel(TaxonomyTerm):
    """Onderbouwd (an effect is shown) or kansrijk (plausible, not yet researched)."""

    sort_order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    panels = [*TaxonomyTerm.panels, FieldPanel("sort_order")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("mate van onderbouwing")
        verbose_name_plural = _("maten van onderbouwing")
        ordering = ["sort_order", "name"]
        constraints = unique_slug_per_locale("evidencelevel")


class InterventionProfile(TaxonomyTerm):
    """One of Machielse's eight profiles (2011): a place in a two-by-two-by-two grid."""

    DURATION_CHOICES = [
        ("situational", _("Situationeel: kort geleden ontstaan")),
        ("structural", _("Structureel: al jaren")),
    ]
    COPING_CHOICES = [
        ("active", _("Actief: gaat er zelf mee aan de slag")),
        ("passive", _("Passief: wacht af")),
    ]
    duration = models.CharField(
        _("duur"),
        max_length=20,
        choices=DURATION_CHOICES,
        help_text=_("Hoe lang speelt de eenzaamheid of het isolement al?"),
    )
    participation_oriented = models.BooleanField(
        _("gericht op contact"),
        help_text=_("Wil deze persoon graag contact met anderen (meedoen in de samenleving)?"),
    )
    coping = models.CharField(
        _("omgaan met de situatie"),
        max_length=20,
        choices=COPING_CHOICES,
        help_text=_("Gaat de persoon er zelf mee aan de slag, of wacht hij af?"),
    )

    # What helps, as Bijlage 1 ties it to the profile's traits: the profile guide shows it, and
    # finds the activities of these kinds. None chosen: the handreiking names no kind of
    # activity for the profile, and the guide says honestly that there is little on offer.
    support = models.TextField(
        _("wat helpt"),
        blank=True,
        help_text=_(
            "Twee of drie zinnen in eenvoudige taal: wat voor steun past bij iemand met dit "
            "profiel? De profielwijzer toont dit bij het profiel."
        ),
    )
    fitting_types = models.ManyToManyField(
        ActivityType,
        verbose_name=_("passende soorten activiteiten"),
        blank=True,
        related_name="+",
        help_text=_(
            "Alleen aanvinken als de handreiking deze soort steun bij dit profiel noemt. Niets "
            "aangevinkt? Dan zegt de profielwijzer dat er voor dit profiel weinig aanbod is."
        ),
    )
    fitting_parts = models.ManyToManyField(
        "core.ApproachPart",
        verbose_name=_("passende onderdelen van de aanpak"),
        blank=True,
        related_name="+",
        help_text=_(
            "Activiteiten bij deze onderdelen passen ook bij dit profiel. Bijvoorbeeld "
            "'Herkennen en vinden' voor mensen die zelf geen contact zoeken."
        ),
    )
    source_note = models.TextField(
        _("waar staat dit in de handreiking"),
        blank=True,
        help_text=_(
            "Waarop rusten 'wat helpt' en de passende soorten? Noem hoofdstuk of bijlage. "
            "Bezoekers van de profielwijzer zien dit onder 'Waar komt dit vandaan?'."
        ),
    )

    panels = [
        *TaxonomyTerm.panels,
        FieldPanel("duration"),
        FieldPanel("participation_oriented"),
        FieldPanel("coping"),
        MultiFieldPanel(
            [
                FieldPanel("support"),
                FieldPanel("fitting_types", widget=forms.CheckboxSelectMultiple),
                FieldPanel("fitting_parts", widget=forms.CheckboxSelectMultiple),
                FieldPanel("source_note"),
            ],
            heading=_("Wat helpt bij dit profiel"),
        ),
    ]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("interventieprofiel")
        verbose_name_plural = _("interventieprofielen")
        constraints = [
            *unique_slug_per_locale("interventionprofile"),
            models.UniqueConstraint(
                fields=["duration", "participation_oriented", "coping", "locale"],
                name="one_profile_per_combination_per_locale",
            ),
        ]


class ActivityIndexPage(BasePage):
    """The library: every activity, filterable the way professionals think."""

    # Written for professionals (core.plain_language): no readability stop on publishing.
    resident_facing = False

    intro = models.TextField(
        _("inleiding"),
        blank=True,
        help_text=_("Eén of twee zinnen boven de lijst: wat vindt de bezoeker hier?"),
    )
    per_page = models.PositiveSmallIntegerField(
        _("activiteiten per pagina"),
        default=20,
        help_text=_("Hoeveel activiteiten er op één pagina van de lijst staan."),
    )

    parent_page_types = ["home.HomePage"]
    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("per_page")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("activiteitenbank")
        verbose_name_plural = _("activiteitenbanken")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        activities = public_pages(ActivityPage.objects.child_of(self).live(), request)
        private = tuple((item.page.path, item.page.depth) for item in view_restrictions(request))
        sql_key = (self.path, self.depth, private)
        activity_filter = ActivityFilter(self, request, activities, sql_key=sql_key)
        context["filter"] = activity_filter.evaluate(extra=[self.profile_guide_link(request)])
        context["profile_guide_link"] = context["filter"]["extra"][0]
        return context

    def profile_guide_link(self, request):
        """The link to the profile guide below the library (``guide_link``)."""
        return guide_link(self, request, ProfileGuidePage)


class ActivityPage(BasePage):
    # Written for professionals (core.plain_language): no readability stop on publishing.
    resident_facing = False
    essence = models.TextField(
        _("kern"),
        max_length=400,
        help_text=_(
            "Eén of twee zinnen: wat betekent deze activiteit tegen eenzaamheid? Staat ook "
            "in de lijst."
        ),
    )
    description = RichTextField(
        _("beschrijving"),
        features=RICH_TEXT_FEATURES,
        help_text=_("Hoe werkt de activiteit? Wie doet wat, hoe vaak, waar?"),
    )
    activity_type = models.ForeignKey(
        ActivityType,
        verbose_name=_("soort activiteit"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("In een groep, één-op-één, of een cursus of gespreksgroep?"),
    )
    evidence_level = models.ForeignKey(
        EvidenceLevel,
        verbose_name=_("mate van onderbouwing"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "Onderbouwd: onderzoek laat een effect zien. Kansrijk: aannemelijk, maar nog niet "
            "onderzocht."
        ),
    )
    evidence_summary = models.TextField(
        _("onderbouwing"),
        blank=True,
        help_text=_(
            "Wat laat zien dat de activiteit werkt, of waarom ze kansrijk is? Noem wie het "
            "onderzocht en wanneer. Verzin niets: laat leeg als u het niet weet."
        ),
    )
    website = models.URLField(
        _("website"), blank=True, help_text=_("De website van de activiteit zelf.")
    )
    cost = models.CharField(
        _("kosten"),
        max_length=200,
        blank=True,
        help_text=_("Wat kost meedoen? Bijvoorbeeld 'gratis'. Laat leeg als het niet bekend is."),
    )
    target_groups = ParentalManyToManyField(
        "core.TargetGroup",
        verbose_name=_("doelgroepen"),
        blank=True,
        related_name="activities",
        help_text=_("Voor wie is de activiteit vooral bedoeld?"),
    )
    profiles = ParentalManyToManyField(
        InterventionProfile,
        verbose_name=_("interventieprofielen"),
        blank=True,
        related_name="activities",
        help_text=_(
            "Alleen aanvinken als de beschrijving van de activiteit duidelijk bij het profiel past."
        ),
    )
    approach_parts = ParentalManyToManyField(
        "core.ApproachPart",
        verbose_name=_("onderdelen van de aanpak"),
        blank=True,
        related_name="activities",
        help_text=_("Bij welke onderdelen van een lokale aanpak helpt deze activiteit?"),
    )
    organisations = ParentalManyToManyField(
        "core.Organisation",
        verbose_name=_("aanbieders"),
        blank=True,
        related_name="activities",
        help_text=_("Welke organisaties bieden deze activiteit aan?"),
    )

    parent_page_types = ["activities.ActivityIndexPage"]
    subpage_types = []

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("essence"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("activity_type"), FieldPanel("evidence_level")],
            heading=_("Soort en onderbouwing"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("evidence_summary"),
                InlinePanel(
                    "evidence_sources",
                    label=_("Bron"),
                    help_text=_("Onderzoeken of rapporten die de onderbouwing geven."),
                ),
            ],
            heading=_("Bewijs"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel("profiles", widget=forms.CheckboxSelectMultiple),
                FieldPanel("approach_parts", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Voor wie en waarvoor"),
        ),
        MultiFieldPanel(
            [FieldPanel("organisations"), FieldPanel("website"), FieldPanel("cost")],
            heading=_("Aanbieders en praktisch"),
        ),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("essence"),
        index.SearchField("description"),
        index.SearchField("evidence_summary"),
        index.RelatedFields("target_groups", [index.SearchField("name")]),
        index.RelatedFields("organisations", [index.SearchField("name")]),
        index.RelatedFields("activity_type", [index.SearchField("name")]),
        index.FilterField("activity_type"),
        index.FilterField("evidence_level"),
    ]

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        locale = active_locale(request)
        terms = self.terms()
        activity_type, evidence_level = localize_all(
            [*terms["activity_type"], *terms["evidence_level"]], locale
        )
        context.update(
            activity_type=activity_type,
            evidence_level=evidence_level,
            target_groups=localize_all(terms["target_groups"], locale),
            organisations=localize_all(terms["organisations"], locale),
            profiles=localize_all(terms["profiles"], locale),
            approach_parts=localize_all(terms["approach_parts"], locale),
            evidence_sources=self.evidence_source_rows(),
        )
        return context

    def evidence_source_rows(self):
        """The sources, in their order: for a published page with SQL compiled once
        (``prepared_rows``), as narrow instances; a preview's are in memory (modelcluster)."""
        if in_memory(self, "evidence_sources"):
            return list(self.evidence_sources.all())
        rows = prepared_rows(
            ("evidence_sources",),
            lambda page_id: EvidenceSource.objects.filter(page_id=page_id).values_list(
                "pk", *SOURCE_FIELDS
            ),
            self.pk,
        )
        return [
            build(EvidenceSource, {"id": pk, **dict(zip(SOURCE_FIELDS, values, strict=True))})
            for pk, *values in rows
        ]

    def terms(self):
        """Type, level and the four term relations, read in one query (``activities.terms``).

        A preview or draft keeps its relations in memory (modelcluster): those are used as
        they are. The type and level the page holds are cached on it for the template.
        """
        found = page_terms(
            self,
            [
                ("activity_type", ActivityType, "description"),
                ("evidence_level", EvidenceLevel, "description"),
            ],
            [
                ("target_groups", "description"),
                ("organisations", "website"),
                ("profiles", "description"),
                ("approach_parts", "description"),
            ],
        )
        if found is None:
            found = self._terms_in_memory()
        for name in ("activity_type", "evidence_level"):
            field = self._meta.get_field(name)
            if not field.is_cached(self):
                field.set_cached_value(self, found[name][0] if found[name] else None)
        return found

    def _terms_in_memory(self):
        """``terms`` of a preview or draft, whose relations may be in memory."""
        sources, found = [], {}
        for name, model in (("activity_type", ActivityType), ("evidence_level", EvidenceLevel)):
            field = self._meta.get_field(name)
            if field.is_cached(self):
                found[name] = [getattr(self, name)]
            else:
                pk = getattr(self, field.attname)
                sources.append(term_source(name, model.objects.filter(pk=pk)))
        for name in ("target_groups", "organisations", "profiles", "approach_parts"):
            related = getattr(self, name).all()
            if isinstance(related, QuerySet):
                text = "website" if name == "organisations" else "description"
                sources.append(term_source(name, related, text=text))
            else:
                found[name] = list(related)
        found.update(load_terms(sources))
        return found


class EvidenceSource(Orderable):
    page = ParentalKey(ActivityPage, on_delete=models.CASCADE, related_name="evidence_sources")
    title = models.CharField(
        _("titel"), max_length=300, help_text=_("De titel van het onderzoek of rapport.")
    )
    publisher = models.CharField(
        _("uitgever of onderzoeker"),
        max_length=200,
        blank=True,
        help_text=_("Wie deed het onderzoek of gaf het uit? Bijvoorbeeld 'Movisie'."),
    )
    year = models.PositiveSmallIntegerField(
        _("jaar"), null=True, blank=True, help_text=_("Het jaar van uitgave, als het bekend is.")
    )
    url = models.URLField(
        _("link"), max_length=500, blank=True, help_text=_("Waar het onderzoek te lezen is.")
    )

    panels = [FieldPanel("title"), FieldPanel("publisher"), FieldPanel("year"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("bron")
        verbose_name_plural = _("bronnen")

    def __str__(self):
        return self.title


class ProfileGuidePage(RoutablePageMixin, BasePage):
    """Bijlage 1 as three plain questions: which profile fits this person, and what helps?

    ``kom-erbij-plan/`` prints the result with what is near a postcode; the view belongs to
    ``home`` (it needs the sociale kaart and the agenda, which the library may not know).
    """

    intro = models.TextField(
        _("inleiding"),
        blank=True,
        help_text=_("Eén of twee zinnen boven de vragen: waarvoor is deze wijzer?"),
    )
    caution = models.TextField(
        _("waarschuwing"),
        blank=True,
        help_text=_(
            "De waarschuwing dat een profiel een hulpmiddel is en dat u altijd naar de persoon "
            "zelf kijkt. Leeg? Dan tonen we een standaardtekst."
        ),
    )

    parent_page_types = ["activities.ActivityIndexPage", "home.HomePage"]
    subpage_types = []
    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("caution")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("profielwijzer")
        verbose_name_plural = _("profielwijzers")

    plan_route = path("kom-erbij-plan/")(page_route("kom_erbij_plan"))

    def evaluate_guide(self, request):
        """The answers in ``request.GET``, the profile they lead to and its activities."""
        return ProfileGuide(
            self, request, ActivityPage.objects, InterventionProfile.objects
        ).evaluate()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guide"] = self.evaluate_guide(request)
        return context
