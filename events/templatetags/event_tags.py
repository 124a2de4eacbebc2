"""What is on soon, for pages outside the agenda: the home page and a place of the sociale kaart."""

from django import template
from django.utils import timezone
from wagtail.models import Site

from core.i18n import active_locale
from core.models import public_pages

from ..filters import event_url
from ..models import EventIndexPage, EventOccurrence, EventPage, EventStatus

register = template.Library()


def _upcoming(events, limit):
    rows = (
        EventOccurrence.objects.filter(event__in=events, ends_at__gte=timezone.now())
        .exclude(status=EventStatus.CANCELLED)
        .select_related("event", "event__place", "municipality")
        .order_by("starts_at", "pk")[:limit]
    )
    return list(rows)


@register.inclusion_tag("events/tags/upcoming.html", takes_context=True)
def upcoming_events(context, limit=4):
    """The next dates in this site's agenda, in the visitor's language."""
    request = context["request"]
    site = Site.find_for_request(request)
    agenda = None
    if site is not None:
        agenda = (
            EventIndexPage.objects.live()
            .descendant_of(site.root_page)
            .filter(locale=active_locale(request))
            .first()
        )
    if agenda is None:
        return {"items": [], "agenda": None}
    agenda_url = agenda.get_url(request)
    items = _upcoming(EventPage.objects.child_of(agenda).live().public(), limit)
    for item in items:
        item.url = event_url(agenda_url, item.event.slug)
    return {"items": items, "agenda": agenda, "agenda_url": agenda_url, "request": request}


EVENTS_AT_PLACE = "events/tags/events_at_place.html"


def events_at_place_context(place, request, limit=5):
    """The next activities announced at a place of the sociale kaart."""
    items = _upcoming(public_pages(EventPage.objects.live(), request).filter(place=place), limit)
    for item in items:
        item.url = item.event.get_url(request)
    return {"items": items, "request": request}


def events_at_place_panel(page, request):
    """The page panel on a place page (registered in ``EventsConfig.ready()``).

    The sociale kaart does not know the agenda: its place page renders
    ``{% page_panels page %}`` (core) and the agenda fills it (``core.panels``).
    """
    return EVENTS_AT_PLACE, events_at_place_context(page, request)


@register.inclusion_tag(EVENTS_AT_PLACE, takes_context=True)
def events_at_place(context, place, limit=5):
    """The same section as a tag, for templates of apps above the agenda."""
    return events_at_place_context(place, context["request"], limit)
