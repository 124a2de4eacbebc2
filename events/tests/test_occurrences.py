"""Recurring events become occurrences at the right Dutch wall-clock time, within bounds."""

import datetime as dt

import pytest

from events.models import EventOccurrence
from events.recurrence import MAX_OCCURRENCES, RecurrenceError, describe, expand, parse_rule

from .conftest import AMSTERDAM, local

pytestmark = pytest.mark.django_db


def coming(month, day):
    """The first year in which month/day is still ahead, so the date lies in the rolling window."""
    today = dt.date.today()
    year = today.year if dt.date(today.year, month, day) > today else today.year + 1
    return year


def test_weekly_event_keeps_its_local_time_across_both_dst_changes(make_event):
    # Weekly at 10:00 for five weeks from 10 March (summer time starts the last Sunday of March)
    # and from 10 October (winter time starts the last Sunday of October).
    events = []
    for month in (3, 10):
        year = coming(month, 10)
        start = local(year, month, 10, 10, 0)
        until = (start + dt.timedelta(weeks=4)).strftime("%Y%m%d")
        event = make_event(
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            recurrence=f"FREQ=WEEKLY;UNTIL={until}",
        )
        expected = [(start.date() + dt.timedelta(weeks=n)).day for n in range(5)]
        events.append((event, expected))
    for event, expected_days in events:
        rows = list(EventOccurrence.objects.filter(event=event).order_by("starts_at"))
        local_starts = [row.starts_at.astimezone(AMSTERDAM) for row in rows]
        assert [moment.day for moment in local_starts] == expected_days
        assert {(moment.hour, moment.minute) for moment in local_starts} == {(10, 0)}
        assert {row.ends_at - row.starts_at for row in rows} == {dt.timedelta(hours=2)}
        # The UTC hour changes with the clocks; the Dutch hour does not.
        utc_hours = {row.starts_at.astimezone(dt.UTC).hour for row in rows}
        assert utc_hours == {8, 9}


def test_until_date_includes_that_day(make_event):
    year = coming(11, 3)
    event = make_event(
        starts_at=local(year, 11, 3, 10, 0), recurrence=f"FREQ=DAILY;UNTIL={year}1201"
    )
    last = EventOccurrence.objects.filter(event=event).order_by("starts_at").last()
    assert last.starts_at.astimezone(AMSTERDAM).date() == dt.date(year, 12, 1)


def test_exceptions_cancel_and_move_single_dates(make_event):
    year = coming(1, 1)
    event = make_event(
        starts_at=local(year, 1, 1, 10, 0),
        recurrence="FREQ=WEEKLY;COUNT=4",
        exceptions=[
            {"original_start": local(year, 1, 8, 10, 0), "change": "cancelled", "note": "Ziek"},
            {
                "original_start": local(year, 1, 15, 10, 0),
                "change": "moved",
                "new_start": local(year, 1, 16, 14, 0),
            },
            {"original_start": local(year, 1, 22, 10, 0), "change": "postponed"},
        ],
    )
    rows = {
        row.original_start.astimezone(AMSTERDAM).day: row
        for row in EventOccurrence.objects.filter(event=event)
    }
    assert rows[1].status == "scheduled"
    assert rows[8].status == "cancelled" and rows[8].note == "Ziek"
    assert rows[15].status == "moved"
    assert rows[15].starts_at == local(year, 1, 16, 14, 0)
    assert rows[15].ends_at - rows[15].starts_at == dt.timedelta(hours=2)
    assert rows[22].status == "postponed"


def test_a_rule_without_end_is_capped_by_the_window_and_the_count():
    start = local(2026, 1, 1, 9, 0)
    rows = expand(
        start,
        start + dt.timedelta(hours=1),
        "FREQ=DAILY",
        window_end=start + dt.timedelta(days=3650),
    )
    assert len(rows) == MAX_OCCURRENCES
    daily = expand(start, None, "FREQ=DAILY", window_end=local(2026, 1, 31, 0, 0))
    assert len(daily) == 30


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=SOMETIMES",
        "FREQ=MINUTELY",
        "FREQ=WEEKLY;UNTIL=19990101",
        "DTSTART=20260101T000000;FREQ=DAILY",
        "BYDAY=XX",
    ],
)
def test_unreadable_rules_are_refused_with_a_message(rule):
    with pytest.raises(RecurrenceError) as error:
        parse_rule(rule, dt.datetime(2026, 1, 1, 10))
    assert str(error.value)


def test_unpublishing_removes_occurrences_and_publishing_again_restores_them(make_event):
    event = make_event(recurrence="FREQ=WEEKLY;COUNT=3")
    assert EventOccurrence.objects.filter(event=event).count() == 3
    event.unpublish()
    assert not EventOccurrence.objects.filter(event=event).exists()
    event.save_revision().publish()
    assert EventOccurrence.objects.filter(event=event).count() == 3


def test_editing_and_publishing_replaces_the_dates(make_event):
    event = make_event(recurrence="FREQ=WEEKLY;COUNT=3")
    event.recurrence = "FREQ=WEEKLY;COUNT=5"
    event.save_revision().publish()
    assert EventOccurrence.objects.filter(event=event).count() == 5


def test_rule_in_plain_dutch():
    text = describe("FREQ=WEEKLY;BYDAY=TU;UNTIL=20261201", local(2026, 10, 6, 10, 0))
    assert text == "Elke week op dinsdag, 10:00 uur, tot en met 1 december 2026"
    assert describe("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=6", local(2026, 10, 5, 14, 30)) == (
        "Elke 2 weken op maandag en donderdag, 14:30 uur, 6 keer"
    )
    assert describe("FREQ=MONTHLY;BYDAY=1MO", local(2026, 10, 5, 19, 0)).startswith(
        "Elke maand op de eerste maandag"
    )


def test_daily_rebuild_moves_the_window_on(make_event, monkeypatch):
    import io

    from django.core.management import call_command

    event = make_event(starts_at=local(coming(1, 1), 1, 1, 10, 0), recurrence="FREQ=WEEKLY")
    before = EventOccurrence.objects.filter(event=event).count()
    # Time passes: a wider window stands for "a month later".
    monkeypatch.setattr("django.conf.settings.EVENTS_OCCURRENCE_WINDOW_MONTHS", 24, raising=False)
    call_command("rebuild_event_occurrences", stdout=io.StringIO())
    after = EventOccurrence.objects.filter(event=event).count()
    assert after > before


def test_old_dates_of_a_long_series_stay_in_the_archive(make_event):
    from events import occurrences

    start = local(dt.date.today().year - 3, 1, 6, 10, 0)
    event = make_event(starts_at=start, recurrence="FREQ=WEEKLY")
    # The series has been running for years; its first dates were built back then.
    three_years_ago = start + dt.timedelta(days=1)
    occurrences.rebuild(event, now=three_years_ago)
    first = EventOccurrence.objects.filter(event=event).order_by("starts_at").first()
    assert first.starts_at == start
    occurrences.rebuild(event)
    assert EventOccurrence.objects.filter(event=event, starts_at=start).exists()
    starts = list(EventOccurrence.objects.filter(event=event).values_list("starts_at", flat=True))
    assert len(starts) == len(set(starts)), "a rebuild must not double dates"


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",  # never matches: dateutil would search to 9999
        "FREQ=MONTHLY;BYMONTHDAY=31;BYDAY=1MO",
        "FREQ=DAILY;INTERVAL=0",
        "FREQ=DAILY;BYHOUR=9,10,11",
        "FREQ=WEEKLY;COUNT=0",
        "FREQ=DAILY;INTERVAL=7;BYDAY=MO",
        "FREQ=MONTHLY;BYDAY=5MO",
    ],
)
def test_rules_that_could_hang_or_flood_are_refused_quickly(rule):
    import time

    began = time.perf_counter()
    with pytest.raises(RecurrenceError):
        parse_rule(rule, dt.datetime(2026, 1, 1, 10))
    assert time.perf_counter() - began < 0.5


def test_more_rules_in_plain_dutch():
    start = local(2026, 10, 6, 10, 0)  # a Tuesday
    assert (
        describe("FREQ=MONTHLY;BYDAY=-1FR", start) == "Elke maand op de laatste vrijdag, 10:00 uur"
    )
    assert describe("FREQ=MONTHLY;BYMONTHDAY=15", start) == "Elke maand op de 15e, 10:00 uur"
    assert (
        describe("FREQ=DAILY;BYDAY=MO,WE", start) == "Elke week op maandag en woensdag, 10:00 uur"
    )
    assert describe("FREQ=WEEKLY", start) == "Elke week op dinsdag, 10:00 uur"


def test_an_evening_event_past_midnight_keeps_its_clock_times_across_the_dst_night():
    year = coming(10, 1)
    # The last Saturday of October: the night the clocks go back.
    saturday = max(
        dt.date(year, 10, day) for day in range(25, 32) if dt.date(year, 10, day).weekday() == 5
    )
    start = dt.datetime.combine(saturday - dt.timedelta(weeks=1), dt.time(22), tzinfo=AMSTERDAM)
    rows = expand(start, start + dt.timedelta(hours=4), "FREQ=WEEKLY;COUNT=2")
    assert [row.ends_at.astimezone(AMSTERDAM).hour for row in rows] == [2, 2]


def test_scheduled_publishing_and_expiry_put_dates_in_and_take_them_out(make_event):
    import io

    from django.core.management import call_command
    from django.utils import timezone

    event = make_event(publish=False, recurrence="FREQ=WEEKLY;COUNT=2")
    revision = event.save_revision(approved_go_live_at=timezone.now() - dt.timedelta(minutes=1))
    assert revision.approved_go_live_at is not None
    assert not EventOccurrence.objects.filter(event=event).exists()
    call_command("publish_scheduled", stdout=io.StringIO())
    assert EventOccurrence.objects.filter(event=event).count() == 2

    event.refresh_from_db()
    event.expire_at = timezone.now() - dt.timedelta(minutes=1)
    event.save()
    call_command("publish_scheduled", stdout=io.StringIO())
    assert not EventOccurrence.objects.filter(event=event).exists()
