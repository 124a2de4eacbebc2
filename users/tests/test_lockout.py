"""Lock-out after failed logins (django-axes) on both admin logins, and the throttled password
reset: per user name and per address, the Dutch page, the cool-off, the clean-up."""

import datetime as dt
import io

import pytest
import time_machine
from axes.models import AccessAttempt, AccessLog
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

pytestmark = pytest.mark.django_db

WAGTAIL_LOGIN = "/admin/login/"
DJANGO_LOGIN = "/django-admin/login/"
LIMIT = 5
START = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def admin(django_user_model):
    return django_user_model.objects.create_superuser(
        "beheer", email="beheer@example.org", password="juist-wachtwoord"
    )


def log_in(client, username, password, address="10.0.0.1", url=WAGTAIL_LOGIN, **headers):
    client.logout()
    return client.post(
        url, {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


def logged_in(response):
    return response.status_code == 302 and "_auth_user_id" in response.client.session


def fail(client, times, username="beheer", address="10.0.0.1", url=WAGTAIL_LOGIN):
    for _attempt in range(times):
        response = log_in(client, username, "fout", address, url)
    return response


@pytest.mark.parametrize("url", [WAGTAIL_LOGIN, DJANGO_LOGIN])
def test_locked_after_the_limit_even_with_the_right_password_until_the_cool_off(
    client, admin, clock, url
):
    response = fail(client, LIMIT - 1, url=url)
    assert response.status_code == 200  # the form again, with its error
    response = fail(client, 1, url=url)
    assert response.status_code == 429
    response = log_in(client, "beheer", "juist-wachtwoord", url=url)
    assert response.status_code == 429
    assert not logged_in(response)
    page = response.content.decode()
    assert "Inloggen tijdelijk geblokkeerd" in page
    # 12:00 UTC is 13:00 in Amsterdam; the lock ends 30 minutes after the last failure.
    assert "Probeer het opnieuw na 13:30 uur" in page
    clock.shift(dt.timedelta(minutes=29))
    assert log_in(client, "beheer", "juist-wachtwoord", url=url).status_code == 429
    # Trying while locked did not extend the lock.
    clock.shift(dt.timedelta(minutes=2))
    assert logged_in(log_in(client, "beheer", "juist-wachtwoord", url=url))


def test_an_address_is_locked_across_user_names(client, admin, django_user_model, clock):
    django_user_model.objects.create_superuser("tweede", password="ander-wachtwoord")
    for number in range(LIMIT):
        log_in(client, f"gok{number}", "fout", "10.0.0.9")
    assert log_in(client, "tweede", "ander-wachtwoord", "10.0.0.9").status_code == 429
    # The same person from another address is let in.
    assert logged_in(log_in(client, "tweede", "ander-wachtwoord", "10.0.0.10"))


def test_a_user_name_is_locked_across_addresses(client, admin, django_user_model, clock):
    django_user_model.objects.create_superuser("tweede", password="ander-wachtwoord")
    for number in range(LIMIT):
        log_in(client, "beheer", "fout", f"10.0.1.{number}")
    assert log_in(client, "beheer", "juist-wachtwoord", "10.0.2.1").status_code == 429
    # Another user from one of those addresses (one failure each) is let in.
    assert logged_in(log_in(client, "tweede", "ander-wachtwoord", "10.0.1.0"))


@override_settings(RATELIMIT_IP_META_KEY="HTTP_X_REAL_IP")
def test_behind_a_proxy_the_address_comes_from_its_header(client, admin, clock):
    for number in range(LIMIT):
        log_in(client, f"gok{number}", "fout", "127.0.0.1", HTTP_X_REAL_IP="192.0.2.7")
    blocked = log_in(client, "beheer", "juist-wachtwoord", "127.0.0.1", HTTP_X_REAL_IP="192.0.2.7")
    assert blocked.status_code == 429
    other = log_in(client, "beheer", "juist-wachtwoord", "127.0.0.1", HTTP_X_REAL_IP="192.0.2.8")
    assert logged_in(other)
    assert AccessAttempt.objects.filter(ip_address="192.0.2.7").count() == LIMIT


def test_ipv6_addresses_count_per_network(client, admin, clock):
    for number in range(LIMIT):
        log_in(client, f"gok{number}", "fout", f"2001:db8::{number + 1}")
    assert log_in(client, "beheer", "juist-wachtwoord", "2001:db8::ff").status_code == 429


def test_old_login_records_are_deleted(client, admin, clock):
    assert logged_in(log_in(client, "beheer", "juist-wachtwoord"))
    log_in(client, "beheer", "fout")
    clock.shift(dt.timedelta(days=91))
    assert logged_in(log_in(client, "beheer", "juist-wachtwoord"))
    assert AccessLog.objects.count() == 2
    output = io.StringIO()
    call_command("delete_old_login_records", stdout=output)
    assert AccessLog.objects.get().attempt_time == timezone.now()
    assert not AccessAttempt.objects.exists()
    assert "1 inlogregistraties" in output.getvalue()


# The password reset.

RESET = "/admin/password_reset/"
RESET_DONE = "/admin/password_reset/done/"


def ask_reset(client, email, address="10.0.0.1"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address)


def test_reset_is_limited_per_email_address_with_the_same_answer(client, admin, mailoutbox):
    for _attempt in range(3):
        response = ask_reset(client, "beheer@example.org", f"10.0.3.{_attempt}")
        assert response.status_code == 302
        assert response["Location"] == RESET_DONE
    assert len(mailoutbox) == 3
    over = ask_reset(client, "BEHEER@example.org ", "10.0.4.1")
    assert (over.status_code, over["Location"]) == (302, RESET_DONE)
    assert len(mailoutbox) == 3


def test_reset_is_limited_per_address(client, django_user_model, mailoutbox):
    for number in range(6):
        django_user_model.objects.create_user(
            f"redacteur{number}", email=f"r{number}@example.org", password="x"
        )
    for number in range(5):
        assert ask_reset(client, f"r{number}@example.org").status_code == 302
    assert len(mailoutbox) == 5
    assert ask_reset(client, "r5@example.org")["Location"] == RESET_DONE
    assert len(mailoutbox) == 5
    # Another address still may.
    ask_reset(client, "r5@example.org", "10.0.9.9")
    assert len(mailoutbox) == 6


def test_reset_form_is_still_wagtails(client):
    response = client.get(RESET)
    assert response.status_code == 200
    assert 'name="email"' in response.content.decode()


def test_attempts_and_logins_are_listed_in_the_django_admin(client, admin, clock):
    fail(client, LIMIT)
    client.force_login(admin)
    attempts = client.get("/django-admin/axes/accessattempt/")
    assert attempts.status_code == 200
    assert "10.0.0.1" in attempts.content.decode()
    assert client.get("/django-admin/axes/accesslog/").status_code == 200
