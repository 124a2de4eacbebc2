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
