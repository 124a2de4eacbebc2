"""Fixed query counts whatever the size of the library, and the profile guide."""

import itertools
import re

import pytest
from django.utils.html import escape

from activities.demo import DATA_FILE
from activities.factories import generate_activities
from activities.models import (
    ActivityIndexPage,
    ActivityPage,
    ActivityType,
    EvidenceLevel,
    InterventionProfile,
)
from activities.setup import DATA_FILE as REFERENCE_FILE
from core.demo import read_yaml
from core.models import ApproachPart, TargetGroup
from tests.querycount import assert_same_query_count, count_queries

DATA = read_yaml(DATA_FILE)
REFERENCE = read_yaml(REFERENCE_FILE)
INDEX_URL = "/nl/activiteitenbank/"
GUIDE_URL = "/nl/activiteitenbank/profielwijzer/"
ANSWERS = {
    "duur": {"kort": "situational", "lang": "structural"},
    "contact": {"ja": True, "nee": False},
    "aanpak": {"zelf": "active", "afwachten": "passive"},
}


def grow_library(count):
    index = ActivityIndexPage.objects.get()
    generate_activities(
        index,
        count,
        list(ActivityType.objects.all()),
        list(EvidenceLevel.objects.all()),
        list(TargetGroup.objects.all()),
        list(InterventionProfile.objects.all()),
        list(ApproachPart.objects.all()),
    )


@pytest.mark.django_db
def test_index_query_count_is_the_same_for_63_and_1000_activities(demo_site, client):
    assert ActivityPage.objects.count() == 63
    filtered = {"doelgroep": ["ouderen", "jongeren"], "onderbouwing": "onderbouwd", "pagina": "2"}
    client.get(INDEX_URL)
    _response, plain_63 = count_queries(client, INDEX_URL)
    _response, filtered_63 = count_queries(client, INDEX_URL, data=filtered)

    grow_library(1000 - 63)
    client.get(INDEX_URL)
    response, plain_1000 = count_queries(client, INDEX_URL)
    _response, filtered_1000 = count_queries(client, INDEX_URL, data=filtered)

    assert ActivityPage.objects.count() == 1000
    assert "1000 activiteiten" in response.content.decode()
    assert (plain_1000, filtered_1000) == (plain_63, filtered_63)


@pytest.mark.django_db
def test_activity_page_query_count_does_not_grow_with_its_terms(demo_site, client):
    page = ActivityPage.objects.get(slug="activerend-huisbezoek")
    groups = list(TargetGroup.objects.all())

    def add_terms():
        page.target_groups = groups
        page.approach_parts = list(ApproachPart.objects.all())
        page.save_revision().publish()

    response, _count = assert_same_query_count(client, page.url, add_terms)
    html = response.content.decode()
    assert all(escape(group.name) in html for group in groups)


@pytest.mark.django_db
def test_profile_guide_query_count_does_not_grow_with_matches(demo_site, client):
    query = {"duur": "kort", "contact": "ja", "aanpak": "afwachten"}
    profile = InterventionProfile.objects.get(slug="achterblijvers")

    def tag_more():
        for page in ActivityPage.objects.all()[:10]:
            page.profiles.add(profile)
            page.save()

    response, _count = assert_same_query_count(client, GUIDE_URL, tag_more, data=query)
    result = response.content.decode().split('id="resultaat"')[1]
    assert result.count("<li><a href=") >= 10


def expected_for(profile):
    """The activity names the guide must list for ``profile`` (reference data): tagged with it,
    or of a kind of activity or a part of the approach the handreiking ties to it."""
    return {
        a["name"]
        for a in DATA["activities"]
        if any(tag["profile"] == profile["key"] for tag in a.get("profiles", []))
        or a["type"] in profile["fitting_types"]
        or set(a.get("parts", [])) & set(profile["fitting_parts"])
    }


@pytest.mark.django_db
def test_profile_guide_gives_the_right_profile_for_all_eight_answers(demo_site, client):
    profiles = {
        (p["duration"], p["participation_oriented"], p["coping"]): p for p in REFERENCE["profiles"]
    }
    all_names = {a["name"] for a in DATA["activities"]}
    seen = set()
    for duur, contact, aanpak in itertools.product(
        *(ANSWERS[q] for q in ("duur", "contact", "aanpak"))
    ):
        key = (ANSWERS["duur"][duur], ANSWERS["contact"][contact], ANSWERS["aanpak"][aanpak])
        expected = profiles[key]
        html = client.get(
            GUIDE_URL, {"duur": duur, "contact": contact, "aanpak": aanpak}
        ).content.decode()

        assert f"Dit profiel past het best: {escape(expected['name'])}" in html
        result = html.split('id="resultaat"')[1].split("</section>")[0]
        listed = {escape(name) for name in all_names if f">{escape(name)}</a>" in result}
        assert listed == {escape(name) for name in expected_for(expected)}
        assert escape(expected["support"]) in result
        # Every profile gets activities, or the honest answer with the helplines (or both).
        honest = "Voor dit profiel is er weinig aanbod" in result
        assert honest == (not expected["fitting_types"])
        assert listed or honest
        if honest:
            assert "welzijnswerker" in result and ">Sensoor<" in result
        seen.add(expected["key"])
    assert len(seen) == 8


@pytest.mark.django_db
def test_profile_guide_keeps_answers_and_names_what_is_missing(demo_site, client):
    html = client.get(GUIDE_URL, {"duur": "lang", "aanpak": "iets-raars" * 500}).content.decode()
    assert 'value="lang" checked' in html
    assert 'role="alert"' in html
    assert html.count("Kies een van de twee antwoorden.") == 2  # contact and aanpak
    assert "Dit profiel past het best" not in html
    assert "een hulpmiddel" in html  # the caution is always there


@pytest.mark.django_db
def test_profile_guide_without_answers_asks_the_three_questions(demo_site, client):
    html = client.get(GUIDE_URL).content.decode()
    assert len(re.findall(r"<legend>\d\. ", html)) == 3
    assert 'role="alert"' not in html
