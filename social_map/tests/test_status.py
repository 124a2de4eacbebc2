"""Phone lines reachable day and night, today's hours, temporary closures and short notices.

Each is read the same way on the place page, in the list, on the map, on the print and in
the HSDS export.
"""

import datetime as dt
import re
import zoneinfo

import pytest

from social_map.models import PlaceKind, PlacePage
from social_map.status import Today

from .test_hsds import COLLECTIONS, registry, validator

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
MONDAY = dt.date(2026, 12, 7)
EVERY_DAY = [(day, (10,), (12,), False) for day in range(7)]


@pytest.fixture(autouse=True)
def monday(time_machine):
    time_machine.move_to(dt.datetime(2026, 12, 7, 9, 30, tzinfo=AMSTERDAM), tick=False)


def names(html):
    return re.findall(r'<li class="place-card"[^>]*>\s*<h3><a href="[^"]+">([^<]+)</a>', html)


def card(html, title):
    """The list card of ``title``: from its ``<li class="place-card"`` to the next one."""
    cards = html.split('<ol class="place-list">')[1].split("</ol>")[0]
    cards = cards.split('<li class="place-card"')[1:]
    return next(item for item in cards if f">{title}</a></h3>" in item)


def first_time(html):
    return html.split('id="place-first-time"')[1].split("</section>")[0]


@pytest.fixture
def phone_line(make_place):
    return make_place(
        "Luisterlijn",
        reachable_always=True,
        is_remote=True,
        municipality=None,
        phone="0900 0000",
        latitude=52.1,  # an office somewhere: still no building to go to
        longitude=5.1,
        opening_note="Dag en nacht bereikbaar, het hele jaar door.",
    )


@pytest.mark.django_db
class TestPhoneAndOnlineServices:
    def test_the_page_says_reachable_day_and_night_and_how_a_first_call_goes(
        self, phone_line, client
    ):
        html = client.get(phone_line.url).content.decode()
        assert "Dag en nacht bereikbaar" in html
        assert "Vandaag niet open" not in html
        assert "U hoeft niets voor te bereiden. Er is iemand die naar u luistert." in first_time(
            html
        )
        assert "zonder afspraak" not in html
        assert "Telefonisch of online: overal bereikbaar" in html

    def test_counts_as_open_today_and_on_every_weekday(self, make_place, phone_line, client):
        make_place("Maandagclub", hours=[(0, (10,), (12,), False)])
        make_place("Dinsdagclub", hours=[(1, (10,), (12,), False)])
        html = client.get("/nl/kaart/", {"dag": "vandaag"}).content.decode()
        assert names(html) == ["Luisterlijn", "Maandagclub"]
        assert "Dag en nacht bereikbaar" in card(html, "Luisterlijn")
        html = client.get("/nl/kaart/", {"dag": "zondag"}).content.decode()
        assert names(html) == ["Luisterlijn"]

    def test_not_a_marker_on_the_map_but_in_the_list(self, make_place, phone_line, client):
        make_place("Buurthuis", latitude=52.0, longitude=5.0)
        html = client.get("/nl/kaart/").content.decode()
        features = client.get("/nl/kaart/geojson/").json()["features"]
        assert names(html) == ["Buurthuis", "Luisterlijn"]
        assert [feature["properties"]["name"] for feature in features] == ["Buurthuis"]
        assert "overal bereikbaar" in card(html, "Luisterlijn")

    def test_hsds_service_without_location_reachable_every_day(self, phone_line, client):
        document = client.get("/nl/kaart/export/hsds/").json()
        assert document["locations"] == []
        (service,) = document["services"]
        always = [s for s in service["schedules"] if s.get("byday") == "MO,TU,WE,TH,FR,SA,SU"]
        assert always and "Dag en nacht" in always[0]["description"]
        check = validator("service.json", registry())
        assert list(check.iter_errors(service)) == []

    def test_the_print_says_day_and_night(self, phone_line, client):
        html = client.get("/nl/kaart/print/").content.decode()
        assert "dag en nacht bereikbaar" in html
        assert "overal bereikbaar" in html


@pytest.mark.django_db
class TestTodaysHours:
    def test_list_and_page_show_todays_hours(self, make_place, client):
        place = make_place(
            "Huiskamer",
            hours=[(0, (14,), (16,), False), (0, (10,), (12,), False), (2, (9,), (11,), False)],
        )
        html = client.get("/nl/kaart/").content.decode()
        expected = "Vandaag open van 10:00 tot 12:00 en van 14:00 tot 16:00"
        assert expected in card(html, "Huiskamer")
        assert expected in client.get(place.url).content.decode()

    def test_a_special_day_shows_its_own_hours(self, make_place):
        place = make_place("Bieb", hours=[(0, (10,), (17,), False)])
        place.opening_exceptions.create(
            date=MONDAY, closed=False, opens=dt.time(13), closes=dt.time(15)
        )
        assert place.today() == Today(True, "Vandaag open van 13:00 tot 15:00")

    def test_a_place_without_hours_says_what_the_editor_wrote(self, make_place):
        place = make_place("Belservice", is_remote=True, opening_note="Een vrijwilliger belt u.")
        assert place.today() == Today(False, "Een vrijwilliger belt u.")


@pytest.fixture
def closed(make_place):
    return make_place(
        "Buurthuis Dicht",
        hours=EVERY_DAY,
        latitude=52.0,
        longitude=5.0,
        street="Markt",
        house_number="1",
        postcode="8011 AB",
        city="Zwolle",
        closed_from=MONDAY - dt.timedelta(days=3),
        closed_until=dt.date(2027, 1, 4),
        closed_reason="verbouwing",
    )


@pytest.fixture
def noticed(make_place):
    return make_place(
        "Huiskamer Verhuisd",
        hours=EVERY_DAY,
        latitude=52.1,
        longitude=5.0,
        notice="Deze week zitten we in het wijkcentrum.",
        notice_until=MONDAY + dt.timedelta(days=4),
    )


CLOSED_TEXT = "Tijdelijk gesloten tot en met 4 januari 2027. Reden: verbouwing."


@pytest.mark.django_db
class TestTemporarilyClosed:
    def test_page_says_closed_and_why(self, closed, client):
        html = client.get(closed.url).content.decode()
        assert CLOSED_TEXT in html
        assert "Vandaag open" not in html

    def test_list_shows_it_and_today_leaves_it_out(self, closed, noticed, client):
        html = client.get("/nl/kaart/").content.decode()
        assert CLOSED_TEXT in card(html, "Buurthuis Dicht")
        assert "Vandaag open" not in card(html, "Buurthuis Dicht")
        assert "Deze week zitten we in het wijkcentrum." in card(html, "Huiskamer Verhuisd")
        html = client.get("/nl/kaart/", {"dag": "vandaag"}).content.decode()
        assert names(html) == ["Huiskamer Verhuisd"]

    def test_map_data_carries_closure_and_notice(self, closed, noticed, client):
        features = client.get("/nl/kaart/geojson/").json()["features"]
        properties = {f["properties"]["name"]: f["properties"] for f in features}
        assert properties["Buurthuis Dicht"]["status"] == CLOSED_TEXT
        assert properties["Buurthuis Dicht"]["temporarily_closed"] is True
        assert properties["Buurthuis Dicht"]["open_today"] is False
        assert (
            properties["Huiskamer Verhuisd"]["notice"] == "Deze week zitten we in het wijkcentrum."
        )
        assert properties["Huiskamer Verhuisd"]["today"] == "Vandaag open van 10:00 tot 12:00"

    def test_print_shows_closure_and_notice(self, closed, noticed, client):
        html = client.get("/nl/kaart/print/").content.decode()
        assert CLOSED_TEXT in html
        assert "Deze week zitten we in het wijkcentrum." in html

    def test_hsds_status_alert_and_closure_schedule_are_valid(self, closed, noticed, client):
        document = client.get("/nl/kaart/export/hsds/").json()
        services = {service["name"]: service for service in document["services"]}
        assert services["Buurthuis Dicht"]["status"] == "temporarily closed"
        assert services["Buurthuis Dicht"]["alert"] == CLOSED_TEXT
        closure = [s for s in services["Buurthuis Dicht"]["schedules"] if "valid_from" in s]
        assert closure == [
            {
                "id": closure[0]["id"],
                "service_id": services["Buurthuis Dicht"]["id"],
                "valid_from": "2026-12-04",
                "valid_to": "2027-01-04",
                "description": "Tijdelijk gesloten",
                "notes": "verbouwing",
            }
        ]
        assert services["Huiskamer Verhuisd"]["status"] == "active"
        assert services["Huiskamer Verhuisd"]["alert"] == "Deze week zitten we in het wijkcentrum."
        reg = registry()
        for collection, schema in COLLECTIONS.items():
            check = validator(schema, reg)
            for item in document[collection]:
                assert list(check.iter_errors(item)) == [], item

    def test_a_closure_to_come_is_announced_and_a_past_one_forgotten(self, make_place, client):
        coming = make_place(
            "Straks dicht", hours=EVERY_DAY, closed_from=dt.date(2026, 12, 21), closed_reason=""
        )
        over = make_place(
            "Weer open",
            hours=EVERY_DAY,
            closed_from=dt.date(2026, 11, 1),
            closed_until=dt.date(2026, 12, 6),
        )
        assert coming.is_open_on(MONDAY) and over.is_open_on(MONDAY)
        assert not coming.is_open_on(dt.date(2027, 3, 1))  # no last day: closed until changed
        html = client.get(coming.url).content.decode()
        assert "Vanaf 21 december 2026 tijdelijk gesloten." in html
        assert "tijdelijk gesloten" not in client.get(over.url).content.decode().lower()

    def test_a_notice_disappears_after_its_last_day(self, noticed, client, time_machine):
        assert "wijkcentrum" in client.get(noticed.url).content.decode()
        time_machine.move_to(dt.datetime(2026, 12, 12, 9, tzinfo=AMSTERDAM), tick=False)
        assert "wijkcentrum" not in client.get(noticed.url).content.decode()
        assert "wijkcentrum" not in client.get("/nl/kaart/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"closed_until": "2026-12-31"}, "closed_from", "Vul de eerste dag in"),
        (
            {"closed_from": "2026-12-31", "closed_until": "2026-12-01"},
            "closed_until",
            "ligt vóór de eerste dag",
        ),
        ({"notice": "Deze week elders."}, "notice_until", "Vul de laatste dag in"),
    ],
)
def test_editor_gets_a_clear_message_for_incomplete_dates(
    social_map, make_place, admin_client, fields, field, message
):
    from .test_admin import place_form

    kind = PlaceKind.objects.get(slug="buurthuis")
    response = admin_client.post(
        f"/admin/pages/add/social_map/placepage/{social_map.pk}/",
        place_form(kind, [], latitude="51.7", longitude="5.3", **fields),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PlacePage.objects.filter(slug="de-kroon").exists()
