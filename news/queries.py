"""News for other pages: the latest items of a language, a tag or a section (a campaign).

Apps above news (campaigns) call ``latest_news``; news knows nothing of them.
"""

from django.db.models import Q
from wagtail.models import Locale

from .models import NewsPage, NewsPageTag, with_card_data


def latest_news(*, locale=None, tag=None, under=None, limit=3):
    """The ``limit`` newest live, public news items, in a fixed number of queries.

    ``locale``: a ``Locale`` or a language code; when left out, the active language, unless
    ``under`` is given (then its descendants, in its language). ``tag``: a tag's slug or
    name. ``under``: a page; only news below it.
    """
    pages = NewsPage.objects.live().public()
    if isinstance(locale, str):
        locale = Locale.objects.get_for_language(locale)
    if locale is None and under is None:
        locale = Locale.get_active()
    if locale is not None:
        pages = pages.filter(locale=locale)
    if under is not None:
        pages = pages.descendant_of(under)
    if tag:
        tagged = NewsPageTag.objects.filter(Q(tag__slug=tag) | Q(tag__name__iexact=tag))
        pages = pages.filter(pk__in=tagged.values("content_object_id"))
    return list(with_card_data(pages)[:limit])
