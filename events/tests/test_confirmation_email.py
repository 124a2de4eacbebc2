# ruff: noqa: F811 - the fixtures imported from test_submission are arguments here
"""The announcement's confirmation e-mail cannot be used as a spam relay (issue 15).

It goes to whatever address was typed, so it repeats no text of the sender (a reference
number and the site's address instead), one address gets at most one per hour however many
announcements are made, and nothing is mailed before the rate limit and the honeypot passed.
"""

import time

import pytest
from django.core import mail
from wagtail.models import Site

from events.models import EventSubmission

from .test_submission import (  # noqa: F401 (fixtures)
    form_page,
    moderators,
    no_geocoder,
    valid_data,
)

pytestmark = pytest.mark.django_db
SUBJECT = "Uw aanmelding voor de agenda is ontvangen"


def confirmations(address="anna@example.org"):
    return [message for message in mail.outbox if message.subject == SUBJECT]


def test_the_confirmation_gives_a_reference_number_and_the_site_address(client, form_page, zwolle):
    assert client.post(form_page.url, valid_data(zwolle)).status_code == 302

    (message,) = confirmations()
    submission = EventSubmission.objects.get()
    assert message.to == ["anna@example.org"]
    assert f"Referentienummer: A-{submission.pk:06d}" in message.body
    assert Site.objects.get(is_default_site=True).root_url in message.body
    assert "Koffieochtend" not in message.body and "Koffieochtend" not in message.subject


def test_the_moderators_see_the_same_reference(client, form_page, zwolle, moderators):
    client.post(form_page.url, valid_data(zwolle))
    submission = EventSubmission.objects.get()
    (to_moderators,) = [m for m in mail.outbox if "Nieuwe activiteit" in m.subject]
    assert f"A-{submission.pk:06d}" in to_moderators.body


def test_one_address_gets_one_confirmation_per_hour(client, form_page, zwolle, moderators):
    """Three announcements for one mailbox (spelled three ways) from three addresses: each
    is accepted and reaches the moderators, but the mailbox gets one e-mail."""
    for number, (address, ip) in enumerate(
        [
            ("anna@example.org", "192.0.2.1"),
            ("ANNA@example.org", "192.0.2.2"),
            (" anna@example.org", "192.0.2.3"),
        ]
    ):
        data = valid_data(zwolle, email=address, title=f"Koffie {number}")
        assert client.post(form_page.url, data, REMOTE_ADDR=ip).status_code == 302

    assert EventSubmission.objects.count() == 3
    assert len(confirmations()) == 1
    assert len([m for m in mail.outbox if "Nieuwe activiteit" in m.subject]) == 3

    client.post(form_page.url, valid_data(zwolle, email="bert@example.org", title="Bert"))
    assert [message.to for message in confirmations()][-1] == ["bert@example.org"]


def test_after_the_interval_the_address_is_confirmed_again(client, form_page, zwolle, settings):
    settings.EVENTS_CONFIRMATION_INTERVAL = 1
    client.post(form_page.url, valid_data(zwolle, title="Eerste"))
    client.post(form_page.url, valid_data(zwolle, title="Tweede"))
    assert len(confirmations()) == 1
    time.sleep(1.1)
    client.post(form_page.url, valid_data(zwolle, title="Derde"))
    assert len(confirmations()) == 2


def test_nothing_is_mailed_when_the_rate_limit_or_the_honeypot_stops_it(
    client, form_page, zwolle, moderators, settings
):
    settings.EVENTS_SUBMISSION_RATE = "1/h"
    assert (
        client.post(form_page.url, valid_data(zwolle, email="eerste@example.org")).status_code
        == 302
    )
    mail.outbox.clear()

    limited = client.post(form_page.url, valid_data(zwolle, email="slachtoffer@example.org"))
    assert limited.status_code == 429
    honeypot = client.post(
        form_page.url,
        valid_data(zwolle, email="slachtoffer@example.org", website="http://spam.example"),
        REMOTE_ADDR="192.0.2.50",
    )
    assert honeypot.status_code == 302
    invalid = client.post(
        form_page.url,
        valid_data(zwolle, email="slachtoffer@example.org", title=""),
        REMOTE_ADDR="192.0.2.51",
    )
    assert invalid.status_code == 200
    assert mail.outbox == []
    assert EventSubmission.objects.count() == 1


def test_one_counted_over_the_limit_at_the_last_moment_is_refused_before_anything_is_sent(
    client, form_page, zwolle, settings, monkeypatch
):
    """Two workers check the limit at once and both pass; the one counted second is over
    it and is refused before it is saved or mailed (``ratelimit.count`` says so)."""
    settings.EVENTS_SUBMISSION_RATE = "1/h"
    assert client.post(form_page.url, valid_data(zwolle, title="Eerste")).status_code == 302
    mail.outbox.clear()
    # The second request's check ran before the first one was counted.
    monkeypatch.setattr("events.announcements.view.rate_limited", lambda request: False)

    response = client.post(form_page.url, valid_data(zwolle, title="Tweede"))

    assert response.status_code == 429
    assert EventSubmission.objects.count() == 1
    assert mail.outbox == []
