"""After "Zoeken" the results are where the eye goes; with PDOK down, the list stays local."""

import re

import pytest
import requests
import responses
from django.core.cache import cache

from core.models import Municipality
from core.postcode import match_by_prefix, postcode_prefixes

PDOK = "https://api.pdok.nl/bzk/locatieserver/search/v3_1/free"


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


def names(html):
    return re.findall(r'<li class="place-card"[^>]*>\s*<h3><a href="[^"]+">([^<]+)</a>', html)


class TestMatchByPrefix:
    known = [
        ("5211 MS", "den-bosch"),
        ("5213AL", "den-bosch"),
        ("5223 EC", "den-bosch"),
        ("2712 AC", "zoetermeer"),
        ("2716 VB", "zoetermeer"),
        ("5251 AA", "vught"),
    ]

    def test_prefixes_are_4_3_and_2_digits(self):
        assert postcode_prefixes("5211ab") == ["5211", "521", "52"]
        assert postcode_prefixes("hallo") == []

    def test_longest_shared_prefix_wins(self):
        assert match_by_prefix("5211 AB", self.known) == "den-bosch"  # 4 digits
        assert match_by_prefix("2719 XX", self.known) == "zoetermeer"  # 3 digits
        assert match_by_prefix("5259 ZZ", self.known) == "vught"  # 3 digits beat 2
        assert match_by_prefix("2799 AA", self.known) == "zoetermeer"  # 2 digits

    def test_no_answer_without_a_shared_prefix_or_with_a_tie(self):
        assert match_by_prefix("9999 ZZ", self.known) is None
        assert match_by_prefix("5299 ZZ", [("5211 MS", "a"), ("5251 AA", "b")]) is None
        assert match_by_prefix("5211 AB", []) is None


@pytest.mark.django_db
class TestResultsWhereTheEyeIs:
    def test_form_points_at_the_results_heading_that_takes_focus(self, make_place, client):
        make_place("Buurthuis")
        make_place("Huiskamer")
        html = client.get("/nl/kaart/").content.decode()
        form = re.search(r'<form class="place-filters"[^>]*>', html).group(0)
        assert re.search(r'action="/nl/kaart/#resultaten"', form)
        heading = re.search(r'<h2 id="resultaten"[^>]*>([^<]*)</h2>', html)
        assert 'tabindex="-1"' in heading.group(0)
        assert heading.group(1) == "2 plekken gevonden"

    @responses.activate
    def test_a_postcode_message_is_below_the_results_heading(self, make_place, client):
        make_place("Buurthuis")
        responses.get(PDOK, body=requests.ConnectTimeout("slow"))
        html = client.get("/nl/kaart/", {"postcode": "8011 AB"}).content.decode()
        assert html.index('id="resultaten"') < html.index("werkt nu even niet")


@pytest.fixture
def two_towns(make_place):
    """Places in Zwolle (8011, 8012, 8031) and Zoetermeer (2712), and a phone line."""
    zoetermeer = Municipality.objects.create(
        name="Zoetermeer", slug="zoetermeer", cbs_code="GM0637", province="Zuid-Holland"
    )
    make_place("Zwolle Centrum", postcode="8011 AB", street="Markt", latitude=52.51, longitude=6.09)
    make_place(
        "Zwolle Assendorp", postcode="8012AB", street="Dorpsweg", latitude=52.50, longitude=6.1
    )
    make_place(
        "Zwolle Holtenbroek", postcode="8031 AA", street="Dobbe", latitude=52.53, longitude=6.1
    )
    make_place(
        "Zoetermeer Palenstein",
        postcode="2712 AC",
        street="Pad",
        municipality=zoetermeer,
        latitude=52.05,
        longitude=4.49,
    )
    make_place("Luisterlijn", is_remote=True, municipality=None)
    return zoetermeer


@pytest.mark.django_db
class TestPostcodeServiceDown:
    @responses.activate
    @pytest.mark.parametrize(
        "failure", [{"body": requests.ConnectTimeout("slow")}, {"status": 503}]
    )
    def test_the_list_keeps_to_the_municipality_of_the_postcode(self, two_towns, client, failure):
        responses.get(PDOK, **failure)
        html = client.get("/nl/kaart/", {"postcode": "8013 XY"}).content.decode()
        assert names(html) == [
            "Luisterlijn",
            "Zwolle Assendorp",
            "Zwolle Centrum",
            "Zwolle Holtenbroek",
        ]
        assert re.search(r'<h2 id="resultaten"[^>]*>4 plekken gevonden in Zwolle</h2>', html)
        assert "alleen plekken in de gemeente Zwolle" in html
        assert "kunnen we nu niet uitrekenen" in html
        assert " km" not in html.split('id="resultaten"')[1]

    @responses.activate
    def test_the_other_town_too_and_the_map_matches(self, two_towns, client):
        responses.get(PDOK, status=503)
        query = {"postcode": "2719ZZ"}
        html = client.get("/nl/kaart/", query).content.decode()
        assert names(html) == ["Luisterlijn", "Zoetermeer Palenstein"]
        features = client.get("/nl/kaart/geojson/", query).json()["features"]
        assert [f["properties"]["name"] for f in features] == ["Zoetermeer Palenstein"]

    @responses.activate
    def test_an_unknown_region_keeps_the_whole_list_and_says_so(self, two_towns, client):
        responses.get(PDOK, status=503)
        html = client.get("/nl/kaart/", {"postcode": "9999 ZZ"}).content.decode()
        assert len(names(html)) == 5
        assert "We tonen de lijst op naam" in html
        assert "alleen plekken in de gemeente" not in html

    @responses.activate
    def test_a_chosen_municipality_is_not_overruled(self, two_towns, client):
        responses.get(PDOK, status=503)
        html = client.get(
            "/nl/kaart/", {"postcode": "8013 XY", "gemeente": "zoetermeer"}
        ).content.decode()
        assert names(html) == ["Zoetermeer Palenstein"]

    @responses.activate
    def test_with_the_service_up_the_list_is_by_distance_not_limited(self, two_towns, client):
        responses.get(
            PDOK,
            json={"response": {"docs": [{"centroide_ll": "POINT(6.09 52.51)"}]}},
        )
        html = client.get("/nl/kaart/", {"postcode": "8011 AB"}).content.decode()
        assert names(html)[0] == "Zwolle Centrum"
        assert "Zoetermeer Palenstein" in names(html)
        assert "alleen plekken in de gemeente" not in html
