"""PostgreSQL full-text search (modelsearch's backend, Dutch by ``SEARCH_CONFIG``), with
typed text cut into plain words before it becomes a tsquery.

PostgreSQL stems with the database's text-search configuration (one per backend, so English
pages are stemmed with the Dutch rules too). Synonyms and joined Dutch compounds come from
``search.backends.query.build_query``, which works on every backend.
"""

import re

from django.contrib.postgres.search import SearchQuery
from modelsearch.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.query import PlainText

from .stemming import MAX_QUERY_WORDS, MAX_WORD_LENGTH, PREFIX_MIN_LENGTH

# Words as typed (accents kept: the text-search configuration treats them as the index did).
RAW_WORD = re.compile(r"[^\W_]+")


class EmptyQuery(Exception):
    """The query had no words: it matches nothing."""


def clean(query):
    """A copy of a PlainText with only its words, or EmptyQuery."""
    words = [word[:MAX_WORD_LENGTH] for word in RAW_WORD.findall(query.query_string.lower())]
    if not words:
        raise EmptyQuery
    cleaned = PlainText(" ".join(words[:MAX_QUERY_WORDS]), operator=query.operator)
    cleaned.boost = query.boost
    return cleaned


class CleanWordsMixin:
    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(query, PlainText):
            query = clean(query)
        return super().build_tsquery_content(query, config=config, invert=invert)

    def search(self, *args, **kwargs):
        try:
            return super().search(*args, **kwargs)
        except EmptyQuery:
            return self.queryset.none()


class CleanQueryCompiler(CleanWordsMixin, PostgresSearchQueryCompiler):
    def build_tsquery_content(self, query, config=None, invert=False):
        # Each word as `(word | word:*)`: Dutch compounds that begin with the word match too
        # ("maatje" finds "maatjesprojecten"), pages with the word itself rank higher.
        if not isinstance(query, PlainText):
            return super().build_tsquery_content(query, config=config, invert=invert)
        words = clean(query).query_string.split()
        lexemes = None
        for word in words:
            lexeme = Lexeme(word, invert=invert)
            if len(word) >= PREFIX_MIN_LENGTH:
                prefix = Lexeme(word, invert=invert, prefix=True)
                # Inverted (under Not), "neither the word nor a compound".
                lexeme = (lexeme & prefix) if invert else (lexeme | prefix)
            if lexemes is None:
                lexemes = lexeme
            elif (query.operator == "or") != invert:
                lexemes |= lexeme
            else:
                lexemes &= lexeme
        return SearchQuery(lexemes, search_type="raw", config=config)


class CleanAutocompleteQueryCompiler(CleanWordsMixin, PostgresAutocompleteQueryCompiler):
    pass


class CleanPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = CleanQueryCompiler
    autocomplete_query_compiler_class = CleanAutocompleteQueryCompiler


SearchBackend = CleanPostgresSearchBackend
