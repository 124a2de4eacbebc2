"""Opening hours, postcodes, geocoding and distance: the logic residents rely on."""

import datetime as dt
import re

import pytest
import requests
import responses
from django.core.cache import cache
from django.test import override_settings

from core.geocoding import (
    GeocoderUnavailable,
    PostcodeNotFound,
    geocode_address,
    geocode_postcode,
)
from core.postcode import normalise_postcode
from social_map.opening_hours import Exception_, Range, is_open_at, is_open_on
from tests.querycount import assert_same_query_count

PDOK = "https://api.pdok.nl/bzk/locatieserver/search/v3_1/free"
MONDAY = dt.date(2026, 11, 30)  # a Monday
CHRISTMAS = dt.date(2026, 12, 25)  # a Friday


def pdok_answer(lon, lat, name="5211 AB 's-Hertogenbosch"):
    """The shape the PDOK Locatieserver answers with (longitude first in centroide_ll)."""
    return {
        "response": {
            "numFound": 1,
            "start": 0,
            "maxScore": 9.0,
            "docs": [{"id": "pcd-1", "weergavenaam": name, "centroide_ll": f"POINT({lon} {lat})"}],
        }
    }


EMPTY = {"response": {"numFound": 0, "start": 0, "maxScore": 0.0, "docs": []}}


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


class TestOpeningHours:
    evening = [Range(weekday=4, opens=dt.time(20), closes=dt.time(1), closes_next_day=True)]
    morning = [Range(weekday=0, opens=dt.time(10), closes=dt.time(12))]

    def test_open_on_its_weekday_only(self):
        assert is_open_on(self.morning, [], MONDAY)
        assert not is_open_on(self.morning, [], MONDAY + dt.timedelta(days=1))

    def test_open_now_within_the_range_and_not_at_closing_time(self):
        assert is_open_at(self.morning, [], dt.datetime.combine(MONDAY, dt.time(11, 59)))
        assert not is_open_at(self.morning, [], dt.datetime.combine(MONDAY, dt.time(12, 0)))
        assert not is_open_at(self.morning, [], dt.datetime.combine(MONDAY, dt.time(9, 59)))

    def test_open_across_midnight(self):
        friday = dt.date(2026, 12, 4)
        saturday = friday + dt.timedelta(days=1)
        assert is_open_at(self.evening, [], dt.datetime.combine(friday, dt.time(23, 30)))
        assert is_open_at(self.evening, [], dt.datetime.combine(saturday, dt.time(0, 30)))
        assert not is_open_at(self.evening, [], dt.datetime.combine(saturday, dt.time(1, 0)))
        assert not is_open_on(self.evening, [], saturday)  # "open today" means opening that day

    def test_holiday_exception_closes_the_day_and_its_night(self):
        closed = [Exception_(CHRISTMAS, closed=True)]
        assert is_open_on(self.evening, [], CHRISTMAS)
        assert not is_open_on(self.evening, closed, CHRISTMAS)
        assert not is_open_at(self.evening, closed, dt.datetime.combine(CHRISTMAS, dt.time(21)))
        after = dt.datetime.combine(CHRISTMAS + dt.timedelta(days=1), dt.time(0, 30))
        assert not is_open_at(self.evening, closed, after)

    def test_exception_can_open_a_normally_closed_day(self):
        special = [Exception_(CHRISTMAS, closed=False, opens=dt.time(14), closes=dt.time(17))]
        assert is_open_on(self.morning, special, CHRISTMAS)
        assert is_open_at(self.morning, special, dt.datetime.combine(CHRISTMAS, dt.time(15)))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("5211 AB", "5211 AB"),
        ("5211ab", "5211 AB"),
        (" 5211 ", "5211"),
        ("5211  ab ", "5211 AB"),
        ("0211 AB", None),
        ("52110", None),
        ("abcd", None),
        ("", None),
        ("5" * 5000, None),
    ],
)
def test_postcode_in_any_format(raw, expected):
    assert normalise_postcode(raw) == expected


class TestGeocoding:
    @responses.activate
    def test_postcode_gives_latitude_and_longitude_from_pdok(self):
        responses.get(PDOK, json=pdok_answer(5.3037, 51.6978))
        assert geocode_postcode("5211ab") == (51.6978, 5.3037)
        request = responses.calls[0].request
        assert "postcode%3A5211AB" in request.url and "type%3Apostcode" in request.url

    @responses.activate
    def test_answers_are_cached(self):
        responses.get(PDOK, json=pdok_answer(5.3, 51.7))
        geocode_postcode("5211 AB")
        geocode_postcode(" 5211ab ")
        assert len(responses.calls) == 1

    @responses.activate
    def test_unknown_postcode(self):
        responses.get(PDOK, json=EMPTY)
        with pytest.raises(PostcodeNotFound):
            geocode_postcode("9999 ZZ")

    @responses.activate
    @pytest.mark.parametrize(
        "failure",
        [
            {"body": requests.Timeout("too slow")},
            {"status": 500, "json": {"error": "down"}},
            {"status": 200, "body": "<html>maintenance</html>"},
            {"status": 200, "json": {"unexpected": True}},
        ],
    )
    def test_failures_are_reported_as_unavailable(self, failure):
        responses.get(PDOK, **failure)
        with pytest.raises(GeocoderUnavailable):
            geocode_postcode("5211 AB")

    @responses.activate
    @override_settings(GEOCODER_TIMEOUT=2)
    def test_the_request_is_bounded_in_time(self):
        responses.get(PDOK, json=pdok_answer(5.3, 51.7))
        geocode_address("5211 AB", "12a")
        assert responses.calls[0].request.req_kwargs["timeout"] == 2
        assert "huisnummer%3A12" in responses.calls[0].request.url


@pytest.mark.django_db
class TestFinding:
    def names(self, html):
        return re.findall(r'<li class="place-card"[^>]*>\s*<h3><a href="[^"]+">([^<]+)</a>', html)

    @responses.activate
    def test_near_a_postcode_sorts_by_distance_and_shows_it(self, make_place, client):
        make_place("Ver weg", latitude=52.5, longitude=6.1)
        make_place("Dichtbij", latitude=51.70, longitude=5.31)
        make_place("Midden", latitude=51.9, longitude=5.5)
        make_place("Zonder adres")
        responses.get(PDOK, json=pdok_answer(5.3037, 51.6978))

        html = client.get("/nl/kaart/", {"postcode": "5211ab"}).content.decode()

        assert self.names(html) == ["Dichtbij", "Midden", "Ver weg", "Zonder adres"]
        assert re.search(
            r"Dichtbij</a></h3>\s*<p[^>]*>.*?0,\d km", html, re.S
        )  # Dutch decimal comma

    @responses.activate
    @pytest.mark.parametrize(
        ("answer", "message"),
        [
            ({"json": EMPTY}, "We kennen postcode 9999 ZZ niet"),
            ({"body": requests.ConnectTimeout("slow")}, "werkt nu even niet"),
        ],
    )
    def test_geocoder_trouble_says_so_and_shows_the_list(self, make_place, client, answer, message):
        make_place("Buurthuis B", latitude=51.7, longitude=5.3)
        make_place("Buurthuis A", latitude=51.8, longitude=5.3)
        responses.get(PDOK, **answer)

        response = client.get("/nl/kaart/", {"postcode": "9999zz"})

        html = response.content.decode()
        assert response.status_code == 200
        assert message in html
        assert self.names(html) == ["Buurthuis A", "Buurthuis B"]

    def test_not_a_postcode_is_explained_without_calling_out(self, make_place, client):
        make_place("Buurthuis", latitude=51.7, longitude=5.3)
        html = client.get("/nl/kaart/", {"postcode": "hallo"}).content.decode()
        assert "is geen postcode" in html

    def test_open_today_free_and_wheelchair_filters(self, make_place, client, monkeypatch):
        from django.utils import timezone

        monkeypatch.setattr(timezone, "localdate", lambda: CHRISTMAS)
        friday = CHRISTMAS.weekday()
        make_place(
            "Open en gratis",
            hours=[(friday, (10,), (12,), False)],
            is_free=True,
            wheelchair_access=True,
        )
        make_place(
            "Open, betaald", hours=[(friday, (10,), (12,), False)], is_free=False, price="€ 3"
        )
        make_place(
            "Kerst dicht", hours=[(friday, (10,), (12,), False)], exceptions=[(CHRISTMAS, True)]
        )
        make_place("Andere dag", hours=[((friday + 1) % 7, (10,), (12,), False)])

        html = client.get("/nl/kaart/", {"dag": "vandaag"}).content.decode()
        assert self.names(html) == ["Open en gratis", "Open, betaald"]
        html = client.get("/nl/kaart/", {"dag": "vandaag", "gratis": "1"}).content.decode()
        assert self.names(html) == ["Open en gratis"]
        html = client.get("/nl/kaart/", {"rolstoel": "1"}).content.decode()
        assert self.names(html) == ["Open en gratis"]

    def test_entries_not_checked_for_too_long_are_hidden_never_deleted(self, make_place, client):
        old = make_place("Oud", last_checked=dt.date(2020, 1, 1))
        make_place("Nieuw")
        html = client.get("/nl/kaart/").content.decode()
        assert self.names(html) == ["Nieuw"]
        assert client.get(old.url).status_code == 404
        old.refresh_from_db()
        assert old.live

    def test_bad_parameters_give_a_normal_page(self, make_place, client):
        make_place("Buurthuis")
        for query in (
            {"gemeente": "atlantis"},
            {"soort": ["x" * 10_000, ""]},
            {"dag": "ooit"},
            {"wijk": "nergens", "pagina": "zeven"},
            {"q": "koffie " * 3000},
        ):
            response = client.get("/nl/kaart/", query)
            assert response.status_code == 200, query

    def test_list_and_map_data_stay_at_a_fixed_number_of_queries(self, make_place, client):
        every_day = [(day, (10,), (12,), False) for day in range(7)]
        make_place(hours=every_day, latitude=51.7, longitude=5.3)  # one result to begin with

        def grow():
            for number in range(20):
                make_place(
                    hours=[
                        (number % 7, (10,), (12,), False),
                        ((number + 3) % 7, (14,), (16,), False),
                    ],
                    exceptions=[(CHRISTMAS, True)],
                    wheelchair_access=True,
                    latitude=51.7 + number / 100,
                    longitude=5.3,
                )

        assert_same_query_count(client, "/nl/kaart/", grow, data={"dag": "vandaag"})
        response, _count = assert_same_query_count(client, "/nl/kaart/geojson/", lambda: None)
        assert len(response.json()["features"]) == 21

    def test_map_markers_are_the_places_of_the_list(self, make_place, client):
        for number in range(30):
            make_place(f"Plek {number:02d}", latitude=51.7, longitude=5.3 + number / 100)
        make_place("Telefoonlijn")  # no coordinates: in the list, not on the map
        html = client.get("/nl/kaart/", {"pagina": 2}).content.decode()
        data = client.get("/nl/kaart/geojson/", {"pagina": 2}).json()
        listed = self.names(html)
        assert [f["properties"]["name"] for f in data["features"]] == [
            name for name in listed if name != "Telefoonlijn"
        ]

    def test_page_links_land_on_the_results(self, make_place, client):
        for number in range(30):
            make_place(f"Plek {number:02d}")
        html = client.get("/nl/kaart/", {"pagina": 2}).content.decode()
        links = re.findall(r'<nav class="pagination".*?</nav>', html, re.S)[0]
        hrefs = re.findall(r'href="([^"]+)"', links)
        assert hrefs and all(href.endswith("#resultaten") for href in hrefs), hrefs


@pytest.mark.django_db
@responses.activate
def test_activity_page_shows_places_that_offer_it_nearest_first(demo_site, client):
    from activities.models import ActivityPage
    from social_map.models import PlacePage

    activity = ActivityPage.objects.get(slug="beweegtuin")
    offering = list(PlacePage.objects.live().filter(activities=activity))
    assert len(offering) >= 2  # one per demo town
    nearest = min(offering, key=lambda place: abs(place.latitude - 52.05))  # Zoetermeer
    responses.get(PDOK, json=pdok_answer(4.49, 52.05))

    html = client.get(activity.url, {"postcode": "2716va"}).content.decode()
    section = html.split('id="places-offering-title"')[1].split("</section>")[0]

    titles = re.findall(r'<li><a href="[^"]+">([^<]+)</a>', section)
    assert set(titles) == {place.title for place in offering}
    assert titles[0] == nearest.title
    assert " km)" in section


@pytest.mark.django_db
@pytest.mark.parametrize(
    "export", ["/nl/kaart/export/hsds/", "/nl/kaart/export/csv/", "/nl/kaart/print/"]
)
def test_exports_and_print_view_stay_at_a_fixed_number_of_queries(make_place, client, export):
    make_place(
        hours=[(0, (10,), (12,), False)],
        latitude=51.7,
        longitude=5.3,
        street="Markt",
        postcode="8011 AB",
        city="Zwolle",
        house_number="1",
    )

    def grow():
        for number in range(15):
            make_place(
                hours=[(number % 7, (10,), (12,), False)],
                exceptions=[(CHRISTMAS, True)],
                wheelchair_access=True,
                latitude=51.7,
                longitude=5.3 + number / 100,
                street="Markt",
                house_number=str(number + 2),
                postcode="8011 AB",
                city="Zwolle",
            )

    response, _count = assert_same_query_count(client, export, grow)
    assert "Plek 16" in response.content.decode()
