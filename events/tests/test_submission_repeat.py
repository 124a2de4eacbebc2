# ruff: noqa: F811 - the fixtures imported from test_submission are arguments here
"""An activity that comes back is announced once: the public form makes the admin's RRULE.

Also what the moderator reads about it (the rule in words, in the e-mail and the admin) and
how many e-mails a moderator gets for one announcement: exactly one.
"""

import collections
import datetime as dt
import re

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.utils import timezone

from events.models import EditionPage, EventEdition, EventPage, EventSubmission
from events.recurrence import describe_series, parse_rule
from events.widgets import RecurrenceWidget, join_rule

from .conftest import AMSTERDAM, local
from .test_submission import (  # noqa: F401 - fixtures
    form_page,
    moderators,
    no_geocoder,
    valid_data,
)

pytestmark = pytest.mark.django_db

WEEKDAY = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]


def second_tuesday():
    """The first second-Tuesday-of-a-month at least three weeks ahead."""
    day = timezone.localdate(timezone=AMSTERDAM) + dt.timedelta(days=21)
    while not (day.weekday() == 1 and 8 <= day.day <= 14):
        day += dt.timedelta(days=1)
    return day


def last_friday():
    day = timezone.localdate(timezone=AMSTERDAM) + dt.timedelta(days=21)
    while not (day.weekday() == 4 and (day + dt.timedelta(days=7)).month != day.month):
        day += dt.timedelta(days=1)
    return day


def a_31st():
    day = timezone.localdate(timezone=AMSTERDAM) + dt.timedelta(days=21)
    while day.day != 31:
        day += dt.timedelta(days=1)
    return day


def admin_rule(**choices):
    """The rule the admin's recurrence widget makes of the same choices."""
    data = {f"recurrence_{key}": value for key, value in choices.items()}
    return RecurrenceWidget().value_from_datadict(data, {}, "recurrence")


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def announce(client, form_page, zwolle, day, **repeat):
    data = valid_data(zwolle, start_date=day.isoformat(), **repeat)
    return client.post(form_page.url, data)


# --- the rule -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("choices", "admin_choices"),
    [
        ({"repeat": "once"}, None),
        ({"repeat": "weekly"}, {"freq": "WEEKLY"}),
        ({"repeat": "weekly", "repeat_until": "UNTIL"}, {"freq": "WEEKLY", "until": "UNTIL"}),
        (
            {"repeat": "fortnightly", "repeat_count": "6"},
            {"freq": "WEEKLY", "interval": "2", "count": "6"},
        ),
        ({"repeat": "monthly", "repeat_monthly": "date"}, {"freq": "MONTHLY"}),
    ],
)
def test_each_frequency_stores_the_rule_the_admin_would_make(
    client, form_page, zwolle, choices, admin_choices
):
    day = second_tuesday()
    until = (day + dt.timedelta(days=112)).isoformat()
    choices = {key: until if value == "UNTIL" else value for key, value in choices.items()}
    response = announce(client, form_page, zwolle, day, **choices)

    assert response.status_code == 302
    event = EventPage.objects.get()
    if admin_choices is None:
        assert event.recurrence == ""
        return
    admin_choices = {k: until if v == "UNTIL" else v for k, v in admin_choices.items()}
    assert event.recurrence == admin_rule(**admin_choices)
    start = dt.datetime.combine(day, dt.time(10, 0))
    assert parse_rule(event.recurrence, start).includes(start)


@pytest.mark.parametrize(
    ("day", "choice", "rule", "words"),
    [
        (second_tuesday, "weekday", "FREQ=MONTHLY;BYDAY=2TU", "elke maand op de tweede dinsdag"),
        (last_friday, "last", "FREQ=MONTHLY;BYDAY=-1FR", "elke maand op de laatste vrijdag"),
    ],
)
def test_every_month_on_a_weekday_of_the_month(client, form_page, zwolle, day, choice, rule, words):
    day = day()
    response = announce(
        client, form_page, zwolle, day, repeat="monthly", repeat_monthly=choice, repeat_count="5"
    )

    assert response.status_code == 302
    event = EventPage.objects.get()
    assert event.recurrence == rule + ";COUNT=5"
    code = rule[-2:]
    assert event.recurrence == join_rule(
        "MONTHLY", "", [code], "", "5", nth=rule.split("=")[-1][:-2]
    )
    assert event.recurrence_text().lower().startswith(words)


def test_the_month_options_name_the_first_date_once_it_is_known(client, form_page, zwolle):
    day = second_tuesday()
    page = soup(announce(client, form_page, zwolle, day, repeat="monthly", consent=None))
    labels = [label.get_text(strip=True) for label in page.select("#id_repeat_monthly label")]
    assert labels == [
        "Op de tweede dinsdag van de maand",
        "Op de laatste dinsdag van de maand",
        f"Op de {day.day}e van de maand",
    ]


# --- wrong combinations ---------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "choices", "field", "message"),
    [
        (second_tuesday, {"repeat": "once", "repeat_count": "4"}, "repeat_count", "vaker is"),
        (second_tuesday, {"repeat": "once", "repeat_until": "+30"}, "repeat_until", "vaker is"),
        (
            second_tuesday,
            {"repeat": "weekly", "repeat_until": "+30", "repeat_count": "4"},
            "repeat_count",
            "niet allebei",
        ),
        (
            second_tuesday,
            {"repeat": "weekly", "repeat_until": "-1"},
            "repeat_until",
            "latere datum",
        ),
        (second_tuesday, {"repeat": "weekly", "repeat_count": "1"}, "repeat_count", "2 tot en met"),
        (
            second_tuesday,
            {"repeat": "weekly", "repeat_count": "veel"},
            "repeat_count",
            "heel getal",
        ),
        (second_tuesday, {"repeat": "monthly"}, "repeat_monthly", "Kies op welke dag"),
        (
            second_tuesday,
            {"repeat": "monthly", "repeat_monthly": "last"},
            "repeat_monthly",
            "niet de laatste dinsdag",
        ),
        (a_31st, {"repeat": "monthly", "repeat_monthly": "date"}, "repeat_monthly", "31e"),
        (second_tuesday, {"repeat": "daily"}, "repeat", "geldige keuze"),
    ],
)
def test_a_wrong_combination_is_explained_at_its_field_and_every_value_kept(
    client, form_page, zwolle, day, choices, field, message
):
    day = day()
    relative = {"+30": day + dt.timedelta(days=30), "-1": day - dt.timedelta(days=1)}
    choices = {key: str(relative.get(value, value)) for key, value in choices.items()}
    response = announce(client, form_page, zwolle, day, **choices)

    assert response.status_code == 200
    assert not EventPage.objects.exists() and not EventSubmission.objects.exists()
    page = soup(response)
    error = page.select_one(f"#id_{field}_error")
    assert error is not None and message in error.get_text(), page.select(".field-error")
    summary = [a["href"] for a in page.select("[data-error-summary] a")]
    assert any(href.startswith(f"#id_{field}") for href in summary), summary
    for href in summary:
        assert page.find(id=href[1:]) is not None, href
    # Everything chosen or typed is shown again.
    assert page.select_one("input[name=start_date]")["value"] == day.isoformat()
    for name, value in choices.items():
        if name in ("repeat", "repeat_monthly"):
            options = [option["value"] for option in page.select(f"input[name={name}]")]
            checked = [option["value"] for option in page.select(f"input[name={name}][checked]")]
            assert checked == ([value] if value in options else []), name
        else:
            assert page.select_one(f"input[name={name}]")["value"] == value, name
    assert page.select_one("input[name=title]")["value"] == "Koffieochtend in De Linde"


def test_without_a_choice_sent_it_is_once(client, form_page, zwolle):
    """A form from before this question (a tab left open) still works."""
    data = valid_data(zwolle)
    assert "repeat" not in data
    assert client.post(form_page.url, data).status_code == 302
    assert EventPage.objects.get().recurrence == ""


# --- what the moderator reads ---------------------------------------------------


def test_the_series_in_words():
    start = local(2026, 12, 8, 10, 0)
    end = local(2026, 12, 8, 11, 30)
    assert describe_series("FREQ=WEEKLY;UNTIL=20270330", start, end) == (
        "elke dinsdag van 10:00 tot 11:30, vanaf 8 december 2026, tot en met 30 maart 2027"
    )
    assert describe_series("FREQ=WEEKLY;INTERVAL=2;COUNT=6", start, None) == (
        "elke 2 weken op dinsdag om 10:00, vanaf 8 december 2026, 6 keer"
    )
    assert describe_series("FREQ=MONTHLY", start, end, all_day=True) == (
        "elke maand op de 8e, de hele dag, vanaf 8 december 2026"
    )
    assert describe_series("", start, end) == ""
    assert describe_series("FREQ=HOURLY", start, end) == ""


@pytest.fixture
def weekly(client, form_page, zwolle, moderators):
    day = second_tuesday()
    until = day + dt.timedelta(days=112)
    response = announce(
        client, form_page, zwolle, day, repeat="weekly", repeat_until=until.isoformat()
    )
    assert response.status_code == 302
    words = (
        f"elke dinsdag van 10:00 tot 12:00, vanaf {day.day} {month(day)} {day.year}, "
        f"tot en met {until.day} {month(until)} {until.year}"
    )
    return EventPage.objects.get(), words


def month(day):
    return [
        "januari", "februari", "maart", "april", "mei", "juni", "juli",
        "augustus", "september", "oktober", "november", "december",
    ][day.month - 1]  # fmt: skip


def test_the_moderator_email_says_when_in_words(weekly):
    event, words = weekly
    (ours,) = [message for message in mail.outbox if "Nieuwe activiteit" in message.subject]
    assert f"Wanneer: {words}" in ours.body


def test_a_one_off_announcement_says_its_date(client, form_page, zwolle, moderators):
    day = second_tuesday()
    announce(client, form_page, zwolle, day)
    (ours,) = [message for message in mail.outbox if "Nieuwe activiteit" in message.subject]
    assert f"Wanneer: dinsdag {day.day} {month(day)} {day.year}, 10:00 - 12:00" in ours.body


def test_the_admin_shows_the_series_in_words(weekly, admin_client):
    event, words = weekly
    listing = admin_client.get("/admin/event_submissions/").content.decode()
    assert words[0].upper() + words[1:] in listing
    submission = EventSubmission.objects.get()
    inspect = admin_client.get(f"/admin/event_submissions/inspect/{submission.pk}/")
    assert words[0].upper() + words[1:] in inspect.content.decode()
    edit = admin_client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert f"Wanneer: {words}." in edit


# --- how many e-mails -----------------------------------------------------------


def test_each_moderator_gets_exactly_one_email_per_announcement(
    client, form_page, zwolle, moderators
):
    """A moderator who is also a superuser, and a reviewer of the workflow's task: one e-mail."""
    moderators.is_superuser = True
    moderators.save()
    for number in range(2):
        day = second_tuesday() + dt.timedelta(days=7 * number)
        response = announce(
            client, form_page, zwolle, day, repeat="weekly", title=f"Koffie {number}"
        )
        assert response.status_code == 302

    per_address = collections.Counter(
        address.lower() for message in mail.outbox for address in message.to
    )
    assert per_address == {
        "moderator@example.org": 2,
        "boss@example.org": 2,
        "anna@example.org": 1,  # one confirmation per address per hour (not a mail relay)
    }
    for message in mail.outbox:
        assert not message.cc and not message.bcc
    assert all(
        page.current_workflow_state.status == "in_progress" for page in EventPage.objects.all()
    )


def test_a_configured_address_written_twice_gets_one_email(client, form_page, zwolle, settings):
    settings.EVENTS_MODERATOR_EMAILS = "agenda@example.org, Agenda@Example.org ,,"
    announce(client, form_page, zwolle, second_tuesday())
    ours = [message for message in mail.outbox if "Nieuwe activiteit" in message.subject]
    assert [message.to for message in ours] == [["agenda@example.org"]]


# --- where residents find the form ----------------------------------------------


def test_the_edition_page_links_to_the_form(client, form_page, agenda):
    edition = EventEdition.objects.create(
        name="Week tegen Eenzaamheid 2026",
        slug="week-2026",
        starts_on=dt.date(2026, 9, 24),
        ends_on=dt.date(2026, 10, 1),
        locale=agenda.locale,
    )
    page = agenda.add_child(instance=EditionPage(title="De week", slug="de-week", edition=edition))
    html = client.get(page.url).content.decode()
    assert re.search(rf'href="{form_page.url}"[^>]*>Activiteit aanmelden<', html)

    form_page.unpublish()
    html = client.get(page.url).content.decode()
    assert "Activiteit aanmelden" not in html
