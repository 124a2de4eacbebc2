"""``activities.terms.prepared_rows``: SQL compiled once, each call with its own values."""

import pytest

from activities import terms
from activities.models import ActivityPage


def terms_by_orm(page):
    return {
        name: [(term.pk, term.name) for term in found]
        for name, found in page._terms_in_memory().items()
    }


@pytest.mark.django_db
def test_page_terms_are_the_orms_for_every_page_with_one_compiled_query(demo_site, monkeypatch):
    pages = list(ActivityPage.objects.filter(locale__language_code="nl")[:3])
    assert len(pages) == 3
    first = pages[0].terms()  # compiles the SQL
    assert {name: [(t.pk, t.name) for t in found] for name, found in first.items()} == (
        terms_by_orm(ActivityPage.objects.get(pk=pages[0].pk))
    )

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled again")

    monkeypatch.setattr(terms, "term_source", no_compiling)
    seen = set()
    for page in pages[1:]:
        page = ActivityPage.objects.get(pk=page.pk)
        found = {name: [(t.pk, t.name) for t in items] for name, items in page.terms().items()}
        assert found == terms_by_orm(ActivityPage.objects.get(pk=page.pk))
        seen.add(repr(found))
    assert len(seen) == 2  # each page its own terms, not the first one's


@pytest.mark.django_db
def test_a_value_the_sql_does_not_take_is_an_error(db):
    with pytest.raises(ValueError, match="not a parameter"):
        terms.prepared_rows(("test", "unused"), lambda _pk: ActivityPage.objects.all(), 5)
