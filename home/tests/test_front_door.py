"""The home page as a front door for residents; the menu, footer link and helpline bar."""

import json
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from PIL import Image
from wagtail.models import Locale, Site

from core.models import Helpline, SiteHelpline, SiteSettings
from events.models import EventIndexPage, EventSubmissionPage
from home.factories import StandardPageFactory
from social_map.models import SocialMapPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections(home):
    """A sociale kaart, an agenda and its announcement form, as the demo has them."""
    kaart = home.add_child(instance=SocialMapPage(title="Sociale kaart", slug="kaart"))
    agenda = home.add_child(instance=EventIndexPage(title="Agenda", slug="agenda"))
    form = agenda.add_child(instance=EventSubmissionPage(title="Aanmelden", slug="aanmelden"))
    return {"kaart": kaart, "agenda": agenda, "form": form}


def section(html, css_class, end="</section>"):
    """The HTML of the first element with ``css_class`` up to ``end``."""
    return html.split(f'class="{css_class}"', 1)[1].split(end, 1)[0]


def test_front_door_leads_to_places_near_a_postcode_and_this_weeks_activities(
    home, sections, client
):
    html = client.get("/nl/").content.decode()

    places = section(html, "front-door__choice")
    assert "Zoek iets in de buurt" in places
    assert '<form class="front-door__search" method="get" action="/nl/kaart/#resultaten">' in places
    assert 'name="postcode"' in places and 'autocomplete="postal-code"' in places
    assert 'for="front-door-postcode"' in places
    assert 'href="/nl/agenda/?wanneer=deze-week#resultaten"' in html
    assert "Wat is er te doen?" in html
    front_door = section(html, "front-door", end="</main>")
    assert 'href="/nl/agenda/aanmelden/">Activiteit aanmelden</a>' in front_door


def test_editor_chosen_targets_win_over_the_first_page_of_each_type(home, sections, client):
    other_map = home.add_child(instance=SocialMapPage(title="Kaart Zwolle", slug="zwolle"))
    other_agenda = home.add_child(instance=EventIndexPage(title="Agenda 2", slug="agenda-2"))
    approach = StandardPageFactory(parent=home, title="Lokaal samenwerken", slug="samen")
    home.places_page = other_map
    home.agenda_page = other_agenda
    home.approach_page = approach
    home.save_revision().publish()

    html = client.get("/nl/").content.decode()

    assert 'action="/nl/zwolle/#resultaten"' in html
    assert 'action="/nl/kaart/#resultaten"' not in html
    assert 'href="/nl/agenda-2/?wanneer=deze-week#resultaten"' in html
    assert 'href="/nl/samen/">De aanpak: <span>Lokaal samenwerken</span>' in html


def test_an_unpublished_choice_falls_back_to_the_first_live_page(home, sections, client):
    draft = home.add_child(instance=SocialMapPage(title="Concept", slug="concept", live=False))
    home.places_page = draft
    home.save_revision().publish()

    html = client.get("/nl/").content.decode()

    assert 'action="/nl/kaart/#resultaten"' in html
    assert "/nl/concept/" not in html


def test_without_a_sociale_kaart_or_agenda_the_front_door_stays_away(home, client):
    html = client.get("/nl/").content.decode()

    assert "front-door__search" not in html
    assert "wanneer=deze-week" not in html
    assert "Activiteit aanmelden" not in html


def test_english_home_leads_to_the_dutch_sociale_kaart_until_it_is_translated(
    home, sections, client
):
    english = home.copy_for_translation(Locale.objects.get(language_code="en"))
    english.save_revision().publish()

    html = client.get("/en/").content.decode()

    assert 'action="/nl/kaart/#resultaten"' in html
    assert 'href="/nl/agenda/aanmelden/" hreflang="nl"' in html


def test_every_page_has_activiteit_aanmelden_in_the_footer(home, sections, client):
    StandardPageFactory(parent=home, title="Over ons", slug="over")

    for url in ("/nl/", "/nl/over/", "/nl/bestaat-niet/"):
        footer = client.get(url).content.decode().split('class="site-footer"', 1)[1]
        assert 'href="/nl/agenda/aanmelden/">Activiteit aanmelden</a>' in footer, url


def test_menu_uses_the_short_names_and_order_the_home_page_gives(home, sections, client):
    StandardPageFactory(parent=home, title="Lokaal samenwerken", slug="samen")
    for page in (sections["kaart"], sections["agenda"]):
        page.show_in_menus = True
        page.save_revision().publish()
    home.menu = [
        ("menu_item", {"page": sections["agenda"], "label": ""}),
        ("menu_item", {"page": sections["kaart"], "label": "Plekken in de buurt"}),
    ]
    home.save_revision().publish()

    html = client.get("/nl/kaart/").content.decode()
    menu = section(html, "main-nav__list", end="</ul>")

    assert 'href="/nl/kaart/" aria-current="page">Plekken in de buurt</a>' in menu
    assert ">Sociale kaart</a>" not in menu
    positions = [menu.index(href) for href in ("/nl/agenda/", "/nl/kaart/", "/nl/samen/")]
    assert positions == sorted(positions)  # listed pages first, the rest after them
    assert "<h1" in html and "Sociale kaart" in html.split("<main", 1)[1]  # the page keeps it


def add_helpline(home, **fields):
    helpline = Helpline.objects.create(locale=home.locale, **fields)
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    SiteHelpline.objects.create(settings=settings, helpline=helpline)
    return helpline


def test_helpline_bar_links_the_website_and_shows_the_hours_when_no_number_is_known(home, client):
    add_helpline(
        home, name="Sensoor", website="https://www.sensoor.nl/", availability="dag en nacht"
    )

    html = client.get("/nl/").content.decode()
    header = html.split("<header", 1)[1].split("</header>", 1)[0]
    bar = section(header, "helpline-bar", end="</div>")

    assert header.index("helpline-bar") < header.index("site-logo")  # first thing on the page
    assert "Wilt u nu met iemand praten?" in bar
    assert '<a href="https://www.sensoor.nl/" rel="noopener">Sensoor</a>' in bar
    assert "(dag en nacht)" in bar
    assert "tel:" not in html
    assert 'href="#hulplijnen"' in bar and 'id="hulplijnen"' in html


def test_helpline_bar_calls_the_number_where_one_is_entered(home, client):
    add_helpline(home, name="Testlijn", phone="012 345 6789", website="https://example.org/")

    html = client.get("/nl/").content.decode()
    bar = section(html, "helpline-bar", end="</div>")

    assert '<a href="tel:0123456789">Bel Testlijn: 012 345 6789</a>' in bar
    assert "https://example.org/" not in bar  # the phone leads; the website stays in the block
    assert html.count('href="tel:0123456789"') == 2  # the bar and the full block


def test_no_helplines_no_bar(home, client):
    assert "helpline-bar" not in client.get("/nl/").content.decode()


def test_favicon_apple_touch_icon_and_manifest_are_linked(home, client):
    html = client.get("/nl/").content.decode()

    for name in ("favicon.svg", "apple-touch-icon.png", "site.webmanifest"):
        assert f"core/icons/{name}" in html
    manifest = json.loads(Path(finders.find("core/icons/site.webmanifest")).read_text())
    sizes = {}
    for icon in manifest["icons"]:
        path = finders.find(f"core/icons/{icon['src']}")
        assert path, icon["src"]
        if icon["type"] == "image/png":
            sizes[icon["sizes"]] = Image.open(path).size
    assert sizes == {"192x192": (192, 192), "512x512": (512, 512)}
    assert Image.open(finders.find("core/icons/apple-touch-icon.png")).size == (180, 180)


def test_editor_sees_the_front_door_choosers_with_help_text(home, admin_client):
    html = admin_client.get(f"/admin/pages/{home.pk}/edit/").content.decode()

    assert "voordeur: waar bewoners en professionals heen gaan" in html.lower()
    assert "Leeg? Dan de eerste sociale kaart van deze site." in html
    assert "Leeg? Dan de eerste agenda van deze site." in html
