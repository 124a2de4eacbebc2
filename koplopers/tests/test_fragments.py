"""With the page cache on, the koplopers' list and its filters show every change on the
very next request (the term options are kept between misses: ``koplopers.filters``)."""

import pytest

from core.models import PlanStep
from koplopers.models import KoploperIndexPage, KoploperPage

pytestmark = pytest.mark.django_db


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def index_url(demo_site):
    return KoploperIndexPage.objects.get(locale__language_code="nl").url


def koploper():
    return KoploperPage.objects.live().get(slug="alblasserdam", locale__language_code="nl")


def test_a_new_headline_shows_on_the_next_request(fragments_on, client, index_url):
    html(client, index_url)
    page = koploper()
    page.headline = "Een heel nieuw thema"
    page.save_revision().publish()
    assert "Een heel nieuw thema" in html(client, index_url)


def test_an_unpublished_koploper_is_gone_on_the_next_request(fragments_on, client, index_url):
    page = koploper()
    assert f'href="{page.url}"' in html(client, index_url)
    page.unpublish()
    assert f'href="{page.url}"' not in html(client, index_url)


def test_a_renamed_municipality_shows_on_the_next_request(fragments_on, client, index_url):
    municipality = koploper().municipality
    html(client, index_url)
    municipality.name = "Alblasserwaard-Noord"
    municipality.save()
    assert "Alblasserwaard-Noord" in html(client, index_url)


def test_a_renamed_step_shows_in_the_filter_on_the_next_request(fragments_on, client, index_url):
    step = PlanStep.objects.filter(locale__language_code="nl").first()
    assert f">{step.number}. {step.name}<" in html(client, index_url)
    step.name = "Een stap met een nieuwe naam"
    step.save()
    page = html(client, index_url)
    assert f">{step.number}. Een stap met een nieuwe naam<" in page


def test_the_filter_options_are_read_once_per_language(fragments_on, client, index_url):
    """The second miss (another query string) reads no steps and parts."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    html(client, index_url)
    with CaptureQueriesContext(connection) as queries:
        html(client, index_url + "?provincie=")
    tables = " ".join(query["sql"] for query in queries.captured_queries)
    assert "core_planstep" not in tables
    assert "core_approachpart" not in tables
