"""Editors never need to type a recurrence rule, and the admin form checks what they enter."""

import re

import pytest
from django.contrib.auth import get_user_model

from events.forms import EventPageForm
from events.models import EventPage
from events.widgets import RecurrenceWidget

from .conftest import local

pytestmark = pytest.mark.django_db


def post(widget, **values):
    data = {f"recurrence_{key}": value for key, value in values.items()}
    return widget.value_from_datadict(data, {}, "recurrence")


def test_choices_become_a_rule_and_a_rule_becomes_choices_again():
    widget = RecurrenceWidget()
    rule = post(widget, freq="WEEKLY", interval="2", days=["TH", "TU"], until="2026-12-01")
    assert rule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;UNTIL=20261201"
    assert widget.decompress(rule) == ["WEEKLY", "2", ["TU", "TH"], "2026-12-01", "", ""]
    assert post(widget, freq="", days=["MO"]) == ""
    assert post(widget, freq="DAILY", count="10") == "FREQ=DAILY;COUNT=10"


def test_a_rule_the_choices_cannot_show_stays_in_the_expert_box():
    widget = RecurrenceWidget()
    rule = "FREQ=MONTHLY;BYDAY=1MO"
    assert widget.decompress(rule) == ["", "", [], "", "", rule]
    # Sent back unchanged, it stays the same rule.
    assert post(widget, freq="", rule=rule) == rule


def test_nonsense_is_caught_by_the_form_not_stored(agenda, make_event):
    user = get_user_model().objects.create_superuser("redacteur", "r@example.nl", "geheim-123")
    event = make_event(starts_at=local(2031, 1, 7, 10, 0))
    form_class = EventPage.get_edit_handler().get_form_class()
    assert issubclass(form_class, EventPageForm)
    data = {
        "title": event.title,
        "slug": event.slug,
        "summary": event.summary,
        "starts_at": "2031-01-07 10:00",
        "ends_at": "2031-01-07 09:00",
        "recurrence_freq": "HOURLY",
        "status": "scheduled",
        "registration": "link",
        "price": "",
        "languages": "Nederlands",
        "last_checked": "2031-01-01",
        "occurrence_exceptions-TOTAL_FORMS": "0",
        "occurrence_exceptions-INITIAL_FORMS": "0",
        "occurrence_exceptions-MIN_NUM_FORMS": "0",
        "occurrence_exceptions-MAX_NUM_FORMS": "1000",
    }
    form = form_class(data, instance=event, for_user=user, parent_page=agenda)
    assert not form.is_valid()
    assert "niet terugkomen" in " ".join(form.errors["recurrence"])
    assert "vóór het begin" in " ".join(form.errors["ends_at"])
    assert "registration_url" in form.errors


def test_the_edit_form_shows_the_choices_for_an_existing_rule(client, make_event):
    user = get_user_model().objects.create_superuser("redacteur", "r@example.nl", "geheim-123")
    client.force_login(user)
    event = make_event(starts_at=local(2031, 1, 7, 10, 0), recurrence="FREQ=WEEKLY;BYDAY=TU")
    html = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert 'name="recurrence_freq"' in html
    assert '<option value="WEEKLY" selected>' in html
    assert re.search(r'name="recurrence_days" value="TU"[^>]*checked', html)
    assert not re.search(r'name="recurrence_days" value="MO"[^>]*checked', html)
    assert "<legend>Op welke dagen" in html


def test_changed_dates_must_be_dates_of_the_series(agenda, make_event):
    user = get_user_model().objects.create_superuser("redacteur", "r@example.nl", "geheim-123")
    event = make_event(starts_at=local(2031, 1, 7, 10, 0), recurrence="FREQ=WEEKLY")
    form_class = EventPage.get_edit_handler().get_form_class()

    def errors(*exceptions, slug=event.slug):
        data = {
            "title": event.title,
            "slug": slug,
            "summary": event.summary,
            "starts_at": "2031-01-07 10:00",
            "ends_at": "2031-01-07 12:00",
            "recurrence_freq": "WEEKLY",
            "status": "scheduled",
            "registration": "none",
            "languages": "Nederlands",
            "last_checked": "2031-01-01",
            "occurrence_exceptions-TOTAL_FORMS": str(len(exceptions)),
            "occurrence_exceptions-INITIAL_FORMS": "0",
            "occurrence_exceptions-MIN_NUM_FORMS": "0",
            "occurrence_exceptions-MAX_NUM_FORMS": "1000",
        }
        for number, values in enumerate(exceptions):
            for key, value in values.items():
                data[f"occurrence_exceptions-{number}-{key}"] = value
            data[f"occurrence_exceptions-{number}-ORDER"] = str(number + 1)
        form = form_class(data, instance=event, for_user=user, parent_page=agenda)
        form.is_valid()
        return [form.errors] + [f.errors for f in form.formsets["occurrence_exceptions"].forms]

    good = errors({"original_start": "2031-01-14 10:00", "change": "cancelled"})
    assert good == [{}, {}]
    wrong_time = errors({"original_start": "2031-01-14 10:30", "change": "cancelled"})
    assert "original_start" in wrong_time[1]
    moved_nowhere = errors({"original_start": "2031-01-14 10:00", "change": "moved"})
    assert "new_start" in moved_nowhere[1]
    # An event called "ical" would hide behind the agenda's calendar feed.
    assert "slug" in errors(slug="ical")[0]


def test_an_agenda_without_workflow_gets_one_so_announcements_wait_for_a_moderator(agenda):
    from wagtail.models import WorkflowPage

    from events.demo import ensure_moderation

    WorkflowPage.objects.all().delete()
    assert agenda.get_workflow() is None
    workflow = ensure_moderation(agenda)
    assert agenda.get_workflow() == workflow
    assert workflow.tasks.get().specific.groups.get().name == "Moderators"
    assert ensure_moderation(agenda) is None  # a second run changes nothing


def test_choosing_a_place_fills_in_where_it_is(agenda, make_event, home, zwolle):
    from social_map.models import PlaceKind, PlacePage, SocialMapPage

    social_map = home.add_child(instance=SocialMapPage(title="Sociale kaart", slug="kaart"))
    kind = PlaceKind.objects.create(name="Buurthuis", slug="buurthuis", locale=home.locale)
    place = social_map.add_child(
        instance=PlacePage(
            title="De Linde",
            slug="de-linde",
            kind=kind,
            summary="Buurthuis.",
            municipality=zwolle,
            latitude=52.51,
            longitude=6.09,
        )
    )
    user = get_user_model().objects.create_superuser("redacteur", "r@example.nl", "geheim-123")
    event = make_event(starts_at=local(2031, 1, 7, 10, 0), municipality=None)
    form_class = EventPage.get_edit_handler().get_form_class()
    data = {
        "title": event.title,
        "slug": event.slug,
        "summary": event.summary,
        "starts_at": "2031-01-07 10:00",
        "status": "scheduled",
        "registration": "none",
        "place": str(place.pk),
        "languages": "Nederlands",
        "last_checked": "2031-01-01",
        "occurrence_exceptions-TOTAL_FORMS": "0",
        "occurrence_exceptions-INITIAL_FORMS": "0",
        "occurrence_exceptions-MIN_NUM_FORMS": "0",
        "occurrence_exceptions-MAX_NUM_FORMS": "1000",
    }
    form = form_class(data, instance=event, for_user=user, parent_page=agenda)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["municipality"] == zwolle
    assert (form.cleaned_data["latitude"], form.cleaned_data["longitude"]) == (52.51, 6.09)
