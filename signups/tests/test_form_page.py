"""A resident signs up: stored, mailed when asked, protected against bots and floods."""

import pytest
from django.core import mail
from wagtail.contrib.forms.models import FormSubmission

from signups.factories import volunteer_form
from signups.forms import FormPageAdminForm
from signups.models import FormPage

pytestmark = pytest.mark.django_db

VALID = {
    "uw_naam": "Els de Vries",
    "uw_e_mailadres": "els@example.org",
    "uw_telefoonnummer": "06 12 34 56 78",
    "uw_woonplaats": "Zwolle",
    "wat_wilt_u_doen": ["Op bezoek gaan bij iemand"],
    "wilt_u_nog_iets_vertellen": "Op dinsdag heb ik tijd.",
}


@pytest.fixture
def form_page(home):
    return volunteer_form(home, title="Ik wil vrijwilliger worden", slug="vrijwilliger-worden")


def test_the_form_shows_every_question_with_label_hint_required_mark_and_autocomplete(
    client, form_page
):
    response = client.get(form_page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        '<label for="id_uw_naam">Uw naam <span class="field__required">(verplicht)</span>' in html
    )
    assert 'autocomplete="name"' in html and 'autocomplete="email"' in html
    assert 'type="tel"' in html and 'autocomplete="tel"' in html
    assert 'aria-describedby="id_uw_telefoonnummer_helptext"' in html
    assert "<legend>Wat wilt u doen?" in html
    assert "Wat doen we met uw gegevens?" in html
    assert "We bewaren uw aanmelding 180 dagen." in html
    assert ">Aanmelden</button>" in html
    assert "style=" not in html and "<script>" not in html
    assert response.headers["Cache-Control"].startswith("max-age=0")


def test_a_valid_sign_up_is_stored_and_thanked(client, form_page):
    response = client.post(form_page.url, VALID)
    assert response.status_code == 302
    assert response.headers["Location"] == f"{form_page.url}?verzonden=1"
    submission = FormSubmission.objects.get(page=form_page)
    assert submission.form_data["uw_e_mailadres"] == "els@example.org"
    assert submission.form_data["wat_wilt_u_doen"] == ["Op bezoek gaan bij iemand"]
    assert "website" not in submission.form_data, "the honeypot is never stored"
    assert mail.outbox == [], "no address filled in: nobody is mailed"

    thanks = client.get(response.headers["Location"])
    assert thanks.status_code == 200
    assert "Bedankt, we hebben uw aanmelding ontvangen" in thanks.content.decode()
    assert '<meta name="robots" content="noindex">' in thanks.content.decode()


def test_a_sign_up_is_mailed_when_the_page_has_an_address(client, form_page):
    form_page.to_address = "coordinator@example.org, tweede@example.org"
    form_page.save_revision().publish()
    client.post(form_page.url, VALID)
    assert FormSubmission.objects.filter(page=form_page).count() == 1
    [message] = mail.outbox
    assert message.to == ["coordinator@example.org", "tweede@example.org"]
    assert message.subject == "Nieuwe aanmelding: Ik wil vrijwilliger worden"
    assert message.reply_to == ["els@example.org"]
    assert "Uw woonplaats: Zwolle" in message.body
    assert "Wat wilt u doen?: Op bezoek gaan bij iemand" in message.body
    assert "Laat dit veld leeg" not in message.body


def test_a_filled_honeypot_is_thanked_but_nothing_is_stored_or_sent(client, form_page):
    form_page.to_address = "coordinator@example.org"
    form_page.save_revision().publish()
    response = client.post(form_page.url, {**VALID, "website": "https://spam.example"}, follow=True)
    assert response.status_code == 200
    assert "Bedankt, we hebben uw aanmelding ontvangen" in response.content.decode()
    assert not FormSubmission.objects.exists()
    assert mail.outbox == []


def test_the_honeypot_is_off_screen_out_of_the_tab_order_and_labelled(client, form_page):
    html = client.get(form_page.url).content.decode()
    trap = html[html.index('<div class="form-trap" aria-hidden="true">') :]
    trap = trap[: trap.index("</div>")]
    assert "Laat dit veld leeg" in trap
    assert 'tabindex="-1"' in trap and 'autocomplete="off"' in trap


def test_an_invalid_e_mail_keeps_every_value_and_says_what_to_fix(client, form_page):
    response = client.post(form_page.url, {**VALID, "uw_e_mailadres": "els-at-example"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-error-summary" in html and 'id="fouten"' in html
    message = "Dit is geen goed e-mailadres. Schrijf het zoals naam@voorbeeld.nl."
    assert f'<a href="#id_uw_e_mailadres">Uw e-mailadres: {message}</a>' in html
    assert f'<p class="field-error" id="id_uw_e_mailadres_error">{message}</p>' in html
    assert 'aria-invalid="true"' in html
    assert 'value="els-at-example"' in html
    assert 'value="Els de Vries"' in html and 'value="06 12 34 56 78"' in html
    assert "Op dinsdag heb ik tijd." in html
    assert 'value="Op bezoek gaan bij iemand"' in html and "checked" in html
    assert html.count("<title>Fout:") == 1
    assert not FormSubmission.objects.exists()


def test_an_empty_form_asks_for_each_required_answer(client, form_page):
    html = client.post(form_page.url, {}).content.decode()
    assert "Uw naam: Vul uw naam in." in html
    assert "Uw woonplaats: Vul dit in." in html
    # A group of checkboxes is linked through its first option.
    assert (
        '<a href="#id_wat_wilt_u_doen_0">Wat wilt u doen?: Kies minstens één antwoord.</a>' in html
    )
    assert "Uw telefoonnummer:" not in html.split('id="fouten"')[1].split("</div>")[0]


def test_the_sixth_sign_up_in_an_hour_is_refused_with_429_and_kept(client, form_page):
    for _number in range(5):
        assert client.post(form_page.url, VALID).status_code == 302
    # Typos do not count, and a refused one is not stored.
    response = client.post(form_page.url, {**VALID, "uw_naam": "Jan Jansen"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "U heeft zich al vaak aangemeld" in html
    assert 'value="Jan Jansen"' in html and 'value="els@example.org"' in html
    assert FormSubmission.objects.filter(page=form_page).count() == 5


def test_typos_do_not_use_up_the_rate_limit(client, form_page, settings):
    settings.SIGNUP_RATE = "2/h"
    for _number in range(3):
        client.post(form_page.url, {**VALID, "uw_e_mailadres": "fout"})
    assert client.post(form_page.url, VALID).status_code == 302
    assert client.post(form_page.url, VALID).status_code == 302
    assert client.post(form_page.url, VALID).status_code == 429


def test_the_page_form_has_both_the_form_builder_check_and_the_plain_language_check():
    form_class = FormPage.get_edit_handler().get_form_class()
    assert issubclass(form_class, FormPageAdminForm)
    assert "publish_despite_readability" in form_class.base_fields


def test_the_form_page_lives_under_home_standard_and_campaign_pages_and_has_no_children():
    names = {model._meta.label for model in FormPage.allowed_parent_page_models()}
    assert names == {"home.HomePage", "home.StandardPage", "campaigns.CampaignPage"}
    assert FormPage.allowed_subpage_models() == []


def test_the_editor_previews_the_form_and_the_thank_you_page(form_page):
    form_page.thank_you_text = "<p>We bellen u binnen een week.</p>"
    form = form_page.make_preview_request(preview_mode="form")
    assert form.status_code == 200
    assert 'autocomplete="email"' in form.rendered_content
    landing = form_page.make_preview_request(preview_mode="landing")
    assert landing.status_code == 200
    assert "We bellen u binnen een week." in landing.rendered_content
