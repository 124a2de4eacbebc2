"""News for other pages: the latest items of a language, a tag or a section (a campaign).

Apps above news (campaigns) call ``latest_news``; news knows nothing of them.
"""

import operator
from functools import reduce

from django.db.models import Q

from core.i18n import active_locale, locale_for_language
from core.models import public_pages

from .models import NewsPage, NewsPageTag, with_card_data


def latest_news(
    *, locale=None, tag=None, under=None, limit=3, request=None, either=False, tags=False
):
    """The ``limit`` newest live, public news items, in a fixed number of queries.

    ``locale``: a ``Locale`` or a language code; when left out, the active language, unless
    ``under`` is given (then its descendants, in its language). ``tag``: a tag's slug or
    name. ``under``: a page; only news below it. ``either``: news below ``under`` or with
    ``tag`` (a campaign's news), in one query. ``request``: reads the private sections once. ``tags``:
    with each item's tags (a query more).
    """
    pages = public_pages(NewsPage.objects.live(), request)
    if isinstance(locale, str):
        locale = locale_for_language(locale)
    if locale is None and under is None:
        locale = active_locale()
    if locale is not None:
        pages = pages.filter(locale=locale)
    where = []
    if under is not None:
        where.append(Q(path__startswith=under.path, depth__gt=under.depth))
    if tag:
        tagged = NewsPageTag.objects.filter(Q(tag__slug=tag) | Q(tag__name__iexact=tag))
        where.append(Q(pk__in=tagged.values("content_object_id")))
    for condition in where if not either else []:
        pages = pages.filter(condition)
    if either and where:
        pages = pages.filter(reduce(operator.or_, where))
    return list(with_card_data(pages, tags=tags)[:limit])
