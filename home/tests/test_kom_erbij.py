"""The Kom erbij-plan: the guide's answer, what is near a postcode and the helplines.

PDOK is never called: its answers are stubbed with ``responses``.
"""

import math
import re

import pytest
import responses
from django.utils.html import escape

from events.models import EventOccurrence
from social_map.models import PlacePage

PDOK = "https://api.pdok.nl/bzk/locatieserver/search/v3_1/free"
GUIDE_URL = "/nl/activiteitenbank/profielwijzer/"
PLAN_URL = GUIDE_URL + "kom-erbij-plan/"
ACTIEVEN = {"duur": "kort", "contact": "ja", "aanpak": "zelf"}
OVERLEVERS = {"duur": "lang", "contact": "nee", "aanpak": "afwachten"}
DEN_BOSCH = (51.6978, 5.3037)


def pdok_answer(lat, lon):
    doc = {"id": "pcd-1", "weergavenaam": "5211 AB", "centroide_ll": f"POINT({lon} {lat})"}
    return {"response": {"numFound": 1, "start": 0, "maxScore": 9.0, "docs": [doc]}}


def plan_of(response):
    assert response.status_code == 200
    return response.content.decode().split('<article class="plan"')[1].split("</article>")[0]


def nearest_visible_places(lat, lon, count=5):
    """The places residents may see nearest to a point, by the same approximation as the SQL
    (a place not checked for too long is hidden: the demo has one)."""
    places = [
        p for p in PlacePage.objects.live() if p.latitude is not None and not p.is_hidden_as_stale
    ]
    scale = math.cos(math.radians(lat)) ** 2
    return sorted(places, key=lambda p: (p.latitude - lat) ** 2 + (p.longitude - lon) ** 2 * scale)[
        :count
    ]


@pytest.mark.django_db
@responses.activate
def test_plan_for_a_postcode_has_the_profile_the_nearest_places_and_dates(demo_site, client):
    responses.get(PDOK, json=pdok_answer(*DEN_BOSCH))
    plan = plan_of(client.get(PLAN_URL, {**ACTIEVEN, "postcode": "5211ab"}))

    assert "Wat past bij u: Actieven" in plan
    assert "Lichte steun is vaak genoeg" in plan
    assert "Allegoeds vakanties" in plan and "(en nog 24: scan de eerste QR-code)" in plan
    assert "weinig aanbod" not in plan

    # The five nearest places, nearest first, each with its distance; none from Zoetermeer.
    expected = [escape(p.title) for p in nearest_visible_places(*DEN_BOSCH)]
    places = plan.split('id="plan-places"')[1].split("</section>")[0]
    pattern = r"<strong>([^<]+)</strong> <span class=\"plan__meta\">\(([\d,.]+) km\)"
    listed = [(name, float(km.replace(",", "."))) for name, km in re.findall(pattern, places)]
    assert [name for name, _km in listed] == expected
    assert [km for _name, km in listed] == sorted(km for _name, km in listed)
    assert "Zoetermeer" not in places
    assert "Inloophuis Binnenstad" not in places  # hidden: not checked for over a year
    # A place that offers an activity fitting this profile says so.
    assert "Hier: Huiskamer van de buurt" in places

    # Coming dates within reach, each with a distance; never one from another city.
    dates = plan.split('id="plan-dates"')[1].split("</section>")[0]
    assert "Binnenkort, dichtbij 5211 AB" in dates
    scale = math.cos(math.radians(DEN_BOSCH[0])) ** 2
    near = {
        o.event.title
        for o in EventOccurrence.objects.filter(latitude__isnull=False).select_related("event")
        if math.sqrt((o.latitude - DEN_BOSCH[0]) ** 2 + (o.longitude - DEN_BOSCH[1]) ** 2 * scale)
        * 111.32
        <= 25
    }
    titles = re.findall(r"<li><strong>([^<]+)</strong>", dates)
    assert 1 <= len(titles) <= 5
    # Only events within 25 km (titles may be shortened with "…"); none from Zwolle.
    assert all(any(escape(n).startswith(t.rstrip("…")) for n in near) for t in titles)
    assert "Zwolle" not in dates
    assert "afstand onbekend" not in dates and dates.count(" km)") == len(titles)

    # The helplines and three QR codes (guide result, sociale kaart near the postcode, agenda).
    assert ">Sensoor</strong>" in plan
    assert plan.count('<svg role="img"') == 3
    assert len(responses.calls) == 1 and "5211" in responses.calls[0].request.url


@pytest.mark.django_db
@responses.activate
def test_when_the_postcode_service_fails_the_plan_says_the_distance_is_unknown(demo_site, client):
    responses.get(PDOK, status=503)
    plan = plan_of(client.get(PLAN_URL, {**ACTIEVEN, "postcode": "5211 AB"}))
    assert "werkt nu even niet" in plan and "Daarom weten we de afstand niet" in plan
    dates = plan.split('id="plan-dates"')[1].split("</section>")[0]
    assert "Binnenkort in de agenda" in dates
    assert dates.count("afstand onbekend") == len(re.findall(r"<li><strong>", dates)) >= 1
    assert " km)" not in plan  # no distance is guessed
    places = plan.split('id="plan-places"')[1].split("</section>")[0]
    assert "<li>" not in places and "Scan de QR-code van de sociale kaart" in places


@pytest.mark.django_db
def test_a_wrong_postcode_is_named_and_pdok_is_not_asked(demo_site, client):
    with responses.RequestsMock() as mock:  # any request would fail the test
        plan = plan_of(client.get(PLAN_URL, {**ACTIEVEN, "postcode": "hallo"}))
        assert len(mock.calls) == 0
    assert "“hallo” is geen postcode" in plan


@pytest.mark.django_db
def test_plan_for_a_profile_with_little_offer_gives_the_honest_answer(demo_site, client):
    plan = plan_of(client.get(PLAN_URL, {**OVERLEVERS, "postcode": ""}))
    assert "Wat past bij u: Overlevers" in plan
    assert "Voor dit profiel is er weinig aanbod. Praat met een welzijnswerker" in plan
    assert ">Sensoor</strong>" in plan
    assert "U vulde geen postcode in" in plan


@pytest.mark.django_db
def test_without_all_answers_the_plan_sends_back_to_the_guide(demo_site, client):
    response = client.get(PLAN_URL, {"duur": "kort", "postcode": "5211 AB"})
    assert response.status_code == 302
    assert response["Location"].startswith(GUIDE_URL + "?duur=kort")
    assert "postcode" not in response["Location"]
    assert client.get(PLAN_URL)["Location"] == GUIDE_URL
