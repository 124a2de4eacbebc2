"""Languages, multiple sites, navigation, helplines and error pages, through rendered pages."""

import pytest
from django.test import RequestFactory, override_settings
from wagtail.models import Locale, Page, Site

from core.models import Helpline, SiteHelpline, SiteSettings
from core.views import server_error
from home.factories import HomePageFactory, StandardPageFactory


def translate(page, locale, **fields):
    translated = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated


@pytest.mark.django_db
class TestLanguages:
    def test_root_redirects_to_dutch_by_default(self, home, client):
        response = client.get("/")
        assert response.status_code == 302
        assert response["Location"] == "/nl/"

    def test_root_redirects_to_the_visitors_language(self, home, client):
        response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
        assert response["Location"] == "/en/"

    @pytest.mark.parametrize("path", ["/fr/", "/de/over-ons/", "/xx"])
    def test_unknown_language_prefix_is_a_404(self, home, client, path):
        assert client.get(path).status_code == 404

    def test_html_lang_follows_the_url(self, home, client):
        en = Locale.objects.get(language_code="en")
        translate(home, en, title="Together against loneliness")
        assert '<html lang="nl"' in client.get("/nl/").content.decode()
        assert '<html lang="en"' in client.get("/en/").content.decode()

    def test_switcher_goes_to_the_translated_page(self, home, client):
        en = Locale.objects.get(language_code="en")
        translate(home, en, title="Together")
        page = StandardPageFactory(parent=home, title="Wat is eenzaamheid?", slug="wat")
        translate(page, en, title="What is loneliness?", slug="what")

        html = client.get("/nl/wat/").content.decode()

        assert 'href="/en/what/" lang="en" hreflang="en"' in html
        # On the site's own address (the Site's hostname), not the host the request named.
        assert 'hreflang="en" href="http://localhost/en/what/"' in html

    def test_switcher_falls_back_to_home_when_not_translated(self, home, client):
        en = Locale.objects.get(language_code="en")
        translate(home, en, title="Together")
        StandardPageFactory(parent=home, slug="alleen-nl")

        html = client.get("/nl/alleen-nl/").content.decode()

        assert 'href="/en/" lang="en"' in html
        assert 'hreflang="en"' not in html.split("</head>")[0]  # no false alternate

    def test_404_is_styled_and_in_the_visitors_language(self, home, client):
        response = client.get("/en/bestaat-niet/")
        assert response.status_code == 404
        html = response.content.decode()
        assert '<html lang="en"' in html
        assert "site.css" in html
        assert html.count("<h1") == 1


@pytest.mark.django_db
def test_500_page_is_styled_and_has_no_traceback():
    request = RequestFactory().get("/nl/")
    response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "site.css" in html
    assert "Traceback" not in html


@pytest.mark.django_db
def test_each_site_shows_its_own_menu_and_helplines(home, client):
    """Nothing assumes a single site: a second coalition gets its own tree and settings."""
    StandardPageFactory(parent=home, title="Landelijk nieuws", slug="landelijk")
    root = Page.get_first_root_node()
    local_home = HomePageFactory(parent=root, title="Zwolle doet mee", slug="zwolle")
    StandardPageFactory(parent=local_home, title="Ontmoeten in Zwolle", slug="ontmoeten")
    local_site = Site.objects.create(hostname="zwolle.example", port=80, root_page=local_home)

    national = Site.objects.get(is_default_site=True)
    for site, name in ((national, "Sensoor"), (local_site, "Lokale luisterlijn")):
        helpline = Helpline.objects.create(name=name, locale=home.locale)
        SiteHelpline.objects.create(settings=SiteSettings.for_site(site), helpline=helpline)

    national_html = client.get("/nl/").content.decode()
    local_html = client.get("/nl/", HTTP_HOST="zwolle.example").content.decode()

    assert "Landelijk nieuws" in national_html and "Ontmoeten in Zwolle" not in national_html
    assert "Ontmoeten in Zwolle" in local_html and "Landelijk nieuws" not in local_html
    assert "Sensoor" in national_html and "Lokale luisterlijn" not in national_html
    assert "Lokale luisterlijn" in local_html and "Sensoor" not in local_html


@pytest.mark.django_db
def test_helplines_show_in_the_visitors_language(home, client):
    en = Locale.objects.get(language_code="en")
    translate(home, en, title="Together")
    helpline = Helpline.objects.create(
        name="Zilverlijn belservice", description="Een vrijwilliger belt u.", locale=home.locale
    )
    english = helpline.copy_for_translation(en)
    english.description = "A volunteer calls you."
    english.save()
    SiteHelpline.objects.create(
        settings=SiteSettings.for_site(Site.objects.get(is_default_site=True)), helpline=helpline
    )

    assert "Een vrijwilliger belt u." in client.get("/nl/").content.decode()
    english_html = client.get("/en/").content.decode()
    assert "A volunteer calls you." in english_html
    assert "Een vrijwilliger belt u." not in english_html


@pytest.mark.django_db
def test_breadcrumbs_and_menu_follow_the_page_tree(home, client):
    section = StandardPageFactory(parent=home, title="Lokaal samenwerken", slug="samen")
    StandardPageFactory(parent=section, title="Plan maken", slug="plan")

    html = client.get("/nl/samen/plan/").content.decode()
    breadcrumbs = html.split('class="breadcrumbs"')[1].split("</nav>")[0]

    assert 'href="/nl/"' in breadcrumbs and 'href="/nl/samen/"' in breadcrumbs
    assert '<span aria-current="page">Plan maken</span>' in breadcrumbs
    assert 'class="is-active">Lokaal samenwerken' in html


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_search_finds_pages_in_the_active_language_only(home, client):
    en = Locale.objects.get(language_code="en")
    translate(home, en, title="Together")
    StandardPageFactory(parent=home, title="Samen eten in de buurt", slug="eten")
    from django.core.management import call_command

    call_command("update_index", verbosity=0)

    nl_html = client.get("/nl/zoeken/", {"q": "eten"}).content.decode()
    en_html = client.get("/en/search/", {"q": "eten"}).content.decode()

    assert "Samen eten in de buurt" in nl_html
    assert "Samen eten in de buurt" not in en_html
    assert client.get("/nl/zoeken/", {"q": "x" * 10_000}).status_code == 200


@pytest.mark.django_db
def test_untranslated_links_on_an_english_page_say_they_are_dutch(home, client):
    en = Locale.objects.get(language_code="en")
    page = StandardPageFactory(parent=home, title="Lokaal samenwerken", slug="samen")
    home.featured = [("featured_page", {"page": page, "text": ""})]
    home.save_revision().publish()
    translate(home, en, title="Together")

    html = client.get("/en/").content.decode()

    assert '<li class="card" lang="nl">' in html


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_search_survives_odd_queries_and_stays_on_its_own_site(home, client):
    from django.core.management import call_command

    StandardPageFactory(parent=home, title="Samen koken", slug="koken")
    root = Page.get_first_root_node()
    other_home = HomePageFactory(parent=root, title="Andere coalitie", slug="ander")
    StandardPageFactory(parent=other_home, title="Samen koken in Zwolle", slug="koken")
    Site.objects.create(hostname="zwolle.example", port=80, root_page=other_home)
    call_command("update_index", verbosity=0)

    for odd in ['"koken', "ko\x00ken", '""', "koken)(*&^"]:
        assert client.get("/nl/zoeken/", {"q": odd}).status_code == 200, repr(odd)
    national = client.get("/nl/zoeken/", {"q": "koken"}).content.decode()
    assert "Samen koken</a>" in national and "Zwolle" not in national


@pytest.mark.django_db
def test_home_survives_a_deleted_featured_page(home, client):
    page = StandardPageFactory(parent=home, title="Weg", slug="weg")
    kept = StandardPageFactory(parent=home, title="Blijft", slug="blijft")
    home.featured = [
        ("featured_page", {"page": page, "text": ""}),
        ("featured_page", {"page": kept, "text": ""}),
    ]
    home.save_revision().publish()
    page.delete()
    html = client.get("/nl/").content.decode()
    assert "Blijft" in html and ">Weg<" not in html


@pytest.mark.django_db
def test_unpublished_footer_pages_are_not_linked(home, client):
    privacy = StandardPageFactory(parent=home, title="Privacyverklaring", slug="privacy")
    settings_obj = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings_obj.privacy_page = privacy
    settings_obj.save()
    assert "Privacyverklaring" in client.get("/nl/").content.decode()
    privacy.unpublish()
    assert "Privacyverklaring" not in client.get("/nl/").content.decode()


@pytest.mark.django_db
def test_404_renders_for_an_unknown_host_without_a_default_site(home, client):
    Site.objects.update(is_default_site=False, hostname="coalitie.example")
    response = client.get("/nl/iets/", HTTP_HOST="onbekend.example")
    assert response.status_code == 404
    assert "<h1>" in response.content.decode()


@pytest.mark.django_db
def test_a_site_without_english_serves_no_dutch_page_as_english(home, client):
    StandardPageFactory(parent=home, title="Alleen Nederlands", slug="alleen")

    response = client.get("/en/alleen/")

    assert response.status_code == 302 and response["Location"] == "/nl/alleen/"
    html = client.get("/nl/alleen/").content.decode()
    assert 'hreflang="en"' not in html  # no English to switch to on this site


@pytest.mark.django_db
def test_sitemap_lists_every_language(home, client):
    en = Locale.objects.get(language_code="en")
    page = StandardPageFactory(parent=home, title="Wat", slug="wat")
    translate(home, en, title="Together")
    translate(page, en, title="What", slug="what")
    xml = client.get("/sitemap.xml").content.decode()
    assert "/nl/wat/" in xml and "/en/what/" in xml
