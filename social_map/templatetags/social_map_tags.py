"""Where the activity library meets the street: places near a postcode that offer an activity.

Lives here, not in the activity library, so that the library imports nothing of the map: the
activity page renders ``{% page_panels page %}`` (core) and ``SocialMapConfig.ready()``
registers ``places_offering_panel`` for ``activities.ActivityPage`` (``core.panels``).
"""

import datetime as dt

from django import template
from django.db.models.functions import Lower
from django.utils import timezone
from wagtail.models import Page

from activities.page_urls import sibling_urls
from activities.terms import build, prepared_rows
from core.geocoding import GeocoderUnavailable, PostcodeNotFound, geocode_postcode
from core.models import public_pages, view_restrictions
from core.postcode import normalise_postcode

from ..distance import distance_km, order_by_distance
from ..models import PlacePage, hide_after_days

register = template.Library()
LIMIT = 8


TEMPLATE = "social_map/tags/places_offering.html"
FIELDS = ("title", "summary", "url_path", "latitude", "longitude", "locale_id")  # + the URL


def _offering(translation_key):
    """The places linked to the activity in any language. A subquery, not a join with
    DISTINCT: a place linked to the activity in two languages comes once. The activity's
    pages by ``wagtailcore_page`` alone (the link's key is one of them): PostgreSQL plans
    that in a third of the time of a join through the activity table."""
    pages = Page.objects.filter(translation_key=translation_key).values("pk")
    return PlacePage.activities.through.objects.filter(activitypage_id__in=pages).values(
        "placepage_id"
    )


def _by_title(activity, request, oldest):
    """The first places by title, the query compiled once per set of private sections
    (``activities.terms.prepared_rows``): the section of every activity page without a
    postcode."""
    private = tuple((item.page.path, item.page.depth) for item in view_restrictions(request))

    def query(translation_key, oldest):
        return (
            public_pages(PlacePage.objects.live(), request)
            .filter(pk__in=_offering(translation_key), last_checked__gte=oldest)
            .order_by(Lower("title"))
            .values_list("pk", *FIELDS)[:LIMIT]
        )

    rows = prepared_rows(("places_offering", private), query, activity.translation_key, oldest)
    return [
        build(PlacePage, {"id": pk, "page_ptr_id": pk, **dict(zip(FIELDS, values, strict=True))})
        for pk, *values in rows
    ]


def places_offering_context(activity, request):
    oldest = timezone.localdate() - dt.timedelta(days=hide_after_days())
    postcode = request.GET.get("postcode", "").strip()[:20]
    problem = None
    if postcode:
        # Only the columns the section shows (and its links need) are read.
        places = (
            public_pages(PlacePage.objects.live(), request)
            .filter(pk__in=_offering(activity.translation_key), last_checked__gte=oldest)
            .only(*FIELDS)
        )
        try:
            lat0, lon0 = geocode_postcode(postcode)
        except PostcodeNotFound:
            problem = "unknown"
        except GeocoderUnavailable:
            problem = "unavailable"
        else:
            places = order_by_distance(places, lat0, lon0)
    if not postcode or problem:
        items = _by_title(activity, request, oldest)
    else:
        items = list(places[:LIMIT])
    for place, url in zip(items, sibling_urls(items, request), strict=True):
        place.distance_km = distance_km(place)
        place.card_url = url
    return {
        "request": request,
        "activity": activity,
        "places": items,
        "postcode": normalise_postcode(postcode) or postcode,
        "problem": problem,
    }


def places_offering_panel(page, request):
    """The page panel on an activity page (registered in ``SocialMapConfig.ready()``)."""
    return TEMPLATE, places_offering_context(page, request)


@register.inclusion_tag(TEMPLATE, takes_context=True)
def places_offering(context, activity):
    """The same section as a tag, for templates of apps above the sociale kaart."""
    return places_offering_context(activity, context["request"])
