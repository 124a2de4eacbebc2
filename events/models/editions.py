"""National weeks such as the Week tegen Eenzaamheid: an edition, and its page for the press."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import TranslatableMixin
from wagtail.search import index

from campaigns.blocks import CampaignBodyBlock
from campaigns.themes import DEFAULT_THEME, THEME_CHOICES
from core.blocks import RICH_TEXT_FEATURES
from core.models import BasePage, public_pages
from core.models.taxonomy import ModeratedSnippet, moderation_relations

from ..choices import EventStatus
from .pages import EventPage


class EventEdition(ModeratedSnippet, TranslatableMixin, index.Indexed, models.Model):
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
    _revisions = moderation_relations("eventedition")["_revisions"]
    workflow_states = moderation_relations("eventedition")["workflow_states"]

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
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("De laatste dag ligt vóór de eerste dag.")})


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
    body = StreamField(
        CampaignBodyBlock(),
        verbose_name=_("inhoud van de campagne"),
        blank=True,
        help_text=_(
            "Optioneel: bouw de pagina op met blokken, net als een campagnepagina. Bijvoorbeeld "
            "een grote foto met een oproep, een lijst met activiteiten van deze week of vragen "
            "en antwoorden. De blokken staan boven de cijfers en de kaart."
        ),
    )
    theme = models.CharField(
        _("kleur van de pagina"),
        max_length=40,
        choices=THEME_CHOICES,
        default=DEFAULT_THEME,
        help_text=_(
            "De kleur van de blokken en knoppen, net als bij een campagne. U kiest uit kleuren "
            "die altijd goed leesbaar zijn."
        ),
    )

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("edition"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("theme"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("overzicht van een landelijke week")
        verbose_name_plural = _("overzichten van landelijke weken")

    @property
    def campaign_edition(self):
        """The week the blocks are about: an events block without an edition of its own uses it."""
        return self.edition

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["summary"] = self.summary(request)
        return context

    def summary(self, request):
        """How many events and municipalities take part, live from the data."""
        edition = self.edition
        agenda = self.get_parent()  # only its URL and its children: no .specific needed
        events = public_pages(EventPage.objects.child_of(agenda).live(), request).filter(
            edition__translation_key=edition.translation_key
        )
        municipalities = list(
            events.exclude(municipality=None)
            .values(
                "municipality__name",
                "municipality__slug",
                "municipality__latitude",
                "municipality__longitude",
            )
            .annotate(events=Count("pk"))
            .order_by("municipality__name")
        )
        # Both counts in one query: the events, and their dates that are not cancelled.
        counts = events.aggregate(
            event_count=Count("pk", distinct=True),
            occurrence_count=Count(
                "occurrences", filter=~Q(occurrences__status=EventStatus.CANCELLED)
            ),
        )
        return {
            "edition": edition,
            "event_count": counts["event_count"],
            "occurrence_count": counts["occurrence_count"],
            "municipality_count": len(municipalities),
            "municipalities": municipalities,
            "agenda_url": agenda.get_url(request),
        }
