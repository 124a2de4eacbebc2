"""The edition page of a national week is a campaign page too: blocks above its counts and map."""

import datetime as dt
import io

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from events.models import EditionPage, EventEdition, EventSubmissionPage

from .conftest import AMSTERDAM


def soon(days, hour=14):
    moment = timezone.localtime(timezone.now(), AMSTERDAM) + dt.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def body():
    return [
        (
            "cta_band",
            {
                "title": "Organiseer zelf iets",
                "text": "Een kop koffie met de buren is al genoeg.",
                "buttons": [{"label": "Zet het in de agenda", "page": None, "url": "/nl/agenda/"}],
            },
        ),
        ("events", {"heading": "Doe mee in uw buurt", "limit": 6}),
        (
            "faq",
            {
                "title": "Vragen en antwoorden",
                "items": [
                    {
                        "question": "Kost meedoen geld?",
                        "answer": "<p>Nee, de meeste activiteiten zijn gratis.</p>",
                    }
                ],
            },
        ),
    ]


@pytest.fixture
def edition(home):
    return EventEdition.objects.create(
        name="Week tegen Eenzaamheid 2026",
        slug="wte-2026",
        starts_on=soon(0).date(),
        ends_on=soon(7).date(),
        locale=home.locale,
    )


@pytest.fixture
def edition_page(agenda, edition):
    page = agenda.add_child(
        instance=EditionPage(
            title="Week tegen Eenzaamheid 2026", slug="wte-2026", edition=edition, body=body()
        )
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def form(agenda):
    return agenda.add_child(instance=EventSubmissionPage(title="Activiteit aanmelden", slug="aan"))


def html_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_blocks_render_above_the_counts_with_the_edition_events(
    client, edition_page, edition, make_event, form
):
    make_event(title="Koffie in de week", starts_at=soon(2), edition=edition)
    make_event(title="Niet in de week", starts_at=soon(3))
    html = html_of(client, edition_page)
    page = BeautifulSoup(html, "html.parser")
    blocks = page.select_one(".edition__blocks")
    assert blocks is not None
    # The events block takes the page's edition when it chooses none itself.
    events = [a.get_text(strip=True) for a in blocks.select(".campaign-event__title a")]
    assert events == ["Koffie in de week"]
    assert "Organiseer zelf iets" in blocks.get_text()
    assert "Kost meedoen geld?" in blocks.get_text()
    # Above the live counts and the map.
    assert html.index('class="edition__blocks') < html.index('id="edition-figures"')
    assert html.index("Kost meedoen geld?") < html.index('id="edition-municipalities"')
    # The page wears a campaign colour.
    assert "campaign-theme--paars" in page.body["class"]


def test_announce_button_near_the_top_links_the_form(client, edition_page, form):
    html = html_of(client, edition_page)
    page = BeautifulSoup(html, "html.parser")
    button = page.select_one("a.edition__announce-button")
    assert button is not None
    assert button["href"] == form.url
    assert button.get_text(strip=True) == "Activiteit aanmelden"
    assert html.index("edition__announce-button") < html.index('class="edition__blocks')

    form.unpublish()
    page = BeautifulSoup(html_of(client, edition_page), "html.parser")
    assert page.select_one("a.edition__announce-button") is None


def test_empty_body_still_renders_the_counts(client, agenda, edition, make_event):
    page = agenda.add_child(instance=EditionPage(title="De week", slug="de-week", edition=edition))
    make_event(title="Koffie", starts_at=soon(2), edition=edition)
    html = html_of(client, page)
    assert "edition__blocks" not in html
    soup = BeautifulSoup(html, "html.parser")
    figures = soup.select_one(".edition__figures").get_text(" ", strip=True)
    assert figures.startswith("1 gemeente 1 activiteit")


def test_after_the_week_the_events_block_says_it_is_over(client, edition_page, edition, make_event):
    make_event(title="Koffie in de week", starts_at=soon(2), edition=edition)
    with time_machine.travel(timezone.now() + dt.timedelta(days=30)):
        page = BeautifulSoup(html_of(client, edition_page), "html.parser")
    empty = page.select_one(".edition__blocks .campaign-events__empty").get_text(strip=True)
    assert empty.startswith("Deze week is voorbij")  # not "nothing announced yet"
    assert page.select(".campaign-event") == []


def test_campaign_edition_is_the_edition(edition_page, edition):
    assert edition_page.campaign_edition == edition


def test_english_translation_renders_its_blocks(client, edition_page, edition, make_event):
    make_event(title="Koffie in de week", starts_at=soon(2), edition=edition)
    english = Locale.objects.get(language_code="en")
    agenda_en = edition_page.get_parent().copy_for_translation(english, copy_parents=True)
    agenda_en.save_revision().publish()
    page_en = edition_page.copy_for_translation(english)
    page_en.title = "Week against Loneliness 2026"
    page_en.body[0].value["title"] = "Organise something yourself"
    page_en.save_revision().publish()

    html = html_of(client, page_en)
    assert "/en/" in page_en.url
    soup = BeautifulSoup(html, "html.parser")
    blocks = soup.select_one(".edition__blocks")
    assert "Organise something yourself" in blocks.get_text()
    assert soup.html["lang"] == "en"
    assert html.index('class="edition__blocks') < html.index('id="edition-figures"')


# --- editors ----------------------------------------------------------------------------------
@pytest.mark.django_db
def test_admin_edit_view_renders(client, edition_page):
    admin = get_user_model().objects.create_superuser("beheer", "b@example.org", "x")
    client.force_login(admin)
    response = client.get(f"/admin/pages/{edition_page.pk}/edit/")
    assert response.status_code == 200
    assert "inhoud van de campagne" in response.content.decode().lower()


@pytest.mark.django_db
def test_an_editor_can_create_an_edition_page(client, agenda, edition):
    call_command("setup", stdout=io.StringIO())
    editor = get_user_model().objects.create_user("redacteur", "r@example.org", "x")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    url = f"/admin/pages/add/events/editionpage/{agenda.pk}/"

    response = client.get(url)
    assert response.status_code == 200
    assert "Activiteiten uit de agenda" in response.content.decode()  # the events block

    data = nested_form_data(
        {
            "title": "Week tegen Eenzaamheid 2026",
            "slug": "wte-2026",
            "edition": edition.pk,
            "intro": rich_text(""),
            "theme": "blauw",
            "body": streamfield([("heading", {"text": "Doe mee", "level": "h2"})]),
            "comments": inline_formset([]),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = EditionPage.objects.get(slug="wte-2026")
    assert page.theme == "blauw" and page.body[0].block_type == "heading"


# --- the demo's edition page ------------------------------------------------------------------
def test_demo_body_from_the_data_file(client, agenda, edition, form, make_event):
    from core.demo import read_yaml
    from events import demo

    spec = read_yaml(demo.DATA_FILE)["edition"]["body"]
    page = demo.edition_page(agenda, edition, spec, form)
    assert [block.block_type for block in page.body] == ["cta_band", "events", "faq"]
    # Running the loader again leaves the page (and an editor's changes) alone.
    revisions = page.revisions.count()
    assert demo.edition_page(agenda, edition, spec, form).pk == page.pk
    assert page.revisions.count() == revisions

    make_event(title="Koffie in de week", starts_at=soon(2), edition=edition)
    soup = BeautifulSoup(html_of(client, page), "html.parser")
    blocks = soup.select_one(".edition__blocks")
    # The call to action goes to the announcement form.
    assert (
        blocks.find("a", string=lambda text: text and "Activiteit aanmelden" in text)["href"]
        == form.url
    )
    assert "Koffie in de week" in blocks.get_text()
    assert "Wat is de Week tegen Eenzaamheid?" in blocks.get_text()
