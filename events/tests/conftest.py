import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone

from core.models import Municipality
from events.models import EventIndexPage, EventPage, OccurrenceException

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


def local(*args):
    """An aware datetime in Dutch time: local(2026, 10, 20, 10, 0)."""
    return dt.datetime(*args, tzinfo=AMSTERDAM)


@pytest.fixture
def agenda(home):
    return home.add_child(instance=EventIndexPage(title="Agenda", slug="agenda"))


@pytest.fixture
def zwolle(db):
    return Municipality.objects.get_or_create(
        cbs_code="GM0193",
        defaults={"name": "Zwolle", "slug": "zwolle", "province": "Overijssel"},
    )[0]


@pytest.fixture
def make_event(agenda, zwolle):
    """Publish an event in the agenda; occurrences are built by the publish signal."""
    counter = iter(range(1, 1_000_000))

    def make(title=None, starts_at=None, exceptions=(), parent=None, publish=True, **fields):
        number = next(counter)
        starts_at = starts_at or timezone.now() + dt.timedelta(days=7)
        fields.setdefault("ends_at", starts_at + dt.timedelta(hours=2))
        fields.setdefault("municipality", zwolle)
        # Free unless a price is given ("€ 2,50"); pass is_free=None for an unknown cost.
        fields.setdefault("is_free", not fields.get("price"))
        page = EventPage(
            title=title or f"Activiteit {number}",
            slug=f"activiteit-{number}",
            summary="Samen koffie drinken en praten.",
            starts_at=starts_at,
            live=publish,
            **fields,
        )
        page.occurrence_exceptions = [OccurrenceException(**item) for item in exceptions]
        (parent or agenda).add_child(instance=page)
        if publish:
            page.save_revision().publish()
        return page

    return make
