"""Suggestions while typing: titles of live, public pages of this site and language."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page, PageViewRestriction, Site

from home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def suggestions_url(language="nl"):
    with translation.override(language):
        return reverse("search_suggestions")


def ask(client, text, language="nl"):
    response = client.get(suggestions_url(language), {"q": text})
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()["suggestions"]


def titles(suggestions):
    return sorted(item["title"] for item in suggestions)


@pytest.fixture
def pages(home):
    made = {
        "walking": StandardPageFactory(parent=home, title="Wandelgroep De Stappers", slug="wg"),
        "other_word": StandardPageFactory(parent=home, title="Koffie in de bieb", slug="koffie"),
        "draft": StandardPageFactory(parent=home, title="Wandelclub in concept", slug="concept"),
        "private": StandardPageFactory(parent=home, title="Wandelclub besloten", slug="besloten"),
    }
    made["draft"].unpublish()
    PageViewRestriction.objects.create(
        page=made["private"], restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    english_home = home.copy_for_translation(Locale.objects.get(language_code="en"))
    english_home.save_revision().publish()
    made["english"] = StandardPageFactory(
        parent=english_home, title="Wandering walks", slug="walks", locale=english_home.locale
    )
    # Another site in the same installation: its pages are never suggested here.
    other_home = StandardPageFactory(
        parent=Page.get_first_root_node(), title="Wandelvereniging elders", slug="elders"
    )
    Site.objects.create(hostname="elders.example", port=80, root_page=other_home)
    call_command("update_index", verbosity=0)
    return made


@pytest.fixture
def walking_group(home):
    StandardPageFactory(parent=home, title="Wandelgroep De Stappers", slug="wg")
    call_command("update_index", verbosity=0)


def test_a_typed_prefix_suggests_the_page_with_its_address_and_type(client, pages):
    (suggestion,) = ask(client, "wand")
    assert suggestion == {
        "title": "Wandelgroep De Stappers",
        "url": "/nl/wg/",
        "type": "Standaardpagina",
    }


def test_drafts_private_pages_other_languages_and_other_sites_are_never_suggested(client, pages):
    assert titles(ask(client, "wandel")) == ["Wandelgroep De Stappers"]
    assert titles(ask(client, "wand", language="en")) == ["Wandering walks"]
    assert titles(ask(client, "koff")) == ["Koffie in de bieb"]


def test_at_most_eight_suggestions(client, home):
    for number in range(12):
        StandardPageFactory(parent=home, title=f"Wandeling {number:02d}", slug=f"w-{number}")
    call_command("update_index", verbosity=0)
    assert len(ask(client, "wandeling")) == 8


@pytest.mark.parametrize(
    "text",
    [
        "",
        "w",
        "   ",
        "w" * 10_000,
        'wand"',
        "wand* OR 1=1; DROP TABLE wagtailcore_page; --",
        "(wand) AND [x] {y} \\ ~ ^ : ! + -",
        "NEAR(wand, 2)",
        "😀😀",
        "wand 😀",
        "ωмега 漢字",
        "\x00wand",
    ],
)
def test_odd_input_gives_a_list_never_an_error(client, walking_group, text):
    suggestions = ask(client, text)
    assert isinstance(suggestions, list)
    assert all(item["title"] == "Wandelgroep De Stappers" for item in suggestions)


def test_the_answer_is_never_cached(client, pages):
    response = client.get(suggestions_url(), {"q": "wand"})
    assert "no-store" in response["Cache-Control"]


def test_too_many_requests_from_one_address_get_429(client, pages, settings):
    settings.SEARCH_SUGGESTIONS_RATE = "2/m"
    for _ in range(2):
        assert client.get(suggestions_url(), {"q": "wand"}).status_code == 200
    limited = client.get(suggestions_url(), {"q": "wand"})
    assert limited.status_code == 429
    assert limited.json()["suggestions"] == []
    assert "Wacht even" in limited.json()["error"]
