"""The news list: newest first, one tag at a time, page by page."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from core.pagination import page_number, paginate

from .models import TAG_PARAM


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
    items = index.news_items(request)
    if tag is not None:
        items, total = items.filter(tags__slug=tag.tag__slug), tag.count
    elif typed:
        items, total = items.none(), 0
    query = urlencode({TAG_PARAM: tag.tag__slug}) if tag is not None else ""
    page = paginate(items, index.per_page, page_number(request), notes, known_count(total))
    context = index.get_context(request)
    context.update(
        news_page=page,
        page_query=query,
        notes=notes,
        tags=tags,
        tag=tag,
        unknown_tag=bool(typed) and tag is None,
        feeds=feed_links(index, request, tag.tag__slug if tag is not None else ""),
    )
    return TemplateResponse(request, "news/news_index_page.html", context)


def feed_links(index, request, tag=""):
    """The feeds for ``<link rel="alternate">`` in the head and the links under the list."""
    return [
        {"type": "application/rss+xml", "name": "RSS", "url": index.feed_url(request, "rss", tag)},
        {
            "type": "application/atom+xml",
            "name": "Atom",
            "url": index.feed_url(request, "atom", tag),
        },
    ]
