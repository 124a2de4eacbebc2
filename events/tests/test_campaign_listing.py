"""The agenda's answer to a campaign's "events of this campaign" block (the Wagtail hook)."""

import datetime as dt

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail import hooks

from campaigns.listing import HOOK_NAME, upcoming_events
from core.models import Municipality, Organisation, TargetGroup
from events.campaign_listing import campaign_upcoming_events
from events.models import EventEdition, EventStatus, EventSubmissionPage

from .conftest import AMSTERDAM


def at(days, hour=14):
    moment = timezone.localtime(timezone.now(), AMSTERDAM) + dt.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


@pytest.fixture
def ask(rf):
    request = rf.get("/")

    def ask(**kwargs):
        with translation.override("nl"):
            return campaign_upcoming_events(request=request, **kwargs)

    return ask


@pytest.fixture
def rf():
    return RequestFactory()


def titles(result):
    return [event.title for event in result.events]


@pytest.fixture
def leusden(db):
    return Municipality.objects.get_or_create(
        cbs_code="GM0327",
        defaults={"name": "Leusden", "slug": "leusden", "province": "Utrecht"},
    )[0]


def test_the_hook_is_registered_and_answers_through_campaigns(agenda, make_event, rf):
    assert campaign_upcoming_events in hooks.get_hooks(HOOK_NAME)
    make_event(title="Koffie in de wijk", starts_at=at(3))
    with translation.override("nl"):
        result = upcoming_events(request=rf.get("/"))
    assert titles(result) == ["Koffie in de wijk"]


def test_upcoming_in_order_without_ended_or_cancelled(agenda, make_event, ask):
    make_event(title="Later", starts_at=at(10))
    make_event(title="Eerst", starts_at=at(1))
    make_event(title="Geweest", starts_at=at(-3))
    make_event(title="Afgelast", starts_at=at(2), status=EventStatus.CANCELLED)
    make_event(title="Vol", starts_at=at(4), status=EventStatus.FULL)
    result = ask()
    assert titles(result) == ["Eerst", "Vol", "Later"]
    assert [event.status_label for event in result.events] == ["", "Vol", ""]
    first = result.events[0]
    assert first.starts_at == at(1)
    assert first.starts_at.tzinfo.key == "Europe/Amsterdam"
    assert first.ends_at == at(1, hour=16)
    assert first.place == "Zwolle"


def test_limit(agenda, make_event, ask):
    for day in range(1, 6):
        make_event(title=f"Dag {day}", starts_at=at(day))
    assert titles(ask(limit=2)) == ["Dag 1", "Dag 2"]


def test_a_series_once_with_its_next_date_rule_and_more_dates(agenda, make_event, ask):
    make_event(title="Eenmalig", starts_at=at(2))
    # Weekly, five times, the first one already over: its next date is shown once.
    make_event(
        title="Elke week wandelen",
        starts_at=at(-6, hour=10),
        ends_at=at(-6, hour=11),
        recurrence="FREQ=WEEKLY;COUNT=5",
        exceptions=[
            {"original_start": at(1, hour=10), "change": EventStatus.CANCELLED},
        ],
    )
    result = ask()
    assert titles(result) == ["Eenmalig", "Elke week wandelen"]
    series = result.events[1]
    # The date a week on was cancelled: the next date that goes ahead is the one after it.
    assert series.starts_at == at(8, hour=10)
    assert series.more_dates == 2  # the 15th and 22nd day from now
    assert series.series.startswith("Elke week op")
    assert result.events[0].series == "" and result.events[0].more_dates == 0


def test_filters(agenda, make_event, ask, home, leusden):
    edition = EventEdition.objects.create(
        name="Week tegen Eenzaamheid 2026",
        slug="wte-2026",
        starts_on=at(0).date(),
        ends_on=at(7).date(),
        locale=home.locale,
    )
    seniors = TargetGroup.objects.create(name="Ouderen", slug="ouderen", locale=home.locale)
    welfare = Organisation.objects.create(name="Welzijn Noord", slug="noord", locale=home.locale)
    make_event(title="In de week", starts_at=at(2), edition=edition)
    make_event(title="In Leusden", starts_at=at(3), municipality=leusden)
    make_event(title="Van Welzijn Noord", starts_at=at(4), organiser=welfare)
    walk = make_event(title="Voor ouderen", starts_at=at(5))
    walk.target_groups = [seniors]
    walk.save_revision().publish()

    assert titles(ask(edition=edition)) == ["In de week"]
    assert titles(ask(municipality=leusden)) == ["In Leusden"]
    assert titles(ask(organiser=welfare)) == ["Van Welzijn Noord"]
    assert titles(ask(target_group=seniors)) == ["Voor ouderen"]
    assert titles(ask()) == ["In de week", "In Leusden", "Van Welzijn Noord", "Voor ouderen"]
    # An edition in another language is the same week (matched by its translation key).
    english = edition.copy_for_translation(type(home.locale).objects.get(language_code="en"))
    english.save()
    assert titles(ask(edition=english)) == ["In de week"]


def test_unpublished_events_and_other_languages_are_left_out(agenda, make_event, ask):
    make_event(title="Concept", starts_at=at(2), publish=False)
    gone = make_event(title="Ingetrokken", starts_at=at(3))
    gone.unpublish()
    make_event(title="Gepubliceerd", starts_at=at(4))
    assert titles(ask()) == ["Gepubliceerd"]
    with translation.override("en"):
        # There is no English agenda: nothing to show, and no links.
        english = campaign_upcoming_events(request=RequestFactory().get("/"))
    assert english.events == [] and english.agenda_url == ""


def test_urls(agenda, make_event, ask, leusden, zwolle):
    make_event(title="Koffie", starts_at=at(2))
    result = ask()
    assert result.events[0].url == f"{agenda.url}activiteit-1/"
    assert result.agenda_url == agenda.url
    assert result.announce_url == ""
    assert ask(municipality=zwolle).agenda_url == f"{agenda.url}?gemeente=zwolle"

    form = agenda.add_child(instance=EventSubmissionPage(title="Activiteit aanmelden", slug="aan"))
    assert ask().announce_url == form.url
    form.unpublish()
    assert ask().announce_url == ""


def test_fixed_number_of_queries(agenda, make_event, ask, home):
    edition = EventEdition.objects.create(
        name="Week", slug="week", starts_on=at(0).date(), ends_on=at(7).date(), locale=home.locale
    )
    seniors = TargetGroup.objects.create(name="Ouderen", slug="ouderen", locale=home.locale)

    def add(count):
        for number in range(count):
            event = make_event(
                starts_at=at(1 + number % 7),
                edition=edition,
                recurrence="FREQ=WEEKLY;COUNT=3" if number % 2 else "",
            )
            event.target_groups = [seniors]
            event.save_revision().publish()

    def measure():
        with CaptureQueriesContext(connection) as context:
            result = ask(edition=edition, target_group=seniors, limit=50)
        return len(result.events), len(context.captured_queries)

    add(2)
    ask()  # warm Wagtail's site caches
    small, small_queries = measure()
    add(18)
    large, large_queries = measure()
    assert (small, large) == (2, 20)
    assert large_queries == small_queries
