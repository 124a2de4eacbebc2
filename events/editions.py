"""Figures for an edition page: how many events and municipalities take part, live from the data."""

from django.db.models import Count

from .models import EventOccurrence, EventPage


def edition_summary(page, request):
    edition = page.edition
    index = page.get_parent().specific
    events = (
        EventPage.objects.child_of(index)
        .live()
        .public()
        .filter(edition__translation_key=edition.translation_key)
    )
    municipalities = list(
        events.exclude(municipality=None)
        .values(
            "municipality__name",
            "municipality__slug",
            "municipality__latitude",
            "municipality__longitude",
        )
        .annotate(events=Count("pk"))
        .order_by("municipality__name")
    )
    dates = EventOccurrence.objects.filter(event__in=events).exclude(status="cancelled")
    return {
        "edition": edition,
        "event_count": events.count(),
        "occurrence_count": dates.count(),
        "municipality_count": len(municipalities),
        "municipalities": municipalities,
        "agenda_url": index.get_url(request),
    }
