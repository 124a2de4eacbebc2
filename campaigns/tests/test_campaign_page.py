"""The campaign page: every block in Dutch and English, the look of its sub-pages, editors."""

import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from campaigns.blocks import CampaignBodyBlock
from campaigns.demo import DATA_FILE
from campaigns.models import CampaignPage
from core.demo import read_yaml
from home.factories import StandardPageFactory
from tests.querycount import count_queries

DEMO = read_yaml(DATA_FILE)


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def demo_campaign(language="nl"):
    return CampaignPage.objects.get(
        slug=DEMO["nl"].get("slug", DEMO["slug"]) if language == "nl" else DEMO["en"]["slug"],
        locale__language_code=language,
    )


# --- the demo campaign: every block, both languages ------------------------------------------
@pytest.mark.django_db
def test_demo_campaign_uses_every_block_type(demo_site):
    campaign = demo_campaign()

    used = {block.block_type for block in campaign.body}
    assert used == set(CampaignBodyBlock.base_blocks), "a block type is missing from the demo"
    assert campaign.news_tag == "samen-is-leuker"
    assert "voorbeeldcampagne" in campaign.intro  # clearly marked as demo


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
def test_demo_campaign_renders_every_block(demo_site, client, language):
    campaign = demo_campaign(language)
    text = DEMO[language]

    response = client.get(campaign.url)

    assert response.status_code == 200
    html = soup(response)
    assert html.find("h1").get_text(strip=True) == text["title"]
    page_text = html.find("main").get_text(" ", strip=True)
    for expected in [
        text["intro"],
        text["hero"]["slogan"],  # hero
        text["why_heading"],  # heading
        text["why_text"][0],  # text
        text["story"]["quote"],  # story
        text["cta"]["title"],  # call-to-action band
        text["events_title"],  # events of this campaign
        text["activities_title"],  # activity teasers
        text["koplopers_title"],  # koploper teasers
        text["materials"]["poster_label"],  # materials
        text["partners_title"],  # partner logos
        text["video"]["title"],  # video
        text["faq"]["items"][0]["question"],  # faq
    ]:
        assert expected in page_text, f"{expected!r} is not on the {language} campaign page"
    main = html.find("main")
    # The hero image and the partners' names, the poster as a PDF download.
    assert main.find("img", alt=DEMO["images"]["hero"]["alt"][language]) is not None
    assert "Humanitas" in page_text and "Welzijn Divers" in page_text
    assert any(a["href"].endswith(".pdf") for a in main.find_all("a", href=True))
    # The video waits for the visitor: no iframe outside the inert template.
    iframes = main.find_all("iframe")
    assert iframes and all(iframe.find_parent("template") for iframe in iframes)
    assert main.find("button", attrs={"data-video-load": True}) is not None
    # The campaign wears its own colour and banner.
    assert "campaign-theme" in html.find("body")["class"]
    assert html.select_one(".theme-banner a")["href"] == campaign.url


@pytest.mark.django_db
def test_demo_campaign_shows_its_news_and_links_the_actions(demo_site, client):
    campaign = demo_campaign()
    news = campaign.campaign_news()

    html = soup(client.get(campaign.url))

    assert news, "the demo has news tagged samen-is-leuker"
    news_links = [a["href"] for a in html.select(".campaign-news a")]
    assert [item.url for item in news] == news_links[: len(news)]
    hrefs = {a["href"] for a in html.find("main").find_all("a", href=True)}
    assert any(href.endswith("/agenda/aanmelden/") for href in hrefs)  # announce an activity
    assert any(href.endswith("/vrijwilliger-worden/") for href in hrefs)  # volunteer form


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "most"), [("nl", 37), ("en", 51)])
def test_demo_campaign_query_count_is_bounded(demo_site, client, language, most):
    """Measured at 34 (nl) and 46 (en) with all twelve blocks; about 10% room.

    (47 and 67 before the body's chosen objects came in one query per model, the share
    image and logo with them, and the teasers' pages were no longer fetched twice; 60 and
    78 before issue 15: hero crops in one query, the campaign's news in one, the
    view restrictions once per request, the materials' thumbnails on the loaded images.)
    """
    campaign = demo_campaign(language)
    client.get(campaign.url)  # warm the site caches

    _response, queries = count_queries(client, campaign.url)

    assert queries <= most, f"the demo campaign ({language}) took {queries} queries"


# --- the look of the campaign on its sub-pages -----------------------------------------------
@pytest.fixture
def campaign(home):
    campaign = CampaignPage(title="Samen is leuker", slug="samen-is-leuker", theme="groen")
    home.add_child(instance=campaign)
    campaign.save_revision().publish()
    return campaign


@pytest.mark.django_db
def test_sub_pages_of_a_campaign_wear_its_look(campaign, home, client):
    child = CampaignPage(title="Doe mee", slug="doe-mee", theme="oranje")
    campaign.add_child(instance=child)
    child.save_revision().publish()
    grandchild = CampaignPage(title="Vrijwilligers", slug="vrijwilligers")
    child.add_child(instance=grandchild)
    grandchild.save_revision().publish()
    article = StandardPageFactory(parent=campaign, title="Over de campagne", slug="over")

    for sub_page in (child, grandchild, article):
        html = soup(client.get(sub_page.url))
        # The section's look, whatever the sub-page's own field says.
        assert "campaign-theme--groen" in html.find("body")["class"]
        assert html.find("link", href="/static/campaigns/css/campaign.css") is not None
        banner = html.select_one(".theme-banner a")
        assert banner["href"] == campaign.url and "Samen is leuker" in banner.get_text()

    html = soup(client.get(campaign.url))
    assert "campaign-theme--groen" in html.find("body")["class"]
    assert html.select_one(".theme-banner a")["aria-current"] == "page"

    html = soup(client.get(home.url))
    assert "campaign-theme" not in html.find("body")["class"]
    assert html.select_one(".theme-banner") is None


@pytest.mark.django_db
def test_banner_shows_the_campaign_logo(campaign, client):
    from wagtail.images.tests.utils import get_test_image_file

    from images.models import CoalitionImage

    campaign.logo = CoalitionImage.objects.create(
        title="Logo", alt_text="Logo van de campagne", file=get_test_image_file()
    )
    campaign.save_revision().publish()

    logo = soup(client.get(campaign.url)).select_one(".theme-banner a img")

    assert logo is not None and logo["alt"] == ""  # the campaign's name is the link text


@pytest.mark.django_db
def test_theme_lookup_costs_one_query_at_most(campaign, django_assert_max_num_queries):
    from campaigns.apps import theme_of_page

    child = CampaignPage(title="Doe mee", slug="doe-mee", theme="oranje")
    campaign.add_child(instance=child)
    home = campaign.get_parent().specific
    plain = Page.objects.get(pk=child.pk)  # as a generic view sees it: not specific
    campaign.get_url()  # the site's root paths are cached from here on

    article = StandardPageFactory(parent=home, slug="artikel")
    with django_assert_max_num_queries(0):
        assert theme_of_page(home) is None
        assert theme_of_page(None) is None
        assert theme_of_page(article) is None  # right below the home page: nothing to ask
        assert theme_of_page(campaign).css_class == "campaign-theme campaign-theme--groen"
    with django_assert_max_num_queries(1):
        theme = theme_of_page(plain)
    assert theme.css_class == "campaign-theme campaign-theme--groen"
    assert theme.url == campaign.url
    with django_assert_max_num_queries(0):
        theme_of_page(plain)  # asked again while rendering the same page: remembered


# --- editors -----------------------------------------------------------------------------------
@pytest.mark.django_db
def test_an_editor_can_create_a_campaign(home, client):
    call_command("setup", stdout=io.StringIO())
    editor = get_user_model().objects.create_user("redacteur", "r@example.org", "x")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    url = f"/admin/pages/add/campaigns/campaignpage/{home.pk}/"

    response = client.get(url)
    assert response.status_code == 200
    assert "De kleur van de campagne" in response.content.decode()  # Dutch help text

    data = nested_form_data(
        {
            "title": "Samen is leuker 2027",
            "slug": "samen-is-leuker-2027",
            "intro": "Kom erbij.",
            "theme": "blauw",
            "news_tag": "samen-is-leuker",
            "body": streamfield([("heading", {"text": "Doe mee", "level": "h2"})]),
            "comments": inline_formset([]),
        }
    )
    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    campaign = CampaignPage.objects.get(slug="samen-is-leuker-2027")
    assert campaign.live is False and campaign.has_unpublished_changes  # a draft
    assert campaign.locale == Locale.objects.get(language_code="nl")
