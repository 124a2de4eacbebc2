"""Site search: live, public pages of this site in the visitor's language.

Never cached and never indexed by search engines.
"""

import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import DatabaseError
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page, Site

from core.i18n import active_locale

MAX_QUERY_LENGTH = 200
# Quotes and control characters mean something to full-text engines (or break them).
UNSAFE = re.compile(r"[\"\x00-\x1f\x7f]")


def clean_query(raw):
    return " ".join(UNSAFE.sub(" ", raw).split())[:MAX_QUERY_LENGTH]


def site_pages(request):
    """Pages of the request's site, in every language it has a home page for."""
    site = Site.find_for_request(request)
    if site is None:
        return Page.objects.none()
    pages = Page.objects.none()
    for home in site.root_page.get_translations(inclusive=True):
        pages = pages | Page.objects.descendant_of(home, inclusive=True)
    return pages


@never_cache
def search(request):
    search_query = clean_query(request.GET.get("query", ""))
    page_number = request.GET.get("page", 1)

    results = []
    if search_query:
        queryset = site_pages(request).live().public().filter(locale=active_locale(request))
        try:
            results = list(queryset.search(search_query))
        except DatabaseError:  # an odd query the engine cannot parse: no results, not a 500
            results = []
        if results:
            Query.get(search_query).add_hit()

    paginator = Paginator(results, 10)
    try:
        search_results = paginator.page(page_number)
    except PageNotAnInteger:
        search_results = paginator.page(1)
    except EmptyPage:
        search_results = paginator.page(paginator.num_pages)

    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": search_query, "search_results": search_results},
    )
