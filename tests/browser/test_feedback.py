"""A resident sees a mistake on a place, says so without an account, and is thanked."""

import os

import pytest
from django.utils import timezone

from core.models import Correction, Municipality
from social_map.models import PlaceKind, PlacePage, SocialMapPage

from .conftest import WIDTHS, assert_no_axe_violations, follow, stub_map_tiles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def place(home):
    social_map = home.add_child(instance=SocialMapPage(title="Sociale kaart", slug="kaart"))
    zwolle = Municipality.objects.create(
        name="Zwolle", slug="zwolle", cbs_code="GM0193", province="Overijssel"
    )
    kind = PlaceKind.objects.create(name="Buurthuis", slug="buurthuis", locale=home.locale)
    return social_map.add_child(
        instance=PlacePage(
            title="Buurthuis De Bloom (demo)",
            slug="de-bloom",
            kind=kind,
            summary="Samen koffie drinken.",
            municipality=zwolle,
            email="bloom@example.org",
            last_checked=timezone.localdate(),
        )
    )


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_report_a_mistake_on_a_place(browser, live_server, place, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
    page = context.new_page()
    stub_map_tiles(page)
    page.goto(live_server.url + place.url)
    follow(page, page.get_by_role("link", name="Klopt er iets niet? Laat het ons weten"))
    assert page.locator("h1").inner_text() == "Klopt er iets niet?"
    assert_no_axe_violations(page, "form")

    # Sent empty: the summary of errors gets the focus, the field says what is missing.
    follow(page, page.get_by_role("button", name="Bericht versturen"))
    assert page.evaluate("document.activeElement.id") == "fouten"
    assert "Schrijf op wat er niet klopt." in page.locator("[data-error-summary]").inner_text()
    assert_no_axe_violations(page, "form with errors")

    page.get_by_label("Wat klopt er niet?").fill("Op dinsdag is het buurthuis nu dicht.")
    page.get_by_label("Uw e-mailadres").fill("els@example.org")
    follow(page, page.get_by_role("button", name="Bericht versturen"))
    assert page.get_by_role("heading", name="Bedankt voor uw bericht").is_visible()
    assert_no_axe_violations(page, "thanks")
    note = Correction.objects.get()
    assert (note.page_id, note.email) == (place.pk, "els@example.org")

    follow(page, page.get_by_role("link", name="Terug naar de pagina"))
    assert page.locator("h1").inner_text() == place.title
    context.close()
