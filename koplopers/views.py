"""The koploper overview: filters, a list by province, and the same koplopers on a map."""

from itertools import groupby

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Locale

from core.i18n import active_locale, terms_in_language
from core.maps import geojson_response, point_feature


def filtered(index, request):
    locale = active_locale(request)
    default_locale = Locale.get_default()
    koplopers = index.koplopers()
    steps = terms_in_language("core.PlanStep", locale, default_locale)
    parts = terms_in_language("core.ApproachPart", locale, default_locale)
    provinces = sorted(set(koplopers.values_list("municipality__province", flat=True)))
    notes = []

    def choose(name, known, label):
        value = request.GET.get(name, "").strip()[:100]
        if value and value not in known:
            notes.append(
                _("We kennen “%(value)s” niet als %(label)s en hebben dat filter overgeslagen.")
                % {"value": value[:40], "label": label}
            )
            return ""
        return value

    selected = {
        "provincie": choose("provincie", provinces, _("provincie")),
        "stap": choose("stap", steps, _("stap")),
        "onderdeel": choose("onderdeel", parts, _("onderdeel")),
    }
    if selected["provincie"]:
        koplopers = koplopers.filter(municipality__province=selected["provincie"])
    if selected["stap"]:
        koplopers = koplopers.filter(steps__slug=selected["stap"]).distinct()
    if selected["onderdeel"]:
        koplopers = koplopers.filter(approach_parts__slug=selected["onderdeel"]).distinct()
    return {
        "koplopers": list(koplopers),
        "selected": selected,
        "options": {"provinces": provinces, "steps": steps, "parts": parts},
        "notes": notes,
        "query": "&".join(f"{key}={value}" for key, value in selected.items() if value),
    }


def koploper_index(index, request):
    result = filtered(index, request)
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
    result = filtered(index, request)
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
