"""Site search: live, public pages in the visitor's language. Never cached, never indexed."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page

from core.i18n import active_locale

MAX_QUERY_LENGTH = 200


@never_cache
def search(request):
    search_query = request.GET.get("query", "").strip()[:MAX_QUERY_LENGTH]
    page_number = request.GET.get("page", 1)

    results = Page.objects.none()
    if search_query:
        results = (
            Page.objects.live().public().filter(locale=active_locale(request)).search(search_query)
        )
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
