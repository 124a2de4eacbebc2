"""Admin for the agenda: editions as snippets; imports and submissions register their own hooks."""

from django.core.cache import cache
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
from .occurrences import version_and as dates_version_and


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
    event_id = page.pk if isinstance(page, EventPage) else None
    moment = next_date_change(event_id, now, request)
    return min(next_midnight(now), moment) if moment is not None else next_midnight(now)


def next_date_change(event_id, now, request=None):
    """The first start or end of a date after ``now`` (of one event, or any), else None.

    Kept in the cache until that moment passes or any event's dates change (the version of
    the occurrence table is kept with it, read in the same round trip), so a page-cache miss
    seldom pays the aggregate.
    """
    key = f"events:next-change:{event_id or 'all'}"
    version, cached = dates_version_and(request, key)
    if (
        cached is not None
        and cached["version"] == version
        and (cached["at"] is None or cached["at"] > now)
    ):
        return cached["at"]
    occurrences = EventOccurrence.objects.all()
    if event_id is not None:
        occurrences = occurrences.filter(event_id=event_id)
    moments = occurrences.aggregate(
        start=Min("starts_at", filter=Q(starts_at__gt=now)),
        end=Min("ends_at", filter=Q(ends_at__gt=now)),
    )
    found = [moment for moment in moments.values() if moment is not None]
    at = min(found) if found else None
    cache.set(key, {"at": at, "version": version}, 24 * 3600)
    return at
