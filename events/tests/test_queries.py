"""An event page reads what it shows in a fixed number of queries (issue 15), and the
helpers it uses (``core.models.load_related``, ``public_pages``) answer as Wagtail does."""

import pytest
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from core.models import (
    AccessibilityFeature,
    Municipality,
    Organisation,
    TargetGroup,
    load_related,
    public_pages,
)
from events.models import EventPage
from tests.querycount import assert_same_query_count

pytestmark = pytest.mark.django_db


def test_the_event_page_costs_the_same_with_more_terms_and_an_organiser(make_event, home, client):
    event = make_event(title="Koffie-ochtend")

    def grow():
        page = EventPage.objects.get(pk=event.pk)
        page.organiser = Organisation.objects.create(
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

    response, _count = assert_same_query_count(client, event.url, grow)
    html = response.content.decode()
    assert "Welzijn Zwolle" in html and "Groep 4" in html and "Kenmerk 4" in html


def test_load_related_fills_the_keys_in_one_query(make_event, zwolle, django_assert_num_queries):
    event = EventPage.objects.get(pk=make_event().pk)
    with django_assert_num_queries(1):
        load_related(event, "locale", "municipality", "organiser", "place")
    with django_assert_num_queries(0):
        assert event.municipality == zwolle
        assert event.locale.language_code == "nl"
        assert event.organiser is None


def test_load_related_keeps_a_changed_key_of_a_preview(make_event, zwolle):
    event = EventPage.objects.get(pk=make_event().pk)
    other = Municipality.objects.create(name="Kampen", slug="kampen", province="Overijssel")
    event.municipality_id = other.pk  # as a draft or preview would have it
    load_related(event, "municipality")
    assert event.municipality == other


def test_public_pages_answers_as_wagtails_public_once_per_request(
    make_event, agenda, django_assert_num_queries
):
    open_event = make_event(title="Open")
    hidden = make_event(title="Verborgen")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    request = RequestFactory().get("/")
    live = EventPage.objects.live()
    assert set(public_pages(live, request)) == set(live.public()) == {open_event}
    with django_assert_num_queries(1):  # the restrictions are read once for this request
        assert list(public_pages(live, request)) == [open_event]
    assert set(public_pages(live)) == {open_event}
