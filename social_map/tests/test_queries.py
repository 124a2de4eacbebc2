"""The place page reads what it shows in a fixed number of queries (issue 15)."""

import datetime as dt

import pytest
from django.utils import timezone

from core.models import AccessibilityFeature, Organisation, TargetGroup
from social_map.models import OpeningException, OpeningHours
from tests.querycount import assert_same_query_count

WEEK = [(day, (10, 0), (12, 0), False) for day in range(2)]


@pytest.mark.django_db
def test_the_place_page_costs_the_same_with_more_hours_terms_and_exceptions(
    make_place, home, client
):
    place = make_place(title="Huiskamer", hours=WEEK)

    def grow():
        page = type(place).objects.get(pk=place.pk)
        page.opening_hours = [
            OpeningHours(weekday=day, opens=dt.time(9), closes=dt.time(17)) for day in range(7)
        ]
        today = timezone.localdate()
        page.opening_exceptions = [
            OpeningException(date=today + dt.timedelta(days=n), closed=True) for n in range(1, 6)
        ]
        page.organisation = Organisation.objects.create(
            name="Welzijn Zwolle", slug="welzijn-zwolle", locale=home.locale
        )
        page.target_groups = [
            TargetGroup.objects.create(name=f"Groep {n}", slug=f"groep-{n}", locale=home.locale)
            for n in range(5)
        ]
        page.accessibility = [
            AccessibilityFeature.objects.create(
                name=f"Kenmerk {n}", slug=f"k-{n}", locale=home.locale
            )
            for n in range(5)
        ]
        page.save_revision().publish()

    response, _count = assert_same_query_count(client, place.url, grow)
    html = response.content.decode()
    assert "Welzijn Zwolle" in html
    assert "Groep 4" in html and "Kenmerk 4" in html
