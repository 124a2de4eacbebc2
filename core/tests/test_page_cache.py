"""The page cache: what is served from it, what never is, its HTTP headers and its clock."""

import datetime as dt
import json

import pytest
import responses
import time_machine
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from core.page_cache import never_cache_response
from core.page_cache.middleware import PageCacheMiddleware
from events.models import EventOccurrence, EventPage, EventSubmissionPage
from signups.models import FormPage
from social_map.models import PlacePage

CONTENT_PAGE = "/nl/wat-is-eenzaamheid/"
AGENDA = "/nl/agenda/"


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 3600
    return settings


def get(client, url, **headers):
    return client.get(url, headers=headers)


def test_second_anonymous_request_is_served_from_the_cache(
    demo_site, page_cache, client, django_assert_max_num_queries
):
    first = get(client, CONTENT_PAGE)
    assert first.status_code == 200
    assert first["X-Cache"] == "miss"
    with django_assert_max_num_queries(0):  # LocMem: not one query for a hit
        second = get(client, CONTENT_PAGE)
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_a_hit_carries_the_security_headers_of_the_page(demo_site, page_cache, client):
    """The page cache answers first in MIDDLEWARE: a hit has the headers stored with it."""
    first = get(client, CONTENT_PAGE)
    second = get(client, CONTENT_PAGE)
    assert second["X-Cache"] == "hit"
    for header in ("Content-Security-Policy", "Permissions-Policy", "X-Content-Type-Options"):
        assert second[header] == first[header], header
    assert "script-src 'self'" in second["Content-Security-Policy"]


def test_head_is_answered_from_the_cache_too(demo_site, page_cache, client):
    get(client, CONTENT_PAGE)
    response = client.head(CONTENT_PAGE)
    assert response["X-Cache"] == "hit"
    assert response.content == b""


def test_query_string_is_part_of_the_key_in_any_order(demo_site, page_cache, client):
    get(client, AGENDA + "?periode=week&gratis=1")
    assert get(client, AGENDA + "?gratis=1&periode=week")["X-Cache"] == "hit"
    assert get(client, AGENDA + "?periode=vandaag")["X-Cache"] == "miss"


def test_editor_never_gets_nor_fills_the_cache(demo_site, page_cache, client):
    editor = get_user_model().objects.create_superuser("redacteur", "r@example.org", "x-pass-99")
    client.force_login(editor)
    as_editor = get(client, CONTENT_PAGE)
    assert "X-Cache" not in as_editor
    assert "private" in as_editor["Cache-Control"]
    assert "X-Cache" not in get(client, CONTENT_PAGE)  # not stored for the editor either
    client.logout()
    client.cookies.clear()
    anonymous = get(client, CONTENT_PAGE)
    assert anonymous["X-Cache"] == "miss"  # the editor's visit stored nothing
    assert b"wagtail-userbar" not in anonymous.content
    client.force_login(editor)
    assert "X-Cache" not in get(client, CONTENT_PAGE)  # nor gets the anonymous copy


@pytest.mark.parametrize("kind", ["announcement", "feedback", "signup"])
def test_form_pages_with_a_csrf_token_are_never_cached(demo_site, page_cache, client, kind):
    if kind == "announcement":
        url = EventSubmissionPage.objects.live().filter(locale__language_code="nl").first().url
    elif kind == "feedback":
        url = PlacePage.objects.live().first().url + "klopt-er-iets-niet/"
    else:
        url = FormPage.objects.live().filter(locale__language_code="nl").first().url
    for _ in range(2):
        response = get(client, url)
        assert response.status_code == 200
        assert b"csrfmiddlewaretoken" in response.content
        assert "X-Cache" not in response
        assert "public" not in response.get("Cache-Control", "")


def test_the_search_page_is_never_cached(demo_site, page_cache, client):
    for _ in range(2):
        response = get(client, "/nl/zoeken/?q=koffie")
        assert response.status_code == 200
        assert "X-Cache" not in response
        assert "no-store" in response["Cache-Control"]


def _through_middleware(view):
    """Run ``view`` twice behind the middleware as an anonymous visitor."""
    middleware = PageCacheMiddleware(view)
    factory = RequestFactory()
    return [middleware(factory.get("/nl/iets/")) for _ in range(2)]


def test_responses_with_a_cookie_or_marked_personal_are_never_stored(page_cache, db):
    def with_cookie(request):
        response = HttpResponse("hallo")
        response.set_cookie("keuze", "1")
        return response

    @never_cache_response
    def personal(request):
        return HttpResponse("uw gegevens")

    def private(request):
        response = HttpResponse("alleen voor u")
        response["Cache-Control"] = "private"
        return response

    def plain(request):
        return HttpResponse("voor iedereen")

    for view in (with_cookie, personal, private):
        assert all("X-Cache" not in response for response in _through_middleware(view))
    assert [r["X-Cache"] for r in _through_middleware(plain)] == ["miss", "hit"]


def test_etag_last_modified_and_304_also_on_a_hit(demo_site, page_cache, client):
    first = get(client, CONTENT_PAGE)
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"') and last_modified.endswith("GMT")
    not_modified = get(client, CONTENT_PAGE, if_none_match=etag)
    assert not_modified.status_code == 304
    assert not_modified["X-Cache"] == "hit"
    assert get(client, CONTENT_PAGE, if_modified_since=last_modified).status_code == 304
    assert get(client, CONTENT_PAGE, if_none_match='"other"').status_code == 200


def test_cache_control_values(demo_site, page_cache, client):
    assert get(client, CONTENT_PAGE)["Cache-Control"] == "public, max-age=60"
    assert "Cookie" in get(client, CONTENT_PAGE)["Vary"]
    page_cache.WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://cdn.test",
        }
    }
    control = get(client, AGENDA)["Cache-Control"]
    assert "public" in control and "max-age=60" in control and "s-maxage=" in control


def test_the_cache_off_stores_nothing(demo_site, settings, client):
    settings.PAGE_CACHE_SECONDS = 0
    assert "X-Cache" not in get(client, CONTENT_PAGE)
    assert "X-Cache" not in get(client, CONTENT_PAGE)


def test_agenda_is_rendered_afresh_after_midnight(demo_site, page_cache, client):
    now = timezone.localtime()
    with time_machine.travel(now, tick=False):
        assert get(client, AGENDA)["X-Cache"] == "miss"
        assert get(client, AGENDA)["X-Cache"] == "hit"
    tomorrow = timezone.make_aware(
        dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(0, 1))
    )
    with time_machine.travel(tomorrow, tick=False):
        assert get(client, AGENDA)["X-Cache"] == "miss"


def test_event_page_is_rendered_afresh_once_its_date_is_over(demo_site, page_cache, client):
    occurrence = (
        EventOccurrence.objects.filter(starts_at__gt=timezone.now(), event__live=True)
        .order_by("ends_at")
        .first()
    )
    event = EventPage.objects.get(pk=occurrence.event_id)
    before_end = occurrence.ends_at - dt.timedelta(minutes=5)
    with time_machine.travel(before_end, tick=False):
        assert get(client, event.url)["X-Cache"] == "miss"
        assert get(client, event.url)["X-Cache"] == "hit"
    with time_machine.travel(occurrence.ends_at + dt.timedelta(seconds=1), tick=False):
        assert get(client, event.url)["X-Cache"] == "miss"


@responses.activate
def test_a_publish_purges_the_page_addresses_at_the_cdn(
    demo_site, page_cache, client, django_capture_on_commit_callbacks
):
    page_cache.WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": "token",
            "ZONEID": "zone",
        }
    }
    api = "https://api.cloudflare.com/client/v4/zones/zone/purge_cache"
    responses.add(responses.POST, api, json={"success": True})
    page = EventPage.objects.live().filter(locale__language_code="nl").first()
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    purged = set()
    for call in responses.calls:
        purged.update(json.loads(call.request.body)["files"])
    assert any(url.endswith(page.url) for url in purged)
    assert any(url.endswith(AGENDA) for url in purged)  # its list (the parent)
    assert not any("/activiteitenbank/" in url for url in purged)  # nothing unrelated


def test_no_cdn_configured_sends_nothing(demo_site, page_cache, django_capture_on_commit_callbacks):
    page = EventPage.objects.live().first()
    with responses.RequestsMock() as mocked, django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
        assert not mocked.calls


@responses.activate
def test_an_unpublish_purges_the_old_address_at_the_cdn(
    demo_site, page_cache, django_capture_on_commit_callbacks
):
    page_cache.WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": "token",
            "ZONEID": "zone",
        }
    }
    api = "https://api.cloudflare.com/client/v4/zones/zone/purge_cache"
    responses.add(responses.POST, api, json={"success": True})
    page = EventPage.objects.live().filter(locale__language_code="nl").first()
    url = page.url
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    purged = set()
    for call in responses.calls:
        purged.update(json.loads(call.request.body)["files"])
    assert any(address.endswith(url) for address in purged)
