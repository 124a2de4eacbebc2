"""Keeping the sociale kaart true: reminders after half a year, hidden after a year, never deleted."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from core.models import Organisation
from social_map.models import PlacePage


@pytest.mark.django_db
@override_settings(SOCIAL_MAP_FLAG_AFTER_DAYS=180, SOCIAL_MAP_HIDE_AFTER_DAYS=365)
def test_reminders_go_to_the_organisation_and_old_entries_stay(make_place, home, admin_client):
    today = timezone.localdate()
    organisation = Organisation.objects.create(
        name="Welzijn Zwolle",
        slug="welzijn-zwolle",
        locale=home.locale,
        contact_email="info@welzijn.example",
    )
    make_place("Vers", organisation=organisation, last_checked=today - dt.timedelta(days=10))
    make_place("Wordt oud", organisation=organisation, last_checked=today - dt.timedelta(days=200))
    make_place("Te oud", organisation=organisation, last_checked=today - dt.timedelta(days=400))
    make_place("Zonder adres om te mailen", last_checked=today - dt.timedelta(days=200))

    out = io.StringIO()
    call_command("check_social_map_freshness", stdout=out)

    report = out.getvalue()
    assert "Te controleren: 2" in report and "Verborgen voor bewoners: 1" in report
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["info@welzijn.example"]
    assert "Wordt oud" in message.body and "Te oud" in message.body and "Vers" not in message.body
    assert PlacePage.objects.count() == 4  # nothing is ever deleted

    dashboard = admin_client.get("/admin/").content.decode()
    assert "Sociale kaart: controleren" in dashboard and "Te oud" in dashboard


@pytest.mark.django_db
def test_dry_run_sends_nothing(make_place):
    make_place(
        "Oud", last_checked=timezone.localdate() - dt.timedelta(days=300), email="plek@example.org"
    )
    call_command("check_social_map_freshness", "--dry-run", stdout=io.StringIO())
    assert mail.outbox == []
