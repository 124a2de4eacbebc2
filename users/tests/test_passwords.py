"""Password rules: at least 12 characters and no words of the site, in Dutch, also in the admin."""

import pytest
from django.contrib.auth.password_validation import (
    password_validators_help_texts,
    validate_password,
)
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from users.passwords import SiteWordsPasswordValidator

GOOD = "paarse olifant danst op dinsdag"


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def messages_for(password, user=None):
    try:
        validate_password(password, user)
    except ValidationError as error:
        return error.messages
    return []


@pytest.mark.parametrize(
    "password",
    [
        "eenzaamheid2026!",
        "Eenzaamheid2026!",
        "!!2026-EENZAAM-heid",
        "W3lz1jn-voor-iedereen",
        "S4m3n-is-l3uker!",
        "coalitie 2026 rocks",
        "ik-hou-van-wagtail",
        "samentegeneenzaamheid.nl",
    ],
)
def test_words_of_the_site_are_refused_in_dutch(password):
    messages = messages_for(password)
    assert any("Dit wachtwoord bevat het woord" in message for message in messages), messages


def test_a_good_passphrase_is_accepted():
    assert messages_for(GOOD) == []


def test_short_passwords_are_refused_in_dutch():
    assert messages_for("Kort&goed-1") == [
        "Dit wachtwoord is te kort: het moet minstens 12 tekens hebben."
    ]


def test_the_site_name_and_host_name_count_as_site_words():
    validator = SiteWordsPasswordValidator(
        site_name="Coalitie Utrechtse Heuvelrug", site_url="https://www.buurtbank.example.nl"
    )
    assert validator.found_word("heuvelrug-fietsen-2026") == "heuvelrug"
    assert validator.found_word("Buurtbank!!12345") == "buurtbank"
    assert validator.found_word(GOOD) is None
    assert SiteWordsPasswordValidator(site_url="http://127.0.0.1:8000").found_word(GOOD) is None


def test_the_help_text_names_the_rules_in_dutch():
    texts = " ".join(password_validators_help_texts())
    assert "minstens 12 tekens" in texts
    assert "geen woorden van deze website" in texts


@pytest.fixture
def admin_client(client, django_user_model, db, settings):
    settings.TWO_FACTOR_REQUIRED_FOR = ["none"]  # the second factor is tested in users/tests
    user = django_user_model.objects.create_superuser("beheer", "beheer@example.org", GOOD)
    client.force_login(user)
    return client


def test_wagtails_user_form_shows_the_rules_and_refuses_a_site_word(admin_client):
    url = reverse("wagtailusers_users:add")
    assert "geen woorden van deze website" in admin_client.get(url).content.decode()
    data = {
        "username": "nieuw",
        "email": "nieuw@example.org",
        "first_name": "Nieuwe",
        "last_name": "Redacteur",
        "password1": "eenzaamheid2026!",
        "password2": "eenzaamheid2026!",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Dit wachtwoord bevat het woord" in response.content.decode()
    response = admin_client.post(url, {**data, "password1": GOOD + "!", "password2": GOOD + "!"})
    assert response.status_code == 302


def test_the_admins_password_change_refuses_a_site_word(admin_client):
    url = reverse("wagtailadmin_account")
    data = {
        "password-old_password": GOOD,
        "password-new_password1": "Welzijn-2026-Welzijn",
        "password-new_password2": "Welzijn-2026-Welzijn",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Dit wachtwoord bevat het woord" in response.content.decode()
