"""Sharing: Open Graph and Twitter card meta with their fallbacks, sitemap.xml and robots.txt."""

import datetime as dt
from html.parser import HTMLParser
from types import SimpleNamespace
from xml.etree import ElementTree

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from wagtail import blocks
from wagtail.blocks import StreamValue
from wagtail.images.blocks import ImageChooserBlock
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale, PageViewRestriction, Site

from core.models import SiteSettings
from core.templatetags.social_tags import page_image, plain_text
from home.factories import StandardPageFactory
from images.models import CoalitionImage, ImageAltText

HOST = "coalitie.example"  # the site's own address; requests come in on "testserver"
SITEMAP_NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}


class MetaParser(HTMLParser):
    """{property or name: [content, ...]} of every <meta> in a document."""

    def __init__(self):
        super().__init__()
        self.meta = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        key = attrs.get("property") or attrs.get("name")
        if tag == "meta" and key:
            self.meta.setdefault(key, []).append(attrs.get("content"))


def meta_of(html):
    parser = MetaParser()
    parser.feed(html)
    return parser.meta


def one(meta, key):
    values = meta.get(key, [])
    assert len(values) == 1, (key, values)
    return values[0]


@pytest.fixture
def site(home):
    site = Site.objects.get(is_default_site=True)
    site.hostname = HOST
    site.save()
    return site


def shared(page, language="nl", request=None, **context):
    """The share meta of ``page`` as the include renders it on its own."""
    request = request or RequestFactory().get(page.url)
    with translation.override(language):
        return meta_of(
            render_to_string(
                "core/includes/social_meta.html", {"page": page, "request": request, **context}
            )
        )


def make_image(name, alt="", size=(1600, 1000), decorative=False):
    return CoalitionImage.objects.create(
        title=name,
        alt_text=alt,
        is_decorative=decorative,
        file=get_test_image_file(filename=f"{name}.png", size=size),
    )


def set_site_setting(site, name, value, monkeypatch):
    """Give the site ``name`` (a field SiteSettings may not have yet: then a class attribute)."""
    settings = SiteSettings.for_site(site)
    if name in {field.name for field in SiteSettings._meta.get_fields()}:
        setattr(settings, name, value)
        settings.save()
    else:
        monkeypatch.setattr(SiteSettings, name, value, raising=False)


def translate(page, locale, **fields):
    translated = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated


# Title


@pytest.mark.django_db
def test_the_seo_title_is_shared_and_the_page_title_when_there_is_none(site):
    plain = StandardPageFactory(parent=site.root_page, title="Wat werkt", slug="wat-werkt")
    seo = StandardPageFactory(
        parent=site.root_page, title="Kort", slug="kort", seo_title="Wat werkt tegen eenzaamheid"
    )

    assert one(shared(plain), "og:title") == "Wat werkt"
    assert one(shared(plain), "twitter:title") == "Wat werkt"
    assert one(shared(seo), "og:title") == "Wat werkt tegen eenzaamheid"
    assert one(shared(seo), "twitter:title") == "Wat werkt tegen eenzaamheid"


# Description: search description > intro/summary > site description > none


@pytest.mark.django_db
def test_the_search_description_comes_first(site):
    page = StandardPageFactory(
        parent=site.root_page, intro="De inleiding.", search_description="Wat u hier vindt."
    )
    meta = shared(page)
    assert one(meta, "og:description") == "Wat u hier vindt."
    assert one(meta, "twitter:description") == "Wat u hier vindt."


@pytest.mark.django_db
def test_without_a_search_description_the_intro_is_shared(site, monkeypatch):
    set_site_setting(site, "description", "Over de coalitie.", monkeypatch)
    page = StandardPageFactory(parent=site.root_page, intro="Buren helpen elkaar.")
    assert one(shared(page), "og:description") == "Buren helpen elkaar."


@pytest.mark.django_db
def test_a_long_intro_is_cut_on_a_word(site):
    words = "Samen koken met buren in het wijkcentrum is gezellig"  # 52 characters
    intro = " ".join([words] * 8)
    page = StandardPageFactory(parent=site.root_page, intro=intro)

    description = one(shared(page), "og:description")

    assert len(description) <= 200
    assert description.endswith("…")
    assert intro.startswith(description[:-1])
    assert intro[len(description) - 1] == " "  # the last word is whole


def test_rich_text_becomes_plain_text():
    rich = '<p>Eén &amp; <b>twee</b>.</p><p>Drie <a linktype="page" id="3">hier</a>.</p>'
    assert plain_text(rich) == "Eén & twee. Drie hier."


@pytest.mark.django_db
def test_a_page_without_intro_shares_the_site_description(site, monkeypatch):
    set_site_setting(site, "description", "De coalitie tegen eenzaamheid in Gouda.", monkeypatch)
    page = StandardPageFactory(parent=site.root_page, intro="")
    assert one(shared(page), "og:description") == "De coalitie tegen eenzaamheid in Gouda."


@pytest.mark.django_db
def test_with_no_description_anywhere_none_is_shared(site):
    page = StandardPageFactory(parent=site.root_page, intro="")
    meta = shared(page)
    assert "og:description" not in meta
    assert "twitter:description" not in meta
    assert one(meta, "og:title") == page.title  # the rest is still there


# Image: social image > the page's own image > hero block > site share image > none


@pytest.mark.django_db
def test_the_social_image_is_shared_at_1200_by_630_on_the_sites_host(site):
    page = StandardPageFactory(
        parent=site.root_page, social_image=make_image("deel", alt="Twee buren op een bank")
    )
    meta = shared(page)

    url = one(meta, "og:image")
    assert url.startswith(f"http://{HOST}/") and "/deel" in url
    assert (one(meta, "og:image:width"), one(meta, "og:image:height")) == ("1200", "630")
    assert one(meta, "og:image:alt") == "Twee buren op een bank"
    assert one(meta, "twitter:card") == "summary_large_image"
    assert one(meta, "twitter:image") == url
    assert one(meta, "twitter:image:alt") == "Twee buren op een bank"


@pytest.mark.django_db
def test_a_share_image_whose_file_is_gone_leaves_the_page_up_without_a_picture(site, client):
    image = make_image("weg", alt="Een bankje")
    image.file.delete(save=False)  # media not restored after a move
    page = StandardPageFactory(parent=site.root_page, slug="zonder-foto", social_image=image)

    response = client.get(page.url)
    assert response.status_code == 200
    head = meta_of(response.content.decode().split("</head>")[0])
    assert "og:image" not in head
    assert one(head, "twitter:card") == "summary"


def test_the_social_image_wins_over_the_pages_own_image(site):
    home = site.root_page.specific
    home.hero_image = make_image("kop", alt="Kop")
    home.social_image = make_image("deel", alt="Deel")
    home.save_revision().publish()
    assert "/deel" in one(shared(home), "og:image")


@pytest.mark.django_db
def test_without_a_social_image_the_pages_own_image_is_shared(site, monkeypatch):
    set_site_setting(site, "share_image", make_image("site", alt="Logo"), monkeypatch)
    home = site.root_page.specific
    home.hero_image = make_image("kop", alt="Mensen aan tafel")
    home.save_revision().publish()

    meta = shared(home)

    assert "/kop" in one(meta, "og:image")
    assert one(meta, "og:image:alt") == "Mensen aan tafel"


@pytest.mark.django_db
def test_the_image_of_the_first_hero_block_in_the_body_is_shared():
    body_block = blocks.StreamBlock(
        [
            ("text", blocks.CharBlock()),
            ("hero", blocks.StructBlock([("image", ImageChooserBlock())])),
        ]
    )
    first, second = make_image("held", size=(40, 30)), make_image("tweede", size=(40, 30))
    body = StreamValue(
        body_block,
        [
            {"type": "text", "value": "Welkom"},
            {"type": "hero", "value": {"image": first.pk}},
            {"type": "hero", "value": {"image": second.pk}},
        ],
        is_lazy=True,
    )
    page = SimpleNamespace(social_image=None, body=body)
    assert page_image(page) == first
    # A page image field still comes before the body.
    own = make_image("eigen", size=(40, 30))
    assert page_image(SimpleNamespace(social_image=None, image=own, body=body)) == own
    # A body without a hero block gives nothing.
    assert page_image(SimpleNamespace(body=StreamValue(body_block, [], is_lazy=True))) is None


@pytest.mark.django_db
def test_a_page_without_images_shares_the_sites_share_image(site, monkeypatch):
    set_site_setting(site, "share_image", make_image("site", alt="Logo"), monkeypatch)
    page = StandardPageFactory(parent=site.root_page)

    meta = shared(page)

    assert "/site" in one(meta, "og:image")
    assert one(meta, "twitter:card") == "summary_large_image"


@pytest.mark.django_db
def test_with_no_image_anywhere_the_card_is_a_summary(site):
    page = StandardPageFactory(parent=site.root_page)
    meta = shared(page)
    assert "og:image" not in meta and "twitter:image" not in meta
    assert one(meta, "twitter:card") == "summary"


@pytest.mark.django_db
def test_the_alt_text_follows_the_language_and_a_decorative_image_has_none(site):
    image = make_image("deel", alt="Twee buren")
    ImageAltText.objects.create(
        image=image, locale=Locale.objects.get(language_code="en"), alt_text="Two neighbours"
    )
    page = StandardPageFactory(parent=site.root_page, social_image=image)
    assert one(shared(page, "en"), "og:image:alt") == "Two neighbours"

    decorative = StandardPageFactory(
        parent=site.root_page, social_image=make_image("sier", decorative=True)
    )
    meta = shared(decorative)
    assert "og:image" in meta
    assert "og:image:alt" not in meta and "twitter:image:alt" not in meta


# The page types of issue 13, as they are (imported here so the fallbacks above stay duck-typed)


@pytest.mark.django_db
def test_a_news_item_is_shared_as_an_article_with_its_intro_and_image(site):
    from news.factories import NewsIndexPageFactory, NewsPageFactory

    index = NewsIndexPageFactory(parent=site.root_page)
    item = NewsPageFactory(
        parent=index,
        intro="De Week tegen Eenzaamheid begint.",
        date=dt.date(2026, 9, 24),
        image=make_image("bericht", alt="Een volle zaal"),
    )

    meta = shared(item)

    assert one(meta, "og:type") == "article"
    assert one(meta, "article:published_time") == "2026-09-24"
    assert one(meta, "og:description") == "De Week tegen Eenzaamheid begint."
    assert "/bericht" in one(meta, "og:image")
    assert one(meta, "og:image:alt") == "Een volle zaal"
    assert one(shared(index), "og:type") == "website"


@pytest.mark.django_db
def test_a_form_page_shares_its_rich_text_intro_as_plain_text(site):
    from signups.factories import FormPageFactory

    form = FormPageFactory(parent=site.root_page, intro="<p>Meld u <b>aan</b>.</p><p>Fijn!</p>")
    assert one(shared(form), "og:description") == "Meld u aan. Fijn!"


# Type, locale, site name


@pytest.mark.django_db
def test_a_page_with_a_date_is_an_article_and_others_a_website(site):
    page = StandardPageFactory(parent=site.root_page)
    page.save_revision().publish()
    page.refresh_from_db()
    meta = shared(page)
    assert one(meta, "og:type") == "website"
    assert "article:published_time" not in meta

    page.date = dt.date(2026, 9, 24)  # what a news item has
    meta = shared(page)
    assert one(meta, "og:type") == "article"
    assert one(meta, "article:published_time") == "2026-09-24"
    assert one(meta, "article:modified_time") == page.last_published_at.isoformat()


@pytest.mark.django_db
def test_site_name_url_and_locale(site):
    settings = SiteSettings.for_site(site)
    settings.organisation_name = "Coalitie Erbij Gouda"
    settings.save()
    page = StandardPageFactory(parent=site.root_page, slug="wat")

    meta = shared(page)

    assert one(meta, "og:site_name") == "Coalitie Erbij Gouda"
    assert one(meta, "og:url") == f"http://{HOST}/nl/wat/"
    assert one(meta, "og:locale") == "nl_NL"
    assert "og:locale:alternate" not in meta  # no translation


@pytest.mark.django_db
def test_translations_are_named_as_alternate_locales(site):
    en = Locale.objects.get(language_code="en")
    page = StandardPageFactory(parent=site.root_page, slug="wat")
    translate(site.root_page, en, title="Together")
    english = translate(page, en, title="What", slug="what")

    assert one(shared(page), "og:locale:alternate") == "en_GB"
    meta = shared(english, "en")
    assert one(meta, "og:locale") == "en_GB"
    assert one(meta, "og:locale:alternate") == "nl_NL"


@pytest.mark.django_db
def test_every_page_has_the_share_meta_in_its_head(site, client):
    """base.html includes the share meta, using its language switcher for the alternates."""
    en = Locale.objects.get(language_code="en")
    page = StandardPageFactory(
        parent=site.root_page, slug="wat", intro="Buren helpen elkaar.", social_image=None
    )
    translate(site.root_page, en, title="Together")
    translate(page, en, title="What", slug="what", intro="Neighbours help.")

    html = client.get("/en/what/").content.decode()
    head = meta_of(html.split("</head>")[0])

    assert one(head, "og:url") == f"http://{HOST}/en/what/"
    assert one(head, "og:description") == "Neighbours help."
    assert one(head, "og:locale") == "en_GB"
    assert one(head, "og:locale:alternate") == "nl_NL"
    assert one(head, "twitter:card") == "summary"


@pytest.mark.django_db
def test_the_share_meta_costs_few_queries(site, django_assert_max_num_queries):
    page = StandardPageFactory(parent=site.root_page, social_image=make_image("deel", alt="Deel"))
    page = type(page).objects.get(pk=page.pk)  # fresh: nothing cached on the page
    request = RequestFactory().get(page.url)
    shared(page, request=request)  # the rendition is made once; the site's chrome is built
    page = type(page).objects.get(pk=page.pk)
    # Beyond the chrome every page has (core.page_cache.chrome): the image, its rendition,
    # its translated alt texts, translations.
    with django_assert_max_num_queries(6):
        meta = shared(page, request=request)
    assert "/deel" in one(meta, "og:image")


# sitemap.xml


def sitemap_entries(client):
    response = client.get(reverse("sitemap"))
    assert response.status_code == 200
    tree = ElementTree.fromstring(response.content)
    entries = {}
    for url in tree.iterfind("sm:url", SITEMAP_NS):
        links = url.iterfind("xhtml:link", SITEMAP_NS)
        entries[url.findtext("sm:loc", namespaces=SITEMAP_NS)] = {
            link.get("hreflang"): link.get("href") for link in links
        }
    return entries


@pytest.mark.django_db
def test_sitemap_lists_a_page_and_its_translation_with_their_alternates(site, client):
    en = Locale.objects.get(language_code="en")
    page = StandardPageFactory(parent=site.root_page, title="Wat", slug="wat")
    translate(site.root_page, en, title="Together")
    translate(page, en, title="What", slug="what")
    dutch_only = StandardPageFactory(parent=site.root_page, slug="alleen-nl")
    draft = StandardPageFactory(parent=site.root_page, slug="concept", live=False)
    private = StandardPageFactory(parent=site.root_page, slug="besloten")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    entries = sitemap_entries(client)

    dutch, english = f"http://{HOST}/nl/wat/", f"http://{HOST}/en/what/"
    expected = {"nl": dutch, "en": english, "x-default": dutch}
    assert entries[dutch] == expected
    assert entries[english] == expected
    assert entries[f"http://{HOST}/nl/"]["en"] == f"http://{HOST}/en/"
    assert entries[dutch_only.get_full_url()] == {}
    assert draft.get_full_url() not in entries
    assert private.get_full_url() not in entries


@pytest.mark.django_db
def test_sitemap_lists_a_form_page_and_not_its_landing_page(site, client):
    from signups.factories import FormPageFactory

    form = FormPageFactory(parent=site.root_page, slug="vrijwilliger")
    url = f"http://{HOST}/nl/vrijwilliger/"

    locations = set(sitemap_entries(client))

    assert url in locations
    # The thank-you ("landing") page answers a POST at the form's own address: no URL of its own.
    assert not {location for location in locations if location.startswith(url)} - {url}
    assert form.get_full_url() == url


@pytest.mark.django_db
def test_sitemap_lists_every_page_type_of_the_demo_in_both_languages(demo_site, client):
    from wagtail.models import Page

    entries = sitemap_entries(client)
    pages = Page.objects.live().public().descendant_of(demo_site.root_page, inclusive=False)
    types = {page.specific_class for page in pages.specific()}
    listed = set()
    for page in Page.objects.live().public().specific():
        if page.get_full_url() in entries:
            listed.add(page.specific_class)
    assert types <= listed, types - listed
    languages = {code for alternates in entries.values() for code in alternates}
    assert {"nl", "en", "x-default"} <= languages


@pytest.mark.django_db
def test_one_page_of_every_demo_page_type_has_its_share_meta(demo_site, client):
    from wagtail.models import Page

    entries = sitemap_entries(client)
    root_url = demo_site.root_url
    seen = {}
    for page in Page.objects.live().public().specific().order_by("path"):
        if page.get_full_url() in entries:
            seen.setdefault(page.specific_class, page)
    assert len(seen) > 5
    for page_type, page in seen.items():
        response = client.get(page.get_full_url().removeprefix(root_url))
        assert response.status_code == 200, page_type
        head = meta_of(response.content.decode().split("</head>")[0])
        assert one(head, "og:title") == (page.seo_title or page.title), page_type
        assert one(head, "og:url") == page.get_full_url(), page_type
        expected_locale = {"nl": "nl_NL", "en": "en_GB"}[page.locale.language_code]
        assert one(head, "og:locale") == expected_locale, page_type
        card = one(head, "twitter:card")
        if "og:image" in head:
            assert one(head, "og:image").startswith(root_url + "/"), page_type
            assert card == "summary_large_image", page_type
        else:
            assert card == "summary", page_type


# robots.txt


@pytest.mark.django_db
def test_robots_txt_names_the_sitemap_on_the_sites_host(site, client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert f"Sitemap: http://{HOST}{reverse('sitemap')}" in lines
    for path in ("/admin/", "/django-admin/", "/nl/search/", "/en/search/"):
        assert f"Disallow: {path}" in lines
    assert "Disallow: /" not in lines  # the site itself stays open
    assert lines[0] == "User-agent: *"
