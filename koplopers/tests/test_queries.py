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
