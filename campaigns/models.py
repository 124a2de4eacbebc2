"""The campaign page: a section of the site built from blocks, with its own look."""

from django.conf import settings
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.i18n import active_locale
from core.models import BasePage, public_pages
from news.models import TAG_PARAM, NewsIndexPage
from news.queries import latest_news

from .blocks import CampaignBodyBlock, load_body
from .themes import DEFAULT_THEME, THEME_CHOICES

NEWS_LIMIT = 3


class CampaignPage(BasePage):
    """A campaign such as "Samen is leuker": a hero, calls to action, events, materials, news.

    Its sub-pages (campaign pages, and the pages other apps allow below it) wear its colour
    and logo: see ``campaign_of`` and the theme provider in ``apps.py``. A campaign page
    below another campaign is part of that campaign's section and wears the outer look.
    """

    intro = models.TextField(
        _("inleiding"),
        max_length=400,
        blank=True,
        help_text=_(
            "Eén of twee zinnen onder de titel: waar gaat de campagne over en wat kan de "
            "lezer doen? Wordt groter getoond."
        ),
    )
    theme = models.CharField(
        _("kleur van de campagne"),
        max_length=40,
        choices=THEME_CHOICES,
        default=DEFAULT_THEME,
        help_text=_(
            "De kleur van de campagne. U kiest uit kleuren die altijd goed leesbaar zijn. "
            "De pagina's onder de campagne krijgen dezelfde kleur. Staat deze pagina onder "
            "een andere campagne? Dan geldt de kleur van die campagne."
        ),
    )
    logo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("logo van de campagne"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Optioneel: het logo van de campagne. Het staat bovenaan deze pagina en de "
            "pagina's eronder, naast de naam van de campagne. Onder een andere campagne "
            "geldt het logo van die campagne."
        ),
    )
    news_tag = models.CharField(
        _("label voor nieuws"),
        max_length=100,
        blank=True,
        help_text=_(
            "Optioneel: nieuwsberichten met dit label staan op de campagnepagina, "
            "bijvoorbeeld 'samen-is-leuker'. Nieuws dat onder de campagne staat, komt er "
            "altijd bij."
        ),
    )
    body = StreamField(
        CampaignBodyBlock(),
        verbose_name=_("inhoud"),
        blank=True,
        help_text=_(
            "De inhoud van de campagne. Kies met de + een blok: een grote foto met slogan, "
            "tekst, een verhaal, een knop, de activiteiten in de agenda, materialen om te "
            "downloaden, partners, een video of veelgestelde vragen."
        ),
    )

    parent_page_types = ["home.HomePage", "campaigns.CampaignPage"]
    resident_facing = True

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("theme"), FieldPanel("logo")],
            heading=_("Uiterlijk van de campagne"),
            help_text=_("Kleur en logo gelden ook voor de pagina's onder deze campagne."),
        ),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("news_tag")], heading=_("Nieuws bij de campagne")),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("news_tag"),
    ]

    class Meta:
        verbose_name = _("campagnepagina")
        verbose_name_plural = _("campagnepagina's")

    def campaign_news(self, limit=NEWS_LIMIT, request=None):
        """The newest live news of this campaign: tagged with ``news_tag`` or below the page."""
        locale = active_locale(request) if request is not None else None
        if locale is None or locale.pk != self.locale_id:
            locale = self.locale
        items = latest_news(
            locale=locale,
            under=self,
            tag=self.news_tag or None,
            limit=limit,
            request=request,
            either=True,
        )
        items.sort(key=_news_sort_key, reverse=True)
        return items[:limit]

    def news_index(self, request=None):
        """The news index the campaign's news links to: below the campaign, else the site's."""
        indexes = public_pages(NewsIndexPage.objects.live(), request)
        below = Q(path__startswith=self.path, depth__gt=self.depth)
        # One query: an index below the campaign first, else the first in the tree.
        indexes = indexes.filter(locale_id=self.locale_id).annotate(
            below=Case(When(below, then=Value(0)), default=Value(1))
        )
        # Its address only: not the index's own columns.
        return (
            indexes.only("id", "path", "depth", "url_path", "locale_id")
            .order_by("below", "path")
            .first()
        )

    def news_url(self, request=None):
        """Where "all news of this campaign" leads: the news index, on this campaign's tag."""
        index = self.news_index(request)
        if index is None:
            return ""
        url = index.get_url(request) or ""
        below_campaign = index.path.startswith(self.path)
        return f"{url}?{TAG_PARAM}={self.news_tag}" if self.news_tag and not below_campaign else url

    def load_images_and_body(self):
        """What the blocks chose, the share image and the logo: one query per model.

        Not one per block type and image, and the renditions of every image together.
        """
        fields = [self._meta.get_field(name) for name in ("social_image", "logo")]
        images = load_body(
            self.body,
            image_ids=[getattr(self, f.attname) for f in fields if not f.is_cached(self)],
        )
        for field in fields:
            image = images.get(getattr(self, field.attname))
            if image is not None and not field.is_cached(self):
                field.set_cached_value(self, image)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        self.load_images_and_body()
        context["campaign_news"] = self.campaign_news(request=request)
        context["news_url"] = self.news_url(request) if context["campaign_news"] else ""
        context["child_pages"] = public_pages(self.get_children().live(), request).specific()
        return context


def _news_sort_key(item):
    return (getattr(item, "date", None) or item.first_published_at.date(), item.pk)


def campaign_of(page):
    """The campaign section ``page`` belongs to: its outermost campaign page, or None.

    A campaign page below another campaign is a sub-page of that campaign and wears its look,
    like every other page below it. Runs for every page the site renders (the theme
    provider): one query at most, none for the home page, the site's root pages or a
    page right below the home page.
    """
    if not isinstance(page, Page) or not page.path or not page.depth or page.depth <= 2:
        return None
    if type(page).__name__ == "HomePage":  # no import: home sits above campaigns
        return None
    if isinstance(page, CampaignPage) and page.depth == 3:  # right below a home page
        return page
    cached = getattr(page, "_campaign_of", False)
    if cached is not False:
        return cached
    step = page.steplen
    # Ancestors below the home page; the page itself only when its type is unknown here.
    ends = range(3 * step, len(page.path) + (step if type(page) is Page else 0), step)
    paths = [page.path[:end] for end in ends]
    campaign = None
    if paths:
        campaign = (
            CampaignPage.objects.filter(path__in=paths)
            .select_related("logo")
            .order_by("depth")
            .first()
        )
    if campaign is None and isinstance(page, CampaignPage):
        campaign = page
    page._campaign_of = campaign
    return campaign
