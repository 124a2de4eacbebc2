"""Editors build sign-up forms and read what came in, with the rights `manage.py setup` gives."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.contrib.forms.models import FormSubmission
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from signups.factories import volunteer_form
from signups.models import FormPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, home):
    call_command("setup", stdout=io.StringIO())
    user = get_user_model().objects.create_user(username="redacteur", password="x")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def question(label, field_type="singleline"):
    return {
        "label": label,
        "help_text": "",
        "required": "on",
        "field_type": field_type,
        "choices": "",
        "default_value": "",
    }


def new_page_data(*questions):
    return nested_form_data(
        {
            "title": "Aanmelden voor de nieuwsbrief",
            "slug": "nieuwsbrief",
            "intro": rich_text("<p>Lees wat er in de buurt gebeurt.</p>"),
            "form_fields": inline_formset(list(questions)),
            "submit_label": "Aanmelden",
            "privacy_notice": rich_text("<p>Alleen de redactie ziet uw adres.</p>"),
            "thank_you_text": rich_text(""),
            "to_address": "",
            "from_address": "",
            "subject": "",
            "seo_title": "",
            "search_description": "",
            "comments": inline_formset([]),
        }
    )


def test_an_editor_opens_the_new_form_page_in_the_admin(client, editor, home):
    url = reverse("wagtailadmin_pages:add", args=["signups", "formpage", home.pk])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    # Dutch help for the editor, and the default privacy text already filled in.
    assert "Mail elke aanmelding naar" in html
    assert "Uw gegevens gaan alleen naar de mensen van de coalitie" in html


def test_an_editor_saves_a_form_with_questions(client, editor, home):
    url = reverse("wagtailadmin_pages:add", args=["signups", "formpage", home.pk])
    response = client.post(url, new_page_data(question("Uw e-mailadres", "email")))
    assert response.status_code == 302, response.context["form"].errors
    page = FormPage.objects.get(slug="nieuwsbrief")
    assert [(f.clean_name, f.field_type) for f in page.form_fields.all()] == [
        ("uw_e_mailadres", "email")
    ]
    assert page.form_fields.get().locale_id == page.locale_id


def test_two_questions_with_the_same_name_are_refused(client, editor, home):
    """The form builder's own check still runs beside the plain-language check."""
    url = reverse("wagtailadmin_pages:add", args=["signups", "formpage", home.pk])
    response = client.post(url, new_page_data(question("Naam"), question("naam")))
    assert response.status_code == 200
    assert not FormPage.objects.exists()
    formset = response.context["form"].formsets["form_fields"]
    assert any("label" in form.errors for form in formset.forms)


def test_an_editor_sees_the_sign_ups_under_forms(client, editor, home):
    page = volunteer_form(home, title="Ik wil vrijwilliger worden")
    FormSubmission.objects.create(page=page, form_data={"uw_naam": "Els de Vries"})
    index = client.get(reverse("wagtailforms:index"))
    assert index.status_code == 200
    assert "Ik wil vrijwilliger worden" in index.content.decode()
    listing = client.get(reverse("wagtailforms:list_submissions", args=[page.pk]))
    assert listing.status_code == 200
    assert "Els de Vries" in listing.content.decode()


def test_an_editor_edits_a_form_and_sees_how_many_signed_up(client, editor, home):
    page = volunteer_form(home, title="Ik wil vrijwilliger worden")
    FormSubmission.objects.create(page=page, form_data={"uw_naam": "Els de Vries"})
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Aanmeldingen" in html
    assert reverse("wagtailforms:list_submissions", args=[page.pk]) in html
