"""Admin for the agenda: editions as snippets; imports and submissions register their own hooks."""

from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from campaigns.listing import HOOK_NAME
from core.page_cache import EXPIRY_HOOK, LISTS_HOOK, next_midnight

from . import admin_import, admin_submissions  # noqa: F401  (their @hooks.register run on import)
from .campaign_listing import campaign_upcoming_events
from .models import EditionPage, EventEdition, EventIndexPage, EventOccurrence, EventPage


class EventEditionViewSet(SnippetViewSet):
    model = EventEdition
    icon = "date"
    menu_label = _("Landelijke weken")
    add_to_admin_menu = True
    menu_order = 340
    list_display = ["name", "starts_on", "ends_on", "theme"]
    search_fields = ["name"]


register_snippet(EventEditionViewSet)


# The "events of this campaign" block of the campaigns app reads the agenda through this hook.
hooks.register(HOOK_NAME, campaign_upcoming_events)


# The page cache (core.page_cache): what lists events, and when a list changes by the clock.
_EVENTS_BY_THE_CLOCK = {
    "events.eventindexpage",
    "events.editionpage",
    "campaigns.campaignpage",
    "social_map.placepage",
    "home.homepage",
}


@hooks.register(LISTS_HOOK)
def page_cache_lists():
    occurrences = "events.eventoccurrence"
    return [
        (EventIndexPage, [EventPage, occurrences, "social_map.placepage", EventEdition]),
        (EditionPage, [EventPage, occurrences, EventEdition]),
        ("campaigns.campaignpage", [EventPage, occurrences]),
        ("social_map.placepage", [EventPage, occurrences]),
        ("home.homepage", [EventPage, occurrences]),
    ]


@hooks.register(EXPIRY_HOOK)
def page_cache_expiry(page, request):
    """ "Today", "this week", live counts and "geweest" change at midnight or the next
    start or end of a date: one query on the occurrence table (conservative: any event)."""
    label = page._meta.label_lower
    if label not in _EVENTS_BY_THE_CLOCK and not isinstance(page, EventPage):
        return None
    now = timezone.now()
    occurrences = EventOccurrence.objects.all()
    if isinstance(page, EventPage):
        occurrences = occurrences.filter(event=page)
    moments = occurrences.aggregate(
        start=Min("starts_at", filter=Q(starts_at__gt=now)),
        end=Min("ends_at", filter=Q(ends_at__gt=now)),
    )
    candidates = [next_midnight(now), *(m for m in moments.values() if m is not None)]
    return min(candidates)
