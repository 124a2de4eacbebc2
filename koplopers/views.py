"""The koploper overview: filters, a list by province, and the same koplopers on a map."""

from itertools import groupby

from django.template.response import TemplateResponse

from core.maps import geojson_response, point_feature

from .filters import KoploperFilter


def with_urls(index, koplopers, request):
    """Set ``koploper.list_url``: the index's address and the koploper's own part of its path.

    A koploper is a child of the index, so its address follows from the index's; Wagtail's
    ``get_url`` per card cost a sixth of a millisecond each.
    """
    base = index.get_url(request) or ""
    for koploper in koplopers:
        if base and koploper.url_path.startswith(index.url_path):
            koploper.list_url = base + koploper.url_path[len(index.url_path) :]
        else:
            koploper.list_url = koploper.get_url(request)
    return koplopers


def koploper_index(index, request):
    result = KoploperFilter(index, request).evaluate()
    with_urls(index, result["koplopers"], request)
    by_province = [
        (province, list(items))
        for province, items in groupby(
            sorted(
                result["koplopers"],
                key=lambda k: (k.municipality.province, k.municipality.name.casefold()),
            ),
            key=lambda k: k.municipality.province,
        )
    ]
    context = index.get_context(request)
    context.update(
        result=result,
        by_province=by_province,
    )
    return TemplateResponse(request, "koplopers/koploper_index_page.html", context)


def koploper_map_data(index, request):
    result = KoploperFilter(index, request).evaluate()
    with_urls(index, result["koplopers"], request)
    return geojson_response(
        point_feature(
            koploper.municipality.latitude,
            koploper.municipality.longitude,
            name=koploper.municipality.name,
            headline=koploper.headline,
            url=koploper.list_url,
        )
        for koploper in result["koplopers"]
        if koploper.municipality.latitude is not None
    )
