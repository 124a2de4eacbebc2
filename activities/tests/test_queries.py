"""The activity library's facet counts come from one query and match the per-facet counts."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from activities.filters import ActivityFilter
from activities.models import ActivityIndexPage, ActivityPage

SELECTIONS = [
    {},
    {"doelgroep": ["ouderen", "jongeren"]},
    {"doelgroep": ["ouderen"], "onderbouwing": "onderbouwd", "soort": "groepsverband"},
    {"profiel": ["onbekend-profiel"]},
]


@pytest.mark.django_db
@pytest.mark.parametrize("selection", SELECTIONS)
def test_all_facet_counts_in_one_query_equal_the_counts_one_by_one(demo_site, selection):
    index = ActivityIndexPage.objects.get(locale__language_code="nl")
    request = RequestFactory().get("/nl/activiteitenbank/", selection)
    with translation.override("nl"):
        activity_filter = ActivityFilter(
            index, request, ActivityPage.objects.child_of(index).live().public()
        )
        one_by_one = {name: activity_filter.facet_counts(name) for name in activity_filter.filters}
        with CaptureQueriesContext(connection) as queries:
            together = activity_filter.all_facet_counts()
    assert together == one_by_one
    assert any(together.values())
    assert len(queries) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{}, {"pagina": "2"}, {"soort": "onbekend"}])
def test_counts_without_choices_from_one_scan_equal_the_per_facet_union(demo_site, params):
    """The list without choices counts with its own SQL (``_all_counts_sql``), built without
    django-filter's form: the same counts, empty groups (no term) included, and total."""
    index = ActivityIndexPage.objects.get(locale__language_code="nl")
    request = RequestFactory().get("/nl/activiteitenbank/", params)
    activities = ActivityPage.objects.child_of(index).live().public()
    with translation.override("nl"):
        fast = ActivityFilter(index, request, activities, sql_key=("test", index.path, 0))
        counts = fast.counts()
        assert "_form" not in fast.__dict__
        assert fast.nothing_chosen()
        by_orm = ActivityFilter(index, request, activities).counts()
    assert counts == by_orm
    assert counts[1] == activities.count()
    assert any(None in by_facet for by_facet in counts[0].values())
