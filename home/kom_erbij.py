"""The Kom erbij-plan: the profile guide's answer on one large-print A4 page to hand over.

A welzijn worker or a neighbour answers the three questions of the profile guide, types the
person's postcode and prints one page: the profile and what helps, the activities that fit,
the five nearest coming dates of the agenda and places of the sociale kaart, and the
helplines, with QR codes to the full lists. It lives in ``home`` because it needs the library,
the sociale kaart and the agenda, which may not import each other this way round. Routed as
``kom-erbij-plan/`` under the ``ProfileGuidePage`` (registered in ``home.apps``).

When the postcode cannot be looked up (a typo, an unknown postcode, PDOK not answering), the
plan says so and shows the soonest dates with "distance unknown" instead of guessing.
"""

import datetime as dt
from urllib.parse import urlencode

from django.db.models import OuterRef, Subquery
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site

from core.geocoding import GeocoderUnavailable, PostcodeNotFound, geocode_postcode
from core.models import public_pages
from core.postcode import normalise_postcode
from events import qr
from events.choices import GONE_STATUSES
from events.models import EventIndexPage, EventOccurrence, EventPage
from social_map.distance import KM_PER_DEGREE, distance_km, order_by_distance
from social_map.models import PlacePage, SocialMapPage, hide_after_days

NEAREST = 5  # dates and places on the plan: what fits on one A4 page in large type
PLAN_ACTIVITIES = 4  # activities named on paper; the QR code leads to all of them
MAX_KM = 25  # further away is not "near"; the plan says so rather than list it


def _origin(postcode):
    """(point, message): the postcode's coordinates, or None and why the distance is unknown."""
    if not postcode:
        return None, _("U vulde geen postcode in. Daarom weten we niet wat dichtbij is.")
    normal = normalise_postcode(postcode)
    if normal is None:
        return None, _("“%(value)s” is geen postcode. Daarom weten we niet wat dichtbij is.") % {
            "value": postcode[:20]
        }
    try:
        return geocode_postcode(normal), ""
    except PostcodeNotFound:
        message = _("We kennen postcode %(value)s niet. Daarom weten we niet wat dichtbij is.")
    except GeocoderUnavailable:
        message = _(
            "Het opzoeken van postcode %(value)s werkt nu even niet. Daarom weten we de "
            "afstand niet."
        )
    return None, message % {"value": normal}


def _root(page, request):
    """The home page of the request's site in the guide's language (never another site's)."""
    site = Site.find_for_request(request) or page.get_site()
    root = site.root_page
    return root.get_translation_or_none(page.locale) or root


def _within(queryset, origin):
    """Nearest first, at most ``MAX_KM`` away (a square on degrees, as the sort)."""
    limit = (MAX_KM / KM_PER_DEGREE) ** 2
    return order_by_distance(queryset.filter(latitude__isnull=False), *origin).filter(
        distance_sq__lte=limit
    )


def nearest_places(root, origin, fitting_ids, request=None):
    """The nearest places residents may see, each with the activities it offers that fit."""
    if origin is None:
        return []
    oldest = timezone.localdate() - dt.timedelta(days=hide_after_days())
    places = public_pages(PlacePage.objects.live(), request).descendant_of(root)
    places = places.filter(last_checked__gte=oldest)
    places = _within(places, origin).select_related("kind").prefetch_related("activities")
    found = list(places[:NEAREST])
    for place in found:
        place.distance_km = distance_km(place)
        place.fitting = [a for a in place.activities.all() if a.pk in fitting_ids and a.live]
    return found


def coming_dates(root, origin, request=None):
    """The next date of each coming event: the nearest five, or the soonest five."""
    now = timezone.now()
    upcoming = EventOccurrence.objects.filter(ends_at__gte=now).exclude(status__in=GONE_STATUSES)
    first = upcoming.filter(event=OuterRef("event")).order_by("starts_at", "pk").values("pk")[:1]
    events = public_pages(EventPage.objects.live(), request).descendant_of(root).values("pk")
    dates = upcoming.filter(event__in=events, pk=Subquery(first)).select_related(
        "event", "event__place"
    )
    if origin is None:
        return list(dates.order_by("starts_at", "pk")[:NEAREST])
    found = list(_within(dates, origin).order_by("distance_sq", "starts_at", "pk")[:NEAREST])
    for occurrence in found:
        occurrence.distance_km = distance_km(occurrence)
    return found


def _first_live(model, root, request=None):
    return public_pages(model.objects.live(), request).descendant_of(root).first()


def _qr(url, label):
    return {"url": url, "short_url": url.split("://", 1)[-1], "svg": qr.svg(url, label)}


def _qr_codes(page, request, root, answers, postcode):
    """QR codes to the full answer, and to the sociale kaart and agenda near the postcode."""
    codes = []
    guide_url = f"{page.get_full_url(request)}?{urlencode(answers)}#resultaat"
    codes.append(
        {
            **_qr(guide_url, _("QR-code naar alle activiteiten bij dit profiel")),
            "text": _("Alle activiteiten bij dit profiel"),
        }
    )
    social_map = _first_live(SocialMapPage, root, request)
    if social_map is not None:
        query = f"?{urlencode({'postcode': postcode})}" if postcode else ""
        url = social_map.get_full_url(request) + query
        codes.append(
            {**_qr(url, _("QR-code naar de sociale kaart")), "text": _("Meer plekken in de buurt")}
        )
    agenda = _first_live(EventIndexPage, root, request)
    if agenda is not None:
        url = agenda.get_full_url(request)
        codes.append({**_qr(url, _("QR-code naar de agenda")), "text": _("De hele agenda")})
    return codes


def kom_erbij_plan(page, request):
    """The plan for the answers and ``postcode`` in the query string; without complete
    answers, back to the guide, which names what is missing."""
    guide = page.evaluate_guide(request)
    if not guide.get("profile"):
        query = request.GET.copy()
        query.pop("postcode", None)
        return redirect(f"{page.url}?{query.urlencode()}#resultaat" if query else page.url)

    postcode = request.GET.get("postcode", "").strip()[:20]
    origin, location_message = _origin(postcode)
    root = _root(page, request)
    activities = guide["activities"]
    fitting_ids = {activity.pk for activity in activities}
    context = {
        "page": page,
        "self": page,
        "request": request,
        "guide": guide,
        "profile": guide["profile"],
        "little_offer": guide["fit"].little_offer or not activities,
        "activities": activities[:PLAN_ACTIVITIES],
        "more_activities": max(len(activities) - PLAN_ACTIVITIES, 0),
        "postcode": normalise_postcode(postcode) or postcode,
        "location_known": origin is not None,
        "location_message": location_message,
        "max_km": MAX_KM,
        "dates": coming_dates(root, origin, request),
        "places": nearest_places(root, origin, fitting_ids, request),
        "qr_codes": _qr_codes(page, request, root, guide["answers"], normalise_postcode(postcode)),
        "printed_on": timezone.localdate(),
    }
    return TemplateResponse(request, "home/kom_erbij_plan.html", context)
