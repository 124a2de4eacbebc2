"""An event page outlives its event: past dates, drafts and previews all render, and point ahead."""

import datetime as dt
import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.formats import date_format
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from core.models import Municipality
from events.models import EventPage
from events.recurrence import AMSTERDAM
from events.tests.conftest import local
from tests.querycount import assert_same_query_count

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(element):
    return " ".join(element.get_text(" ").split())


def days_ago(days, hour=10):
    """A time ``days`` before today, in Dutch time."""
    day = timezone.localdate(timezone=AMSTERDAM) - dt.timedelta(days=days)
    return local(day.year, day.month, day.day, hour, 0)


def days_ahead(days, hour=10):
    return days_ago(-days, hour)


def long_date(moment):
    return date_format(moment.astimezone(AMSTERDAM), "l j F Y")


@pytest.fixture
def deventer(db):
    return Municipality.objects.create(name="Deventer", slug="deventer", province="Overijssel")


@pytest.fixture
def place(home, zwolle):
    from social_map.models import PlaceKind, PlacePage, SocialMapPage

    social_map = home.add_child(instance=SocialMapPage(title="Sociale kaart", slug="kaart"))
    kind = PlaceKind.objects.create(name="Buurthuis", slug="buurthuis", locale=home.locale)
    return social_map.add_child(
        instance=PlacePage(
            title="Buurthuis De Linde",
            slug="de-linde",
            kind=kind,
            summary="Buurthuis.",
            municipality=zwolle,
            latitude=52.51,
            longitude=6.09,
        )
    )


@pytest.fixture
def admin(client):
    user = get_user_model().objects.create_superuser("redacteur", "r@example.nl", "geheim-123")
    client.force_login(user)
    return client


# --- the page of an event that is over ------------------------------------------------------
def test_a_past_event_page_says_it_has_been_and_when(client, agenda, make_event):
    event = make_event(title="Samen eten", starts_at=local(2024, 3, 5, 17, 30))

    response = client.get(event.url)

    assert response.status_code == 200
    html = soup(response)
    when = text_of(html.select_one("section[aria-labelledby=event-when]"))
    assert when.startswith("Wanneer Deze activiteit is geweest.")
    assert "Het was op dinsdag 5 maart 2024." in when
    # Nothing to invite anyone to, and no reminder to put it in a calendar.
    assert html.select_one(".invite-card-teaser") is None
    assert "uitnodiging/" not in response.content.decode()
    assert "Zet in uw agenda" not in when
    # Always a way on: the agenda.
    coming_up = html.select_one("section[aria-labelledby=event-coming-up]")
    assert "Wat is er binnenkort?" in text_of(coming_up)
    assert agenda.url in [a["href"] for a in coming_up.find_all("a")]


def test_a_past_series_names_its_last_date_that_went_ahead(client, make_event):
    first = days_ago(70)
    event = make_event(
        title="Koffieochtend",
        starts_at=first,
        recurrence="FREQ=WEEKLY;COUNT=4",
        # The last date of the series was cancelled: the one before was the last time.
        exceptions=[{"original_start": first + dt.timedelta(weeks=3), "change": "cancelled"}],
    )
    assert event.occurrences.count() == 4

    response = client.get(event.url)

    assert response.status_code == 200
    when = text_of(soup(response).select_one("section[aria-labelledby=event-when]"))
    assert "Deze activiteit is geweest." in when
    last = long_date(first + dt.timedelta(weeks=2))
    assert f"De laatste keer was op {last}." in when
    assert long_date(first + dt.timedelta(weeks=3)) not in when
    assert soup(response).select_one(".invite-card-teaser") is None


def test_a_past_event_keeps_valid_json_ld_and_ical(client, make_event):
    first = days_ago(70, hour=19)
    event = make_event(title="Bingo", starts_at=first, recurrence="FREQ=WEEKLY;COUNT=3")
    last = first + dt.timedelta(weeks=2)

    response = client.get(event.url)
    assert response.status_code == 200
    script = soup(response).find("script", type="application/ld+json")
    data = json.loads(script.string)
    assert data["@type"] == "Event"
    assert data["name"] == "Bingo"
    assert data["startDate"] == last.isoformat()
    assert data["endDate"] == (last + dt.timedelta(hours=2)).isoformat()
    assert data["eventStatus"] == "https://schema.org/EventScheduled"

    ics = client.get(f"{event.url}ical/")
    assert ics.status_code == 200
    assert ics["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(ics.content)
    (vevent,) = calendar.walk("VEVENT")
    assert vevent.decoded("dtstart") == first
    assert vevent.decoded("dtend") == first + dt.timedelta(hours=2)
    assert vevent.decoded("rrule")["COUNT"] == [3]
    assert str(vevent["summary"]) == "Bingo"


def test_a_cancelled_past_event_says_so_in_words_and_json_ld(client, make_event):
    event = make_event(title="Dansmiddag", starts_at=local(2024, 3, 5, 14, 0), status="cancelled")

    response = client.get(event.url)

    assert response.status_code == 200
    when = text_of(soup(response).select_one("section[aria-labelledby=event-when]"))
    assert "Deze activiteit is afgelast." in when and "geweest" not in when
    data = json.loads(soup(response).find("script", type="application/ld+json").string)
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["startDate"] == local(2024, 3, 5, 14, 0).isoformat()


@pytest.mark.parametrize("route", ["uitnodiging/", "poster/"])
def test_no_card_or_poster_for_a_date_that_is_gone(client, agenda, make_event, route):
    event = make_event(title="Samen eten", starts_at=days_ago(3))

    for params in ({}, {"datum": days_ago(3).date().isoformat()}, {"formaat": "a3"}):
        response = client.get(f"{event.url}{route}", params)
        assert response.status_code in (200, 410), params
        html = soup(response)
        content = response.content.decode()
        assert "Deze activiteit is geweest." in text_of(html)
        assert html.select_one(".invite-card, .poster, .poster__qr") is None
        assert "data:image/png" not in content and "QR-code" not in content
        hrefs = [a["href"] for a in html.select(".page-content a")]
        assert event.url in hrefs and agenda.url in hrefs


# --- what is coming up instead --------------------------------------------------------------
def test_a_past_event_points_to_what_is_coming_up_at_the_same_place_then_nearby(
    client, agenda, make_event, place, zwolle, deventer
):
    past = make_event(title="Oude koffieochtend", starts_at=days_ago(5), place=place)
    # Later, but at the same place: shown first.
    make_event(title="Breicafé in De Linde", starts_at=days_ahead(20), place=place)
    # A weekly event in the same municipality: shown once, with its next date.
    make_event(title="Wandelen", starts_at=days_ahead(2), recurrence="FREQ=WEEKLY;COUNT=5")
    make_event(title="Zingen", starts_at=days_ahead(4))
    make_event(title="Te laat voor de lijst", starts_at=days_ahead(30))
    # Never shown: another municipality, cancelled, private, a draft, or gone already.
    make_event(title="In Deventer", starts_at=days_ahead(1), municipality=deventer)
    make_event(title="Afgelaste bingo", starts_at=days_ahead(1), status="cancelled")
    private = make_event(title="Alleen voor leden", starts_at=days_ahead(1))
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    make_event(title="Nog een concept", starts_at=days_ahead(1), publish=False)
    make_event(title="Ook voorbij", starts_at=days_ago(2))

    response = client.get(past.url)

    assert response.status_code == 200
    section = soup(response).select_one("section[aria-labelledby=event-coming-up]")
    titles = [text_of(h3) for h3 in section.select("h3")]
    assert titles == ["Breicafé in De Linde", "Wandelen", "Zingen"]
    links = [a["href"] for a in section.select("h3 a")]
    assert links[0] == f"{agenda.url}{EventPage.objects.get(title='Breicafé in De Linde').slug}/"
    assert past.url not in links
    for link in links:
        assert client.get(link).status_code == 200
    assert agenda.url in [a["href"] for a in section.find_all("a")]


def test_nothing_coming_up_nearby_shows_the_agenda_next_events(
    client, agenda, make_event, deventer
):
    past = make_event(title="Samen eten", starts_at=days_ago(5))
    make_event(title="In Deventer", starts_at=days_ahead(1), municipality=deventer)

    section = soup(client.get(past.url)).select_one("section[aria-labelledby=event-coming-up]")

    assert "In de buurt staat nu niets anders in de agenda. Dit is er binnenkort:" in text_of(
        section
    )
    assert [text_of(h3) for h3 in section.select("h3")] == ["In Deventer"]
    assert agenda.url in [a["href"] for a in section.find_all("a")]


def test_nothing_coming_up_at_all_still_links_to_the_agenda(client, agenda, make_event):
    past = make_event(title="Samen eten", starts_at=days_ago(5))

    section = soup(client.get(past.url)).select_one("section[aria-labelledby=event-coming-up]")

    assert "In de buurt staat nu niets anders in de agenda." in text_of(section)
    assert section.select("h3") == []
    assert [a["href"] for a in section.find_all("a")] == [agenda.url]


def test_a_past_event_does_not_tell_how_to_sign_up_any_more(client, make_event):
    past = make_event(
        title="Samen eten",
        starts_at=days_ago(5),
        registration="phone",
        registration_phone="038 123 45 67",
    )
    html = client.get(past.url).content.decode()
    assert "Meld u eerst aan" not in html and "038 123 45 67" not in html
    assert "event-first-time" not in html


def test_the_past_event_page_makes_a_fixed_number_of_queries(client, make_event, place):
    past = make_event(title="Samen eten", starts_at=days_ago(5), place=place)
    make_event(title="Zingen", starts_at=days_ahead(4))

    def grow():
        make_event(title="Breicafé", starts_at=days_ahead(9), place=place)
        make_event(title="Wandelen", starts_at=days_ahead(2), recurrence="FREQ=WEEKLY;COUNT=5")
        make_event(title="Dansen", starts_at=days_ahead(3), place=place, price="€ 2,50")

    response, _count = assert_same_query_count(client, past.url, grow)
    section = soup(response).select_one("section[aria-labelledby=event-coming-up]")
    assert len(section.select("h3")) == 3


# --- drafts and previews --------------------------------------------------------------------
def form_data(**fields):
    """What the editor's form posts for an event, as in Wagtail's own preview tests."""
    data = {
        "title": "Nieuwe koffieochtend",
        "slug": "nieuwe-koffieochtend",
        "summary": "Samen koffie drinken.",
        "starts_at": "",
        "ends_at": "",
        "status": "scheduled",
        "registration": "none",
        "languages": "Nederlands",
        "last_checked": timezone.localdate().isoformat(),
        "occurrence_exceptions-TOTAL_FORMS": "0",
        "occurrence_exceptions-INITIAL_FORMS": "0",
        "occurrence_exceptions-MIN_NUM_FORMS": "0",
        "occurrence_exceptions-MAX_NUM_FORMS": "1000",
    }
    data.update(fields)
    return data


def local_input(moment):
    return moment.astimezone(AMSTERDAM).strftime("%Y-%m-%d %H:%M")


def preview(admin, url, data):
    posted = admin.post(url, data)
    assert posted.status_code == 200
    assert posted.json()["is_valid"], posted.content.decode()
    return admin.get(url)


def test_a_draft_without_dates_in_the_table_renders_in_view_draft(admin, make_event):
    starts_at = days_ahead(6)
    draft = make_event(
        title="Koffie voor nieuwe buren",
        starts_at=starts_at,
        recurrence="FREQ=WEEKLY;COUNT=3",
        publish=False,
    )
    draft.save_revision()
    assert not draft.occurrences.exists()

    response = admin.get(f"/admin/pages/{draft.pk}/view_draft/")

    assert response.status_code == 200
    when = text_of(soup(response).select_one("section[aria-labelledby=event-when]"))
    # The moderator sees the dates as the resident announced them.
    for week in range(3):
        assert long_date(starts_at + dt.timedelta(weeks=week)) in when
    assert "geweest" not in when


def test_a_draft_with_a_past_date_renders_in_view_draft(admin, make_event):
    draft = make_event(title="Te laat aangemeld", starts_at=local(2024, 3, 5, 10, 0), publish=False)
    draft.save_revision()

    response = admin.get(f"/admin/pages/{draft.pk}/view_draft/")

    assert response.status_code == 200
    when = text_of(soup(response).select_one("section[aria-labelledby=event-when]"))
    assert "Deze activiteit is geweest. Het was op dinsdag 5 maart 2024." in when


def test_preview_of_a_draft_shows_the_dates_being_edited(admin, make_event):
    draft = make_event(title="Koffieochtend", starts_at=days_ahead(6), publish=False)
    draft.save_revision()
    moved = days_ahead(8, hour=14)
    url = f"/admin/pages/{draft.pk}/edit/preview/"

    response = preview(
        admin,
        url,
        form_data(title="Koffieochtend", slug=draft.slug, starts_at=local_input(moved)),
    )

    assert response.status_code == 200
    when = text_of(soup(response).select_one("section[aria-labelledby=event-when]"))
    assert long_date(moved) in when and "14:00" in when
    assert soup(response).select_one(".invite-card-teaser") is not None


def test_preview_of_a_brand_new_event_renders(admin, agenda):
    starts_at = days_ahead(6)
    url = f"/admin/pages/add/events/eventpage/{agenda.pk}/preview/"

    response = preview(admin, url, form_data(starts_at=local_input(starts_at)))

    assert response.status_code == 200
    html = soup(response)
    assert "Nieuwe koffieochtend" in text_of(html.find("h1"))
    assert long_date(starts_at) in text_of(html.select_one("section[aria-labelledby=event-when]"))
    json.loads(html.find("script", type="application/ld+json").string)

    # A new event whose date has been: the preview says so instead of failing.
    response = preview(admin, url, form_data(starts_at="2024-03-05 10:00"))
    assert response.status_code == 200
    assert "Deze activiteit is geweest." in text_of(soup(response))


# --- the archive ----------------------------------------------------------------------------
def test_every_link_in_the_archive_answers(client, agenda, make_event):
    make_event(title="Samen eten", starts_at=days_ago(3))
    make_event(title="Koffieochtend", starts_at=days_ago(40), recurrence="FREQ=WEEKLY;COUNT=3")
    make_event(title="Afgelast feest", starts_at=days_ago(10), status="cancelled")

    archive = client.get(f"{agenda.url}archief/")

    assert archive.status_code == 200
    links = {a["href"] for a in soup(archive).select(".event-list h3 a")}
    assert len(links) == 3
    for link in links:
        assert client.get(link).status_code == 200, link
