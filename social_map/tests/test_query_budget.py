"""The sociale kaart's list and place page: a fixed query budget, whatever their size.

The budgets are the test settings' counts (no cached header and footer, SQLite): the list
reads its terms, areas, rows with their count, and the hours, exceptions and slugs of its
places in one query each; the place page its terms and its hours in one query each.
"""

import datetime as dt
import re

import pytest
from django.utils import timezone

from core.models import AccessibilityFeature, TargetGroup
from social_map.models import PlacePage
from tests.querycount import count_queries

LIST_BUDGET = 22
PLACE_BUDGET = 22


def cards(html):
    return re.findall(r'<li class="place-card".*?</li>\s*</ul>\s*</li>', html, re.S)


@pytest.mark.django_db
def test_list_and_map_cost_the_same_few_queries_for_1_or_40_places(
    make_place, home, client, django_assert_max_num_queries
):
    group = TargetGroup.objects.create(name="Ouderen", slug="ouderen", locale=home.locale)
    every_day = [(day, (10,), (12,), False) for day in range(7)]
    make_place("Eerste", hours=every_day, latitude=51.7, longitude=5.3)
    client.get("/nl/kaart/")
    _response, one = count_queries(client, "/nl/kaart/")
    _response, one_map = count_queries(client, "/nl/kaart/geojson/")

    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    for number in range(40):
        place = make_place(
            f"Plek {number:02d}",
            hours=every_day,
            exceptions=[(tomorrow, True)],
            wheelchair_access=True,
            latitude=51.7,
            longitude=5.3 + number / 100,
            district=f"Wijk {number % 3}",
        )
        place.target_groups = [group]
        place.save_revision().publish()

    with django_assert_max_num_queries(LIST_BUDGET):
        response, forty = count_queries(client, "/nl/kaart/", data={"pagina": "2"})
    _response, forty_map = count_queries(client, "/nl/kaart/geojson/", data={"pagina": "2"})
    assert (forty, forty_map) == (one, one_map)

    html = response.content.decode()
    assert "41 plekken gevonden" in html
    listed = cards(html)
    assert len(listed) == 41 - 25  # the second page
    assert all("Toegankelijk met een rolstoel" in card for card in listed)
    assert all("Vandaag open" in card and "10:00" in card for card in listed)
    assert '<option value="Wijk 2">' in html  # districts come from the same query


@pytest.mark.django_db
def test_a_page_number_past_the_end_shows_the_last_page(make_place, client):
    for number in range(30):
        make_place(f"Plek {number:02d}")
    html = client.get("/nl/kaart/", {"pagina": "9"}).content.decode()
    assert "30 plekken gevonden" in html
    assert "we tonen de laatste pagina" in html
    assert len(cards(html)) == 5


@pytest.mark.django_db
def test_place_page_stays_within_its_budget(
    make_place, home, client, django_assert_max_num_queries
):
    place = make_place(hours=[(0, (10,), (12,), False)])
    page = PlacePage.objects.get(pk=place.pk)
    page.target_groups = [
        TargetGroup.objects.create(name=f"Groep {n}", slug=f"groep-{n}", locale=home.locale)
        for n in range(4)
    ]
    page.accessibility = list(AccessibilityFeature.objects.all())
    page.save_revision().publish()
    client.get(place.url)
    with django_assert_max_num_queries(PLACE_BUDGET):
        response = client.get(place.url)
    html = response.content.decode()
    assert "Groep 3" in html and "Rolstoeltoegankelijk" in html and "Buurthuis" in html
    assert "10:00" in html


# With the page cache on, a miss whose shared caches are warm (the header and footer, the
# routes, the filter options and the map's areas, the cards) reads only what is its own: for
# the list its rows (with the core's route and private sections); for a place its terms,
# hours, activities and what the agenda shows there.
WARM_LIST_BUDGET = 3
WARM_PLACE_BUDGET = 6


@pytest.mark.django_db
def test_a_miss_with_warm_shared_caches_reads_only_its_own_rows(
    demo_site, client, settings, django_assert_max_num_queries
):
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 3600
    cache.clear()
    place = "/nl/sociale-kaart/demo-denbosch-huiskamer-graafsewijk/"
    for url, budget in (("/nl/sociale-kaart/", WARM_LIST_BUDGET), (place, WARM_PLACE_BUDGET)):
        client.get(url, {"bron": "1"})  # another address: a miss that warms the shared caches
        with django_assert_max_num_queries(budget):
            response = client.get(url, {"bron": "2"})
        assert response["X-Cache"] == "miss"
    cache.clear()
