"""A koploper's page reads its facts, links, terms and activities in one query
(``koplopers.page_rows``): an activity in a private section stays out, and a preview shows
its relations as they are in memory."""

import pytest
from wagtail.models import PageViewRestriction

from activities.models import ActivityPage
from core.models import PlanStep
from koplopers.models import KoploperLink, KoploperPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def koploper(demo_site):
    return KoploperPage.objects.get(slug="alblasserdam", locale__language_code="nl")


def test_an_activity_in_a_private_section_is_not_listed(koploper, client):
    activities = list(ActivityPage.objects.live().filter(locale=koploper.locale)[:2])
    page = KoploperPage.objects.get(pk=koploper.pk)
    page.activities = activities
    page.save_revision().publish()
    html = client.get(koploper.url).content.decode()
    assert all(f'<a href="{activity.url}">' in html for activity in activities)
    PageViewRestriction.objects.create(
        page=activities[0], restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    html = client.get(koploper.url).content.decode()
    assert f'<a href="{activities[0].url}">' not in html
    assert f'<a href="{activities[1].url}">' in html


def test_a_preview_shows_its_relations_as_they_are_in_memory(koploper, rf):
    step = PlanStep.objects.filter(locale=koploper.locale).exclude(page=None).first()
    page = KoploperPage.objects.get(pk=koploper.pk)
    page.steps = [step]
    page.approach_parts = []
    page.links = [KoploperLink(label="Nieuwe link", url="https://example.org/")]
    context = page.get_context(rf.get(koploper.url))
    assert [(term.pk, term.link_url) for term in context["steps"]] == [(step.pk, step.page.url)]
    assert context["approach_parts"] == []
    assert [link.label for link in context["links"]] == ["Nieuwe link"]
    assert page.municipality.name == koploper.municipality.name
