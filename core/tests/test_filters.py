"""The one filter framework (core/filters.py) and the one set of page links (core/pagination.py)."""

import datetime as dt
from urllib.parse import parse_qsl

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from core.filters import (
    MAX_VALUES,
    Choice,
    Choices,
    Day,
    Flag,
    IndexFilterSet,
    Text,
    unknown_value_note,
)
from core.models import Municipality
from core.pagination import page_links


class MunicipalityFilter(IndexFilterSet):
    q = Text(label=_("Zoekwoord"), search=["name", "cbs_code"])
    provincie = Choice("province", label=_("Provincie"))
    gemeente = Choices("slug", label=_("Gemeente"))
    op = Day(label=_("Dag"))
    met_plek = Flag(label=_("Met plek"), method="filter_met_plek")
    weergave = Choice(label=_("Weergave"), quiet=True, default="lijst", in_query=False)

    def get_options(self):
        return {
            "provincie": sorted(set(self.queryset.values_list("province", flat=True))),
            "gemeente": {m.slug: m for m in self.queryset},
            "weergave": ["lijst", "kaart"],
        }

    def filter_met_plek(self, queryset, name, value):
        return queryset.filter(latitude__isnull=False)


@pytest.fixture
def municipalities(db):
    return [
        Municipality.objects.create(
            name="Zwolle", slug="zwolle", cbs_code="GM0193", province="Overijssel", latitude=52.5
        ),
        Municipality.objects.create(
            name="Leusden", slug="leusden", cbs_code="GM0327", province="Utrecht"
        ),
        Municipality.objects.create(
            name="Súdwest-Fryslân",
            slug="sudwest-fryslan",
            cbs_code="GM1900",
            province="Fryslân & Co",
        ),
    ]


def run(query):
    filters = MunicipalityFilter(RequestFactory().get("/", query), Municipality.objects.all())
    return filters, sorted(m.slug for m in filters.qs)


@pytest.mark.django_db
def test_filters_combine_and_selected_holds_every_parameter(municipalities):
    filters, slugs = run({"provincie": "Overijssel", "met_plek": "1"})
    assert slugs == ["zwolle"]
    assert filters.selected == {
        "q": "",
        "provincie": "Overijssel",
        "gemeente": [],
        "op": None,
        "met_plek": True,
        "weergave": "lijst",
    }
    assert run({"gemeente": ["zwolle", "leusden"]})[1] == ["leusden", "zwolle"]
    assert run({"q": "GM0327"})[1] == ["leusden"]
    assert run({"q": "zw 0193"})[1] == ["zwolle"]  # every word, each in any field
    assert run({"met_plek": "ja"})[1] == ["leusden", "sudwest-fryslan", "zwolle"]  # only "1"


@pytest.mark.django_db
def test_an_unknown_value_is_left_out_with_the_one_note(municipalities):
    filters, slugs = run({"provincie": "Atlantis", "gemeente": ["zwolle", "nergens", "zwolle"]})
    assert slugs == ["zwolle"]  # the known value stays, once
    assert filters.selected["gemeente"] == ["zwolle"]
    assert filters.notes == [
        unknown_value_note("Atlantis", "provincie"),
        unknown_value_note("nergens", "gemeente"),
    ]
    assert "We kennen “Atlantis” niet als provincie" in filters.notes[0]
    # A long value is not echoed back in full; a quiet parameter says nothing.
    filters, _slugs = run({"provincie": "x" * 5000, "weergave": "iets"})
    assert len(filters.notes) == 1 and len(filters.notes[0]) < 200
    assert filters.selected["weergave"] == "lijst"


@pytest.mark.django_db
def test_too_many_values_and_a_bad_date_give_notes_not_errors(municipalities):
    filters, slugs = run({"gemeente": ["zwolle"] * (MAX_VALUES + 5), "op": "gisteren"})
    assert slugs == ["zwolle"]
    assert any("te veel opties" in note for note in filters.notes)
    assert any("“gisteren” is geen datum" in note for note in filters.notes)
    assert filters.selected["op"] is None
    filters, _slugs = run({"op": "2030-02-01"})
    assert filters.selected["op"] == dt.date(2030, 2, 1)
    assert filters.notes == []


@pytest.mark.django_db
def test_the_query_is_encoded_and_holds_only_what_was_understood(municipalities):
    filters, _slugs = run(
        {
            "provincie": "Fryslân & Co",
            "gemeente": ["sudwest-fryslan", "onbekend"],
            "q": "a&b=c #d",
            "met_plek": "1",
            "weergave": "kaart",
            "pagina": "2",
        }
    )
    query = filters.query
    assert "&b=" not in query and "#" not in query
    assert parse_qsl(query) == [
        ("q", "a&b=c #d"),
        ("provincie", "Fryslân & Co"),
        ("gemeente", "sudwest-fryslan"),
        ("met_plek", "1"),
    ]
    # A parameter outside the query only when asked for, and never at its default.
    assert ("weergave", "kaart") in parse_qsl(
        filters.query_string(filters.selected, weergave="kaart")
    )
    assert "weergave" not in filters.query_string(filters.selected, weergave="lijst")
    assert "provincie" not in filters.query_string(filters.selected, provincie="")


@pytest.mark.django_db
def test_chosen_options_link_to_the_list_without_them(municipalities):
    filters, _slugs = run({"provincie": "Utrecht", "gemeente": ["zwolle", "leusden"]})
    links = {(str(link["facet"]), link["name"]): link["remove_url"] for link in filters.chosen()}
    assert parse_qsl(links[("Gemeente", "Zwolle")][1:]) == [
        ("provincie", "Utrecht"),
        ("gemeente", "leusden"),
    ]
    assert parse_qsl(links[("Provincie", "Utrecht")][1:]) == [
        ("gemeente", "zwolle"),
        ("gemeente", "leusden"),
    ]


@pytest.mark.django_db
def test_facet_counts_use_the_other_parameters_choices(municipalities):
    filters, _slugs = run({"provincie": "Utrecht", "gemeente": ["zwolle"]})
    # Zwolle is not in Utrecht; choosing Leusden instead would give one.
    assert filters.facet_counts("gemeente") == {"leusden": 1}
    assert filters.facet_counts("provincie") == {"Overijssel": 1}


def test_page_links_keep_the_filters_and_use_one_page_parameter():
    page = Paginator(list(range(200)), 10).page(7)
    links = page_links(page, "q=koffie+%26+thee")
    assert links["previous"] == "?q=koffie+%26+thee&pagina=6"
    assert links["next"] == "?q=koffie+%26+thee&pagina=8"
    numbers = [link["number"] for link in links["numbers"]]
    assert numbers == [1, None, 5, 6, 7, 8, 9, None, 20]  # around this page, not page 1
    assert [link["number"] for link in links["numbers"] if link["current"]] == [7]
    assert page_links(Paginator([1, 2], 10).page(1)) is None


def test_the_pagination_include_escapes_the_links():
    page = Paginator(list(range(30)), 10).page(1)
    html = Template(
        "{% load list_tags %}{% pagination page query 'Pagina’s met plekken' %}"
    ).render(Context({"page": page, "query": "gemeente=zwolle&q=a%22b"}))
    assert 'aria-label="Pagina’s met plekken"' in html
    assert escape("?gemeente=zwolle&q=a%22b&pagina=2") in html
    assert '<span aria-current="page">1</span>' in html
    assert 'rel="next"' in html and 'rel="prev"' not in html


@pytest.mark.django_db
def test_every_index_answers_an_unknown_value_with_the_same_note(demo_site, client):
    for url, param, label in [
        ("/nl/activiteitenbank/", "doelgroep", "doelgroep"),
        ("/nl/sociale-kaart/", "gemeente", "gemeente"),
        ("/nl/agenda/", "gemeente", "gemeente"),
        ("/nl/koplopers/", "provincie", "provincie"),
    ]:
        html = client.get(url, {param: "nergens"}).content.decode()
        assert escape(unknown_value_note("nergens", label)) in html, url
