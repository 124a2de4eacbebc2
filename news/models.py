"""News of the coalition: an index with tags and feeds, and the news items under it.

The index's routes (the list, the RSS and Atom feeds) call the views the app registers in
``NewsConfig.ready()`` (``core.page_views``): views import models, never the other way round.
"""

import datetime as dt
from collections import namedtuple

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Value
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import BodyBlock
from core.models import BasePage, public_pages
from core.models.fields import intro_field
from core.page_views import page_route

TAG_PARAM = "tag"

TagCount = namedtuple("TagCount", ["tag__slug", "tag__name", "count"])


class NewsIndexPage(RoutablePageMixin, BasePage):
    """The news: its items newest first, filtered by tag, and the same as RSS and Atom feeds."""

    intro = intro_field(_("Eén of twee zinnen boven het nieuws: waar gaat het hier over?"))
    per_page = models.PositiveSmallIntegerField(
        _("berichten per pagina"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Hoeveel nieuwsberichten op één pagina van de lijst staan."),
    )

    parent_page_types = ["home.HomePage", "campaigns.CampaignPage", "home.StandardPage"]
    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("per_page")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("nieuwsoverzicht")
        verbose_name_plural = _("nieuwsoverzichten")

    index_route = path("")(page_route("list"))

    rss_route = path("rss/")(page_route("rss"))

    atom_route = path("atom/")(page_route("atom"))

    def news_items(self, request=None, tags=False):
        """The news residents may see here: live and public, newest first."""
        return with_card_data(
            public_pages(NewsPage.objects.child_of(self).live(), request), tags=tags
        )

    def tag_counts(self, request=None):
        """[{"slug", "name", "count"}]: the tags of the news here, by name, in one query."""
        return self.news_counts(request)[1]

    def news_counts(self, request=None):
        """(how many news items there are here, ``tag_counts``), together in one query.

        The list needs both; a paginator's own COUNT was a query more.
        """
        news = public_pages(NewsPage.objects.child_of(self).live(), request)
        tags = (
            NewsPageTag.objects.filter(content_object__in=news.values("pk"))
            .values("tag__slug", "tag__name")
            .annotate(count=Count("content_object_id", distinct=True))
            .order_by()
        )
        total = (
            news.order_by()
            .values(
                no_slug=Value(None, output_field=models.CharField()),
                no_name=Value(None, output_field=models.CharField()),
            )
            .annotate(count=Count("pk"))
        )
        rows = [TagCount(**row) for row in tags.union(total, all=True)]
        count = sum(row.count for row in rows if row.tag__slug is None)
        tag_rows = sorted(
            (row for row in rows if row.tag__slug is not None), key=lambda row: row.tag__name
        )
        return count, tag_rows

    def feed_url(self, request, kind, tag=""):
        """The absolute address of the ``kind`` ("rss" or "atom") feed, of one tag or all."""
        url = self.get_full_url(request) + self.reverse_subpage(f"{kind}_route")
        return f"{url}?{TAG_PARAM}={tag}" if tag else url


# What a news card, a feed item or a campaign's news list reads of an item: lists skip the
# body (a StreamField) and the page rows' revision, lock and search columns.
CARD_FIELDS = (
    "id",
    "title",
    "slug",
    "url_path",
    "locale_id",
    "live",
    "date",
    "first_published_at",
    "last_published_at",
    "author",
    "intro",
    "organisation__name",
    "image",
)
# The image stays whole: ``{% image %}`` may make a rendition from any of its columns.


def with_card_data(pages, tags=False):
    """``pages`` newest first, with what a news card shows fetched in a fixed number of queries.

    ``tags``: also their tags (the feeds' categories); the cards do not show them.
    """
    pages = (
        pages.select_related("organisation", "image")
        .only(*CARD_FIELDS)
        .prefetch_related("image__renditions", "image__alt_text_translations__locale")
        .order_by("-date", "-first_published_at", "-pk")
    )
    return pages.prefetch_related("tags") if tags else pages


class NewsPageTag(TaggedItemBase):
    """The link between a news item and one of its tags."""

    content_object = ParentalKey(
        "news.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = _("tag bij een nieuwsbericht")
        verbose_name_plural = _("tags bij nieuwsberichten")


class NewsPage(BasePage):
    """A news item: when, from whom, a short intro, the story and its tags."""

    date = models.DateField(
        _("datum"),
        default=dt.date.today,
        db_index=True,
        help_text=_(
            "De datum van het bericht. Het nieuwste bericht staat bovenaan. Bijvoorbeeld 3-12-2026."
        ),
    )
    author = models.CharField(
        _("schrijver"),
        max_length=120,
        blank=True,
        help_text=_("Optioneel: wie schreef het bericht? Bijvoorbeeld 'Fatima de Vries'."),
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_items",
        help_text=_("Optioneel: van welke organisatie komt het bericht?"),
    )
    intro = models.TextField(
        _("inleiding"),
        max_length=400,
        help_text=_(
            "Eén of twee zinnen: wat is het nieuws? Staat ook in het overzicht, in de "
            "nieuwsfeed en onder de titel."
        ),
    )
    body = StreamField(
        BodyBlock(),
        verbose_name=_("bericht"),
        blank=True,
        help_text=_(
            "Het hele bericht. Kies met de + een blok: kop, tekst, afbeelding, citaat, kader, "
            "document, video, tabel, veelgestelde vragen of een lijst met links."
        ),
    )
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("afbeelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Optioneel: een foto bij het bericht. Staat in het overzicht en wordt gebruikt "
            "als iemand het bericht deelt (als er geen aparte afbeelding bij delen is)."
        ),
    )
    tags = ClusterTaggableManager(
        through=NewsPageTag,
        verbose_name=_("tags"),
        blank=True,
        help_text=_(
            "Onderwerpen van het bericht, bijvoorbeeld 'Samen is leuker'. Bezoekers kunnen op "
            "een tag klikken en zien dan alle berichten met die tag. Een campagne toont de "
            "berichten met haar tag."
        ),
    )

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("author"), FieldPanel("organisation")],
            heading=_("Datum en afzender"),
        ),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("author"),
        index.FilterField("date"),
    ]

    class Meta:
        verbose_name = _("nieuwsbericht")
        verbose_name_plural = _("nieuwsberichten")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        field = self._meta.get_field("organisation")
        if self.organisation_id and not field.is_cached(self):
            # The name and website only: not the organisation's revision and search columns.
            field.set_cached_value(
                self,
                field.related_model._base_manager.only("id", "name", "website")
                .filter(pk=self.organisation_id)
                .first(),
            )
        context["news_index_url"] = self.news_index_url(request)
        return context

    def news_index_url(self, request=None):
        """The index's address: a news item's own address without its last part (no query)."""
        url = self.get_url(request)
        if url and self.slug and url.endswith(f"/{self.slug}/"):
            return url[: -len(self.slug) - 1]
        parent = self.get_parent()
        return parent.get_url(request) if parent else ""

    @property
    def sender(self):
        """Who the item is from, as one line: the author, the organisation, or both."""
        names = [self.author, self.organisation.name if self.organisation else ""]
        return ", ".join(name for name in names if name)
