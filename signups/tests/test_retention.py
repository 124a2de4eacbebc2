"""Sign-ups are kept only for SIGNUP_RETENTION_DAYS: `delete_old_signups` deletes the rest."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from signups.factories import volunteer_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def submissions(home):
    form_page = volunteer_form(home)
    now = timezone.now()
    made = {}
    for name, days_ago, page in [
        ("old", 200, form_page),
        ("just_kept", 179, form_page),
        ("recent", 10, form_page),
        # Not a sign-up page: another kind of form is none of this command's business.
        ("other_page", 400, home),
    ]:
        with time_machine.travel(now - dt.timedelta(days=days_ago), tick=False):
            made[name] = FormSubmission.objects.create(page=page, form_data={"uw_naam": name})
    return made


def run(*args):
    out = io.StringIO()
    call_command("delete_old_signups", *args, stdout=out)
    return out.getvalue()


def test_only_sign_ups_older_than_the_retention_period_are_deleted(submissions):
    output = run()
    assert "1 aanmelding(en) ouder dan 180 dagen verwijderd." in output
    remaining = set(FormSubmission.objects.values_list("pk", flat=True))
    kept = {submissions[name].pk for name in ("just_kept", "recent", "other_page")}
    assert remaining == kept


def test_a_dry_run_counts_and_deletes_nothing(submissions):
    output = run("--dry-run")
    assert "1 aanmelding(en) ouder dan 180 dagen zou(den) worden verwijderd" in output
    assert FormSubmission.objects.count() == 4


def test_the_period_comes_from_the_settings(submissions, settings):
    settings.SIGNUP_RETENTION_DAYS = 30
    assert "2 aanmelding(en) ouder dan 30 dagen verwijderd." in run()
    assert set(FormSubmission.objects.values_list("form_data__uw_naam", flat=True)) == {
        "recent",
        "other_page",
    }


def test_a_sign_up_is_deleted_once_its_period_has_passed(submissions):
    with time_machine.travel(timezone.now() + dt.timedelta(days=2)):
        run()
    assert not FormSubmission.objects.filter(pk=submissions["just_kept"].pk).exists()
    assert FormSubmission.objects.filter(pk=submissions["recent"].pk).exists()
