"""The activity library and an activity page: a fixed query budget, whatever their size.

The budgets are the test settings' counts (no cached header and footer, SQLite). An activity
page reads its type, level and four term lists in one query, and the places that offer it
in one more, however many there are.
"""

import re
from html import unescape

import pytest
from django.utils.html import escape

from activities.models import ActivityPage, InterventionProfile
from core.models import ApproachPart, Organisation, TargetGroup
from social_map.templatetags.social_map_tags import LIMIT
from tests.querycount import count_queries

INDEX_BUDGET = 24
ACTIVITY_BUDGET = 22


@pytest.mark.django_db
def test_activity_page_costs_the_same_with_more_terms_and_places(
    demo_site, client, django_assert_max_num_queries
):
    from social_map.models import PlacePage

    page = ActivityPage.objects.get(slug="activerend-huisbezoek", locale__language_code="nl")
    client.get(page.url)
    _response, before = count_queries(client, page.url)

    page.target_groups = list(TargetGroup.objects.filter(locale=page.locale))
    page.organisations = list(Organisation.objects.filter(locale=page.locale))
    page.profiles = list(InterventionProfile.objects.filter(locale=page.locale))
    page.approach_parts = list(ApproachPart.objects.filter(locale=page.locale))
    page.save_revision().publish()
    places = [place for place in PlacePage.objects.live() if not place.is_hidden_as_stale][:6]
    for place in places:
        place.activities.add(page)
        place.save()

    client.get(page.url)
    with django_assert_max_num_queries(ACTIVITY_BUDGET):
        response, after = count_queries(client, page.url)
    assert after == before
    html = response.content.decode()
    assert all(escape(group.name) in html for group in page.target_groups.all())
    assert all(escape(org.name) in html for org in page.organisations.all())
    assert all(escape(profile.name) in html for profile in page.profiles.all())
    section = html.split('id="places-offering-title"')[1].split("</section>")[0]
    offering = {
        place.title
        for place in PlacePage.objects.live().filter(activities=page)
        if not place.is_hidden_as_stale
    }
    assert len(offering) >= 6
    listed = re.findall(r'<li><a href="[^"]+">([^<]+)</a>', section)
    assert len(listed) == min(LIMIT, len(offering))
    assert {unescape(title) for title in listed} <= offering


@pytest.mark.django_db
def test_library_stays_within_its_budget_and_counts_without_a_count_query(
    demo_site, client, django_assert_max_num_queries
):
    client.get("/nl/activiteitenbank/")
    with django_assert_max_num_queries(INDEX_BUDGET):
        response, _count = count_queries(
            client, "/nl/activiteitenbank/", data={"onderbouwing": "onderbouwd", "pagina": "2"}
        )
    html = response.content.decode()
    total = ActivityPage.objects.live().filter(evidence_level__slug="onderbouwd").count()
    assert f"{total} activiteiten" in html
    assert 'class="badge badge--onderbouwd"' in html


# With the page cache on, a miss whose shared caches are warm (the header and footer, the
# routes, the facets' terms, the cards) reads only what is its own: for the library its
# counts and its rows (with the core's route and private sections); for an activity its
# terms, sources and the places that offer it.
WARM_INDEX_BUDGET = 4  # the link to the profile guide is a shared fragment too
WARM_ACTIVITY_BUDGET = 5


@pytest.mark.django_db
def test_a_miss_with_warm_shared_caches_reads_only_its_own_rows(
    demo_site, client, settings, django_assert_max_num_queries
):
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 3600
    cache.clear()
    activity = ActivityPage.objects.get(slug="activerend-huisbezoek", locale__language_code="nl")
    for url, budget in (
        ("/nl/activiteitenbank/", WARM_INDEX_BUDGET),
        (activity.url, WARM_ACTIVITY_BUDGET),
    ):
        client.get(url, {"bron": "1"})  # another address: a miss that warms the shared caches
        with django_assert_max_num_queries(budget):
            response = client.get(url, {"bron": "2"})
        assert response["X-Cache"] == "miss"
    cache.clear()
