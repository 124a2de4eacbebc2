"""The routes of a sociale kaart: list with map, map data, print view and exports."""

import json

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from core.maps import geojson_response, point_feature

from .filters import PlaceFilter
from .hsds import hsds_document
from .spreadsheet import csv_export

_SELECT_OPTION = '<option value="{}"{}>{}</option>'
_KIND_OPTION = (
    '\n      <div class="facet__option"><input type="checkbox" id="f-soort-{}" name="soort" '
    'value="{}"{}><label for="f-soort-{}">{}</label></div>\n      '
)


def options_html(result):
    """The list page's options of municipality, day and kind: some thirty, cheaper as one
    string each than as template nodes per option."""
    options, selected = result["options"], result["selected"]
    chosen, checked = mark_safe(" selected"), mark_safe(" checked")
    return {
        "gemeente": format_html_join(
            "",
            _SELECT_OPTION,
            (
                (slug, chosen if slug == selected["gemeente"] else "", municipality.name)
                for slug, municipality in options["gemeente"].items()
            ),
        ),
        "dag": format_html_join(
            "",
            _SELECT_OPTION,
            (
                (slug, chosen if selected["dag"] == slug else "", label)
                for slug, label in options["dag"].items()
            ),
        ),
        "soort": format_html_join(
            "",
            _KIND_OPTION,
            (
                (slug, slug, checked if slug in selected["soort"] else "", slug, kind.name)
                for slug, kind in options["soort"].items()
            ),
        ),
    }


def place_list(social_map, request):
    result = PlaceFilter(social_map, request, cards=True).evaluate()
    context = social_map.get_context(request)
    context.update(result=result, options_html=options_html(result))
    return TemplateResponse(request, "social_map/social_map_page.html", context)


def place_map_data(social_map, request):
    """GeoJSON of the places on the same page of the same list, so markers match the list.

    A phone or online service is no building: it has no marker. ``status`` (a closure) and
    ``notice`` are for the popup; ``today`` is the list's "Vandaag open van ... tot ...".
    """
    result = PlaceFilter(social_map, request).evaluate()
    return geojson_response(
        point_feature(
            place.latitude,
            place.longitude,
            id=place.pk,
            name=place.title,
            url=place.get_url(request),
            kind=place.kind_term.name,
            address=place.address_line,
            open_today=place.open_today,
            today=place.status_today.text,
            temporarily_closed=place.status_today.closed_for_now,
            status=place.closure,
            notice=place.active_notice_text,
        )
        for place in result["places"]
        if place.latitude is not None and place.longitude is not None and not place.is_remote
    )


def place_print(social_map, request):
    result = PlaceFilter(social_map, request, paginate=False).evaluate()
    group_by = "kind" if request.GET.get("groepeer") == "soort" else "district"
    groups = {}
    for place in result["places"]:
        key = place.kind_term.name if group_by == "kind" else (place.district or place.city or "")
        groups.setdefault(key, []).append(place)
    context = social_map.get_context(request)
    context.update(
        result=result,
        groups=sorted(groups.items(), key=lambda item: (item[0] == "", item[0].casefold())),
        group_by=group_by,
        printed_on=timezone.localdate(),
    )
    return TemplateResponse(request, "social_map/print.html", context)


def _export_places(social_map, request):
    return PlaceFilter(social_map, request, paginate=False).evaluate()["places"]


def place_export_hsds(social_map, request):
    places = _export_places(social_map, request)
    site = social_map.get_site()
    base_url = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    document = hsds_document(places, base_url)
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{slugify(social_map.title)}-hsds.json"'
    return response


def place_export_csv(social_map, request):
    places = _export_places(social_map, request)
    response = HttpResponse(csv_export(places), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(social_map.title)}.csv"'
    return response
