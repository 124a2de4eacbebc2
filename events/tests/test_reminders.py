"""The weekly reminder: organisers of stale events with dates to come get one e-mail each."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from core.models import Organisation
from events.models import EventSubmission

from .conftest import local

LONG_AGO = timezone.localdate() - dt.timedelta(days=90)


def ahead(days):
    now = timezone.localtime()
    return local(now.year, now.month, now.day, 10, 0) + dt.timedelta(days=days)


@pytest.fixture
def organisation(home):
    return Organisation.objects.create(
        name="Welzijn Zwolle",
        slug="welzijn-zwolle",
        contact_email="agenda@welzijnzwolle.nl",
        locale=home.locale,
    )


def submit(event, email):
    EventSubmission.objects.create(
        event=event, submitter_name="Anna", email=email, consented_at=timezone.now()
    )


def run(*args):
    out = io.StringIO()
    call_command("remind_event_organisers", *args, stdout=out)
    return out.getvalue()


def test_only_stale_events_with_dates_to_come_are_mailed(make_event, organisation):
    submitted = make_event(title="Langste Eettafel", starts_at=ahead(5), last_checked=LONG_AGO)
    submit(submitted, "anna@example.org")
    make_event(
        title="Kom erbij Festival",
        starts_at=ahead(8),
        organiser=organisation,
        last_checked=LONG_AGO,
    )
    make_event(
        title="Beweegtuinwandeling",
        starts_at=ahead(-30),
        recurrence="FREQ=WEEKLY",
        organiser=organisation,
        last_checked=LONG_AGO,
    )  # still has weekly dates to come
    make_event(
        title="Al geweest", starts_at=ahead(-10), organiser=organisation, last_checked=LONG_AGO
    )
    make_event(title="Net gecontroleerd", starts_at=ahead(3), organiser=organisation)
    offline = make_event(
        title="Offline", starts_at=ahead(3), organiser=organisation, last_checked=LONG_AGO
    )
    type(offline).objects.filter(pk=offline.pk).update(live=False)  # its dates stay in the table
    make_event(title="Zonder adres", starts_at=ahead(4), last_checked=LONG_AGO)

    output = run()

    assert len(mail.outbox) == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"anna@example.org", "agenda@welzijnzwolle.nl"}
    to_anna = by_address["anna@example.org"].body
    assert "Langste Eettafel" in to_anna and "Kom erbij" not in to_anna
    to_organisation = by_address["agenda@welzijnzwolle.nl"].body
    assert "Kom erbij Festival" in to_organisation and "Beweegtuinwandeling" in to_organisation
    for skipped in ("Al geweest", "Net gecontroleerd", "Offline"):
        assert skipped not in to_organisation
    assert submitted.url in to_anna and "Klopt nog" in to_anna
    assert by_address["anna@example.org"].subject == "Klopt uw activiteit in de agenda nog?"
    assert "Verstuurd naar anna@example.org: Langste Eettafel" in output
    assert "Geen e-mailadres voor 'Zonder adres'" in output
    assert "Herinneringen verstuurd: 2" in output
    assert "Volgende keer:" in to_organisation and ", 10:00" in to_organisation


def test_submission_address_wins_over_the_organisation(make_event, organisation):
    event = make_event(starts_at=ahead(5), organiser=organisation, last_checked=LONG_AGO)
    submit(event, "anna@example.org")
    run()
    assert [message.to for message in mail.outbox] == [["anna@example.org"]]


def test_remind_after_days_is_a_setting(make_event, organisation, settings):
    make_event(
        starts_at=ahead(5),
        organiser=organisation,
        last_checked=timezone.localdate() - dt.timedelta(days=20),
    )
    run()
    assert mail.outbox == []
    settings.EVENTS_REMIND_AFTER_DAYS = 14
    run()
    assert len(mail.outbox) == 1


def test_replies_go_to_the_configured_address(make_event, organisation, settings):
    settings.EVENTS_REMINDER_REPLY_TO = "redactie@example.org"
    make_event(starts_at=ahead(5), organiser=organisation, last_checked=LONG_AGO)
    run()
    assert mail.outbox[0].reply_to == ["redactie@example.org"]


def test_dry_run_sends_nothing_and_says_who_would_get_mail(make_event, organisation):
    make_event(title="Kom erbij Festival", starts_at=ahead(8), organiser=organisation,
               last_checked=LONG_AGO)  # fmt: skip
    output = run("--dry-run")
    assert mail.outbox == []
    assert "Zou sturen naar agenda@welzijnzwolle.nl: Kom erbij Festival" in output
