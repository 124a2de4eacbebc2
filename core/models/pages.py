"""The abstract base page every page type extends."""

from django.conf import settings
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from ..plain_language import PUBLISH_ANYWAY, PlainLanguagePageForm, ReadabilityPanel


class SocialMediaMixin(models.Model):
    """The picture and text that show when someone shares the page."""

    social_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("afbeelding bij delen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Deze afbeelding verschijnt als iemand de pagina deelt op sociale media of in "
            "een chat-app. Liefst liggend, minstens 1200 pixels breed."
        ),
    )

    promote_panels_social = [FieldPanel("social_image")]

    class Meta:
        abstract = True


class BasePage(SocialMediaMixin, Page):
    """Base for every page type: SEO and sharing fields with Dutch help text.

    Abstract, so that no page pays for an extra table and join.
    """

    base_form_class = PlainLanguagePageForm
    # Residents read this page type: publishing hard-to-read prose asks for confirmation
    # (core.plain_language). Pages for professionals set this to False.
    resident_facing = True

    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel(
                    "slug",
                    help_text=_(
                        "Het laatste deel van het webadres, in kleine letters en met "
                        "streepjes, bijvoorbeeld 'wat-is-eenzaamheid'."
                    ),
                ),
                FieldPanel(
                    "seo_title",
                    help_text=_(
                        "Optioneel: een andere titel voor zoekmachines en het tabblad van "
                        "de browser. Leeg? Dan gebruiken we de paginatitel."
                    ),
                ),
                FieldPanel(
                    "search_description",
                    help_text=_(
                        "Eén of twee zinnen (hooguit 160 tekens) die zoekmachines onder de "
                        "titel tonen. Schrijf wat de lezer op deze pagina vindt."
                    ),
                ),
                FieldPanel(
                    "show_in_menus",
                    help_text=_("Vink aan om de pagina in het hoofdmenu van de site te tonen."),
                ),
            ],
            heading=_("Vindbaarheid"),
        ),
        MultiFieldPanel(SocialMediaMixin.promote_panels_social, heading=_("Delen")),
        MultiFieldPanel(
            [ReadabilityPanel(), FieldPanel(PUBLISH_ANYWAY)],
            heading=_("Leesbaarheid"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("search_description"),
    ]

    class Meta:
        abstract = True


def live_public_pages(relation):
    """The live, public pages a page links to through a ``ParentalManyToManyField``.

    On a published page the relation is a queryset; in a preview or a draft it is modelcluster's
    in-memory list, which has no ``live()``. Both give the same answer here.
    """
    pages = relation.all()
    if not isinstance(pages, QuerySet):
        pages = pages.model.objects.filter(pk__in=[page.pk for page in pages])
    return pages.live().public()
