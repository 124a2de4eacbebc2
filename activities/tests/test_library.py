"""The activity library, checked against its data file through the rendered pages."""

import re
from collections import Counter

import pytest
from django.utils.html import escape

from activities.demo import DATA_FILE
from activities.models import ActivityPage
from core.demo import read_yaml

DATA = read_yaml(DATA_FILE)
ACTIVITIES = DATA["activities"]
INDEX_URL = "/nl/activiteitenbank/"
FACET_KEYS = {
    "soort": lambda a: {a["type"]},
    "onderbouwing": lambda a: {a["evidence"]},
    "doelgroep": lambda a: set(a.get("target_groups", [])),
    "profiel": lambda a: {tag["profile"] for tag in a.get("profiles", [])},
    "onderdeel": lambda a: set(a.get("parts", [])),
}


def matching(selection, skip=None):
    """The activities of the data file that a selection of filters should give."""
    return [
        a
        for a in ACTIVITIES
        if all(
            not values or FACET_KEYS[param](a) & set(values)
            for param, values in selection.items()
            if param != skip
        )
    ]


def shown_titles(html):
    return re.findall(r'<li class="activity-card">\s*<h3><a href="[^"]+">([^<]+)</a>', html)


def option_count(html, param, slug):
    match = re.search(
        rf'id="f-{param}-{re.escape(slug)}"[^>]*>\s*<label[^>]*>[^<]*<span class="facet__count">\((\d+)',
        html,
    )
    assert match, f"no option {param}={slug}"
    return int(match.group(1))


def test_data_file_has_all_63_activities_with_known_terms():
    assert len(ACTIVITIES) == 63
    assert len({a["key"] for a in ACTIVITIES}) == 63
    defined = {
        "type": {t["key"] for t in DATA["activity_types"]},
        "evidence": {e["key"] for e in DATA["evidence_levels"]},
    }
    for activity in ACTIVITIES:
        assert activity["type"] in defined["type"]
        assert activity["evidence"] in defined["evidence"]
        for tag in activity.get("profiles", []):
            assert tag["reason"].strip(), f"{activity['key']}: a profile tag needs its reason"


@pytest.mark.django_db
def test_every_activity_is_on_the_site_under_its_type_and_evidence_level(demo_site, client):
    pages = {
        page.slug: page
        for page in ActivityPage.objects.select_related("activity_type", "evidence_level")
    }
    assert set(pages) == {a["key"] for a in ACTIVITIES}
    for activity in ACTIVITIES:
        page = pages[activity["key"]]
        assert page.live
        assert (page.activity_type.slug, page.evidence_level.slug) == (
            activity["type"],
            activity["evidence"],
        )
    html = client.get(INDEX_URL, {"pagina": 1}).content.decode()
    assert f"{len(ACTIVITIES)} activiteiten" in html


SELECTIONS = [
    {},
    {"doelgroep": ["ouderen"], "onderbouwing": ["onderbouwd"]},
    {"soort": ["een-op-een", "cursussen"]},
    {
        "soort": ["groepsverband"],
        "onderbouwing": ["kansrijk"],
        "onderdeel": ["ondersteunen-en-activeren"],
    },
    {"doelgroep": ["ouderen", "weduwen-en-weduwnaars"], "onderbouwing": ["onderbouwd"]},
]


@pytest.mark.django_db
def test_filters_combine_and_count_like_the_data_file(demo_site, client):
    # One demo site for all selections: loading it is the slow part.
    for selection in SELECTIONS:
        expected = sorted(a["name"] for a in matching(selection))
        html = client.get(INDEX_URL, {**selection, "pagina": "1"}).content.decode()

        assert f"{len(expected)} activiteit" in html, selection
        if len(expected) <= 20:  # the whole result fits on the first page
            assert sorted(shown_titles(html)) == sorted(escape(name) for name in expected)

        # Each option counts what it would give together with the other facets' choices.
        for param in FACET_KEYS:
            others = matching(selection, skip=param)
            counts = Counter(key for a in others for key in FACET_KEYS[param](a))
            for option in re.findall(rf'id="f-{param}-([^"]+)"', html):
                assert option_count(html, param, option) == counts.get(option, 0), (
                    selection,
                    param,
                    option,
                )


@pytest.mark.django_db
def test_results_are_alphabetical_and_paginated(demo_site, client):
    first = shown_titles(client.get(INDEX_URL).content.decode())
    second = shown_titles(client.get(INDEX_URL, {"pagina": 2}).content.decode())
    assert len(first) == 20
    names = sorted((a["name"] for a in ACTIVITIES), key=str.casefold)
    assert [t.casefold() for t in first + second] == [escape(n).casefold() for n in names[:40]]


BAD_QUERIES = [
    {"doelgroep": "bestaat-niet"},
    {"doelgroep": ["ouderen", "ouderen", ""]},
    {"soort": "", "onderbouwing": ""},
    {"doelgroep": "x" * 10_000},
    {"onbekend": "waarde", "pagina": "9999"},
    {"pagina": "abc"},
    {"doelgroep": [f"g{i}" for i in range(200)]},
]


@pytest.mark.django_db
def test_bad_filter_input_gives_a_normal_page(demo_site, client):
    for query in BAD_QUERIES:
        response = client.get(INDEX_URL, query)
        assert response.status_code == 200, query
        html = response.content.decode()
        assert "activiteit" in html
        assert len(html) < 200_000  # a 10 kB value is not echoed back in full


@pytest.mark.django_db
def test_unknown_values_are_ignored_with_a_visible_note(demo_site, client):
    html = client.get(INDEX_URL, {"doelgroep": ["ouderen", "marsmannetjes"]}).content.decode()
    assert "marsmannetjes" in html and 'role="status"' in html
    expected = matching({"doelgroep": ["ouderen"]})
    assert f"{len(expected)} activiteit" in html


@pytest.mark.django_db
def test_editors_can_open_every_activity_editor_and_snippet_list(demo_site, admin_client):
    page = ActivityPage.objects.get(slug="sensoor")
    index = page.get_parent()
    urls = [
        f"/admin/pages/{page.pk}/edit/",
        f"/admin/pages/add/activities/activitypage/{index.pk}/",
        f"/admin/pages/{index.pk}/edit/",
        "/admin/snippets/activities/interventionprofile/",
        "/admin/snippets/core/targetgroup/",
        "/admin/snippets/core/organisation/",
    ]
    for url in urls:
        response = admin_client.get(url)
        assert response.status_code == 200, url
    html = admin_client.get(urls[0]).content.decode()
    assert (
        "Alleen aanvinken als de beschrijving van de activiteit duidelijk bij het profiel past."
        in html
    )
