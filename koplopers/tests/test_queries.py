"""A koploper's page reads its steps, parts and their pages in a fixed number of queries."""

import pytest

from activities.models import ActivityPage
from core.models import ApproachPart, PlanStep
from koplopers.models import KoploperPage
from tests.querycount import assert_same_query_count


@pytest.mark.django_db
def test_the_koploper_page_costs_the_same_with_every_step_part_and_activity(demo_site, client):
    koploper = KoploperPage.objects.get(slug="alblasserdam", locale__language_code="nl")
    nl = koploper.locale

    def grow():
        page = KoploperPage.objects.get(pk=koploper.pk)
        page.steps = list(PlanStep.objects.filter(locale=nl))
        page.approach_parts = list(ApproachPart.objects.filter(locale=nl))
        page.activities = list(ActivityPage.objects.live().filter(locale=nl)[:15])
        page.save_revision().publish()

    response, _count = assert_same_query_count(client, koploper.url, grow)
    html = response.content.decode()
    for term in [*PlanStep.objects.filter(locale=nl), *ApproachPart.objects.filter(locale=nl)]:
        if term.page is not None and term.page.live:
            assert f'href="{term.page.url}"' in html, term.name


@pytest.mark.django_db
def test_a_step_page_costs_the_same_with_more_koplopers(demo_site, client):
    step = PlanStep.objects.filter(locale__language_code="nl").exclude(page=None).first()
    url = step.page.url

    def grow():
        for koploper in KoploperPage.objects.filter(locale=step.locale):
            page = KoploperPage.objects.get(pk=koploper.pk)
            page.steps = [step]
            page.save_revision().publish()

    response, _count = assert_same_query_count(client, url, grow)
    section = response.content.decode().split('id="koplopers-illustrating-title"')[1]
    assert (
        section.split("</section>")[0].count("<li>")
        == KoploperPage.objects.live().filter(locale=step.locale).count()
    )


@pytest.mark.django_db
def test_the_overview_costs_the_same_with_more_koplopers(
    demo_site, client, django_assert_max_num_queries
):
    """The list, its filters and the map's data: a fixed number of queries, whatever the list."""
    from core.models import Municipality
    from koplopers.models import KoploperIndexPage

    index = KoploperIndexPage.objects.get(locale__language_code="nl")
    url = index.url

    def grow():
        for number in range(5):
            municipality = Municipality.objects.create(
                name=f"Testdorp {number}",
                slug=f"testdorp-{number}",
                cbs_code=f"GM9{number:03}",
                province="Drenthe",
                latitude=52.8,
                longitude=6.5,
            )
            index.add_child(
                instance=KoploperPage(
                    title=f"Koploper {number}",
                    slug=f"koploper-{number}",
                    municipality=municipality,
                    summary="Samen aan de slag.",
                )
            )

    response, count = assert_same_query_count(client, url, grow)
    html = response.content.decode()
    assert html.count("Samen aan de slag.") == 5
    assert 'href="/nl/koplopers/koploper-4/"' in html
    client.get(url)
    with django_assert_max_num_queries(count):
        client.get(url + "geojson/")


def miss_queries(client, url):
    """Queries of a page-cache miss once the chrome, the shared fragments and the routing
    are warm: another query string is another page-cache entry."""
    from django.core.cache import cache

    from tests.querycount import count_queries

    cache.clear()
    client.get(url)
    _response, count = count_queries(client, url + "?x=1")
    return count


@pytest.mark.django_db
def test_a_page_cache_miss_stays_within_its_query_budget(demo_site, client, settings):
    """The list reads its rows (the provinces from them, the filters' terms kept between
    misses); a koploper its facts, links, terms and activities in one query."""
    settings.PAGE_CACHE_SECONDS = 3600
    koploper = KoploperPage.objects.get(slug="alblasserdam", locale__language_code="nl")
    assert miss_queries(client, koploper.get_parent().url) <= 3
    assert miss_queries(client, koploper.url) <= 2
