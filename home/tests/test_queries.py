"""The home page's front door finds all its targets at once (issue 15)."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from activities.models import ActivityIndexPage
from events.models import EventIndexPage, EventSubmissionPage
from home import front_door
from home.factories import StandardPageFactory
from koplopers.models import KoploperIndexPage
from social_map.models import SocialMapPage
from tests.querycount import assert_same_query_count

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections(home):
    agenda = home.add_child(instance=EventIndexPage(title="Agenda", slug="agenda"))
    return {
        "places": home.add_child(instance=SocialMapPage(title="Sociale kaart", slug="kaart")),
        "agenda": agenda,
        "submission": agenda.add_child(
            instance=EventSubmissionPage(title="Aanmelden", slug="aanmelden")
        ),
        "activities": home.add_child(
            instance=ActivityIndexPage(title="Activiteitenbank", slug="activiteiten")
        ),
        "koplopers": home.add_child(instance=KoploperIndexPage(title="Koplopers", slug="kopl")),
    }


def test_all_targets_at_once_are_the_targets_one_by_one(home, sections):
    approach = StandardPageFactory(parent=home, title="Aanpak", slug="aanpak")
    home.approach_page = approach
    home.save()
    with translation.override("nl"):
        together = front_door.all_targets(home)
        with CaptureQueriesContext(connection) as queries:
            front_door.all_targets(home)
    expected = {"approach": approach, **sections}
    assert {name: page.pk for name, page in together.items()} == {
        name: page.pk for name, page in expected.items()
    }
    assert {name: page.pk for name, page in together.items()} == {
        name: front_door.find_target(home, name).pk for name in front_door.TARGETS
    }
    # The chosen page (already loaded now), the page types, the private sections.
    assert len(queries) <= 3


def test_a_request_asks_once_for_all_targets_and_once_for_one(home, sections):
    request = RequestFactory().get("/nl/")
    with translation.override("nl"):
        with CaptureQueriesContext(connection) as queries:
            front_door.find_targets(home, front_door.TARGETS, request)
            for name in front_door.TARGETS:
                front_door.find_target(home, name, request)
        first = len(queries)
        assert first <= 4
        with CaptureQueriesContext(connection) as queries:
            front_door.find_target(home, "submission", request)
        assert len(queries) == 0


def test_the_home_page_costs_the_same_with_more_sections(home, sections, client):
    def grow():
        for number in range(5):
            home.add_child(instance=SocialMapPage(title=f"Kaart {number}", slug=f"kaart-{number}"))
            home.add_child(instance=EventIndexPage(title=f"Agenda {number}", slug=f"ag-{number}"))

    assert_same_query_count(client, "/nl/", grow)


@pytest.mark.django_db
def test_a_page_cache_miss_of_the_home_page_stays_within_its_query_budget(
    demo_site, client, settings
):
    """The featured pages and the chosen targets in one query, the types' first pages in
    one, the private sections; the agenda's "binnenkort" (events) three more."""
    from django.core.cache import cache

    from tests.querycount import count_queries

    settings.PAGE_CACHE_SECONDS = 3600
    cache.clear()
    client.get("/nl/")
    _response, count = count_queries(client, "/nl/?x=1")  # another entry: a miss
    assert count <= 6
