"""Both page types render in Dutch and English, editors can add them, and the demo is there."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Locale

from core.models import Organisation
from news import demo
from news.models import NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(make_news, home):
    organisation = Organisation.objects.create(
        name="Welzijn Divers",
        slug="welzijn-divers",
        locale=home.locale,
        website="https://example.org/",
    )
    return make_news(
        "Infopunt",
        "2026-09-21",
        tags=["Samen is leuker", "Den Bosch"],
        author="Fatima de Vries",
        organisation=organisation,
        intro="Eén plek voor vragen over ontmoeting.",
        body=[{"type": "paragraph", "value": "<p>Kom langs bij het infopunt.</p>"}],
    )


def test_a_news_item_shows_date_sender_intro_body_and_tags(client, item):
    response = client.get("/nl/nieuws/infopunt/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Infopunt</h1>" in html
    assert '<time datetime="2026-09-21">21 september 2026</time>' in html
    assert "Door Fatima de Vries" in html
    assert '<a href="https://example.org/" rel="noopener">Welzijn Divers</a>' in html
    assert '<p class="page-intro">Eén plek voor vragen over ontmoeting.</p>' in html
    assert "Kom langs bij het infopunt." in html
    tag_links = re.findall(r'<a href="(/nl/nieuws/\?tag=[^"]+)">([^<]+)</a>', html)
    assert sorted(tag_links) == [
        ("/nl/nieuws/?tag=den-bosch", "Den Bosch"),
        ("/nl/nieuws/?tag=samen-is-leuker", "Samen is leuker"),
    ]


def test_the_sender_is_author_and_organisation(item):
    assert item.sender == "Fatima de Vries, Welzijn Divers"


def test_both_page_types_render_in_english(client, item, news_index):
    en = Locale.objects.get(language_code="en")
    english_index = news_index.copy_for_translation(en, copy_parents=True)
    english_index.title = "News"
    english_index.save_revision().publish()
    english_item = item.copy_for_translation(en)
    english_item.title = "Information point"
    english_item.save_revision().publish()
    english_item.refresh_from_db()

    index_response = client.get(english_index.url)
    assert index_response.status_code == 200
    html = index_response.content.decode()
    assert '<html lang="en"' in html
    assert re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', html) == ["Information point"]
    assert "/en/" in english_index.url and f'href="http://localhost{english_index.url}rss/"' in html
    # The tags went with the translation, and filter the English list.
    tagged = client.get(english_index.url, {"tag": "samen-is-leuker"}).content.decode()
    assert "Information point" in tagged
    item_response = client.get(english_item.url)
    assert item_response.status_code == 200
    assert '<html lang="en"' in item_response.content.decode()
    assert "<h1>Information point</h1>" in item_response.content.decode()
    feed = client.get(english_index.url + "rss/").content.decode()
    assert "<language>en</language>" in feed and "Information point" in feed


def test_an_editor_can_add_both_page_types(client, home, news_index):
    call_command("setup", stdout=io.StringIO())
    editor = get_user_model().objects.create_user(
        username="redacteur", email="redacteur@example.org", password="geheim-wachtwoord"
    )
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    for model, parent in [("newsindexpage", home), ("newspage", news_index)]:
        url = reverse("wagtailadmin_pages:add", args=("news", model, parent.pk))
        response = client.get(url)
        assert response.status_code == 200, url
    html = client.get(reverse("wagtailadmin_pages:add", args=("news", "newspage", news_index.pk)))
    html = html.content.decode()
    for field in ("date", "author", "organisation", "intro", "body", "tags"):
        assert f'data-contentpath="{field}"' in html, field


def test_the_demo_news_in_two_languages_and_safe_to_run_again(home):
    created = demo.load()
    assert created
    index = NewsIndexPage.objects.get(slug="nieuws", locale=home.locale)
    items = NewsPage.objects.child_of(index).live()
    assert 4 <= items.count() <= 5
    assert items.filter(tags__slug="samen-is-leuker").count() >= 2
    en = Locale.objects.get(language_code="en")
    for page in items:
        translation = page.get_translation(en)
        assert translation.live and translation.title != page.title
        assert set(translation.tags.names()) == set(page.tags.names())
        assert "demo" in str(page.body).lower()
    assert index.get_translation(en).live
    assert demo.load() == []
