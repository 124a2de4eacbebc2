"""A resident signs up as a volunteer on a phone or a computer, by keyboard if need be."""

import os

import pytest
from wagtail.contrib.forms.models import FormSubmission

from .conftest import WIDTHS, assert_no_axe_violations, follow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

FORM_URL = "/nl/vrijwilliger-worden/"
SUBMIT = "Aanmelden"


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_sign_up_as_a_volunteer(browser, live_demo, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.goto(live_demo.url + FORM_URL)
    assert page.locator("h1").inner_text() == "Ik wil vrijwilliger worden"
    assert_no_axe_violations(page, "volunteer form")

    # Sent empty: the summary of errors gets the focus and says what is missing.
    follow(page, page.get_by_role("button", name=SUBMIT))
    assert page.evaluate("document.activeElement.id") == "fouten"
    summary = page.locator("[data-error-summary]").inner_text()
    assert "Vul uw naam in." in summary and "Kies minstens één antwoord." in summary
    assert_no_axe_violations(page, "volunteer form with errors")

    page.get_by_label("Uw naam").fill("Els de Vries")
    page.get_by_label("Uw e-mailadres").fill("els@example.org")
    page.get_by_label("Uw woonplaats").fill("Zwolle")
    page.get_by_label("Op bezoek gaan bij iemand").check()
    follow(page, page.get_by_role("button", name=SUBMIT))
    assert page.get_by_role(
        "heading", name="Bedankt, we hebben uw aanmelding ontvangen"
    ).is_visible()
    assert_no_axe_violations(page, "thanks")
    assert FormSubmission.objects.get().form_data["uw_naam"] == "Els de Vries"
    context.close()


def test_the_honeypot_is_never_reached_with_the_tab_key(page, live_demo):
    page.goto(live_demo.url + FORM_URL)
    page.get_by_label("Uw naam").focus()
    visited = []
    for _step in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "({name: document.activeElement.name || '', text: document.activeElement.textContent})"
        )
        visited.append(focused["name"])
        if focused["text"].strip() == SUBMIT:
            break
    else:
        pytest.fail(f"Tab never reached the submit button: {visited}")
    assert "wat_wilt_u_doen" in visited and "wilt_u_nog_iets_vertellen" in visited
    assert "website" not in visited
    trap = page.locator("input[name=website]")
    assert trap.get_attribute("tabindex") == "-1"
    assert not trap.is_visible() or trap.bounding_box()["x"] < 0
