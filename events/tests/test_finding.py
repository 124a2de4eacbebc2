"""Finding events: the agenda's list, calendar, map and archive, through the rendered pages."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from core.models import AccessibilityFeature, Municipality, TargetGroup
from events.models import EventEdition
from tests.querycount import assert_same_query_count

from .conftest import AMSTERDAM

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock(time_machine):
    """A fixed Wednesday afternoon: "today" and "this week" must not depend on the hour."""
    time_machine.move_to(dt.datetime(2026, 11, 25, 14, 0, tzinfo=AMSTERDAM), tick=False)


def at(days, hour=14, minute=0):
    """Today + ``days`` at a Dutch time."""
    day = timezone.localdate(timezone=AMSTERDAM) + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=AMSTERDAM)


@pytest.fixture
def leusden(db):
    return Municipality.objects.create(
        name="Leusden", slug="leusden", cbs_code="GM0327", province="Utrecht"
    )


def titles(response):
    html = response.content.decode()
    return {title for title in TITLES if title in html}


TITLES = [
    "Koffie vandaag",
    "Wandelen overmorgen",
    "Eten volgende maand",
    "Lezen in Leusden",
    "Geweest",
]


@pytest.fixture
def agenda_with_events(agenda, make_event, leusden, home):
    wheelchair = AccessibilityFeature.objects.create(
        name="Rolstoeltoegankelijk", slug="rolstoeltoegankelijk", locale=home.locale
    )
    seniors = TargetGroup.objects.create(name="Ouderen", slug="ouderen", locale=home.locale)
    # Going on now and until the end of the day, so "today" holds whenever the test runs.
    now = timezone.localtime(timezone.now(), AMSTERDAM)
    end_of_today = now.replace(hour=23, minute=59, second=59, microsecond=0)
    make_event(
        title="Koffie vandaag",
        starts_at=max(now - dt.timedelta(hours=1), now.replace(hour=0, minute=0, second=0)),
        ends_at=end_of_today,
    )
    walk = make_event(title="Wandelen overmorgen", starts_at=at(2), price="€ 3")
    walk.accessibility = [wheelchair]
    walk.target_groups = [seniors]
    walk.save_revision().publish()
    make_event(title="Eten volgende maand", starts_at=at(35))
    make_event(title="Lezen in Leusden", starts_at=at(3), municipality=leusden)
    make_event(title="Geweest", starts_at=at(-3))
    return agenda


def test_list_shows_upcoming_dates_in_order_and_not_the_past(client, agenda_with_events):
    response = client.get(agenda_with_events.url)
    html = response.content.decode()
    assert titles(response) == set(TITLES) - {"Geweest"}
    assert (
        html.index("Koffie vandaag")
        < html.index("Wandelen overmorgen")
        < html.index("Lezen in Leusden")
        < html.index("Eten volgende maand")
    )


@pytest.mark.parametrize(
    "query, expected",
    [
        ("wanneer=vandaag", {"Koffie vandaag"}),
        ("wanneer=deze-week", {"Koffie vandaag", "Wandelen overmorgen", "Lezen in Leusden"}),
        ("gemeente=leusden", {"Lezen in Leusden"}),
        ("wanneer=deze-week&gemeente=zwolle", {"Koffie vandaag", "Wandelen overmorgen"}),
        ("gratis=1&wanneer=deze-week", {"Koffie vandaag", "Lezen in Leusden"}),
        ("toegankelijk=rolstoeltoegankelijk", {"Wandelen overmorgen"}),
        ("doelgroep=ouderen", {"Wandelen overmorgen"}),
        ("q=lezen", {"Lezen in Leusden"}),
        ("q=LEZEN+leusden", {"Lezen in Leusden"}),
    ],
)
def test_filters(client, agenda_with_events, query, expected):
    assert titles(client.get(f"{agenda_with_events.url}?{query}")) == expected


def test_chosen_day_and_range(client, agenda_with_events):
    day = at(2).date().isoformat()
    assert titles(client.get(f"{agenda_with_events.url}?datum={day}")) == {"Wandelen overmorgen"}
    van, tot = at(2).date().isoformat(), at(40).date().isoformat()
    both = {"Wandelen overmorgen", "Lezen in Leusden", "Eten volgende maand"}
    assert titles(client.get(f"{agenda_with_events.url}?van={van}&tot={tot}")) == both
    # A reversed range is turned round, with a note.
    response = client.get(f"{agenda_with_events.url}?van={tot}&tot={van}")
    assert titles(response) == both
    assert "omgedraaid" in response.content.decode()


def test_edition_week_filter_includes_its_dates(client, agenda_with_events, make_event, home):
    edition = EventEdition.objects.create(
        name="Week tegen Eenzaamheid",
        slug="wte",
        starts_on=at(-5).date(),
        ends_on=at(1).date(),
        locale=home.locale,
    )
    make_event(title="In de week", starts_at=at(-4), edition=edition)
    response = client.get(f"{agenda_with_events.url}?editie=wte")
    html = response.content.decode()
    assert "In de week" in html
    assert "Eten volgende maand" not in html


@pytest.mark.parametrize(
    "query",
    [
        "datum=gisteren",
        "datum=99999-01-01",
        "van=2026-13-45",
        "tot=0001-01-01",
        "gemeente=atlantis",
        "wanneer=ooit",
        "pagina=999",
        "pagina=abc",
        "weergave=kalender&maand=99999-99",
        "weergave=kalender&maand=x",
        "editie=onbekend",
        "doelgroep=" + "x" * 5000,
    ],
)
def test_bad_input_gives_a_normal_page_with_a_note(client, agenda_with_events, query):
    response = client.get(f"{agenda_with_events.url}?{query}")
    assert response.status_code == 200
    assert 'class="notice"' in response.content.decode()


def test_pagination_is_in_the_database_and_keeps_the_filters(client, agenda, make_event):
    agenda.per_page = 2
    agenda.save_revision().publish()
    for number in range(5):
        make_event(title=f"Bijeenkomst {number}", starts_at=at(1 + number))
    response = client.get(f"{agenda.url}?gemeente=zwolle&pagina=3")
    html = response.content.decode()
    assert "Bijeenkomst 4" in html and "Bijeenkomst 0" not in html
    assert "gemeente=zwolle&amp;pagina=2" in html


def test_month_calendar_places_dates_on_their_day(client, agenda_with_events):
    walk = at(2)
    response = client.get(f"{agenda_with_events.url}?weergave=kalender&maand={walk:%Y-%m}")
    html = response.content.decode()
    assert "<table" in html and "Wandelen overmorgen" in html
    day_link = f"datum={walk.date().isoformat()}"
    assert day_link in html
    # Following the day link lists that day.
    assert titles(client.get(f"{agenda_with_events.url}?{day_link}")) == {"Wandelen overmorgen"}


def test_month_calendar_shows_a_few_per_day_and_counts_the_rest(client, agenda, make_event):
    for number in range(6):
        make_event(title=f"Drukke dag {number}", starts_at=at(3, 9 + number))
    response = client.get(f"{agenda.url}?weergave=kalender&maand={at(3):%Y-%m}")
    html = response.content.decode()
    shown = [n for n in range(6) if f"Drukke dag {n}" in html]
    assert shown == [0, 1, 2]
    assert "en nog 3" in html


def test_map_data_matches_the_filters(client, agenda_with_events, zwolle, leusden):
    Municipality.objects.filter(pk=zwolle.pk).update(latitude=52.5, longitude=6.1)
    for event in agenda_with_events.events().specific():
        event.latitude, event.longitude = 52.5, 6.1
        event.save_revision().publish()
    data = client.get(f"{agenda_with_events.url}geojson/?gemeente=leusden").json()
    assert [feature["properties"]["name"] for feature in data["features"]] == ["Lezen in Leusden"]
    feature = data["features"][0]
    assert feature["geometry"]["coordinates"] == [6.1, 52.5]
    assert feature["properties"]["url"].endswith("/agenda/" + "activiteit-4/")
    # The map view pairs the map with the same list.
    html = client.get(f"{agenda_with_events.url}?weergave=kaart&gemeente=leusden").content.decode()
    assert "data-place-map" in html and "Lezen in Leusden" in html


def test_archive_keeps_past_events(client, agenda_with_events):
    response = client.get(f"{agenda_with_events.url}archief/")
    assert titles(response) == {"Geweest"}


def test_drafts_and_other_agendas_stay_out(client, agenda, make_event, home):
    from events.models import EventIndexPage

    make_event(title="Concept", starts_at=at(1), publish=False)
    other = home.add_child(instance=EventIndexPage(title="Andere agenda", slug="andere"))
    make_event(title="Elders", starts_at=at(1), parent=other)
    html = client.get(agenda.url).content.decode()
    assert "Concept" not in html and "Elders" not in html


@pytest.mark.parametrize(
    "suffix",
    [
        "",
        "?wanneer=deze-week&gemeente=zwolle",
        "?weergave=kalender",
        "?data=alle",
        "geojson/",
        "ical/",
        "archief/",
    ],
)
def test_query_count_does_not_grow_with_the_number_of_events(
    client, agenda, make_event, suffix, home
):
    wheelchair = AccessibilityFeature.objects.create(
        name="Rolstoeltoegankelijk", slug="rolstoeltoegankelijk", locale=home.locale
    )

    def add(count, offset):
        for number in range(count):
            event = make_event(
                starts_at=at((number + offset) % 6 - (3 if "archief" in suffix else 0)),
                recurrence="FREQ=DAILY;COUNT=3" if number % 3 == 0 else "",
                latitude=52.5,
                longitude=6.1,
            )
            event.accessibility = [wheelchair]
            event.save_revision().publish()

    add(3, 0)
    assert_same_query_count(client, f"{agenda.url}{suffix}", lambda: add(15, 3))


def test_home_page_shows_what_is_on_soon_and_the_place_page_its_events(
    client, home, agenda, make_event
):
    from social_map.models import PlaceKind, PlacePage, SocialMapPage

    social_map = home.add_child(instance=SocialMapPage(title="Sociale kaart", slug="kaart"))
    kind = PlaceKind.objects.create(name="Buurthuis", slug="buurthuis", locale=home.locale)
    place = social_map.add_child(
        instance=PlacePage(title="De Linde", slug="de-linde", kind=kind, summary="Buurthuis.")
    )
    make_event(title="Soep in De Linde", starts_at=at(2), place=place)
    make_event(title="Afgelast feest", starts_at=at(1), status="cancelled")
    make_event(title="Ver weg", starts_at=at(60))
    html = client.get(home.url).content.decode()
    assert "Soep in De Linde" in html
    assert "Afgelast feest" not in html  # the home page shows what one can go to
    assert f"{agenda.url}?wanneer=deze-week" in html
    place_html = client.get(place.url).content.decode()
    assert "Binnenkort hier" in place_html and "Soep in De Linde" in place_html
    assert "Ver weg" not in place_html


def test_events_at_a_place_follow_the_place_when_it_moves(client, home, agenda, make_event):
    from social_map.models import PlaceKind, PlacePage, SocialMapPage

    social_map = home.add_child(instance=SocialMapPage(title="Sociale kaart", slug="kaart"))
    kind = PlaceKind.objects.create(name="Buurthuis", slug="buurthuis", locale=home.locale)
    place = social_map.add_child(
        instance=PlacePage(
            title="De Linde",
            slug="de-linde",
            kind=kind,
            summary="Buurthuis.",
            latitude=52.0,
            longitude=5.0,
        )
    )
    make_event(title="Soep", starts_at=at(2), place=place, latitude=52.0, longitude=5.0)
    place.latitude, place.longitude = 52.5, 6.1
    place.save_revision().publish()
    (feature,) = client.get(f"{agenda.url}geojson/").json()["features"]
    assert feature["geometry"]["coordinates"] == [6.1, 52.5]
    # The nightly rebuild keeps it there.
    from django.core.management import call_command

    call_command("rebuild_event_occurrences", stdout=__import__("io").StringIO())
    (feature,) = client.get(f"{agenda.url}geojson/").json()["features"]
    assert feature["geometry"]["coordinates"] == [6.1, 52.5]


def test_a_very_long_list_says_more_than_the_cap_and_still_pages(
    client, agenda, make_event, monkeypatch
):
    from core.pagination import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "cap", 4)
    agenda.per_page = 2
    agenda.save_revision().publish()
    make_event(title="Elke dag", starts_at=at(1, 9), recurrence="FREQ=DAILY;COUNT=8")
    for number in range(5):
        make_event(title=f"Eenmalig {number}", starts_at=at(2 + number))
    html = client.get(agenda.url).content.decode()
    assert "Meer dan 4 activiteiten gevonden" in html
    assert "pagina=3#resultaten" in html
    # Every date apart: a series counts each of its dates.
    html = client.get(f"{agenda.url}?data=alle").content.decode()
    assert "Meer dan 4 data gevonden" in html
    assert "data=alle&amp;pagina=3#resultaten" in html
    assert client.get(f"{agenda.url}?pagina=3").status_code == 200


def test_an_event_moved_to_another_agenda_is_listed_there(client, home, agenda, make_event):
    from events.models import EventIndexPage

    other = home.add_child(instance=EventIndexPage(title="Andere agenda", slug="andere"))
    event = make_event(title="Verhuisd", starts_at=at(1))
    event.move(other, pos="last-child")
    assert "Verhuisd" not in client.get(agenda.url).content.decode()
    assert "Verhuisd" in client.get(other.url).content.decode()


def test_an_event_behind_a_password_stays_out_of_lists_and_feeds(client, agenda, make_event):
    from wagtail.models import PageViewRestriction

    make_event(title="Open", starts_at=at(1))
    hidden = make_event(title="Besloten", starts_at=at(1))
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="x")
    html = client.get(agenda.url).content.decode()
    assert "Open" in html and "Besloten" not in html
    assert b"Besloten" not in client.get(f"{agenda.url}ical/").content


def test_edition_page_counts_municipalities_and_events_of_its_edition_only(
    client, home, agenda, make_event, leusden
):
    from events.models import EditionPage

    this_year = EventEdition.objects.create(
        name="Week 2026",
        slug="week-2026",
        starts_on=at(1).date(),
        ends_on=at(7).date(),
        locale=home.locale,
    )
    last_year = EventEdition.objects.create(
        name="Week 2025",
        slug="week-2025",
        starts_on=at(-365).date(),
        ends_on=at(-358).date(),
        locale=home.locale,
    )
    make_event(title="Zwolle een", starts_at=at(1), edition=this_year)
    make_event(
        title="Zwolle twee", starts_at=at(2), edition=this_year, recurrence="FREQ=DAILY;COUNT=3"
    )
    make_event(title="Leusden", starts_at=at(3), edition=this_year, municipality=leusden)
    make_event(title="Vorig jaar", starts_at=at(-364), edition=last_year)
    make_event(title="Nog een concept", starts_at=at(4), edition=this_year, publish=False)
    page = agenda.add_child(
        instance=EditionPage(
            title="Week tegen Eenzaamheid 2026", slug="week-2026", edition=this_year
        )
    )
    html = client.get(page.url).content.decode()
    figures = re.findall(r"<li><strong>(\d+)</strong>", html)
    assert figures == ["2", "3", "5"]  # municipalities, events, dates (1 + 3 + 1)
    assert "Leusden</a> (1 activiteit)" in html and "Zwolle</a> (2 activiteiten)" in html
    assert "geojson/?editie=week-2026" in html
