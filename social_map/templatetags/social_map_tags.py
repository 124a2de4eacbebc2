"""Where the activity library meets the street: places near a postcode that offer an activity.

Lives here, not in the activity library, so that the library imports nothing of the map: the
activity page renders ``{% page_panels page %}`` (core) and ``SocialMapConfig.ready()``
registers ``places_offering_panel`` for ``activities.ActivityPage`` (``core.panels``).
"""

import datetime as dt

from django import template
from django.db.models.functions import Lower
from django.utils import timezone

from core.geocoding import GeocoderUnavailable, PostcodeNotFound, geocode_postcode
from core.models import public_pages
from core.postcode import normalise_postcode

from ..distance import distance_km, order_by_distance
from ..models import PlacePage, hide_after_days

register = template.Library()
LIMIT = 8


TEMPLATE = "social_map/tags/places_offering.html"
FIELDS = ("title", "summary", "url_path", "latitude", "longitude", "locale_id")


def places_offering_context(activity, request):
    oldest = timezone.localdate() - dt.timedelta(days=hide_after_days())
    # A subquery, not a join with DISTINCT: a place linked to the activity in two languages
    # comes once. Only the columns the section shows (and ``pageurl`` needs) are read.
    offering = PlacePage.activities.through.objects.filter(
        activitypage__translation_key=activity.translation_key
    ).values("placepage_id")
    places = (
        public_pages(PlacePage.objects.live(), request)
        .filter(pk__in=offering, last_checked__gte=oldest)
        .only(*FIELDS)
    )
    postcode = request.GET.get("postcode", "").strip()[:20]
    problem = None
    if postcode:
        try:
            lat0, lon0 = geocode_postcode(postcode)
        except PostcodeNotFound:
            problem = "unknown"
        except GeocoderUnavailable:
            problem = "unavailable"
        else:
            places = order_by_distance(places, lat0, lon0)
    if not postcode or problem:
        places = places.order_by(Lower("title"))
    items = list(places[:LIMIT])
    for place in items:
        place.distance_km = distance_km(place)
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
