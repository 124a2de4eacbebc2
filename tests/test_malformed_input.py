"""Malformed values in every public form and list filter: a form error or a note, never a 500.

Issue 15's probe sent an id beyond 64 bits to the announcement form and got a 500 (SQLite's
``OverflowError``). Here every public page that takes input (the lists and their feeds and
maps through their GET parameters, the search, the profile guide, the announcement form, the
sign-up forms, "Klopt er iets niet?") gets, in every parameter or field its own HTML form
names and every filter its filter set declares: ids out of range either way, negative and
non-numeric values, NUL bytes, huge numbers, long text and lists of junk. The test client
raises any exception a view lets through, so a 500 fails with its traceback.
"""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from activities.filters import ActivityFilter
from events.filters import EventFilter
from koplopers.filters import KoploperFilter
from social_map.filters import PlaceFilter

pytestmark = pytest.mark.django_db

JUNK = [
    str(2**64),
    str(-(2**63) - 1),
    "-1",
    "abc",
    "\x00",
    "1e400",
    "9" * 400,
    "2026-13-45",
    "ü" * 120,
]
FILTER_NAMES = {
    name
    for filterset in (ActivityFilter, EventFilter, KoploperFilter, PlaceFilter)
    for name in filterset.base_filters
}
EXTRA_NAMES = {"pagina", "postcode", "huisnummer", "q", "type", "tag", "page"}
OK = {200, 301, 302, 400, 404, 405, 429}

# (page type, sub-routes of its own that read the same parameters)
PUBLIC_PAGES = [
    ("home.HomePage", [""]),
    ("events.EventIndexPage", ["", "archief/", "ical/", "geojson/", "programma/"]),
    ("events.EventPage", ["", "ical/", "uitnodiging/"]),
    ("social_map.SocialMapPage", ["", "geojson/", "print/", "export/hsds/", "export/csv/"]),
    ("social_map.PlacePage", [""]),
    ("activities.ActivityIndexPage", [""]),
    ("activities.ActivityPage", ["", "kom-erbij-plan/"]),
    ("activities.ProfileGuidePage", [""]),
    ("koplopers.KoploperIndexPage", ["", "geojson/"]),
    ("news.NewsIndexPage", ["", "rss/", "atom/"]),
]
POST_PAGES = ["events.EventSubmissionPage", "signups.FormPage"]


@pytest.fixture(autouse=True)
def no_limits(settings, monkeypatch):
    """Every request is looked at: no rate limit, no postcode service."""
    settings.RATELIMIT_ENABLE = False
    monkeypatch.setattr("core.geocoding.geocode_address", lambda postcode, number: None)


def first_url(content_type):
    app_label, model = content_type.lower().split(".")
    page = (
        Page.objects.live()
        .filter(content_type__app_label=app_label, content_type__model=model)
        .filter(locale__language_code="nl")
        .order_by("path")
        .first()
    )
    assert page is not None, f"the demo has no {content_type}"
    return page.url


def form_names(html, method):
    """The names of the inputs of the page's forms with ``method``, honeypots left out."""
    names = set()
    for form in BeautifulSoup(html, "html.parser").find_all("form"):
        if (form.get("method") or "get").lower() != method:
            continue
        for field in form.find_all(["input", "select", "textarea"]):
            name = field.get("name")
            honeypot = field.get("tabindex") == "-1" and field.get("autocomplete") == "off"
            if name and not honeypot and name != "csrfmiddlewaretoken":
                names.add(name)
    return names


def assert_no_error(response, what):
    assert response.status_code in OK, f"{what}: {response.status_code}"


def get_every_junk(client, url, names):
    for value in JUNK:
        assert_no_error(client.get(url, dict.fromkeys(names, value)), f"{url} {value!r}")
    assert_no_error(client.get(url, dict.fromkeys(names, JUNK * 3)), f"{url} lists")


@pytest.mark.parametrize("content_type, routes", PUBLIC_PAGES, ids=[p[0] for p in PUBLIC_PAGES])
def test_lists_and_pages_answer_junk_parameters_without_an_error(
    client, demo_site, content_type, routes
):
    base = first_url(content_type)
    names = FILTER_NAMES | EXTRA_NAMES | form_names(client.get(base).content.decode(), "get")
    for route in routes:
        get_every_junk(client, base + route, names)


def test_the_search_and_its_suggestions_answer_junk_without_an_error(client, demo_site):
    with translation.override("nl"):
        search, suggestions = reverse("search"), reverse("search_suggestions")
    names = EXTRA_NAMES | form_names(client.get(search, {"q": "koffie"}).content.decode(), "get")
    get_every_junk(client, search, names | {"gemeente", "doelgroep"})
    get_every_junk(client, suggestions, {"q"})


@pytest.mark.parametrize("content_type", POST_PAGES)
def test_public_forms_answer_junk_with_form_errors(client, demo_site, content_type):
    url = first_url(content_type)
    names = form_names(client.get(url).content.decode(), "post")
    assert names, f"no form on {url}"
    for value in JUNK:
        response = client.post(url, dict.fromkeys(names, value))
        assert response.status_code == 200, f"{url} {value!r}: {response.status_code}"
    response = client.post(url, dict.fromkeys(names, JUNK))
    assert response.status_code == 200


@pytest.mark.parametrize("field", ["place", "municipality", "target_groups", "accessibility"])
@pytest.mark.parametrize("value", [str(2**63), str(2**64), str(-(2**63) - 1), "-5", "x", "\x00"])
def test_every_choice_of_the_announcement_form_refuses_ids_out_of_range(
    client, demo_site, field, value
):
    url = first_url("events.EventSubmissionPage")
    response = client.post(url, {field: [value, "1", "junk"] if field.endswith("s") else value})
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one(f"#id_{field}_error"), f"{field}={value!r} was accepted"


def test_the_feedback_form_answers_junk_with_form_errors(client, demo_site):
    url = first_url("social_map.PlacePage") + "klopt-er-iets-niet/"
    names = form_names(client.get(url).content.decode(), "post")
    assert "message" in names
    for value in JUNK:
        assert client.post(url, dict.fromkeys(names, value)).status_code in (200, 302)


def test_nul_characters_never_reach_a_view(rf):
    """PostgreSQL refuses NUL in text: they are dropped from GET before any view reads it."""
    from core.query_values import StripNulMiddleware

    seen = {}

    def view(request):
        seen.update(request.GET.lists())
        return None

    StripNulMiddleware(view)(rf.get("/", {"gemeente": "zw\x00olle", "a\x00": ["1", "\x00"]}))
    assert seen == {"gemeente": ["zwolle"], "a": ["1", ""]}
