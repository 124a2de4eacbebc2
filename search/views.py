"""Site search: live, public pages of this site in the visitor's language.

Never cached and never indexed by search engines.
"""

import re
from urllib.parse import urlencode

from django.db import DatabaseError
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page, Site

from core.i18n import active_locale
from core.pagination import PAGE_PARAM, paginate

MAX_QUERY_LENGTH = 200
QUERY_PARAM = "q"  # like every list on the site; `query` and `page` (Wagtail's) still work
OLD_PARAMS = {QUERY_PARAM: "query", PAGE_PARAM: "page"}
PER_PAGE = 10
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


def param(request, name):
    """A parameter by its name, or by the name the search used before."""
    value = request.GET.get(name)
    return value if value is not None else request.GET.get(OLD_PARAMS[name])


@never_cache
def search(request):
    search_query = clean_query(param(request, QUERY_PARAM) or "")
    results = []
    if search_query:
        queryset = site_pages(request).live().public().filter(locale=active_locale(request))
        try:
            results = list(queryset.search(search_query))
        except DatabaseError:  # an odd query the engine cannot parse: no results, not a 500
            results = []
        if results:
            Query.get(search_query).add_hit()

    notes = []
    search_results = paginate(results, PER_PAGE, param(request, PAGE_PARAM) or "1", notes)
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": search_query,
            "search_results": search_results,
            "query": urlencode({QUERY_PARAM: search_query}) if search_query else "",
            "notes": notes,
        },
    )


def old_search_address(request):
    """/nl/search/?query=... (the old address) goes to /nl/zoeken/?q=... for good."""
    from django.http import HttpResponsePermanentRedirect
    from django.urls import reverse

    params = {}
    for name in OLD_PARAMS:
        value = param(request, name)
        if value:
            params[name] = value
    target = reverse("search")
    return HttpResponsePermanentRedirect(f"{target}?{urlencode(params)}" if params else target)
