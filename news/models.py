"""News of the coalition: an index with tags and feeds, and the news items under it.

The index's routes (the list, the RSS and Atom feeds) call the views the app registers in
``NewsConfig.ready()`` (``core.page_views``): views import models, never the other way round.
"""

import datetime as dt
from collections import namedtuple

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connections, models
from django.db.models import Count, Value
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import BodyBlock
from core.models import BasePage, public_pages
from core.models.fields import intro_field
from core.page_views import page_route

from .sql import CompiledSlices, compiled_rows, private_key

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

    def news_rows(self, request, fields=("id",), tag=None):
        """The news residents may see here (``tag``: with that known tag's slug) as rows of
        ``fields``, newest first: what a list needs on every request, without the texts and
        images of its cards. A paginator's slices of it run SQL compiled once (``news.sql``).
        """

        def news():
            pages = public_pages(NewsPage.objects.child_of(self).live(), request)
            pages = pages.order_by(*NEWS_ORDER)
            return pages.filter(tags__slug=tag) if tag else pages

        key = ("news_rows", self.pk, self.path, self.depth, private_key(request), fields, tag)
        return CompiledSlices(key, news, fields)

    def tag_counts(self, request=None):
        """[{"slug", "name", "count"}]: the tags of the news here, by name, in one query."""
        return self.news_counts(request)[1]

    def news_counts(self, request=None):
        """(how many news items there are here, ``tag_counts``), together in one query.

        The list needs both; a paginator's own COUNT was a query more.
        """

        def union():
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
            return tags.union(total, all=True)

        if request is None:  # Wagtail's public(): no private sections to key the SQL by
            rows = [TagCount(**row) for row in union()]
        else:
            key = ("news_counts", self.pk, self.path, self.depth, private_key(request))
            rows = [TagCount(*row) for row in compiled_rows(key, union)]
        count = sum(row.count for row in rows if row.tag__slug is None)
        tag_rows = sorted(
            (row for row in rows if row.tag__slug is not None), key=lambda row: row.tag__name
        )
        return count, tag_rows

    def feed_url(self, request, kind, tag="", full_url=None):
        """The absolute address of the ``kind`` ("rss" or "atom") feed, of one tag or all.

        ``full_url``: the index's own, when the caller has it (Wagtail's costs a lookup).
        """
        url = (full_url or self.get_full_url(request)) + self.reverse_subpage(f"{kind}_route")
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


NEWS_ORDER = ("-date", "-first_published_at", "-pk")  # newest first


def with_card_data(pages, tags=False):
    """``pages`` newest first, with what a news card shows fetched in a fixed number of queries.

    ``tags``: also their tags (the feeds' categories); the cards do not show them.
    """
    pages = (
        pages.select_related("organisation", "image")
        .only(*CARD_FIELDS)
        .prefetch_related("image__renditions", "image__alt_text_translations__locale")
        .order_by(*NEWS_ORDER)
    )
    return pages.prefetch_related("tags") if tags else pages


# What the item's page shows of its organisation and tags (``organisation_and_tags``).
ORGANISATION_TAG_COLUMNS = (
    "organisation_id",
    "organisation__name",
    "organisation__website",
    "tagged_items__tag_id",
    "tagged_items__tag__name",
    "tagged_items__tag__slug",
)


_ORGANISATION_TAG_SQL: dict = {}  # database -> the SQL of ``_organisation_and_tag_rows``


def _organisation_and_tag_rows(pk):
    """An item's rows of ``ORGANISATION_TAG_COLUMNS``, one per tag, as tuples.

    The SQL differs only in the id, so each process builds it once: Django's set-up and
    compile of the joins cost more than running the query.
    """
    manager = NewsPage._base_manager
    sql = _ORGANISATION_TAG_SQL.get(manager.db)
    if sql is None:
        rows = manager.filter(pk=pk).values_list(*ORGANISATION_TAG_COLUMNS)
        rows = rows.order_by("tagged_items__id")
        sql, params = rows.query.get_compiler(using=manager.db).as_sql()
        if tuple(params) != (pk,):  # not a query of the id alone: no shortcut
            return list(rows)
        _ORGANISATION_TAG_SQL[manager.db] = sql
    with connections[manager.db].cursor() as cursor:
        cursor.execute(sql, [pk])
        return cursor.fetchall()


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
        context["tags"] = self.organisation_and_tags()
        context["news_index_url"] = self.news_index_url(request)
        return context

    def organisation_and_tags(self):
        """Its tags, with the organisation's name and website loaded, in one query.

        A published item reads both joined (one row per tag); a preview's in-memory tags are
        read apart. Only the organisation's name and website: not its revision and search
        columns.
        """
        field = self._meta.get_field("organisation")
        # In memory (modelcluster) are a preview's tags; ``tags.all()`` costs a queryset.
        if self.pk is None or self.tagged_items.is_deferring:
            tags = self.tags.all()
            if self.organisation_id and not field.is_cached(self):
                field.set_cached_value(
                    self,
                    field.related_model._base_manager.only("id", "name", "website")
                    .filter(pk=self.organisation_id)
                    .first(),
                )
            return list(tags)
        rows = _organisation_and_tag_rows(self.pk)
        if rows and self.organisation_id and not field.is_cached(self):
            organisation_id, name, website, *_tag = rows[0]
            if organisation_id == self.organisation_id:
                # As the ORM builds a row (the rest deferred): a snippet's __init__ costs more.
                organisation = field.related_model.from_db(
                    self._state.db, ["id", "name", "website"], [organisation_id, name, website]
                )
                field.set_cached_value(self, organisation)
        return [
            Tag(id=tag_id, name=name, slug=slug)
            for *_organisation, tag_id, name, slug in rows
            if tag_id is not None
        ]

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
