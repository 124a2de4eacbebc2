"""Two-factor authentication: who must set up an app before any other admin page, the set-up
with its QR code, the code after the password, backup codes, and what stays untouched."""

import datetime as dt
import io
import re

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.core.checks import run_checks
from django.core.management import call_command
from django.test import override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from users.two_factor import devices

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("two_factor_on"),
]

PAGES = "/admin/pages/"
SETUP = "/admin/tweestaps/instellen/"
VERIFY = "/admin/tweestaps/controle/"
START = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def two_factor_on():
    with override_settings(TWO_FACTOR_REQUIRED_FOR=["superusers", "moderators"]):
        yield


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("beheer", password="juist-wachtwoord")


def admin_user(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, password="x")
    group, _created = Group.objects.get_or_create(name=group)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    return user


def current_code(device):
    return TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()


def code_text(device):
    return f"{current_code(device):06d}"


def set_up_app(client, clock):
    """Go through the set-up page; returns the confirmed device and the backup codes page."""
    client.get(SETUP)
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post(SETUP, {"code": code_text(device), "next": PAGES})
    device.refresh_from_db()
    clock.shift(dt.timedelta(seconds=60))  # the next code, not the one just used
    return device, response


def test_a_superuser_with_only_a_password_is_sent_to_set_up_an_app(client, superuser, clock):
    client.force_login(superuser)
    response = client.get(PAGES)
    assert response.status_code == 302
    assert response["Location"] == f"{SETUP}?next=/admin/pages/"
    # Every admin page, Django's too, until then; the set-up page itself shows the QR code.
    assert client.get("/admin/").status_code == 302
    assert client.get("/django-admin/").status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "<svg" in page and "Tweestapsverificatie instellen" in page
    device = TOTPDevice.objects.get(user=superuser, confirmed=False)
    assert devices.secret(device).replace(" ", "") in page.replace(" ", "")
    # Reloading keeps the same key (an app may have scanned it already).
    client.get(SETUP)
    assert TOTPDevice.objects.get(user=superuser).pk == device.pk


def test_after_the_first_right_code_the_admin_opens_and_backup_codes_are_shown(
    client, superuser, clock
):
    client.force_login(superuser)
    client.get(SETUP)
    device = TOTPDevice.objects.get(confirmed=False)
    wrong = client.post(SETUP, {"code": "000000" if code_text(device) != "000000" else "111111"})
    assert "Deze code klopt niet" in wrong.content.decode()
    assert client.get(PAGES).status_code == 302
    # django-otp refuses codes for a moment after a wrong one (the delay doubles each time).
    throttled = client.post(SETUP, {"code": code_text(device)})
    assert "Te vaak een verkeerde code" in throttled.content.decode()
    clock.shift(dt.timedelta(seconds=3))
    device, response = set_up_app(client, clock)
    assert device.confirmed
    page = response.content.decode()
    assert "Bewaar uw reservecodes" in page
    codes = re.findall(r"<code>(\w+)</code>", page)
    assert len(codes) == 10
    assert set(codes) == set(StaticToken.objects.values_list("token", flat=True))
    assert client.get(PAGES).status_code == 200


def test_next_login_asks_for_a_code_and_refuses_a_wrong_one(client, superuser, clock):
    client.force_login(superuser)
    device, _response = set_up_app(client, clock)
    client.logout()
    # The real login form: the password alone leads to the code.
    response = client.post(
        "/admin/login/", {"username": "beheer", "password": "juist-wachtwoord", "next": PAGES}
    )
    assert response.status_code == 302
    response = client.get(PAGES)
    assert response["Location"] == f"{VERIFY}?next=/admin/pages/"
    assert client.get(SETUP)["Location"].startswith(VERIFY)  # no new app without a code
    wrong = client.post(VERIFY, {"code": "12345", "next": PAGES})
    assert wrong.status_code == 200
    assert "Deze code klopt niet" in wrong.content.decode()
    assert client.get(PAGES).status_code == 302
    clock.shift(dt.timedelta(seconds=3))  # past django-otp's delay after a wrong code
    right = client.post(VERIFY, {"code": code_text(device), "next": PAGES})
    assert (right.status_code, right["Location"]) == (302, PAGES)
    assert client.get(PAGES).status_code == 200
    assert client.get("/django-admin/").status_code == 200


def test_a_backup_code_works_once(client, superuser, clock):
    client.force_login(superuser)
    _device, response = set_up_app(client, clock)
    code = re.findall(r"<code>(\w+)</code>", response.content.decode())[0]
    client.logout()
    client.force_login(superuser)
    assert client.post(VERIFY, {"code": code.upper(), "next": PAGES})["Location"] == PAGES
    assert client.get(PAGES).status_code == 200
    client.logout()
    client.force_login(superuser)
    clock.shift(dt.timedelta(seconds=3))
    assert client.post(VERIFY, {"code": code}).status_code == 200  # refused
    assert client.get(PAGES).status_code == 302


def test_a_moderator_must_too_a_plain_editor_not(client, django_user_model, clock):
    moderator = admin_user(django_user_model, "moderator", "Moderators")
    editor = admin_user(django_user_model, "redacteur", "Editors")
    client.force_login(moderator)
    assert client.get(PAGES)["Location"].startswith(SETUP)
    client.force_login(editor)
    assert client.get(PAGES).status_code == 200
    with override_settings(TWO_FACTOR_REQUIRED_FOR=["all"]):
        assert client.get(PAGES)["Location"].startswith(SETUP)


def test_an_editor_who_chose_an_app_is_asked_for_its_code(client, django_user_model, clock):
    editor = admin_user(django_user_model, "redacteur", "Editors")
    client.force_login(editor)
    assert "Tweestapsverificatie" in client.get("/admin/account/").content.decode()
    set_up_app(client, clock)
    client.logout()
    client.force_login(editor)
    assert client.get(PAGES)["Location"].startswith(VERIFY)


def test_public_pages_and_the_login_are_untouched(client, superuser):
    client.force_login(superuser)
    for url in ("/robots.txt", "/nl/", "/admin/login/"):
        response = client.get(url)
        assert SETUP not in response.get("Location", ""), url


def test_off_means_off(client, superuser):
    client.force_login(superuser)
    with override_settings(TWO_FACTOR_REQUIRED_FOR=["none"]):
        assert client.get(PAGES).status_code == 200


def test_the_overview_and_new_backup_codes(client, superuser, clock):
    client.force_login(superuser)
    set_up_app(client, clock)
    page = client.get("/admin/tweestaps/").content.decode()
    assert "nog 10 ongebruikte reservecodes" in page
    response = client.post("/admin/tweestaps/reservecodes/", {"next": "/admin/tweestaps/"})
    assert len(re.findall(r"<code>(\w+)</code>", response.content.decode())) == 10
    # Required for a superuser: it cannot be switched off.
    client.post("/admin/tweestaps/uitzetten/")
    assert TOTPDevice.objects.filter(user=superuser).exists()


def test_reset_command_for_a_lost_phone(superuser, client, clock):
    client.force_login(superuser)
    set_up_app(client, clock)
    output = io.StringIO()
    call_command("reset_two_factor", "beheer", stdout=output)
    assert not TOTPDevice.objects.exists() and not StaticToken.objects.exists()
    call_command("reset_two_factor", "beheer", "--backup-codes", stdout=output)
    assert StaticToken.objects.count() == 10


def test_deploy_check_warns_when_switched_off():
    with override_settings(TWO_FACTOR_REQUIRED_FOR=["none"]):
        ids = [message.id for message in run_checks(include_deployment_checks=True)]
    assert "users.W001" in ids
    with override_settings(TWO_FACTOR_REQUIRED_FOR=["superuser"]):  # a typo
        assert "users.E001" in [message.id for message in run_checks()]


def test_the_local_admin_gets_backup_codes_to_log_in_with(client):
    output = io.StringIO()
    call_command("create_local_admin", stdout=output)
    password = re.search(r"wachtwoord '([^']+)'", output.getvalue())[1]
    codes = re.search(r"elk één keer: ([a-z2-7 ]+)", output.getvalue())[1].split()
    assert len(codes) == 10
    client.post("/admin/login/", {"username": "admin", "password": password})
    assert client.get(PAGES)["Location"].startswith(VERIFY)
    client.post(VERIFY, {"code": codes[0]})
    assert client.get(PAGES).status_code == 200
