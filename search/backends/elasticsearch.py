"""Elasticsearch 9 with one index per language (``"BACKEND": "search.backends.elasticsearch"``).

Wagtail's elasticsearch9 backend keeps one index per root model for every language. This
subclass adds two parameters:

- ``LANGUAGE``: the language of the index's analysers ("nl" or "en"; Dutch when absent).
- ``ONLY_LANGUAGE``: index only objects whose locale has this language (the per-language
  aliases "nl" and "en"); the "default" alias (the admin's) leaves it out and indexes all.

The analysers: ``default`` (used when a document is indexed) is the language's chain (standard
tokenizer, lowercase, asciifolding, the language's stop words and stemmer); ``default_search``
(used for queries) adds a ``synonym_graph`` filter with the editors' ``SearchSynonym`` groups of
the language, read when the index is created (``manage.py update_index``).
"""

from copy import deepcopy

from modelsearch.backends.elasticsearch9 import (
    Elasticsearch9AutocompleteQueryCompiler,
    Elasticsearch9Index,
    Elasticsearch9SearchBackend,
    Elasticsearch9SearchQueryCompiler,
)
from modelsearch.index import class_is_indexed
from modelsearch.query import And, MatchAll, Not, Or, Phrase, PlainText
from modelsearch.utils import deep_update

from .stemming import language_of

# Each language's analysis chain, before and after the synonyms.
CHAINS = {
    "nl": {
        "filter": {
            "coalition_stop": {"type": "stop", "stopwords": "_dutch_"},
            "coalition_stemmer": {"type": "stemmer", "language": "dutch"},
        },
        "before_synonyms": ["lowercase", "asciifolding"],
        "after_synonyms": ["coalition_stop", "coalition_stemmer"],
    },
    "en": {
        "filter": {
            "coalition_possessive": {"type": "stemmer", "language": "possessive_english"},
            "coalition_stop": {"type": "stop", "stopwords": "_english_"},
            "coalition_stemmer": {"type": "stemmer", "language": "english"},
        },
        "before_synonyms": ["coalition_possessive", "lowercase", "asciifolding"],
        "after_synonyms": ["coalition_stop", "coalition_stemmer"],
    },
}


def synonym_rules(language):
    """The editors' groups as Solr rules ("maatje, buddy"); read at index creation."""
    from search.models.synonyms import SearchSynonym

    return [", ".join(group) for group in SearchSynonym.groups(language)]


def analysis_settings(language, synonyms):
    """The `settings.analysis` of an index of this language, with these synonym rules."""
    chain = CHAINS[language_of(language)]
    filters = deepcopy(chain["filter"])
    search_filters = [*chain["before_synonyms"]]
    if synonyms:
        filters["coalition_synonyms"] = {
            "type": "synonym_graph",
            "synonyms": list(synonyms),
            "lenient": True,
        }
        search_filters.append("coalition_synonyms")
    search_filters += chain["after_synonyms"]
    return {
        "analysis": {
            "filter": filters,
            "analyzer": {
                "default": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": [*chain["before_synonyms"], *chain["after_synonyms"]],
                },
                "default_search": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": search_filters,
                },
            },
        }
    }


class LanguageIndex(Elasticsearch9Index):
    def put(self):
        self.es.indices.create(index=self.name, **self.backend.index_settings())

    def accepts(self, item):
        return self.backend.accepts(item)

    def add_item(self, item):
        if self.accepts(item):
            super().add_item(item)

    def add_items(self, model, items):
        if not class_is_indexed(model):
            return
        super().add_items(model, [item for item in items if self.accepts(item)])


class TreeCompilerMixin:
    """And/Or/Not of PlainTexts as one bool tree, each PlainText a `multi_match` over all
    fields (Wagtail would repeat the whole tree for every field in a `dis_max`)."""

    def _join_and_compile_queries(self, query, fields, boost=1.0):
        return self._compile_tree(query, fields)

    def _compile_tree(self, query, fields):
        if isinstance(query, And):
            return {"bool": {"must": [self._compile_tree(q, fields) for q in query.subqueries]}}
        if isinstance(query, Or):
            return {
                "bool": {
                    "should": [self._compile_tree(q, fields) for q in query.subqueries],
                    "minimum_should_match": 1,
                }
            }
        if isinstance(query, Not):
            return {"bool": {"must_not": self._compile_tree(query.subquery, fields)}}
        if isinstance(query, MatchAll):
            return {"match_all": {}}
        if isinstance(query, PlainText):
            return self._compile_plaintext_query(query, fields)
        if isinstance(query, Phrase):
            return self._compile_phrase_query(query, fields)
        return super()._join_and_compile_queries(query, fields)


class LanguageSearchQueryCompiler(TreeCompilerMixin, Elasticsearch9SearchQueryCompiler):
    pass


class LanguageAutocompleteQueryCompiler(Elasticsearch9AutocompleteQueryCompiler):
    pass


class LanguageElasticsearchBackend(Elasticsearch9SearchBackend):
    index_class = LanguageIndex
    query_compiler_class = LanguageSearchQueryCompiler
    autocomplete_query_compiler_class = LanguageAutocompleteQueryCompiler

    def __init__(self, params):
        params = dict(params)
        self.language = language_of(params.pop("LANGUAGE", None))
        self.only_language = params.pop("ONLY_LANGUAGE", None)
        super().__init__(params)
        self._languages = None

    def index_settings(self):
        """The settings the index is created with: the language's analysers and today's
        synonyms over Wagtail's own (ngram analysers for autocomplete)."""
        return deep_update(
            deepcopy(self.settings),
            {"settings": analysis_settings(self.language, synonym_rules(self.language))},
        )

    def language_of_object(self, obj):
        locale_id = getattr(obj, "locale_id", None)
        if locale_id is None:
            return None
        if self._languages is None or locale_id not in self._languages:
            from wagtail.models import Locale

            self._languages = dict(Locale.objects.values_list("pk", "language_code"))
        code = self._languages.get(locale_id)
        return code and code.split("-")[0].lower()

    def accepts(self, obj):
        """Does this backend index the object? Language backends only their own language."""
        return self.only_language is None or self.language_of_object(obj) == self.only_language


SearchBackend = LanguageElasticsearchBackend
