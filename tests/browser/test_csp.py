"""The strict Content-Security-Policy in a real browser: nothing the site needs is blocked.

A blocked script or style breaks a page silently (the map stays grey, the video never loads),
so the browser's own reports (`securitypolicyviolation` events and console messages) are
collected while a resident uses the map and the video, and an editor edits a place.
"""

import os
import re

import pytest
from playwright.sync_api import expect

from campaigns.models import CampaignPage
from social_map.models import PlacePage

from .conftest import stub_map_tiles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

VIDEO_HOST = re.compile(r"https://([a-z0-9-]+\.)*(youtube|youtube-nocookie|ytimg|vimeo)\.com/")
STUB_PLAYER = "<!doctype html><html lang='nl'><title>Video</title><p>Video (stub)</p></html>"
# Runs before the page's own scripts, outside the page's policy (Playwright injects it).
LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


def watch_csp(page):
    console = []
    page.add_init_script(LISTEN)
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    stub_map_tiles(page)
    page.route(VIDEO_HOST, lambda route: route.fulfill(body=STUB_PLAYER, content_type="text/html"))
    return console


def violations(page, console):
    return page.evaluate("() => window.__csp") + console


def test_map_and_video_work_under_the_strict_policy(live_demo, page):
    console = watch_csp(page)
    response = page.goto(live_demo.url + "/nl/sociale-kaart/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    # Leaflet drew its tiles and markers (it styles them from its own file, which CSP allows).
    expect(page.locator(".leaflet-tile-loaded").first).to_be_attached()
    expect(page.locator(".leaflet-marker-icon").first).to_be_visible()
    assert violations(page, console) == [], "\n".join(violations(page, console))

    campaign = CampaignPage.objects.get(slug="samen-is-leuker", locale__language_code="nl")
    page.goto(live_demo.url + campaign.url)
    page.get_by_role("button", name="Video hier laden en afspelen").click()
    expect(page.locator(".block-video iframe")).to_have_count(1)
    frame = page.frame_locator(".block-video iframe")
    expect(frame.get_by_text("Video (stub)")).to_be_visible()
    assert violations(page, console) == [], "\n".join(violations(page, console))


def test_the_admin_works_under_its_own_policy(live_demo, page, settings):
    from django.contrib.auth import get_user_model

    settings.TWO_FACTOR_REQUIRED_FOR = ["none"]  # the second factor is tested in users/tests
    get_user_model().objects.create_superuser("csp", "csp@example.org", "paarse olifant danst")
    place = PlacePage.objects.get(slug="demo-zoetermeer-resto-palenstein")
    console = watch_csp(page)
    page.goto(live_demo.url + "/admin/login/")
    page.locator("input[name='username']").fill("csp")
    page.locator("input[name='password']").fill("paarse olifant danst")
    page.locator("form button[type='submit']").click()
    page.wait_for_url(re.compile(r".*/admin/$"))
    page.goto(live_demo.url + f"/admin/pages/{place.pk}/edit/")
    expect(page.locator("#place-coordinates-map .leaflet-tile-loaded").first).to_be_attached()
    # The preview panel frames the public template from the admin's own address.
    page.goto(live_demo.url + f"/admin/pages/{place.pk}/view_draft/")
    expect(page.locator("h1")).to_have_text(place.title)
    assert violations(page, console) == [], "\n".join(violations(page, console))
