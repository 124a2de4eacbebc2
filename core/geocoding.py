"""Postcodes and addresses to coordinates, through the PDOK Locatieserver.

A public Dutch service without a key. Answers are cached; a time-out or an error is
reported as "unavailable" so the page can say so plainly and show the unsorted list.

A slow or failing service must never hold the site's workers: a failure is remembered for
a short while (``GEOCODER_FAILURE_CACHE`` seconds) for that query, and after
``GEOCODER_BREAKER_FAILURES`` failures in a row the service is not asked at all for
``GEOCODER_BREAKER_SECONDS`` (a circuit breaker, counted in the shared cache so every
worker knows). One answer from the service closes the breaker again.

Every page with an address (``core.models.Location``: places of the sociale kaart, events
of the agenda) is geocoded the same way: when the editor saves a new or changed address,
by ``fill_coordinates`` in the page's admin form, never in ``save()``.
"""

import re

import requests
from django.conf import settings
from django.core.cache import cache

from .postcode import normalise_postcode

POINT = re.compile(r"POINT\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)")
FOUND_FOR = 60 * 60 * 24 * 30
NOT_FOUND_FOR = 60 * 60 * 24
UNAVAILABLE = "unavailable"
FAILURES_KEY = "geocode:breaker:failures"
OPEN_KEY = "geocode:breaker:open"
# The fields of an address: a change to one of them means the point must be looked up again.
ADDRESS_FIELDS = ("street", "house_number", "postcode", "city")


class GeocodingError(Exception):
    pass


class PostcodeNotFound(GeocodingError):
    """The service answered, but knows no such postcode or address."""


class GeocoderUnavailable(GeocodingError):
    """The service did not answer in time, or answered with an error."""


def _search(query, kind):
    try:
        response = requests.get(
            settings.GEOCODER_URL,
            params={
                "q": query,
                "fq": f"type:{kind}",
                "rows": 1,
                "fl": "id,weergavenaam,centroide_ll",
            },
            timeout=settings.GEOCODER_TIMEOUT,
        )
        response.raise_for_status()
        docs = response.json()["response"]["docs"]
    except (requests.RequestException, ValueError, KeyError, TypeError) as error:
        raise GeocoderUnavailable(str(error)) from error
    if not docs:
        raise PostcodeNotFound(query)
    match = POINT.match(docs[0].get("centroide_ll", ""))
    if not match:
        raise GeocoderUnavailable("answer without coordinates")
    longitude, latitude = (float(value) for value in match.groups())  # longitude first
    return latitude, longitude


def _breaker_is_open():
    return cache.get(OPEN_KEY) is not None


def _record_failure():
    """Count a failure; enough in a row open the breaker for a while."""
    seconds = settings.GEOCODER_BREAKER_SECONDS
    cache.add(FAILURES_KEY, 0, seconds)
    try:
        failures = cache.incr(FAILURES_KEY)
    except ValueError:  # expired between add and incr
        cache.set(FAILURES_KEY, 1, seconds)
        failures = 1
    if failures >= settings.GEOCODER_BREAKER_FAILURES:
        cache.set(OPEN_KEY, True, seconds)
        cache.delete(FAILURES_KEY)


def _record_answer():
    cache.delete_many([FAILURES_KEY, OPEN_KEY])


def _cached(key, query, kind):
    cached = cache.get(key)
    if cached == "not-found":
        raise PostcodeNotFound(query)
    if cached == UNAVAILABLE or (cached is None and _breaker_is_open()):
        raise GeocoderUnavailable("the postcode service failed a moment ago")
    if cached is not None:
        return tuple(cached)
    try:
        point = _search(query, kind)
    except PostcodeNotFound:
        _record_answer()
        cache.set(key, "not-found", NOT_FOUND_FOR)
        raise
    except GeocoderUnavailable:
        _record_failure()
        cache.set(key, UNAVAILABLE, settings.GEOCODER_FAILURE_CACHE)
        raise
    _record_answer()
    cache.set(key, list(point), FOUND_FOR)
    return point


def geocode_postcode(value):
    """(latitude, longitude) of a postcode in any common notation."""
    postcode = normalise_postcode(value)
    if postcode is None:
        raise PostcodeNotFound(value)
    compact = postcode.replace(" ", "")
    if len(compact) == 4:
        return _cached(f"geocode:pc4:{compact}", compact, "postcode")
    return _cached(f"geocode:pc6:{compact}", f"postcode:{compact}", "postcode")


def geocode_address(postcode, house_number):
    normalised = normalise_postcode(postcode)
    number = re.match(r"\s*(\d+)", house_number or "")
    if normalised is None or len(normalised) < 7 or number is None:
        raise PostcodeNotFound(f"{postcode} {house_number}")
    compact = normalised.replace(" ", "")
    query = f"postcode:{compact} and huisnummer:{number.group(1)}"
    return _cached(f"geocode:adres:{compact}:{number.group(1)}", query, "adres")


def fill_coordinates(cleaned, changed_data):
    """Geocode when the editor saves a new or changed address (places and events alike).

    ``cleaned`` is a form's ``cleaned_data`` with the fields of ``core.models.Location``.
    Coordinates the editor typed in this save win; when the service cannot find the
    address, the page is saved all the same and a hook tells the editor.
    """
    if cleaned.get("postcode"):
        cleaned["postcode"] = normalise_postcode(cleaned["postcode"]) or cleaned["postcode"]
    typed_coordinates = {"latitude", "longitude"} & set(changed_data)
    address_changed = bool(set(ADDRESS_FIELDS) & set(changed_data))
    missing = cleaned.get("latitude") is None or cleaned.get("longitude") is None
    if typed_coordinates or not (address_changed or missing):
        return
    if not (cleaned.get("postcode") and cleaned.get("house_number")):
        return
    try:
        cleaned["latitude"], cleaned["longitude"] = geocode_address(
            cleaned["postcode"], cleaned["house_number"]
        )
    except GeocodingError:
        if address_changed:
            cleaned["latitude"] = cleaned["longitude"] = None
