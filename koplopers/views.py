"""The koploper overview: filters, a list by province, and the same koplopers on a map."""

from itertools import groupby

from django.template.response import TemplateResponse

from core.maps import geojson_response, point_feature

from .filters import KoploperFilter


def koploper_index(index, request):
    result = KoploperFilter(index, request).evaluate()
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
    return geojson_response(
        point_feature(
            koploper.municipality.latitude,
            koploper.municipality.longitude,
            name=koploper.municipality.name,
            headline=koploper.headline,
            url=koploper.get_url(request),
        )
        for koploper in result["koplopers"]
        if koploper.municipality.latitude is not None
    )
