"""What the Elasticsearch backends send, checked without a server.

The real `elasticsearch` 9 client runs with its HTTP node replaced by RecordingNode, which
records each request (method, path, JSON body) and answers with canned JSON. This proves the
index settings (analysers, synonyms), the per-language routing of documents and the query
bodies; it does not prove a real cluster accepts them (test_elasticsearch_live.py does).
"""

import json

import pytest
from django.core.management import call_command
from django.test import override_settings
from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport._node import NodeApiResponse
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from home.factories import StandardPageFactory
from search.backends.query import build_query
from search.models.synonyms import SearchSynonym
from search.setup import ensure_first_synonyms


class RecordingNode(BaseNode):
    """An HTTP node that records requests and answers like an empty Elasticsearch 9."""

    _CLIENT_META_HTTP_CLIENT = ("rec", "1.0")
    calls = []

    def perform_request(self, method, target, body=None, headers=None, request_timeout=None):
        path = target.split("?")[0]
        self.calls.append((method, path, decode(body)))
        status, answer = 200, {"acknowledged": True}
        if method == "HEAD":
            status, answer = 404, None  # no index or alias exists yet
        elif path.endswith("/_search"):
            answer = {
                "took": 1,
                "timed_out": False,
                "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
                "hits": {"total": {"value": 0, "relation": "eq"}, "max_score": None, "hits": []},
            }
        elif path.endswith("/_count"):
            answer = {"count": 0, "_shards": {"total": 1, "successful": 1, "failed": 0}}
        elif path.endswith("/_bulk"):
            actions = [line for line in decode(body) if "index" in line]
            items = [{"index": {"_id": a["index"]["_id"], "status": 201}} for a in actions]
            answer = {"took": 1, "errors": False, "items": items}
        elif path.startswith("/_alias/"):
            answer = {}
        elif "/_doc/" in path:
            answer = {"_index": path.split("/")[1], "_id": path.split("/")[-1], "result": "created"}
        meta = ApiResponseMeta(
            status=status,
            http_version="1.1",
            headers=HttpHeaders(
                {"content-type": "application/json", "X-Elastic-Product": "Elasticsearch"}
            ),
            duration=0.0,
            node=self.config,
        )
        raw = b"" if answer is None else json.dumps(answer).encode()
        return NodeApiResponse(meta, raw)


def decode(body):
    if not body:
        return None
    text = body.decode()
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) > 1 or text.endswith("\n"):  # _bulk: newline-delimited JSON
        return [json.loads(line) for line in lines]
    return json.loads(text)


def backend(prefix, language, only_language=None):
    params = {
        "BACKEND": "search.backends.elasticsearch",
        "URLS": ["http://elasticsearch.invalid:9200"],
        "INDEX_PREFIX": prefix,
        "TIMEOUT": 5,
        "OPTIONS": {"node_class": RecordingNode},
        "LANGUAGE": language,
        "AUTO_UPDATE": False,
    }
    if only_language:
        params["ONLY_LANGUAGE"] = only_language
    return params


ELASTICSEARCH = {
    "default": backend("coalition_", "nl"),
    "nl": backend("coalition_nl_", "nl", only_language="nl"),
    "en": backend("coalition_en_", "en", only_language="en"),
}


@pytest.fixture
def recorder(db):
    RecordingNode.calls = []
    ensure_first_synonyms()  # what `manage.py setup` adds on every site
    SearchSynonym.clear_cache()
    with override_settings(WAGTAILSEARCH_BACKENDS=ELASTICSEARCH):
        yield RecordingNode.calls
    SearchSynonym.clear_cache()


@pytest.fixture
def pages(home):
    english = Locale.objects.get(language_code="en")
    dutch_page = StandardPageFactory(parent=home, title="Maatje", intro="Een maatje.")
    english_page = StandardPageFactory(
        parent=home, title="Buddy", intro="A befriender.", locale=english, slug="buddy"
    )
    return dutch_page, english_page


def created_indexes(calls, prefix):
    """{index name: creation body} of the indexes whose name starts with prefix + page."""
    return {
        path.strip("/"): body
        for method, path, body in calls
        if method == "PUT"
        and "/" not in path.strip("/")  # not an alias or a document
        and path.strip("/").startswith(prefix + "wagtailcore_page")
    }


def bulk_ids(calls, index_prefix):
    """The ids of the documents sent with _bulk to the page index of this prefix."""
    ids = set()
    for _method, path, body in calls:
        index = path.strip("/").split("/")[0]
        if not path.endswith("/_bulk") or not index.startswith(index_prefix + "wagtailcore_page"):
            continue
        ids.update(line["index"]["_id"] for line in body if "index" in line)
    return ids


def analysis(body):
    return body["settings"]["analysis"]


@pytest.mark.django_db
def test_update_index_creates_a_dutch_index_with_the_editors_synonyms(recorder, pages):
    SearchSynonym.objects.create(language="nl", terms="gezelligheid, samenzijn")
    call_command("update_index", verbosity=0)

    (body,) = created_indexes(recorder, "coalition_nl_").values()
    settings = analysis(body)
    assert settings["filter"]["coalition_stemmer"] == {"type": "stemmer", "language": "dutch"}
    assert settings["filter"]["coalition_stop"] == {"type": "stop", "stopwords": "_dutch_"}
    assert settings["analyzer"]["default"] == {
        "type": "custom",
        "tokenizer": "standard",
        "filter": ["lowercase", "asciifolding", "coalition_stop", "coalition_stemmer"],
    }
    search_analyser = settings["analyzer"]["default_search"]
    assert search_analyser["filter"] == [
        "lowercase",
        "asciifolding",
        "coalition_synonyms",
        "coalition_stop",
        "coalition_stemmer",
    ]
    synonyms = settings["filter"]["coalition_synonyms"]
    assert synonyms["type"] == "synonym_graph"
    assert "maatje, buddy" in synonyms["synonyms"]  # the first list
    assert "gezelligheid, samenzijn" in synonyms["synonyms"]  # the editor's group
    assert "buddy, befriender" not in synonyms["synonyms"]  # English
    # Wagtail's own autocomplete analysers stay.
    assert "edgengram_analyzer" in settings["analyzer"]

    # The default index (the admin's) is Dutch too.
    (default_body,) = created_indexes(recorder, "coalition_").values()
    assert analysis(default_body)["filter"]["coalition_stemmer"]["language"] == "dutch"


@pytest.mark.django_db
def test_update_index_creates_an_english_index(recorder, pages):
    call_command("update_index", verbosity=0)
    (body,) = created_indexes(recorder, "coalition_en_").values()
    settings = analysis(body)
    assert settings["filter"]["coalition_stemmer"] == {"type": "stemmer", "language": "english"}
    assert settings["filter"]["coalition_stop"]["stopwords"] == "_english_"
    synonyms = settings["filter"]["coalition_synonyms"]["synonyms"]
    assert "buddy, befriender" in synonyms
    assert "older people, elderly, seniors" in synonyms
    assert "maatje, buddy" not in synonyms


@pytest.mark.django_db
def test_update_index_sends_each_page_to_the_index_of_its_language(recorder, pages):
    dutch_page, english_page = pages
    call_command("update_index", verbosity=0)
    nl_ids = bulk_ids(recorder, "coalition_nl_")
    en_ids = bulk_ids(recorder, "coalition_en_")
    default_ids = bulk_ids(recorder, "coalition_")  # coalition_wagtailcore_page...
    assert str(dutch_page.pk) in nl_ids
    assert str(dutch_page.pk) not in en_ids
    assert str(english_page.pk) in en_ids
    assert str(english_page.pk) not in nl_ids
    assert {str(dutch_page.pk), str(english_page.pk)} <= default_ids


@pytest.mark.django_db
def test_objects_without_a_locale_go_to_the_default_index_only(recorder):
    from core.models.taxonomy import Municipality

    place = Municipality.objects.create(
        name="Zwolle", slug="zwolle", cbs_code="GM0193", province="Overijssel"
    )
    call_command("update_index", verbosity=0)
    documents = {
        path.strip("/").split("/")[0].rsplit("_", 1)[0]
        for method, path, body in recorder
        if path.endswith("/_bulk") and "core_municipality" in path
        for line in body
        if line.get("index", {}).get("_id") == str(place.pk)
    }
    assert documents == {"coalition_core_municipality"}


@pytest.mark.django_db
def test_adding_one_page_goes_to_its_own_language_only(recorder, pages):
    dutch_page, english_page = pages
    get_search_backend("en").add(dutch_page)
    get_search_backend("nl").add(english_page)
    assert recorder == []
    get_search_backend("nl").add(dutch_page)
    get_search_backend("en").add(english_page)
    paths = [path for method, path, body in recorder if method == "PUT"]
    assert paths == [
        f"/coalition_nl_wagtailcore_page/_doc/{dutch_page.pk}",
        f"/coalition_en_wagtailcore_page/_doc/{english_page.pk}",
    ]


def search_body(recorder, text, language="nl"):
    RecordingNode.calls.clear()
    queryset = Page.objects.live().filter(locale=Locale.objects.get(language_code=language))
    list(queryset.search(build_query(text, language), backend=language))
    (body,) = [body for method, path, body in recorder if path.endswith("/_search")]
    paths = [path for method, path, body in recorder if path.endswith("/_search")]
    assert paths == [f"/coalition_{language}_wagtailcore_page/_search"]
    return body


def inner(body):
    return body["query"]["bool"]["must"]


@pytest.mark.django_db
def test_maatje_is_one_match_the_analyser_adds_the_synonyms(recorder, pages):
    body = search_body(recorder, "maatje")
    query = inner(body)
    assert query["multi_match"]["query"] == "maatje"
    assert query["multi_match"]["operator"] == "and"
    assert "_all_text" in query["multi_match"]["fields"]
    assert "buddy" not in json.dumps(body)  # synonyms come from the index's search analyser


@pytest.mark.django_db
def test_two_words_also_match_their_compound(recorder, pages):
    query = inner(search_body(recorder, "Koffie ochtend"))
    words = [
        [option["multi_match"]["query"] for option in part["bool"]["should"]]
        for part in query["bool"]["must"]
    ]
    assert words == [["koffie", "koffieochtend"], ["ochtend", "koffieochtend"]]


@pytest.mark.django_db
def test_an_english_search_goes_to_the_english_index(recorder, pages):
    query = inner(search_body(recorder, "walking", language="en"))
    assert query["multi_match"]["query"] == "walking"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        'maatje "(koffie)" \\ [ochtend] {x} title:y~2 AND OR NOT a* ?b /re/ ^3 -z +w && ||',
        "\\\\\\\\",
        '"""',
        "😀 одиночество",
    ],
)
def test_syntax_is_sent_as_plain_words_never_query_string(recorder, pages, text):
    body = search_body(recorder, text)
    sent = json.dumps(body)
    assert "query_string" not in sent
    queries = []

    def collect(node):
        if isinstance(node, dict):
            if "multi_match" in node:
                queries.append(node["multi_match"]["query"])
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    collect(inner(body))
    for query in queries:
        assert all(part.isalnum() for part in query.split()), query
    if text.startswith("maatje"):
        assert "maatje" in queries
