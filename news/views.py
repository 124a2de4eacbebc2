"""The news list: newest first, one tag at a time, page by page."""

from html import escape  # Django's escape() is this, behind a lazy-string check
from types import SimpleNamespace
from urllib.parse import quote, urlencode

from django.core.paginator import Paginator
from django.template.loader import get_template
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Page

from core.page_cache import Fragment, page_card_tags, render_many
from core.pagination import page_number, paginate

from .models import TAG_PARAM, NewsPage, with_card_data

# What the list reads of an item on every request: which items, and each card's key.
ROW_FIELDS = ("id", "path", "url_path", "last_published_at")
CARD_TEMPLATE = "news/includes/card.html"
# One link of the list of tags, as the template wrote it (``news_index_page.html``).
TAG_LINK = (
    '\n      <li><a href="{url}?tag={slug}#news-list-title"{current}>{name} '
    '<span class="news-tags__count">({count})</span></a></li>\n      '
)


def selected_tag(request, tags):
    """(the tag asked for or None, what was typed, a note if no news here has that tag)."""
    typed = request.GET.get(TAG_PARAM, "").strip()[:100]
    if not typed:
        return None, "", None
    for tag in tags:
        if tag.tag__slug == typed:
            return tag, typed, None
    note = _("Er is geen nieuws met de tag ‘%(tag)s’. Kies een andere tag of bekijk al het nieuws.")
    return None, typed, note % {"tag": typed}


def tag_links(index_url, tags, selected):
    """The links of ``tags`` as one piece of HTML, ``selected`` marked as the current one: a
    template loop with a plural per tag cost more than the rest of the list's markup."""
    url, html = escape(index_url), []
    for item in tags:
        count = ngettext("%(counter)s bericht", "%(counter)s berichten", item.count)
        current = selected is not None and selected.tag__slug == item.tag__slug
        html.append(
            TAG_LINK.format(
                url=url,
                slug=escape(quote(item.tag__slug)),
                current=' aria-current="page"' if current else "",
                name=escape(item.tag__name),
                count=count % {"counter": item.count},
            )
        )
    return mark_safe("".join(html))  # noqa: S308 (escaped above; the plural is ours)


def known_count(count):
    """A paginator class that knows how many items there are: no COUNT query of its own."""

    def paginator(items, per_page):
        result = Paginator(items, per_page)
        result.count = count  # a cached_property: set, it is never computed
        return result

    return paginator


def news_list(index, request):
    total, tags = index.news_counts(request)
    tag, typed, note = selected_tag(request, tags)
    notes = [note] if note else []
    if tag is not None:
        items, total = index.news_rows(request, ROW_FIELDS, tag.tag__slug), tag.count
    elif typed:
        items, total = [], 0
    else:
        items = index.news_rows(request, ROW_FIELDS)
    query = urlencode({TAG_PARAM: tag.tag__slug}) if tag is not None else ""
    page = paginate(items, index.per_page, page_number(request), notes, known_count(total))
    index_url = index.get_url(request) or ""
    context = index.get_context(request)
    context.update(
        index_url=index_url,
        cards=news_cards(request, index, index_url, list(page.object_list)),
        news_page=page,
        page_query=query,
        notes=notes,
        tags=tags,
        tag_links=tag_links(index_url, tags, tag),
        tag=tag,
        unknown_tag=bool(typed) and tag is None,
        feeds=feed_links(index, request, tag.tag__slug if tag is not None else ""),
    )
    return TemplateResponse(request, "news/news_index_page.html", context)


def news_cards(request, index, index_url, rows):
    """The cards of ``rows``, each a fragment kept between misses (``render_many``).

    A card is keyed by its item's id and publication and dropped by its tags (the item, its
    address, ``LISTS`` for the organisation and the image). Only a missed card reads its
    item's texts, organisation and image: all missed cards in one fetch.
    """
    loaded = {}

    def card(row):
        if not loaded:
            found = with_card_data(NewsPage.objects.filter(pk__in=[row["id"] for row in rows]))
            loaded.update((item.pk, item) for item in found)
            loaded.setdefault(None, None)  # fetched, even when an item has gone meanwhile
        item = loaded.get(row["id"])
        if item is None:
            return ""
        return get_template(CARD_TEMPLATE).render({"item": item, "url": row["url"]})

    for row in rows:
        if index_url and row["url_path"].startswith(index.url_path):
            row["url"] = index_url + row["url_path"][len(index.url_path) :]
        else:  # not below the index's address (cannot happen for a child): ask Wagtail
            row["url"] = Page(id=row["id"], url_path=row["url_path"]).get_url(request)
    return render_many(
        request,
        [
            Fragment(
                "news:card",
                parts=(row["id"], row["last_published_at"], row["url"]),
                render=lambda row=row: card(row),
                tags=page_card_tags(SimpleNamespace(pk=row["id"], path=row["path"])),
            )
            for row in rows
        ],
    )


def feed_links(index, request, tag=""):
    """The feeds for ``<link rel="alternate">`` in the head and the links under the list."""
    full_url = index.get_full_url(request)
    return [
        {
            "type": "application/rss+xml",
            "name": "RSS",
            "url": index.feed_url(request, "rss", tag, full_url),
        },
        {
            "type": "application/atom+xml",
            "name": "Atom",
            "url": index.feed_url(request, "atom", tag, full_url),
        },
    ]
