"""A slow or failing PDOK never holds the workers: failures are remembered, then not asked."""

import datetime as dt

import pytest
import requests
import responses
import time_machine
from django.test import override_settings

from core.geocoding import GeocoderUnavailable, geocode_postcode

PDOK = "https://api.pdok.nl/bzk/locatieserver/search/v3_1/free"
ANSWER = {"response": {"numFound": 1, "docs": [{"centroide_ll": "POINT(5.3037 51.6978)"}]}}
START = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)


def unavailable(postcode):
    with pytest.raises(GeocoderUnavailable):
        geocode_postcode(postcode)


@responses.activate
def test_a_failed_postcode_is_not_asked_again_for_a_while():
    responses.get(PDOK, body=requests.Timeout("too slow"))
    with time_machine.travel(START, tick=False) as clock:
        unavailable("5211 AB")
        unavailable("5211 AB")
        assert len(responses.calls) == 1
        clock.shift(dt.timedelta(seconds=121))  # GEOCODER_FAILURE_CACHE: 120 s
        unavailable("5211 AB")
        assert len(responses.calls) == 2


@responses.activate
@override_settings(GEOCODER_BREAKER_FAILURES=3, GEOCODER_BREAKER_SECONDS=60)
def test_after_three_failures_in_a_row_nobody_asks_for_a_minute():
    responses.get(PDOK, body=requests.ConnectionError("down"))
    with time_machine.travel(START, tick=False) as clock:
        for postcode in ("1011 AB", "2511 CD", "3511 EF"):
            unavailable(postcode)
        assert len(responses.calls) == 3
        unavailable("5211 AB")  # a new postcode: the breaker answers at once
        assert len(responses.calls) == 3

        clock.shift(dt.timedelta(seconds=61))
        responses.replace(responses.GET, PDOK, json=ANSWER)
        assert geocode_postcode("5211 AB") == (51.6978, 5.3037)
        assert len(responses.calls) == 4


@responses.activate
@override_settings(GEOCODER_BREAKER_FAILURES=3)
def test_an_answer_in_between_starts_the_count_again():
    responses.get(PDOK, body=requests.Timeout("too slow"))
    with time_machine.travel(START, tick=False):
        unavailable("1011 AB")
        unavailable("2511 CD")
        responses.replace(responses.GET, PDOK, json=ANSWER)
        geocode_postcode("3511 EF")
        responses.replace(responses.GET, PDOK, body=requests.Timeout("too slow"))
        unavailable("4811 AA")
        unavailable("5211 AB")
        # Two failures since the answer: the breaker is still closed.
        responses.replace(responses.GET, PDOK, json=ANSWER)
        assert geocode_postcode("6511 AA") == (51.6978, 5.3037)
        assert len(responses.calls) == 6
