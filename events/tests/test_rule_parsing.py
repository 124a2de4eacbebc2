"""A recurrence rule is read once, by icalendar, and every use starts from those parts."""

import datetime as dt
import re
from pathlib import Path

import pytest

from events.calendar import ics_rule
from events.recurrence import RecurrenceError, describe, parse_rule, read_parts
from events.widgets import split_rule

from .conftest import local

START = dt.datetime(2026, 10, 6, 10, 0)  # a Tuesday, naive Dutch time


def test_the_parts_are_icalendars_and_forgive_case_spaces_and_prefix():
    parts = read_parts(" rrule:freq=weekly; interval=2 ;byday=tu,th;until=20261201 ")
    assert type(parts).__name__ == "vRecur"
    assert parts["FREQ"] == ["WEEKLY"] and parts["INTERVAL"] == [2]
    assert [str(day) for day in parts["BYDAY"]] == ["TU", "TH"]
    assert parts["UNTIL"] == [dt.date(2026, 12, 1)]
    assert read_parts("") is None and read_parts(None) is None


@pytest.mark.parametrize(
    "rule", ["FREQ=WEEKLY;COUNT=3;COUNT=4", "FREQ", "FREQ=WEEKLY;BYDAY=XX", "FREQ=WEEKLY;COUNT="]
)
def test_a_rule_icalendar_would_read_differently_than_the_editor_meant_is_refused(rule):
    with pytest.raises(RecurrenceError):
        read_parts(rule)


def test_the_rule_keeps_its_parts_for_everyone_who_reads_it():
    rule = parse_rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH,TU;UNTIL=20261201", START)
    assert (rule.freq, rule.interval, rule.count) == ("WEEKLY", 2, None)
    assert rule.days == [(None, "TU"), (None, "TH")]
    # A date means up to and including that day, in Dutch time.
    assert rule.until == dt.datetime(2026, 12, 1, 23, 59, 59)
    assert rule.includes(dt.datetime(2026, 10, 8, 10, 0))
    assert not rule.includes(dt.datetime(2026, 10, 13, 10, 0))  # the week in between
    # An UNTIL in UTC is the same moment in Dutch time.
    utc = parse_rule("FREQ=DAILY;UNTIL=20261201T120000Z", START)
    assert utc.until == dt.datetime(2026, 12, 1, 13, 0)


def test_the_widget_and_the_calendar_read_the_same_parts():
    assert split_rule("freq=weekly;byday=tu;until=20261201T120000Z") == {
        "freq": "WEEKLY",
        "interval": "",
        "days": ["TU"],
        "until": "2026-12-01",
        "count": "",
    }
    assert split_rule("FREQ=WEEKLY;COUNT=3;COUNT=4") is None  # the expert box shows it
    rule = parse_rule("FREQ=WEEKLY;UNTIL=20261201", START)
    timed, all_day = ics_rule(rule, all_day=False), ics_rule(rule, all_day=True)
    assert timed["UNTIL"] == [dt.datetime(2026, 12, 1, 22, 59, 59, tzinfo=dt.UTC)]
    assert all_day["UNTIL"] == [dt.date(2026, 12, 1)]
    assert rule.parts["UNTIL"] == [dt.date(2026, 12, 1)]  # the rule's own parts unchanged


def test_a_description_of_a_rule_with_an_until_in_utc():
    text = describe("FREQ=WEEKLY;UNTIL=20261201T230000Z", local(2026, 10, 6, 10, 0))
    assert text == "Elke week op dinsdag, 10:00 uur, tot en met 2 december 2026"


def test_no_private_attributes_of_dateutil_are_read():
    private = re.compile(r"\._(freq|byweekday|until|interval|count|dtstart|bymonthday|wkst)\b")
    app = Path(__file__).resolve().parent.parent
    for path in app.rglob("*.py"):
        if "tests" not in path.parts:
            assert not private.search(path.read_text()), path
