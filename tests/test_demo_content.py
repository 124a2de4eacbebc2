"""The demo-content command, checked against its own data file."""

import io

import pytest
from django.core.management import call_command
from django.utils.html import escape
from wagtail.models import Locale, Page

from core.demo import read_yaml
from core.models import Helpline, SiteSettings
from home.demo import DATA_DIR
from home.models import HomePage, StandardPage

SITE = read_yaml(DATA_DIR / "site.yaml")
HELPLINES = read_yaml(DATA_DIR / "helplines.yaml")["helplines"]
REQUIRED_PAGES = {
    "wat-is-eenzaamheid",
    "lokaal-samenwerken",
    "privacy",
    "toegankelijkheid",
    # the six steps
    "initiatief-nemen",
    "feiten-en-cijfers-verzamelen",
    "beginnen-met-organiseren",
    "plan-maken",
    "plan-uitvoeren",
    "zorgen-voor-permanente-aandacht",
    # the six parts of the approach
    "bewustwording-en-agenderen",
    "herkennen-en-vinden",
    "ondersteunen-en-activeren",
    "vindbaarheid-van-informatie",
    "afstemmen-en-samenwerken",
    "kwaliteit-en-deskundigheid",
}


def load():
    call_command("load_demo_content", stdout=io.StringIO())


pytestmark = pytest.mark.usefixtures("demo_site")


def test_data_file_holds_every_page_the_site_needs():
    assert {spec["key"] for spec in SITE["pages"]} >= REQUIRED_PAGES


def test_running_twice_changes_nothing():
    counts = (Page.objects.count(), Helpline.objects.count(), SiteSettings.objects.count())
    revisions = sorted(Page.objects.values_list("id", "latest_revision_id"))
    load()
    assert (Page.objects.count(), Helpline.objects.count(), SiteSettings.objects.count()) == counts
    assert sorted(Page.objects.values_list("id", "latest_revision_id")) == revisions


def test_every_page_of_the_data_file_is_live_where_it_belongs(client):
    nl = Locale.objects.get(language_code="nl")
    home = HomePage.objects.get(locale=nl)
    for spec in SITE["pages"]:
        page = StandardPage.objects.get(slug=spec["key"], locale=nl)
        parent = (
            home
            if spec["parent"] == "home"
            else StandardPage.objects.get(slug=spec["parent"], locale=nl)
        )
        assert page.get_parent().pk == parent.pk, spec["key"]
        assert page.live and page.show_in_menus == spec.get("show_in_menus", False)
        response = client.get(page.url)
        assert response.status_code == 200
        assert escape(spec["nl"]["title"]) in response.content.decode()


def test_english_translations_are_synced_through_wagtail_localize(client):
    from wagtail_localize.models import Translation

    en = Locale.objects.get(language_code="en")
    translated_keys = [spec["key"] for spec in SITE["pages"] if "en" in spec]
    assert "wat-is-eenzaamheid" in translated_keys
    for spec in SITE["pages"]:
        if "en" not in spec:
            continue
        source = StandardPage.objects.get(slug=spec["key"], locale__language_code="nl")
        english = source.get_translation(en)
        assert english.live
        assert Translation.objects.filter(
            source__object_id=source.translation_key, target_locale=en
        ).exists()
        html = client.get(english.url).content.decode()
        assert escape(spec["en"]["title"]) in html
        assert escape(spec["nl"]["title"]) not in html.split("<main")[1]


def test_home_shows_the_key_figures_in_both_languages(client):
    nl_html = client.get("/nl/").content.decode()
    en_html = client.get("/en/").content.decode()
    for nl_figure, en_figure in zip(
        SITE["home"]["nl"]["key_figures"], SITE["home"]["en"]["key_figures"], strict=True
    ):
        assert escape(nl_figure["figure"]) in nl_html
        assert escape(nl_figure["label"]) in nl_html
        assert escape(en_figure["label"]) in en_html


def test_helplines_are_on_every_page_without_invented_numbers(client):
    html = client.get("/nl/").content.decode()
    for spec in HELPLINES:
        assert escape(spec["nl"]["name"]) in html
        helpline = Helpline.objects.get(name=spec["nl"]["name"], locale__language_code="nl")
        assert helpline.phone == spec.get("phone", "")
    settings = SiteSettings.objects.get()
    assert settings.privacy_page.slug == "privacy"
    assert settings.accessibility_page.slug == "toegankelijkheid"
