import datetime as dt

import pytest
from django.utils import timezone

from core.models import AccessibilityFeature, Municipality
from social_map.models import OpeningException, OpeningHours, PlaceKind, PlacePage, SocialMapPage


@pytest.fixture
def social_map(home):
    return home.add_child(instance=SocialMapPage(title="Sociale kaart", slug="kaart"))


@pytest.fixture
def make_place(social_map, home):
    kind = PlaceKind.objects.create(name="Buurthuis", slug="buurthuis", locale=home.locale)
    wheelchair = AccessibilityFeature.objects.create(
        name="Rolstoeltoegankelijk", slug="rolstoeltoegankelijk", locale=home.locale
    )
    municipality = Municipality.objects.create(
        name="Zwolle", slug="zwolle", cbs_code="GM0193", province="Overijssel"
    )
    counter = iter(range(1, 100_000))

    def make(title=None, hours=(), exceptions=(), wheelchair_access=False, **fields):
        number = next(counter)
        page = PlacePage(
            title=title or f"Plek {number}",
            slug=f"plek-{number}",
            kind=kind,
            summary="Samen koffie drinken.",
            municipality=fields.pop("municipality", municipality),
            last_checked=fields.pop("last_checked", timezone.localdate()),
            **fields,
        )
        page.opening_hours = [
            OpeningHours(
                weekday=day, opens=dt.time(*opens), closes=dt.time(*closes), closes_next_day=nxt
            )
            for day, opens, closes, nxt in hours
        ]
        page.opening_exceptions = [
            OpeningException(date=date, closed=closed) for date, closed in exceptions
        ]
        page.accessibility = [wheelchair] if wheelchair_access else []
        social_map.add_child(instance=page)
        return page

    return make
