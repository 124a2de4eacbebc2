"""A resident opens the demo campaign; an editor builds, schedules and previews a campaign."""

import datetime as dt
import os
import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from campaigns.models import CampaignPage

from .conftest import WIDTHS, assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Every address the demo video could load from (player, images, streams).
VIDEO_HOST = re.compile(
    r"https://([a-z0-9-]+\.)*(youtube|youtube-nocookie|ytimg|googlevideo)\.com/"
)
STUB_PLAYER = "<!doctype html><html lang='nl'><title>Video</title><p>Video (stub)</p></html>"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def demo_campaign():
    return CampaignPage.objects.get(slug="samen-is-leuker", locale__language_code="nl")


def test_resident_loads_the_video_only_after_asking_and_downloads_the_poster(live_demo, page):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    # Nothing leaves the machine: the video host answers from here.
    page.route(VIDEO_HOST, lambda route: route.fulfill(body=STUB_PLAYER, content_type="text/html"))
    page.goto(live_demo.url + demo_campaign().url)

    expect(page.locator("h1")).to_have_text("Samen is leuker")
    assert [url for url in requested if VIDEO_HOST.match(url)] == []
    assert page.locator("iframe").count() == 0
    assert_no_axe_violations(page, "campagne, 1280 px")

    page.get_by_role("button", name="Video hier laden en afspelen").click()
    expect(page.locator(".block-video iframe")).to_have_count(1)
    page.wait_for_function("() => document.querySelector('.block-video iframe') !== null")
    page.wait_for_timeout(500)
    assert [url for url in requested if VIDEO_HOST.match(url)], "the player was never asked for"

    # The poster: a link to a PDF that answers (Chromium shows PDFs inline, so no "download").
    poster_link = page.get_by_role("link", name=re.compile("Poster om op te hangen"))
    poster = page.request.get(live_demo.url + poster_link.get_attribute("href"))
    assert poster.status == 200
    assert poster.headers["content-type"] == "application/pdf"
    assert poster.body().startswith(b"%PDF-")

    page.set_viewport_size({"width": WIDTHS["mobile"], "height": 844})
    page.reload()
    assert_no_axe_violations(page, "campagne, 390 px")


def _log_in(page, base_url):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("redactie", "r@example.org", "geheim-wachtwoord-1")
    page.goto(base_url + "/admin/login/")
    page.locator("input[name='username']").fill("redactie")
    page.locator("input[name='password']").fill("geheim-wachtwoord-1")
    page.locator("form button[type='submit']").click()
    page.wait_for_url(re.compile(r".*/admin/$"))


def _add_block(page, label):
    page.locator("[data-contentpath='body'] button.c-sf-add-button").last.click()
    page.get_by_role("option", name=label, exact=True).click()


def _choose_first(page, button_text):
    """Open a chooser (image or document) in the body and pick the first item of the library."""
    page.locator("[data-contentpath='body'] button", has_text=button_text).first.click()
    modal = page.locator(".modal.fade.show, .modal[aria-hidden=false]").last
    modal.wait_for()
    choice = modal.locator("a[data-chooser-modal-choice]").first
    choice.wait_for()
    choice.click()
    modal.wait_for(state="hidden")


def test_editor_builds_schedules_and_previews_a_campaign(live_demo, page, settings):
    # The live server shares one in-memory SQLite connection between its threads, so
    # Wagtail's autosave (a request every half second) racing the save button can fail
    # with "cannot open savepoint" or create the page twice. That is the test server,
    # not the product; autosave itself is covered by Wagtail's own tests.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    home = demo_campaign().get_parent()
    _log_in(page, live_demo.url)
    page.goto(live_demo.url + f"/admin/pages/add/campaigns/campaignpage/{home.pk}/")
    page.locator("#id_title").fill("Samen is leuker 2027")

    # A hero with a photo from the library, the agenda's events, a poster to download.
    _add_block(page, "Grote foto met slogan")
    _choose_first(page, "Kies een afbeelding")
    page.locator("input[name='body-0-value-slogan']").fill("Kom erbij in 2027")
    _add_block(page, "Activiteiten uit de agenda")
    page.locator("input[name='body-1-value-heading']").fill("Doe mee in uw buurt")
    _add_block(page, "Materialen om te downloaden")
    page.locator("input[name='body-2-value-items-0-value-title']").fill("Poster 2027")
    _choose_first(page, "Kies een document")
    assert page.locator("input[name='body-0-value-image']").input_value()
    assert page.locator("input[name='body-2-value-items-0-value-document']").input_value()

    # Schedule: the go-live date typed the Dutch way.
    page.get_by_role("button", name="Toon/verberg status").click()
    page.get_by_role("button", name="Stel schema in").click()
    dialog = page.get_by_role("dialog").filter(has=page.locator("#id_go_live_at"))
    go_live = page.locator("#id_go_live_at")
    year = dt.date.today().year + 1  # always ahead, whenever the test runs
    go_live.fill(f"3-12-{year} 14:00")
    dialog.get_by_role("heading", name="Schema voor publicatie vaststellen").click()  # blur
    go_live.evaluate("field => field.blur()")
    typed_value = go_live.input_value()
    # The date picker may still hang over the button: click it the way the keyboard would.
    dialog.get_by_role("button", name="Schema opslaan").dispatch_event("click")

    # Preview in the side panel shows the campaign with its blocks.
    page.get_by_role("button", name="Toon/verberg voorvertoning").click()
    preview = page.frame_locator("iframe#w-preview-iframe")
    expect(preview.locator("h1")).to_have_text("Samen is leuker 2027", timeout=20000)
    expect(preview.locator(".campaign-hero__slogan")).to_have_text("Kom erbij in 2027")
    expect(preview.get_by_role("heading", name="Doe mee in uw buurt")).to_be_visible()
    expect(preview.get_by_role("link", name=re.compile("Poster 2027"))).to_be_visible()

    page.get_by_role("button", name="Bewaar concept").click()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/edit/$"))
    assert CampaignPage.objects.filter(title="Samen is leuker 2027").count() == 1

    campaign = CampaignPage.objects.get(slug="samen-is-leuker-2027")
    assert campaign.live is False  # a draft, scheduled, not yet public
    saved = campaign.get_latest_revision().as_object()
    assert [block.block_type for block in saved.body] == ["hero", "events", "materials"]
    expected = dt.datetime(year, 12, 3, 14, 0, tzinfo=AMSTERDAM)
    assert saved.go_live_at == expected, f"typed '3-12-{year} 14:00', shown {typed_value!r}"
    page.goto("about:blank")  # the preview panel stops asking the server
