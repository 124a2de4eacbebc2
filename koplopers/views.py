"""The koploper overview: filters, a list by province, and the same koplopers on a map."""

from itertools import groupby
from operator import itemgetter

from django.template.response import TemplateResponse
from wagtail.models import Page

from core.maps import geojson_response, point_feature

from .filters import KoploperFilter


def with_urls(index, rows, request):
    """Set each row's ``url``: the index's address and the koploper's own part of its path.

    A koploper is a child of the index, so its address follows from the index's (one
    ``get_url`` for the list); Wagtail's ``get_url`` per card cost a sixth of a millisecond.
    Returns the index's address.
    """
    base = index.get_url(request) or ""
    prefix = index.url_path
    for row in rows:
        if base and row["url_path"].startswith(prefix):
            row["url"] = base + row["url_path"][len(prefix) :]
        else:  # not below the index's address (cannot happen for a child): ask Wagtail
            row["url"] = Page(id=row["id"], url_path=row["url_path"]).get_url(request)
    return base


def koploper_index(index, request):
    result = KoploperFilter(index, request).evaluate()
    index_url = with_urls(index, result["koplopers"], request)
    by_province = [
        (province, list(items))
        for province, items in groupby(
            sorted(result["koplopers"], key=lambda row: (row["province"], row["name"].casefold())),
            key=itemgetter("province"),
        )
    ]
    context = index.get_context(request)
    context.update(result=result, by_province=by_province, index_url=index_url)
    return TemplateResponse(request, "koplopers/koploper_index_page.html", context)


def koploper_map_data(index, request):
    result = KoploperFilter(index, request).evaluate()
    with_urls(index, result["koplopers"], request)
    return geojson_response(
        point_feature(
            row["latitude"],
            row["longitude"],
            name=row["name"],
            headline=row["headline"],
            url=row["url"],
        )
        for row in result["koplopers"]
        if row["latitude"] is not None
    )
