"""The demo agenda, checked against its own data file (no counts are hard-coded)."""

import datetime as dt
import io

import pytest
import time_machine
import yaml
from django.utils import timezone
from wagtail.models import Locale, Page, Revision

from core.demo import read_yaml
from events import demo as events_demo
from events.models import (
    EditionPage,
    EventEdition,
    EventIndexPage,
    EventOccurrence,
    EventPage,
    EventSubmissionPage,
)
from events.recurrence import AMSTERDAM

DATA = read_yaml(events_demo.DATA_FILE)
EVENTS = {item["key"]: item for item in DATA["events"]}


def load_everything():
    """Every demo loader in the command's order, then the agenda (once, even if it is listed)."""
    from home.management.commands.load_demo_content import Command

    loaders = list(Command.loaders)
    if events_demo.load not in loaders:
        loaders.append(events_demo.load)
    for load in loaders:
        load(stdout=io.StringIO())


def keys_where(condition):
    keys = [key for key, item in EVENTS.items() if condition(item)]
    assert keys, "the data file should have at least one such event"
    return keys


def event(key):
    return EventPage.objects.get(external_id=key, locale__language_code="nl")


@pytest.mark.django_db
def test_every_event_is_created_once_and_a_second_run_changes_nothing():
    load_everything()
    pages = EventPage.objects.filter(locale__language_code="nl")
    assert sorted(pages.values_list("external_id", flat=True)) == sorted(EVENTS)
    for page in pages:
        assert page.live
        assert page.title.endswith("(demo)"), page.title
        assert page.last_checked == timezone.localdate()
        assert page.occurrences.exists(), page.title

    counts = (Page.objects.count(), Revision.objects.count(), EventOccurrence.objects.count())
    revisions = sorted(Page.objects.values_list("id", "latest_revision_id"))
    assert events_demo.load(stdout=io.StringIO()) == 0
    assert (
        Page.objects.count(),
        Revision.objects.count(),
        EventOccurrence.objects.count(),
    ) == counts
    assert sorted(Page.objects.values_list("id", "latest_revision_id")) == revisions


@pytest.mark.django_db
def test_the_agenda_edition_and_submission_pages_are_live_below_home():
    load_everything()
    nl = Locale.objects.get(language_code="nl")
    agenda = EventIndexPage.objects.get(slug="agenda", locale=nl)
    assert agenda.live and agenda.show_in_menus
    assert agenda.get_parent().depth == 2
    assert "(demo)" in agenda.intro

    year = timezone.localdate().year
    edition = EventEdition.objects.get(slug=f"{DATA['edition']['key']}-{year}", locale=nl)
    assert edition.name == f"{DATA['edition']['name']} {year}"
    assert edition.starts_on.year == year
    assert edition.starts_on.strftime("%m-%d") == DATA["edition"]["starts"]
    edition_page = EditionPage.objects.get(slug=edition.slug)
    assert edition_page.live and edition_page.edition == edition
    assert edition_page.get_parent().pk == agenda.pk

    form = EventSubmissionPage.objects.get(slug="aanmelden", locale=nl)
    assert form.live and form.get_parent().pk == agenda.pk
    assert form.intro and form.thank_you_text
    assert form.privacy_page == Page.objects.get(slug="privacy", locale=nl)

    for key in EVENTS:
        assert event(key).get_parent().pk == agenda.pk


@pytest.mark.django_db
def test_dates_statuses_and_the_edition_follow_the_data_file():
    load_everything()
    year = timezone.localdate().year
    edition = EventEdition.objects.get(slug=f"{DATA['edition']['key']}-{year}")

    for key in keys_where(lambda item: item.get("edition")):
        page = event(key)
        assert page.edition == edition
        days = EVENTS[key]["start"]["edition_day"]
        assert timezone.localtime(page.starts_at).date() == edition.starts_on + dt.timedelta(days)
    for key in keys_where(lambda item: not item.get("edition")):
        assert event(key).edition is None

    for key in keys_where(lambda item: "days" in item["start"]):
        start = EVENTS[key]["start"]
        local = timezone.localtime(event(key).starts_at)
        assert local.date() == timezone.localdate() + dt.timedelta(start["days"])
        assert local.strftime("%H:%M") == start["time"]

    for key in keys_where(lambda item: item.get("recurrence")):
        page = event(key)
        occurrences = list(page.occurrences.order_by("original_start"))
        assert len(occurrences) > 1
        for spec in EVENTS[key].get("exceptions", []):
            changed = occurrences[spec["occurrence"]]
            assert changed.status == spec["kind"]
            assert changed.note == spec["note"]
            if spec["kind"] == "moved":
                moved = timezone.localtime(changed.starts_at)
                original = timezone.localtime(changed.original_start)
                assert moved.date() == original.date() + dt.timedelta(spec["moved_days"])
                assert moved.strftime("%H:%M") == spec["moved_time"]
    assert any(
        spec["kind"] == "cancelled"
        for item in EVENTS.values()
        if item.get("recurrence")
        for spec in item.get("exceptions", [])
    ), "the data file should show a cancelled date of a recurring event"

    for key in keys_where(lambda item: item.get("status") == "cancelled"):
        assert set(event(key).occurrences.values_list("status", flat=True)) == {"cancelled"}
    for key in keys_where(lambda item: item.get("all_day")):
        assert all(occurrence.all_day for occurrence in event(key).occurrences.all())
    for key in keys_where(lambda item: item.get("place")):
        page = event(key)
        assert page.place is not None and page.place.slug == EVENTS[key]["place"]
        assert page.municipality == page.place.municipality
        assert (page.latitude, page.longitude) == (page.place.latitude, page.place.longitude)
    for key in keys_where(lambda item: item.get("cost") not in (None, "free")):
        assert not event(key).is_free
        assert event(key).occurrences.filter(is_free=True).count() == 0


@pytest.mark.django_db
def test_every_reference_in_the_data_file_exists_after_the_other_loaders():
    """Unknown keys are skipped with a warning; the demo data should not need that."""
    from home.management.commands.load_demo_content import Command

    for load in Command.loaders:
        if load is not events_demo.load:
            load(stdout=io.StringIO())
    output = io.StringIO()
    events_demo.load(stdout=output)
    lines = [line for line in output.getvalue().splitlines() if "aangemaakt" not in line]
    assert lines == []
    for key, item in EVENTS.items():
        page = event(key)
        assert page.municipality is not None and page.municipality.slug == item["municipality"]
        if item.get("organisation"):
            assert page.organiser.slug == item["organisation"]
        assert sorted(page.target_groups.values_list("slug", flat=True)) == sorted(
            item.get("target_groups", [])
        )
        assert sorted(page.accessibility.values_list("slug", flat=True)) == sorted(
            item.get("accessibility", [])
        )


@pytest.mark.django_db
def test_unknown_keys_are_skipped_with_a_warning(home, tmp_path, monkeypatch):
    """A typo in the data file costs one link, not the whole demo; a known municipality is made."""
    from core.models import Municipality

    data = {
        "edition": {**DATA["edition"]},
        "events": [
            {
                "key": "proef-demo",
                "title": "Proef (demo)",
                "summary": "Een proef.",
                "municipality": "beesel",
                "place": "bestaat-niet",
                "address": {"location_name": "Zaal", "street": "Markt", "number": "1"},
                "organisation": "bestaat-niet",
                "target_groups": ["bestaat-niet"],
                "accessibility": ["bestaat-niet"],
                "start": {"days": 3, "time": "10:00"},
                "end": {"days_after_start": 1, "time": "12:00"},
                "recurrence": "FREQ=WEEKLY;COUNT=2",
                "exceptions": [{"occurrence": 5, "kind": "cancelled", "note": "Te ver"}],
                "status": "onbekend",
                "cost": 3.5,
                "edition": True,
            },
            {"key": "kapot-demo", "title": "Kapot (demo)"},
        ],
    }
    path = tmp_path / "events.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    monkeypatch.setattr(events_demo, "DATA_FILE", path)
    assert not Municipality.objects.filter(slug="beesel").exists()

    output = io.StringIO()
    assert events_demo.load(stdout=output) == 1
    text = output.getvalue()
    for fragment in ("bestaat-niet", "uitzondering 5", "onbekend", "kapot-demo"):
        assert fragment in text, fragment

    page = event("proef-demo")
    assert page.organiser is None and page.place is None and page.location_name == "Zaal"
    assert not page.target_groups.exists() and not page.accessibility.exists()
    assert page.municipality.cbs_code == "GM0889"
    assert page.status == "scheduled" and page.price == "€ 3,50"
    assert page.ends_at - page.starts_at == dt.timedelta(days=1, hours=2)
    assert page.occurrences.count() == 2
    assert page.edition is not None
    assert EventSubmissionPage.objects.get().privacy_page is None


# New Year's night, in the Week tegen Eenzaamheid, and the last evening of the year.
LOAD_MOMENTS = [
    dt.datetime(2026, 1, 1, 0, 30, tzinfo=AMSTERDAM),
    dt.datetime(2026, 9, 27, 12, 0, tzinfo=AMSTERDAM),
    dt.datetime(2026, 12, 31, 23, 30, tzinfo=AMSTERDAM),
]


@pytest.mark.django_db
@pytest.mark.parametrize("moment", LOAD_MOMENTS, ids=lambda moment: moment.strftime("%m-%d"))
def test_on_any_load_day_the_agenda_has_past_running_and_coming_events(home, client, moment):
    """Outside the week, too: the archive is never empty and something is on right now."""
    with time_machine.travel(moment, tick=False):
        events_demo.load(stdout=io.StringIO())
        now = timezone.now()
        outside_the_week = EventOccurrence.objects.filter(event__edition__isnull=True)
        past = outside_the_week.filter(ends_at__lt=now)
        running = outside_the_week.filter(starts_at__lte=now, ends_at__gt=now)
        coming = outside_the_week.filter(starts_at__gt=now)
        assert past.exists() and running.exists() and coming.exists()
        series_in_progress = [
            page
            for page in EventPage.objects.exclude(recurrence="")
            if page.occurrences.filter(ends_at__lt=now).exists()
            and page.occurrences.filter(starts_at__gt=now).exists()
        ]
        assert series_in_progress, "a weekly series should have begun before the load day"

        agenda = EventIndexPage.objects.get()
        listing = client.get(agenda.url).content.decode()
        archive = client.get(f"{agenda.url}archief/").content.decode()
        for occurrence in running.select_related("event"):
            assert occurrence.event.title in listing, occurrence.event.title
        single_past = past.filter(event__recurrence="").select_related("event").first()
        assert single_past is not None, "a one-off event should be over already"
        assert single_past.event.title in archive
