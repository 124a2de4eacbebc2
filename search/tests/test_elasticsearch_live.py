"""The same searches against a real Elasticsearch 9 cluster (skipped without one).

Run: start Elasticsearch 9 (e.g. `docker run -p 9200:9200 -e discovery.type=single-node
-e xpack.security.enabled=false docker.elastic.co/elasticsearch/elasticsearch:9.1.0`), then
`ELASTICSEARCH_URL=http://127.0.0.1:9200 .venv/bin/pytest search/tests/test_elasticsearch_live.py
-p no:cacheprovider -q`. The indexes get a random prefix and are deleted afterwards.
"""

import os
import uuid

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from home.factories import StandardPageFactory
from search.backends.query import build_query
from search.models.synonyms import SearchSynonym

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")

pytestmark = pytest.mark.skipif(
    not ELASTICSEARCH_URL,
    reason="no Elasticsearch here: set ELASTICSEARCH_URL=http://127.0.0.1:9200 to run "
    "against a real cluster",
)


def backend(prefix, language, only_language=None):
    params = {
        "BACKEND": "search.backends.elasticsearch",
        "URLS": [ELASTICSEARCH_URL],
        "INDEX_PREFIX": prefix,
        "TIMEOUT": 30,
        "OPTIONS": {},
        "LANGUAGE": language,
        "AUTO_UPDATE": False,
    }
    if only_language:
        params["ONLY_LANGUAGE"] = only_language
    return params


@pytest.fixture
def cluster(home):
    prefix = f"coalition_test_{uuid.uuid4().hex[:8]}_"
    backends = {
        "default": backend(prefix, "nl"),
        "nl": backend(f"{prefix}nl_", "nl", only_language="nl"),
        "en": backend(f"{prefix}en_", "en", only_language="en"),
    }
    SearchSynonym.clear_cache()
    english = Locale.objects.get(language_code="en")
    StandardPageFactory(parent=home, title="Maatje", intro="Een maatje voor wie alleen is.")
    StandardPageFactory(parent=home, title="Ochtend", intro="Elke week een koffieochtend.")
    StandardPageFactory(parent=home, title="Wandelen", intro="Elke dinsdag een wandeling.")
    StandardPageFactory(
        parent=home, title="Walks", intro="Walking together.", locale=english, slug="walks"
    )
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        call_command("update_index", verbosity=0)
        for alias in backends:
            get_search_backend(alias).es.indices.refresh(
                index=f"{backends[alias]['INDEX_PREFIX']}*"
            )
        yield
        es = get_search_backend("default").es
        # One by one: Elasticsearch refuses wildcard deletes (action.destructive_requires_name).
        for name in es.indices.get(index=f"{prefix}*"):
            es.indices.delete(index=name)
    SearchSynonym.clear_cache()


def titles(text, language):
    queryset = Page.objects.live().filter(locale=Locale.objects.get(language_code=language))
    return {page.title for page in queryset.search(build_query(text, language), backend=language)}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("maatje", "Maatje"),
        ("buddy", "Maatje"),  # the synonym in the search analyser
        ("koffie ochtend", "Ochtend"),  # the compound, from build_query
        ("wandeling", "Wandelen"),
    ],
)
def test_dutch_searches(cluster, query, title):
    assert title in titles(query, "nl")


@pytest.mark.django_db
def test_each_language_has_its_own_index(cluster):
    assert titles("walk", "en") == {"Walks"}
    assert "Walks" not in titles("walking", "nl")
    assert "Maatje" not in titles("maatje", "en")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ['"(maatje', "title:(a OR b)~2 \\ [1 TO 5]", "😀 одиночество", "x" * 10_000, ""]
)
def test_hostile_queries_are_answered(cluster, query):
    found = titles(query, "nl")
    if query.startswith('"(maatje'):
        assert "Maatje" in found
    list(Page.objects.live().autocomplete(query[:100], backend="nl"))
