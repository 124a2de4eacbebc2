"""RSS 2.0 and Atom feeds of a news index, of all its news or of one tag.

Every address in a feed is absolute on the page's own site (``Site.root_url``), never the
host a request happened to name.
"""

import datetime as dt

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from core.i18n import locale_by_id

from .models import TAG_PARAM

FEED_LIMIT = 30


class NewsFeed(Feed):
    """The newest items of one news index (and tag), as RSS 2.0."""

    feed_type = Rss201rev2Feed
    kind = "rss"

    def __init__(self, index):
        self.index = index

    def get_object(self, request, *args, **kwargs):
        typed = request.GET.get(TAG_PARAM, "").strip()
        tags = self.index.tag_counts(request) if typed else ()  # no tag asked: no query
        tag = next((tag for tag in tags if tag.tag__slug == typed), None)
        self.request = request
        self.language = locale_by_id(self.index.locale_id).language_code
        return {"tag": tag, "unknown": bool(typed) and tag is None}

    def title(self, obj):
        if obj["tag"] is not None:
            return f"{self.index.title}: {obj['tag'].tag__name}"
        return self.index.title

    def link(self, obj):
        url = self.index.get_full_url(self.request)
        return f"{url}?{TAG_PARAM}={obj['tag'].tag__slug}" if obj["tag"] is not None else url

    def feed_url(self, obj):
        return self.index.feed_url(
            self.request, self.kind, obj["tag"].tag__slug if obj["tag"] else ""
        )

    def description(self, obj):
        return self.index.intro or self.index.search_description or _("Het laatste nieuws.")

    def items(self, obj):
        if obj["unknown"]:
            return []
        items = self.index.news_items(self.request, tags=True)
        if obj["tag"] is not None:
            items = items.filter(tags__slug=obj["tag"].tag__slug)
        return items[:FEED_LIMIT]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return timezone.make_aware(
            dt.datetime.combine(item.date, dt.time()), timezone.get_default_timezone()
        )

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_author_name(self, item):
        return item.sender or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed
    kind = "atom"
    subtitle = NewsFeed.description


def rss(index, request):
    return NewsFeed(index)(request)


def atom(index, request):
    return NewsAtomFeed(index)(request)
