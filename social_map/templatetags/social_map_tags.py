"""Where the activity library meets the street: places near a postcode that offer an activity.

Lives here, not in the activity library, so that the library imports nothing of the map.
"""

import datetime as dt

from django import template
from django.db.models.functions import Lower
from django.utils import timezone

from ..distance import distance_km, order_by_distance
from ..geocoding import GeocoderUnavailable, PostcodeNotFound, geocode_postcode
from ..models import PlacePage, hide_after_days
from ..postcode import normalise_postcode

register = template.Library()
LIMIT = 8


@register.inclusion_tag("social_map/tags/places_offering.html", takes_context=True)
def places_offering(context, activity):
    request = context["request"]
    oldest = timezone.localdate() - dt.timedelta(days=hide_after_days())
    places = (
        PlacePage.objects.live()
        .public()
        .filter(activities__translation_key=activity.translation_key, last_checked__gte=oldest)
        .select_related("kind")
        .distinct()
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
