"""The demo's sign-up forms in Dutch and English, questions translated with their page."""

import pytest
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Locale

from signups import demo
from signups.models import FormPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def volunteer(home):
    demo.load()
    return FormPage.objects.get(slug="vrijwilliger-worden", locale__language_code="nl")


def test_the_demo_makes_both_forms_in_both_languages_and_runs_again_safely(volunteer):
    assert FormPage.objects.filter(locale__language_code="nl").count() == 2
    assert FormPage.objects.filter(locale__language_code="en").count() == 2
    assert demo.load() == []
    assert FormPage.objects.count() == 4
    assert volunteer.to_address == "", "the demo mails nobody"


def test_the_volunteer_form_renders_in_dutch(client, volunteer):
    response = client.get(volunteer.url)
    html = response.content.decode()
    assert response.status_code == 200 and '<html lang="nl"' in html
    assert volunteer.url.startswith("/nl/") and volunteer.url.endswith("/vrijwilliger-worden/")
    assert "Uw telefoonnummer" in html and "Op bezoek gaan bij iemand" in html
    assert "(demo)" in html


def test_the_volunteer_form_renders_in_english_with_translated_questions(client, volunteer):
    english = volunteer.get_translation(Locale.objects.get(language_code="en"))
    assert english.live and english.url.endswith("/become-a-volunteer/")
    response = client.get(english.url)
    html = response.content.decode()
    assert response.status_code == 200 and '<html lang="en"' in html
    assert "Your phone number" in html and "Visit someone" in html
    assert "Uw telefoonnummer" not in html
    # The privacy text beside the button is English too, not the Dutch default.
    assert "Your details only go to the people" in html
    assert "Uw gegevens gaan alleen" not in html
    # The field names (the keys of stored answers) are the same in both languages.
    assert {f.clean_name for f in english.form_fields.all()} == {
        f.clean_name for f in volunteer.form_fields.all()
    }

    response = client.post(
        english.url,
        {
            "uw_naam": "Ann Smith",
            "uw_e_mailadres": "ann@example.org",
            "uw_woonplaats": "Zwolle",
            "wat_wilt_u_doen": ["Visit someone"],
        },
    )
    assert response.status_code == 302
    assert FormSubmission.objects.get(page=english).form_data["wat_wilt_u_doen"] == [
        "Visit someone"
    ]


def test_the_demo_forms_are_written_in_plain_dutch(volunteer):
    from core.readability import LIX_LIMIT, page_lix

    for page in FormPage.objects.filter(locale__language_code="nl"):
        assert page_lix(page) <= LIX_LIMIT, page.title


def test_the_english_form_opens_in_the_translation_editor(admin_client, volunteer):
    from django.urls import reverse

    english = volunteer.get_translation(Locale.objects.get(language_code="en"))
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[english.pk]))
    assert response.status_code == 200
    # wagtail-localize's editor lists the questions' texts as strings to translate.
    assert "Your phone number" in response.content.decode()
