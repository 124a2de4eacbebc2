"""Every campaign block renders in Dutch and English, with bulk-loaded lists and live events."""

import re
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection
from django.template.defaultfilters import filesizeformat
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale

from activities.factories import ActivityPageFactory
from activities.models import ActivityType, EvidenceLevel
from campaigns.blocks import CampaignBodyBlock, CampaignLinkBlock
from campaigns.listing import HOOK_NAME, UpcomingEvent, UpcomingEvents, upcoming_events
from core.models import Municipality, Organisation, TargetGroup
from koplopers.models import KoploperPage

TEMPLATES = Path(settings.BASE_DIR) / "campaigns" / "templates" / "campaigns" / "blocks"
BODY = CampaignBodyBlock()


# --- helpers ------------------------------------------------------------------------------------
def nl():
    return Locale.objects.get(language_code="nl")


def make_image(title="Foto", alt="Twee buren drinken koffie aan een tafel", **kwargs):
    return get_image_model().objects.create(
        title=title, alt_text=alt, file=get_test_image_file(), **kwargs
    )


def make_document(title="Poster", name="poster-samen.pdf", size=2345):
    return get_document_model().objects.create(
        title=title, file=ContentFile(b"%PDF-1.4\n" + b"x" * (size - 9), name=name)
    )


def make_organisation(name, slug, **kwargs):
    return Organisation.objects.create(name=name, slug=slug, locale=nl(), **kwargs)


def request_for(home):
    request = RequestFactory().get("/")
    request.site = home.get_site()
    return request


def render(block_type, raw, home, page=None):
    """Render one child of the campaign body as the page template would (with include_block)."""
    stream = BODY.to_python([{"type": block_type, "value": raw}])
    child = stream[0]
    html = child.render(context={"request": request_for(home), "page": page or home})
    return BeautifulSoup(html, "html.parser"), html


def text_of(soup):
    """The visible text with whitespace collapsed (inline tags do not add spaces)."""
    return " ".join(soup.get_text().split())


LANGUAGES = pytest.mark.parametrize("language", ["nl", "en"])


# --- hero ------------------------------------------------------------------------------------------
@pytest.mark.django_db
@LANGUAGES
def test_hero_renders_a_responsive_focal_point_crop_with_alt_text(home, language):
    image = make_image(
        focal_point_x=200, focal_point_y=150, focal_point_width=40, focal_point_height=40
    )
    raw = {
        "image": image.pk,
        "slogan": "Samen is leuker",
        "text": "Een week vol ontmoetingen.",
        "cta": {"label": "Doe mee", "page": home.pk, "url": ""},
    }
    with translation.override(language):
        soup, _html = render("hero", raw, home)

    img = soup.select_one("picture img.campaign-hero__image")
    assert img["alt"] == "Twee buren drinken koffie aan een tafel"
    assert "390w" in img["srcset"] and "780w" in img["srcset"]
    source = soup.select_one("picture source")
    assert "(min-width" in source["media"] and "1920w" in source["srcset"]
    # Every crop is a fill around the focal point: the renditions record the focal point.
    renditions = image.renditions.filter(filter_spec__startswith="fill-")
    assert renditions.count() == 5
    for rendition in renditions:
        assert rendition.filter_spec.endswith("-c50")
        assert rendition.focal_point_key  # empty for filters that ignore the focal point
        assert rendition.focal_point_key == Filter(rendition.filter_spec).get_cache_key(image)
    assert text_of(soup.select_one(".campaign-hero__slogan")) == "Samen is leuker"
    button = soup.select_one("a.campaign-button")
    assert button.get_text(strip=True) == "Doe mee"
    assert button["href"] == home.url


@pytest.mark.django_db
def test_hero_button_accepts_a_site_path_and_is_optional(home):
    image = make_image()
    soup, _html = render(
        "hero",
        {
            "image": image.pk,
            "slogan": "Kom erbij",
            "cta": {"label": "Aanmelden", "page": None, "url": "/nl/agenda/aanmelden/"},
        },
        home,
    )
    assert soup.select_one("a.campaign-button")["href"] == "/nl/agenda/aanmelden/"

    soup, _html = render(
        "hero",
        {"image": image.pk, "slogan": "Kom erbij", "cta": {"label": "", "page": None, "url": ""}},
        home,
    )
    assert soup.select_one("a.campaign-button") is None
    assert "Kom erbij" in text_of(soup)


def test_link_block_says_what_is_missing():
    from wagtail.blocks.struct_block import StructBlockValidationError

    block = CampaignLinkBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"label": "Doe mee", "page": None, "url": ""}))
    assert "page" in error.value.block_errors
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"label": "", "page": None, "url": "/nl/agenda/"}))
    assert "label" in error.value.block_errors
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"label": "Doe mee", "page": None, "url": "agenda"}))
    assert "url" in error.value.block_errors
    for wrong in ["//example.org/", "/nl/mijn pagina/", "javascript:alert(1)"]:
        with pytest.raises(StructBlockValidationError):
            block.clean(block.to_python({"label": "Doe mee", "page": None, "url": wrong}))
    assert block.clean(
        block.to_python({"label": "Doe mee", "page": None, "url": "/nl/agenda/aanmelden/"})
    )
    # Saving a draft: what is missing waits for publishing, a wrong address does not.
    block.defer_required_validation()
    assert block.clean(block.to_python({"label": "Doe mee", "page": None, "url": ""}))
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"label": "Doe mee", "page": None, "url": "agenda"}))
    block.restore_deferred_validation()
    optional = CampaignLinkBlock(optional=True)
    assert optional.clean(optional.to_python({"label": "", "page": None, "url": ""}))


# --- heading, text, story, call-to-action band ---------------------------------------------------------
@pytest.mark.django_db
@LANGUAGES
def test_heading_and_text(home, language):
    with translation.override(language):
        soup, _html = render("heading", {"text": "Wat kunt u doen?", "level": "h2"}, home)
        assert soup.find("h2").get_text(strip=True) == "Wat kunt u doen?"
        soup, _html = render("text", "<p>Samen eten, samen <b>wandelen</b>.</p>", home)
        assert "Samen eten, samen wandelen." in text_of(soup)


@pytest.mark.django_db
@LANGUAGES
def test_story_with_and_without_photo(home, language):
    photo = make_image(title="Anna", alt="Anna lacht in de tuin van het buurthuis")
    raw = {
        "quote": "Ik kwam voor de koffie.",
        "name": "Anna",
        "role": "deelnemer, Gouda",
        "photo": photo.pk,
    }
    with translation.override(language):
        soup, _html = render("story", raw, home)
        assert soup.select_one("blockquote").get_text(strip=True) == "Ik kwam voor de koffie."
        assert "Anna" in text_of(soup.select_one("figcaption"))
        assert "deelnemer, Gouda" in text_of(soup.select_one("figcaption"))
        assert (
            soup.select_one("img.campaign-story__photo")["alt"]
            == "Anna lacht in de tuin van het buurthuis"
        )
        soup, _html = render("story", {**raw, "photo": None, "role": ""}, home)
        assert soup.select_one("img") is None
        assert text_of(soup.select_one("figcaption")) == "Anna"


@pytest.mark.django_db
@LANGUAGES
def test_cta_band_with_two_buttons(home, language):
    raw = {
        "title": "Organiseer zelf iets",
        "text": "Meld uw activiteit aan.",
        "buttons": [
            {"label": "Activiteit aanmelden", "page": None, "url": "/nl/agenda/aanmelden/"},
            {"label": "Naar de start", "page": home.pk, "url": ""},
        ],
    }
    with translation.override(language):
        soup, _html = render("cta_band", raw, home)
    assert soup.find("h2").get_text(strip=True) == "Organiseer zelf iets"
    links = soup.select("a.campaign-button")
    assert [(a.get_text(strip=True), a["href"]) for a in links] == [
        ("Activiteit aanmelden", "/nl/agenda/aanmelden/"),
        ("Naar de start", home.url),
    ]
    assert "campaign-button--secondary" in links[1]["class"]


# --- events ----------------------------------------------------------------------------------------------
def fake_events(
    calls, events=None, agenda_url="/nl/agenda/?editie=wte", announce_url="/nl/agenda/aanmelden/"
):
    def hook(**kwargs):
        calls.append(kwargs)
        return UpcomingEvents(
            events=events
            if events is not None
            else [
                UpcomingEvent(
                    title="Samen koken in De Pit",
                    url="/nl/agenda/samen-koken/",
                    starts_at=datetime(2026, 10, 1, 12, 0, tzinfo=UTC),
                    ends_at=datetime(2026, 10, 1, 14, 0, tzinfo=UTC),
                    all_day=False,
                    place="Buurthuis De Pit, Utrecht",
                    series="Elke donderdag",
                    status_label="Vol",
                    more_dates=3,
                ),
                UpcomingEvent(
                    title="Open dag bibliotheek",
                    url="/nl/agenda/open-dag/",
                    starts_at=datetime(2026, 10, 3, 0, 0, tzinfo=UTC),
                    ends_at=None,
                    all_day=True,
                    place="Online",
                ),
            ],
            agenda_url=agenda_url,
            announce_url=announce_url,
        )

    return hook


def without_hooks(monkeypatch):
    """No agenda answering (the agenda app registers the real hook)."""
    hooks.search_for_hooks()
    monkeypatch.setitem(hooks._hooks, HOOK_NAME, [])


def test_upcoming_events_without_a_hook_is_empty(monkeypatch):
    without_hooks(monkeypatch)
    result = upcoming_events(limit=3)
    assert result == UpcomingEvents([])
    assert result.events == [] and result.agenda_url == ""


@pytest.mark.django_db
@LANGUAGES
def test_events_block_renders_what_the_hook_returns(home, language):
    calls = []
    municipality = Municipality.objects.create(name="Utrecht", slug="utrecht", province="Utrecht")
    group = TargetGroup.objects.create(name="Ouderen", slug="ouderen", locale=nl())
    organiser = make_organisation("Buurtwerk (demo)", "buurtwerk-demo")
    raw = {
        "heading": "Doe mee in uw buurt",
        "edition": None,
        "municipality": municipality.pk,
        "target_group": group.pk,
        "organiser": organiser.pk,
        "limit": 4,
    }
    with (
        hooks.register_temporarily(HOOK_NAME, fake_events(calls), order=-1),
        translation.override(language),
    ):
        soup, _html = render("events", raw, home)

    assert soup.find("h2").get_text(strip=True) == "Doe mee in uw buurt"
    items = soup.select("li.campaign-event")
    assert [item.find("a").get_text(strip=True) for item in items] == [
        "Samen koken in De Pit",
        "Open dag bibliotheek",
    ]
    assert items[0].find("a")["href"] == "/nl/agenda/samen-koken/"
    assert "Buurthuis De Pit, Utrecht" in text_of(items[0])
    assert "Elke donderdag" in text_of(items[0]) and "3" in text_of(
        items[0].select_one(".campaign-event__series")
    )
    assert "Vol" in text_of(items[0])
    assert items[0].find("time")["datetime"].startswith("2026-10-01T14:00")  # Amsterdam time
    assert "14:00" in text_of(items[0]) and "16:00" in text_of(items[0])
    assert items[1].find("time")["datetime"] == "2026-10-03"
    hrefs = [a["href"] for a in soup.select(".campaign-buttons a")]
    assert hrefs == ["/nl/agenda/?editie=wte", "/nl/agenda/aanmelden/"]
    (call,) = calls
    assert call["municipality"] == municipality
    assert call["target_group"] == group
    assert call["organiser"] == organiser
    assert call["limit"] == 4
    assert call["edition"] is None
    assert call["request"] is not None and call["page"] == home


@pytest.mark.django_db
def test_events_block_takes_the_edition_of_the_page_or_the_chosen_one(home):
    edition_model = apps.get_model("events", "EventEdition")
    chosen = edition_model.objects.create(
        name="Week tegen Eenzaamheid 2026 (demo)",
        slug="wte-2026-demo",
        starts_on=date(2026, 9, 24),
        ends_on=date(2026, 10, 1),
        locale=nl(),
    )
    of_page = SimpleNamespace(pk=99, url="/nl/week/")
    page = SimpleNamespace(campaign_edition=of_page, title="Editie")
    calls = []
    raw = {
        "heading": "Activiteiten",
        "edition": None,
        "municipality": None,
        "target_group": None,
        "organiser": None,
        "limit": 6,
    }
    with hooks.register_temporarily(HOOK_NAME, fake_events(calls), order=-1):
        render("events", raw, home, page=page)
        render("events", {**raw, "edition": chosen.pk}, home, page=page)
    assert calls[0]["edition"] is of_page
    assert calls[1]["edition"] == chosen
    assert calls[0]["limit"] == 6


@pytest.mark.django_db
@LANGUAGES
def test_events_block_without_events_says_so_and_links_to_the_agenda(home, language, monkeypatch):
    calls = []
    raw = {
        "heading": "Activiteiten",
        "edition": None,
        "municipality": None,
        "target_group": None,
        "organiser": None,
        "limit": 6,
    }
    with translation.override(language):
        with hooks.register_temporarily(
            HOOK_NAME, fake_events(calls, events=[], announce_url=""), order=-1
        ):
            soup, _html = render("events", raw, home)
        assert soup.select("li.campaign-event") == []
        assert soup.select_one(".campaign-events__empty").get_text(strip=True)
        assert [a["href"] for a in soup.select(".campaign-buttons a")] == ["/nl/agenda/?editie=wte"]
        # No hook at all: still a friendly sentence and no broken links.
        without_hooks(monkeypatch)
        soup, _html = render("events", raw, home)
        assert soup.select_one(".campaign-events__empty").get_text(strip=True)
        assert soup.select(".campaign-buttons a") == []


# --- activity and koploper teasers ------------------------------------------------------------------------
def make_activities(home, count):
    kind = ActivityType.objects.get_or_create(name="Groepsverband", slug="groep", locale=nl())[0]
    level = EvidenceLevel.objects.get_or_create(name="Kansrijk", slug="kansrijk", locale=nl())[0]
    return [
        ActivityPageFactory(
            parent=home,
            title=f"Wandelgroep {number}",
            slug=f"wandelgroep-{number}",
            essence=f"Samen wandelen, deel {number}.",
            activity_type=kind,
            evidence_level=level,
        )
        for number in range(count)
    ]


def make_koplopers(home, count):
    pages = []
    for number in range(count):
        municipality = Municipality.objects.create(
            name=f"Gemeente {number}", slug=f"gemeente-{number}", province="Utrecht"
        )
        page = KoploperPage(
            title=f"Koploper {number}",
            slug=f"koploper-{number}",
            municipality=municipality,
            summary=f"Verhaal {number}.",
        )
        home.add_child(instance=page)
        pages.append(page)
    return pages


def count_render(block_type, raw, home):
    with CaptureQueriesContext(connection) as queries:
        soup, _html = render(block_type, raw, home)
    return soup, len(queries.captured_queries)


@pytest.mark.django_db
@LANGUAGES
def test_activity_teasers(home, language, django_assert_max_num_queries):
    pages = make_activities(home, 5)
    raw = {"heading": "Begin zelf", "activities": [page.pk for page in pages]}
    render("activities", raw, home)  # warm the site-root cache
    with translation.override(language):
        _soup, one = count_render("activities", {**raw, "activities": [pages[0].pk]}, home)
        with django_assert_max_num_queries(one):
            soup, _html = render("activities", raw, home)
    cards = soup.select("li.campaign-card")
    assert [card.find("a").get_text(strip=True) for card in cards] == [p.title for p in pages]
    assert [card.find("a")["href"] for card in cards] == [p.url for p in pages]
    assert "Samen wandelen, deel 0." in text_of(cards[0])
    assert "Kansrijk" in text_of(cards[0].select_one(".campaign-card__meta"))
    assert one <= 10  # constant: the chosen pages, their translations, the evidence levels


@pytest.mark.django_db
@LANGUAGES
def test_koploper_teasers(home, language, django_assert_max_num_queries):
    pages = make_koplopers(home, 5)
    raw = {"heading": "Zo doen anderen het", "koplopers": [page.pk for page in pages]}
    render("koplopers", raw, home)
    with translation.override(language):
        _soup, one = count_render("koplopers", {**raw, "koplopers": [pages[0].pk]}, home)
        with django_assert_max_num_queries(one):
            soup, _html = render("koplopers", raw, home)
    cards = soup.select("li.campaign-card")
    assert [card.find("a").get_text(strip=True) for card in cards] == [p.title for p in pages]
    assert [card.find("a")["href"] for card in cards] == [p.url for p in pages]
    assert "Gemeente 3" in text_of(cards[3])
    assert "Verhaal 3." in text_of(cards[3])


@pytest.mark.django_db
def test_teasers_leave_out_unpublished_pages(home):
    pages = make_activities(home, 2)
    pages[1].unpublish()
    soup, _html = render(
        "activities", {"heading": "Begin zelf", "activities": [p.pk for p in pages]}, home
    )
    assert [a.get_text(strip=True) for a in soup.select("li.campaign-card a")] == ["Wandelgroep 0"]


# --- materials ---------------------------------------------------------------------------------------------
@pytest.mark.django_db
@LANGUAGES
def test_materials_show_type_size_and_link_to_the_file(home, language):
    document = make_document(size=2345)
    image = make_image(title="Social", alt="Poster met de tekst Samen is leuker")
    raw = {
        "heading": "Zelf aan de slag",
        "intro": "Print de poster.",
        "items": [
            {
                "title": "Poster Samen is leuker",
                "format": "poster-a3",
                "document": document.pk,
                "image": None,
                "description": "Voor in het buurthuis.",
            },
            {
                "title": "Beeld voor Instagram",
                "format": "social",
                "document": None,
                "image": image.pk,
                "description": "",
            },
        ],
    }
    with translation.override(language):
        soup, _html = render("materials", raw, home)
        size = " ".join(str(filesizeformat(2345)).split())
        image_size = " ".join(str(filesizeformat(image.file_size or image.get_file_size())).split())
    items = soup.select("li.campaign-material")
    poster, picture = items
    link = poster.select_one("a.campaign-material__link")
    assert link["href"] == document.url
    assert link.get_text(" ", strip=True).startswith("Poster Samen is leuker")
    assert f"(PDF, {size})" in text_of(link)
    assert "Voor in het buurthuis." in text_of(poster)
    assert poster.select_one(".campaign-material__format").get_text(strip=True)
    assert poster.select_one("img") is None
    image_link = picture.select_one("a.campaign-material__link")
    assert image_link["href"] == image.file.url
    assert f"(PNG, {image_size})" in text_of(image_link)
    thumbnail = picture.select_one("img.campaign-material__thumbnail")
    assert thumbnail["alt"] == "Poster met de tekst Samen is leuker"


@pytest.mark.django_db
def test_materials_show_a_size_never_stored_without_writing_it(home):
    """A page is shown, not saved: Wagtail's get_file_size() would save the row (and purge the
    cache the page is being rendered for; under a live server it raised a 500)."""
    document = make_document(size=2345)
    assert document.file_size is None
    raw = {
        "heading": "Zelf aan de slag",
        "intro": "",
        "items": [
            {"title": "Poster", "format": "poster-a3", "document": document.pk, "image": None},
        ],
    }
    with CaptureQueriesContext(connection) as queries:
        soup, _html = render("materials", raw, home)
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE"))
    ]
    assert writes == []
    size = " ".join(str(filesizeformat(2345)).split())
    assert f"(PDF, {size})" in text_of(soup.select_one("a.campaign-material__link"))
    document.refresh_from_db()
    assert document.file_size is None


@pytest.mark.django_db
def test_materials_format_label_follows_the_language(home):
    document = make_document()
    raw = {
        "heading": "Materialen",
        "intro": "",
        "items": [
            {
                "title": "Flyer",
                "format": "flyer",
                "document": document.pk,
                "image": None,
                "description": "",
            }
        ],
    }
    soup, _html = render("materials", raw, home)
    assert soup.select_one(".campaign-material__format").get_text(strip=True) == "Flyer"


def test_materials_need_exactly_one_file():
    from wagtail.blocks.struct_block import StructBlockValidationError

    block = BODY.child_blocks["materials"].child_blocks["items"].child_block
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(
            block.to_python(
                {
                    "title": "Poster",
                    "format": "poster-a4",
                    "document": None,
                    "image": None,
                    "description": "",
                }
            )
        )
    assert "document" in error.value.block_errors


# --- partners ------------------------------------------------------------------------------------------------
@pytest.mark.django_db
@LANGUAGES
def test_partner_logos_have_the_organisation_name_as_alt_text(
    home, language, django_assert_max_num_queries
):
    """Alt text is the name; one partner or three cost the same queries (logos in bulk)."""
    own_logo = make_image(title="logo-1", alt="Logo")
    other_logo = make_image(title="logo-2", alt="Ander logo")
    first = make_organisation(
        "Bibliotheek Gouda (demo)", "bieb-demo", logo=own_logo, website="https://example.org/bieb"
    )
    second = make_organisation("Welzijn Oost (demo)", "welzijn-demo")
    third = make_organisation("Zonder logo (demo)", "zonder-logo-demo")
    raw = {
        "heading": "Samen met",
        "partners": [
            {"organisation": first.pk, "logo": None, "url": ""},
            {
                "organisation": second.pk,
                "logo": other_logo.pk,
                "url": "https://example.org/welzijn",
            },
            {"organisation": third.pk, "logo": None, "url": ""},
        ],
    }
    render("partners", raw, home)  # renditions made once
    with translation.override(language):
        _soup, one = count_render("partners", {**raw, "partners": raw["partners"][1:2]}, home)
        with django_assert_max_num_queries(one):
            soup, _html = render("partners", raw, home)
    items = soup.select("li.campaign-partner")
    logos = [item.find("img") for item in items]
    assert logos[0]["alt"] == "Bibliotheek Gouda (demo)"
    assert items[0].find("a")["href"] == "https://example.org/bieb"
    assert logos[1]["alt"] == "Welzijn Oost (demo)"
    assert items[1].find("a")["href"] == "https://example.org/welzijn"
    assert logos[2] is None and items[2].find("a") is None
    assert text_of(items[2]) == "Zonder logo (demo)"


# --- video and FAQ (core blocks) ---------------------------------------------------------------------------
@pytest.mark.django_db
@LANGUAGES
def test_video_loads_nothing_from_the_video_host_before_the_click(home, language):
    Embed.objects.create(
        url="https://www.youtube.com/watch?v=demo",
        max_width=None,
        hash=get_embed_hash("https://www.youtube.com/watch?v=demo"),
        html='<iframe src="https://www.youtube-nocookie.com/embed/demo" title="Demo"></iframe>',
        type="video",
        provider_name="YouTube",
    )
    raw = {
        "title": "Samen is leuker in beeld",
        "embed": "https://www.youtube.com/watch?v=demo",
        "transcript": "<p>Wat er gezegd wordt.</p>",
    }
    with translation.override(language):
        soup, html = render("video", raw, home)
    assert "Samen is leuker in beeld" in text_of(soup)
    # The player is only inside an inert <template> that site.js copies out on the click:
    # nothing outside it makes the browser ask the video host for anything.
    before, rest = html.split("<template data-video-template>", 1)
    inside, after = rest.split("</template>", 1)
    assert 'src="https://www.youtube-nocookie.com/embed/demo"' in inside
    outside = BeautifulSoup(before + after, "html.parser")
    assert not outside.find_all(
        ["iframe", "img", "script", "link", "video", "audio", "source", "object", "embed"]
    )
    assert "youtube-nocookie" not in before + after
    # Without JavaScript the visitor can still go to the video (a plain link, no request).
    assert outside.find("a", href="https://www.youtube.com/watch?v=demo")


@pytest.mark.django_db
@LANGUAGES
def test_faq(home, language):
    raw = {
        "title": "Veelgestelde vragen",
        "items": [{"question": "Kost het geld?", "answer": "<p>Nee, het is gratis.</p>"}],
    }
    with translation.override(language):
        soup, _html = render("faq", raw, home)
    assert soup.find("summary").get_text(strip=True) == "Kost het geld?"
    assert "Nee, het is gratis." in text_of(soup)


# --- the body as a whole -------------------------------------------------------------------------------------
def test_every_block_has_an_icon_label_description_template_and_help_text():
    for name, block in BODY.child_blocks.items():
        assert block.meta.icon, name
        assert str(block.meta.label), name
        assert str(getattr(block.meta, "description", "") or ""), name
        assert block.meta.template, name
    own = [
        "hero",
        "story",
        "cta_band",
        "events",
        "activities",
        "koplopers",
        "materials",
        "partners",
    ]

    def fields(block, path):
        for child_name, child in getattr(block, "child_blocks", {}).items():
            yield f"{path}.{child_name}", child
            yield from fields(child, f"{path}.{child_name}")
        child = getattr(block, "child_block", None)
        if child is not None:
            yield from fields(child, path)

    for name in own:
        for path, child in fields(BODY.child_blocks[name], name):
            help_text = getattr(child.meta, "help_text", None) or getattr(
                getattr(child, "field", None), "help_text", None
            )
            assert str(help_text or ""), f"{path} has no help text"


def strip_template(source):
    """The template's literal text: what is left outside tags, variables and translate blocks."""
    source = re.sub(r"{%\s*blocktranslate.*?{%\s*endblocktranslate\s*%}", " ", source, flags=re.S)
    source = re.sub(r"{%.*?%}|{{.*?}}|{#.*?#}", " ", source, flags=re.S)
    source = re.sub(r"<[^>]+>", " ", source)
    return source


@pytest.mark.parametrize("template", sorted(TEMPLATES.glob("*.html")), ids=lambda path: path.name)
def test_templates_hard_code_no_words(template):
    leftover = strip_template(template.read_text())
    assert not re.search(r"[A-Za-zÀ-ÿ]{2,}", leftover), leftover.strip()
    # Attributes a visitor may hear (alt, aria-label, title) come from variables or translate.
    for attribute in re.findall(r'(?:alt|aria-label|title)="([^"]*)"', template.read_text()):
        assert "{" in attribute, attribute


def test_preview_values_render_without_a_database():
    """The block picker shows a preview: blocks whose preview needs no chosen object render it."""
    for name in ["hero", "story", "cta_band", "faq"]:
        block = BODY.child_blocks[name]
        value = block.get_preview_value()
        html = block.render(value, context={})
        assert html.strip(), name


def test_the_editor_can_load_the_block_definitions():
    """The admin packs every block (labels, help text, defaults) for its JavaScript editor."""
    from wagtail.admin.telepath import JSContext

    with translation.override("nl"):
        packed = JSContext().pack(BODY)
    text = str(packed)
    assert "Grote foto met slogan" in text
    assert "Activiteiten in deze campagne" in text  # a lazy default made it through


@pytest.mark.django_db
def test_teasers_partners_and_buttons_follow_the_visitors_language(home):
    """In English the translated page and organisation are shown, the rest keeps lang="nl"."""
    en = Locale.objects.get(language_code="en")
    translated, untranslated = make_activities(home, 2)
    english = translated.copy_for_translation(en, copy_parents=True)
    english.title = "Walking group"
    english.slug = "walking-group"
    english.save_revision().publish()
    english.refresh_from_db()
    organisation = make_organisation("Bibliotheek (demo)", "bieb-demo")
    english_organisation = organisation.copy_for_translation(en)
    english_organisation.name = "Library (demo)"
    english_organisation.save()

    with translation.override("en"):
        soup, _html = render(
            "activities",
            {"heading": "Start yourself", "activities": [translated.pk, untranslated.pk]},
            home,
        )
        cards = soup.select("li.campaign-card")
        assert cards[0].find("a").get_text(strip=True) == "Walking group"
        assert cards[0].find("a")["href"] == english.url
        assert not cards[0].has_attr("lang")
        assert cards[1].find("a").get_text(strip=True) == "Wandelgroep 1"
        assert cards[1]["lang"] == "nl"

        soup, _html = render(
            "partners",
            {
                "heading": "With",
                "partners": [{"organisation": organisation.pk, "logo": None, "url": ""}],
            },
            home,
        )
        assert text_of(soup.select_one("li.campaign-partner")) == "Library (demo)"

        soup, _html = render(
            "cta_band",
            {
                "title": "Join",
                "text": "",
                "buttons": [{"label": "Walk with us", "page": translated.pk, "url": ""}],
            },
            home,
        )
        assert soup.select_one("a.campaign-button")["href"] == english.url
