"""A change shows on the next anonymous request while the page cache is on.

Each test fills the cache, makes one change the way the admin makes it, and asks again.
"""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from core.models import Helpline, SiteSettings
from events.models import EventIndexPage, EventPage

CONTENT_PAGE = "/nl/wat-is-eenzaamheid/"
AGENDA = "/nl/agenda/"
HOME = "/nl/"


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 3600


def cached(client, url):
    """Fill the cache for ``url`` and check that it is served from it."""
    client.get(url)
    response = client.get(url)
    assert response["X-Cache"] == "hit", url
    return response


def content_page():
    return Page.objects.get(url_path__endswith="/wat-is-eenzaamheid/", locale__language_code="nl")


def test_publish_shows_on_the_next_request(demo_site, page_cache, client):
    cached(client, CONTENT_PAGE)
    page = content_page().specific
    page.title = "Eenzaamheid, wat is dat?"
    page.save_revision().publish()
    response = client.get(CONTENT_PAGE)
    assert response["X-Cache"] == "miss"
    assert "Eenzaamheid, wat is dat?" in response.text


def test_publish_of_a_child_refreshes_its_parent_list(demo_site, page_cache, client):
    event = EventPage.objects.live().filter(locale__language_code="nl").first()
    parent_url = event.get_parent().url
    cached(client, parent_url)
    event.save_revision().publish()
    assert client.get(parent_url)["X-Cache"] == "miss"


def test_unpublish_shows_on_the_next_request(demo_site, page_cache, client):
    cached(client, CONTENT_PAGE)
    content_page().unpublish()
    assert client.get(CONTENT_PAGE).status_code == 404


def test_move_shows_on_the_next_request(demo_site, page_cache, client):
    page = content_page()
    child_url = None
    child = page.get_children().live().first()
    if child is not None:
        child_url = child.url
        cached(client, child_url)
    cached(client, CONTENT_PAGE)
    new_parent = page.get_siblings(inclusive=False).live().exclude(pk=page.pk).first()
    page.move(new_parent, pos="last-child")
    # Gone from the old address (Wagtail redirects it to the new one), not a cached copy.
    assert client.get(CONTENT_PAGE).status_code in (301, 404)
    if child_url:  # the pages below moved along: their old addresses are gone too
        assert client.get(child_url).status_code in (301, 404)
    moved = Page.objects.get(pk=page.pk)
    assert client.get(moved.url).status_code == 200


def test_delete_shows_on_the_next_request(demo_site, page_cache, client):
    cached(client, CONTENT_PAGE)
    content_page().delete()
    assert client.get(CONTENT_PAGE).status_code == 404


def test_organisation_change_shows_on_its_events(demo_site, page_cache, client):
    event = EventPage.objects.live().filter(organiser__isnull=False).first()
    cached(client, event.url)
    organisation = event.organiser
    organisation.name = "Stichting Nieuwe Naam"
    organisation.save()
    response = client.get(event.url)
    assert response["X-Cache"] == "miss"
    assert "Stichting Nieuwe Naam" in response.text


def test_helpline_change_shows_in_every_footer(demo_site, page_cache, client):
    cached(client, CONTENT_PAGE)
    helpline = SiteSettings.objects.get(site=demo_site).helplines.first().helpline.localized
    helpline.availability = "Elke dag, ook 's nachts"
    helpline.save()
    response = client.get(CONTENT_PAGE)
    assert response["X-Cache"] == "miss"
    assert "ook &#x27;s nachts" in response.text or "ook 's nachts" in response.text
    assert Helpline.objects.filter(availability__startswith="Elke dag").exists()


def test_settings_change_shows_on_the_next_request(demo_site, page_cache, client):
    cached(client, CONTENT_PAGE)
    settings_obj = SiteSettings.objects.get(site=demo_site)
    settings_obj.contact_phone = "010 - 123 45 67"
    settings_obj.save()
    response = client.get(CONTENT_PAGE)
    assert response["X-Cache"] == "miss"
    assert "010 - 123 45 67" in response.text


def test_new_event_appears_in_the_agenda_and_on_the_home_page(demo_site, page_cache, client):
    cached(client, AGENDA)
    cached(client, HOME)
    agenda = EventIndexPage.objects.live().get(
        url_path__endswith="/agenda/", locale__language_code="nl"
    )
    starts_at = timezone.now() + dt.timedelta(minutes=30)
    event = EventPage(
        title="Soep en spelletjes bij de buren",
        slug="soep-en-spelletjes",
        summary="Samen soep eten.",
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=2),
        is_free=True,
        live=False,
    )
    agenda.add_child(instance=event)
    event.save_revision().publish()
    for url in (AGENDA, HOME):
        response = client.get(url)
        assert response["X-Cache"] == "miss", url
        assert "Soep en spelletjes bij de buren" in response.text, url


def test_a_change_elsewhere_keeps_the_page_cached(demo_site, page_cache, client):
    """Precise: publishing an event does not drop a knowledge page."""
    cached(client, CONTENT_PAGE)
    EventPage.objects.live().first().save_revision().publish()
    assert client.get(CONTENT_PAGE)["X-Cache"] == "hit"


def test_sitemap_and_feeds_follow_a_publish(demo_site, page_cache, client):
    news_index = Page.objects.get(url_path__endswith="/nieuws/", locale__language_code="nl")
    feed = news_index.url + "rss/"
    for url in ("/sitemap.xml", feed):
        cached(client, url)
    cached(client, "/robots.txt")
    news = news_index.get_children().live().first().specific
    news.title = "Nieuws met een nieuwe titel"
    news.save_revision().publish()
    for url in ("/sitemap.xml", feed):
        assert client.get(url)["X-Cache"] == "miss", url
    assert "Nieuws met een nieuwe titel" in client.get(feed).text


def test_the_nightly_rebuild_of_dates_refreshes_the_agenda(demo_site, page_cache, client):
    """Dates written in bulk send no signal: the command drops the cached lists itself."""
    cached(client, AGENDA)
    call_command("rebuild_event_occurrences", stdout=io.StringIO())
    assert client.get(AGENDA)["X-Cache"] == "miss"


@pytest.mark.django_db(transaction=True)
def test_a_save_under_manual_transaction_management_purges_at_once():
    """Outside any atomic block with autocommit off, on_commit() refuses: the purge must not
    turn the save into a 500 (it did for a document's size saved while a page rendered)."""
    from django.db import transaction

    from core.page_cache.purge import run
    from core.page_cache.tags import still_valid, versions_for_store

    stored = versions_for_store({"model:core.helpline"}, render_started_ns=0)
    assert still_valid(stored)
    transaction.set_autocommit(False)
    try:
        run({"model:core.helpline"})
    finally:
        transaction.rollback()
        transaction.set_autocommit(True)
    assert not still_valid(stored)


def test_a_section_made_private_is_no_longer_served_from_the_cache(demo_site, page_cache, client):
    """Privacy in the admin saves a PageViewRestriction and sends no page signal."""
    from wagtail.models import PageViewRestriction

    section = Page.objects.get(url_path__endswith="/koplopers/", locale__language_code="nl")
    child = section.get_children().live().first()
    cached(client, section.url)
    cached(client, child.url)
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.LOGIN
    )
    for url in (section.url, child.url):
        response = client.get(url)
        assert response.status_code == 302, url  # to the login page, not the cached copy
        assert "X-Cache" not in response or response["X-Cache"] != "hit"
    restriction.delete()
    assert client.get(child.url).status_code == 200


def test_a_deploy_purges_every_page_chrome_and_card(demo_site, page_cache, client):
    """``manage.py purge_page_cache`` (a deploy step): the next request renders afresh."""
    client.get(CONTENT_PAGE)
    client.get("/nl/agenda/")
    assert client.get(CONTENT_PAGE)["X-Cache"] == "hit"
    out = io.StringIO()
    call_command("purge_page_cache", stdout=out)
    assert "leeg" in out.getvalue()
    assert client.get(CONTENT_PAGE)["X-Cache"] == "miss"
    assert client.get("/nl/agenda/")["X-Cache"] == "miss"
