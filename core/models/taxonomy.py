"""Taxonomies shared by several domains: target groups, parts of the approach, organisations.

Translatable snippets. Their ``slug`` is the same in every language, so filters in
URLs (``?doelgroep=ouderen``) work whatever language the visitor reads.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index


class TaxonomyTerm(TranslatableMixin, index.Indexed, models.Model):
    """Name, slug and description: what every term an editor manages has."""

    name = models.CharField(
        _("naam"), max_length=120, help_text=_("De naam zoals bezoekers hem zien.")
    )
    slug = models.SlugField(
        _("korte naam voor webadressen"),
        max_length=120,
        help_text=_(
            "Kleine letters en streepjes, bijvoorbeeld 'mensen-met-dementie'. Staat in "
            "webadressen van filters; verander hem liever niet meer als hij eenmaal gebruikt wordt."
        ),
    )
    description = models.TextField(
        _("beschrijving"),
        blank=True,
        help_text=_("Eén of twee zinnen uitleg, voor bezoekers en voor andere redacteuren."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.FilterField("locale_id")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class ModeratedSnippet(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """A snippet whose new entries and changes a moderator approves before visitors see them.

    Wagtail's own snippet workflow: an editor saves a draft and submits it, the "Moderators"
    approve it in the workflow ``manage.py setup`` attaches (core/setup.py). A new entry stays
    out of visitors' lists until then (``live``); a change to a live one waits in a revision.
    Concrete models add ``_revisions`` and ``workflow_states`` relations (``moderation_relations``).
    """

    class Meta:
        abstract = True

    @property
    def revisions(self):
        return self._revisions


def moderation_relations(name):
    """The generic relations Wagtail asks a moderated snippet to declare (deleted with it)."""
    return {
        "_revisions": GenericRelation("wagtailcore.Revision", related_query_name=name),
        "workflow_states": GenericRelation(
            "wagtailcore.WorkflowState",
            content_type_field="base_content_type",
            object_id_field="object_id",
            related_query_name=name,
            for_concrete_model=False,
        ),
    }


def unique_slug_per_locale(model_name):
    return [
        models.UniqueConstraint(
            fields=["slug", "locale"], name=f"unique_{model_name}_slug_per_locale"
        )
    ]


class TargetGroup(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")
        constraints = unique_slug_per_locale("targetgroup")


class ApproachPart(TaxonomyTerm):
    """One of the six parts of a local approach (chapter 2 of the handreiking)."""

    sort_order = models.PositiveSmallIntegerField(
        _("volgorde"), default=0, help_text=_("Lager getal staat eerder in lijsten.")
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("pagina over dit onderdeel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("De pagina die dit onderdeel uitlegt. Daar verschijnen de koplopers erbij."),
    )

    panels = [*TaxonomyTerm.panels, FieldPanel("sort_order"), FieldPanel("page")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("onderdeel van de aanpak")
        verbose_name_plural = _("onderdelen van de aanpak")
        ordering = ["sort_order", "name"]
        constraints = unique_slug_per_locale("approachpart")


class Organisation(ModeratedSnippet, TaxonomyTerm):
    KIND_CHOICES = [
        ("welzijn", _("Welzijnsorganisatie")),
        ("zorg", _("Zorgorganisatie")),
        ("gemeente", _("Gemeente")),
        ("woningcorporatie", _("Woningcorporatie")),
        ("vrijwilligersorganisatie", _("Vrijwilligersorganisatie")),
        ("bibliotheek", _("Bibliotheek")),
        ("bedrijf", _("Bedrijf")),
        ("kennisinstituut", _("Kennisinstituut")),
        ("fonds", _("Fonds")),
        ("onderwijs", _("Onderwijs")),
        ("overig", _("Overig")),
    ]
    kind = models.CharField(
        _("soort organisatie"),
        max_length=40,
        choices=KIND_CHOICES,
        default="overig",
        help_text=_("Wat voor organisatie is het?"),
    )
    website = models.URLField(_("website"), blank=True, help_text=_("Het webadres."))
    logo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optioneel: het logo. Vul bij de afbeelding de naam van de organisatie in."),
    )
    contact_email = models.EmailField(
        _("e-mailadres"), blank=True, help_text=_("Algemeen e-mailadres voor vragen.")
    )
    contact_phone = models.CharField(
        _("telefoonnummer"), max_length=40, blank=True, help_text=_("Algemeen telefoonnummer.")
    )

    panels = [
        *TaxonomyTerm.panels,
        FieldPanel("kind"),
        FieldPanel("website"),
        FieldPanel("logo"),
        FieldPanel("contact_email"),
        FieldPanel("contact_phone"),
    ]

    _revisions = moderation_relations("organisation")["_revisions"]
    workflow_states = moderation_relations("organisation")["workflow_states"]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        constraints = unique_slug_per_locale("organisation")


class AccessibilityFeature(TaxonomyTerm):
    """Wheelchair access, a hearing loop, dementia-friendly...: for places and events alike."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("toegankelijkheidskenmerk")
        verbose_name_plural = _("toegankelijkheidskenmerken")
        constraints = unique_slug_per_locale("accessibilityfeature")


class Municipality(index.Indexed, models.Model):
    """A Dutch municipality. Names are the same in every language, so not translatable."""

    name = models.CharField(_("naam"), max_length=120, help_text=_("De officiële naam."))
    slug = models.SlugField(
        _("korte naam voor webadressen"),
        max_length=120,
        unique=True,
        help_text=_("Kleine letters en streepjes, bijvoorbeeld 's-hertogenbosch'."),
    )
    cbs_code = models.CharField(
        _("CBS-code"),
        max_length=6,
        unique=True,
        null=True,
        blank=True,
        help_text=_(
            "De gemeentecode van het CBS, bijvoorbeeld GM0796. Leeg laten als u hem niet weet."
        ),
    )
    province = models.CharField(_("provincie"), max_length=60, help_text=_("Bijvoorbeeld Utrecht."))
    latitude = models.FloatField(
        _("breedtegraad van het centrum"), null=True, blank=True, help_text=_("Bijvoorbeeld 52.09.")
    )
    longitude = models.FloatField(
        _("lengtegraad van het centrum"), null=True, blank=True, help_text=_("Bijvoorbeeld 5.12.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("cbs_code"),
        FieldPanel("province"),
        FieldPanel("latitude"),
        FieldPanel("longitude"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]

    def __str__(self):
        return self.name


class PlanStep(TaxonomyTerm):
    """One of the six steps of the plan (chapter 2): a page explains it, koplopers show it."""

    number = models.PositiveSmallIntegerField(
        _("stap"), help_text=_("Het nummer van de stap: 1 tot en met 6.")
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("pagina over deze stap"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "De pagina die deze stap uitlegt. Daar verschijnen de koplopers bij deze stap."
        ),
    )

    panels = [*TaxonomyTerm.panels, FieldPanel("number"), FieldPanel("page")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("stap van het stappenplan")
        verbose_name_plural = _("stappen van het stappenplan")
        ordering = ["number"]
        constraints = unique_slug_per_locale("planstep")
