"""Koplopers, checked against their data file through the rendered pages."""

import re

import pytest
from django.utils.html import escape

from core.demo import read_yaml
from core.models import Municipality
from koplopers.demo import DATA_FILE
from koplopers.models import KoploperIndexPage, KoploperPage
from tests.querycount import assert_same_query_count

DATA = read_yaml(DATA_FILE)
KOPLOPERS = DATA["koplopers"]
MUNICIPALITIES = {item["key"]: item for item in DATA["municipalities"]}
INDEX_URL = "/nl/koplopers/"


def listed(html):
    return re.findall(
        r'<li class="place-card koploper-card">\s*<h4><a href="[^"]+">([^<]+)</a>', html
    )


def test_data_file_has_21_koplopers_and_no_invented_stories():
    assert len(KOPLOPERS) == 21
    with_story = [k for k in KOPLOPERS if k.get("story")]
    assert len(with_story) == 19
    without = {k["key"] for k in KOPLOPERS if not k.get("story")}
    assert {
        MUNICIPALITIES[k["municipality"]]["name"] for k in KOPLOPERS if k["key"] in without
    } == {
        "Utrecht",
        "Weert",
    }
    for koploper in KOPLOPERS:
        if koploper["key"] in without:
            assert not koploper.get("summary") and not koploper.get("lessons")


@pytest.mark.django_db
def test_every_koploper_is_on_the_site_with_its_story_or_an_honest_gap(demo_site, client):
    html = client.get(INDEX_URL).content.decode()
    names = sorted(MUNICIPALITIES[k["municipality"]]["name"] for k in KOPLOPERS)
    assert sorted(listed(html)) == sorted(escape(name) for name in names)
    for koploper in KOPLOPERS:
        page = KoploperPage.objects.get(slug=koploper["key"])
        detail = client.get(page.url).content.decode()
        if koploper.get("story"):
            assert escape(koploper["story"][0]) in detail
        else:
            assert "nog geen verhaal geschreven" in detail


@pytest.mark.django_db
def test_filters_match_the_data_file(demo_site, client):
    for param, key, value in [
        ("stap", "steps", "beginnen-met-organiseren"),
        ("onderdeel", "parts", "bewustwording-en-agenderen"),
    ]:
        expected = sorted(
            MUNICIPALITIES[k["municipality"]]["name"] for k in KOPLOPERS if value in k.get(key, [])
        )
        html = client.get(INDEX_URL, {param: value}).content.decode()
        assert sorted(listed(html)) == sorted(escape(n) for n in expected), param
    province = MUNICIPALITIES[KOPLOPERS[0]["municipality"]]["province"]
    expected = sorted(
        MUNICIPALITIES[k["municipality"]]["name"]
        for k in KOPLOPERS
        if MUNICIPALITIES[k["municipality"]]["province"] == province
    )
    html = client.get(INDEX_URL, {"provincie": province}).content.decode()
    assert sorted(listed(html)) == sorted(escape(n) for n in expected)
    assert client.get(INDEX_URL, {"stap": "x" * 5000, "provincie": "Atlantis"}).status_code == 200


@pytest.mark.django_db
def test_map_data_matches_the_list(demo_site, client):
    html = client.get(INDEX_URL).content.decode()
    data = client.get(INDEX_URL + "geojson/").json()
    with_coordinates = [
        MUNICIPALITIES[k["municipality"]]["name"]
        for k in KOPLOPERS
        if MUNICIPALITIES[k["municipality"]].get("latitude") is not None
    ]
    assert sorted(f["properties"]["name"] for f in data["features"]) == sorted(with_coordinates)
    assert len(listed(html)) == len(KOPLOPERS)


@pytest.mark.django_db
def test_step_pages_list_the_koplopers_that_illustrate_them(demo_site, client):
    from home.models import StandardPage

    step = "beginnen-met-organiseren"
    page = StandardPage.objects.get(slug=step, locale__language_code="nl")
    html = client.get(page.url).content.decode()
    expected = [
        MUNICIPALITIES[k["municipality"]]["name"] for k in KOPLOPERS if step in k.get("steps", [])
    ]
    assert expected, "the data file should illustrate this step"
    section = html.split('id="koplopers-illustrating-title"')[1].split("</section>")[0]
    assert sorted(re.findall(r'<li><a href="[^"]+">([^<]+)</a>', section)) == sorted(
        escape(n) for n in expected
    )


@pytest.mark.django_db
def test_index_query_count_is_the_same_for_21_and_500_koplopers(demo_site, client):
    index = KoploperIndexPage.objects.get()

    def grow():
        for number in range(500 - KoploperPage.objects.count()):
            municipality = Municipality.objects.create(
                name=f"Gemeente {number:03d}",
                slug=f"gemeente-{number:03d}",
                province="Utrecht",
                latitude=52 + number / 1000,
                longitude=5,
            )
            index.add_child(
                instance=KoploperPage(
                    title=municipality.name,
                    slug=municipality.slug,
                    municipality=municipality,
                    summary="Gegenereerd.",
                )
            )

    response, _count = assert_same_query_count(client, INDEX_URL, grow)
    assert "500 koplopers" in response.content.decode()
    assert_same_query_count(client, INDEX_URL + "geojson/", lambda: None)
