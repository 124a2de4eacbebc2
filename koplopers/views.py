"""The koploper overview: filters, a list by province, and the same koplopers on a map."""

from html import escape  # Django's escape() is this, behind a lazy-string check
from itertools import groupby
from operator import itemgetter

from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
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


# One card of the list, as the template wrote it (``koploper_index_page.html``).
CARD = (
    '\n      <li class="place-card koploper-card">\n        <h4><a href="{url}">{name}</a></h4>'
    "\n        {headline}\n        {summary}\n        {lead}\n      </li>\n      "
)


def by_province(rows):
    """[(province, its cards as one piece of HTML)], by province and then by name: a
    template loop over twenty koplopers cost more than the rest of the list together."""
    no_story, lead_label = escape(_("Nog geen verhaal.")), escape(_("Kartrekker"))
    result = []
    rows = sorted(rows, key=lambda row: (row["province"], row["name"].casefold()))
    for province, items in groupby(rows, key=itemgetter("province")):
        html = [
            CARD.format(
                url=escape(str(row["url"])),
                name=escape(row["name"]),
                headline=f'<p class="place-card__kind">{escape(row["headline"])}</p>'
                if row["headline"]
                else "",
                summary=f"<p>{escape(row['summary']) if row['summary'] else no_story}</p>",
                lead=f"<p>{lead_label}: {escape(row['lead'])}</p>" if row["lead"] else "",
            )
            for row in items
        ]
        result.append((province, mark_safe("".join(html))))  # noqa: S308 (escaped above)
    return result


def koploper_index(index, request):
    result = KoploperFilter(index, request).evaluate()
    index_url = with_urls(index, result["koplopers"], request)
    context = index.get_context(request)
    context.update(result=result, by_province=by_province(result["koplopers"]), index_url=index_url)
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
