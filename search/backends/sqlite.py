"""SQLite FTS5 with Dutch (and English) stemming: a thin subclass of modelsearch's backend.

FTS5 only offers the English ``porter`` tokeniser, so stemming is done in Python: the index
stores the stems of ``title`` and ``body`` (the stemmer of the object's locale, Dutch when it
has none) and every query word is searched as an OR group of its stems. The ``autocomplete``
column keeps the real words (prefix search on what people type).

Nothing typed reaches FTS5 as syntax: queries are cut into words (stemming.words), and each
word is quoted. Each group is written in brackets, because FTS5 gives AND precedence over OR
and modelsearch's own lexemes write none.
"""

from django.db.models import Case, TextField, Value, When
from django.db.models.functions import Cast
from django.utils import translation
from django.utils.functional import cached_property
from modelsearch.backends.database.sqlite.query import (
    BM25,
    MatchExpression,
    SearchQueryExpression,
    normalize,
)
from modelsearch.backends.database.sqlite.sqlite import (
    ObjectIndexer,
    SQLiteAutocompleteQueryCompiler,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.conf import get_app_config
from modelsearch.query import MatchAll, Not, Phrase, PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks
from wagtail.models import Locale

from .stemming import DEFAULT_LANGUAGE, prefix_stem, query_words, stem_text, stems

SQLiteFTSIndexEntry = get_app_config().get_model("SQLiteFTSIndexEntry", require_ready=False)


class EmptyQuery(Exception):
    """The query had no words: it matches nothing."""


def quote(word):
    return '"' + word.replace('"', '""') + '"'


def any_of(alternatives):
    """`("a" OR "b")`: one group, in brackets when it has more than one member."""
    alternatives = list(dict.fromkeys(alternatives))
    if len(alternatives) == 1:
        return alternatives[0]
    return "(" + " OR ".join(alternatives) + ")"


# bm25's weight per column of the FTS5 table, in its order (autocomplete, body, title): a
# word in the title outweighs many in the body (measured on test_relevance: 100 > 30 > 10).
SEARCH_WEIGHTS = (0.0, 1.0, 100.0)
AUTOCOMPLETE_WEIGHTS = (1.0, 0.0, 0.0)


class WeightedBM25(BM25):
    def __init__(self, weights):
        super().__init__()
        self.weights = weights

    def as_sql(self, compiler, connection, function=None, template=None):
        table = SQLiteFTSIndexEntry._meta.db_table
        return f"bm25({table}, {', '.join(str(float(w)) for w in self.weights)})", []


class FTSExpression(SearchQueryExpression):
    """A finished FTS5 expression (built from quoted words only), passed as one parameter."""

    def __init__(self, expression):
        super().__init__(Value(expression))
        self.expression = expression

    def as_sql(self, compiler, connection, **extra_context):
        return "%s", [self.expression]

    def __repr__(self):
        return f"<FTSExpression {self.expression}>"


def query_language(query):
    """The language a query is in: its own (search.backends.query.LanguageText), else the
    active language."""
    return getattr(query, "language_code", None) or translation.get_language() or DEFAULT_LANGUAGE


class StemmingIndexer(ObjectIndexer):
    def __init__(self, obj, backend, language_code):
        super().__init__(obj, backend)
        self.language_code = language_code

    @cached_property
    def title(self):
        return stem_text(super().title, self.language_code)

    @cached_property
    def body(self):
        return stem_text(super().body, self.language_code)


class StemmingSQLiteIndex(SQLiteIndex):
    def languages_by_locale(self):
        return dict(Locale.objects.values_list("pk", "language_code"))

    def add_items(self, model, objs):
        # As SQLiteIndex.add_items, with stemmed title and body.
        if not model.get_search_fields():
            return
        languages = self.languages_by_locale()
        indexers = [
            StemmingIndexer(obj, self.backend, languages.get(getattr(obj, "locale_id", None)))
            for obj in objs
        ]
        if not indexers:
            return

        content_type_pk = get_content_type_pk(model)
        data = {
            indexer.id: (indexer.title, indexer.autocomplete, indexer.body) for indexer in indexers
        }
        entries = self.entries.filter(content_type_id=content_type_pk)
        indexed = frozenset(
            entries.filter(object_id__in=data.keys()).values_list("object_id", flat=True)
        )
        for object_id in indexed:
            title, autocomplete, body = data[object_id]
            entries.filter(object_id=object_id).update(
                title=title, autocomplete=autocomplete, body=body
            )
        model_entries = self.entries.model
        self.entries.bulk_create(
            [
                model_entries(
                    content_type_id=content_type_pk,
                    object_id=object_id,
                    title=title,
                    autocomplete=autocomplete,
                    body=body,
                )
                for object_id, (title, autocomplete, body) in data.items()
                if object_id not in indexed
            ]
        )
        self._refresh_title_norms()


class StemmingQueryCompiler(SQLiteSearchQueryCompiler):
    def words_expression(self, query):
        """FTS5 text for the words of a PlainText/Phrase: each word an OR group of its stems."""
        words = query_words(query.query_string)
        if not words:
            return None
        language = query_language(query)
        groups = [any_of(self.word_forms(word, language)) for word in words]
        connector = " OR " if getattr(query, "operator", "and") == "or" else " AND "
        return groups[0] if len(groups) == 1 else "(" + connector.join(groups) + ")"

    def word_forms(self, word, language):
        """The FTS5 strings one word may match: its stems, and words that begin with them."""
        forms = [quote(stem) for stem in stems(word, language)]
        prefix = prefix_stem(word, language)
        if prefix:
            forms.append(quote(prefix) + "*")
        return forms

    def build_search_query_content(self, query, config=None):
        # A phrase is searched as all of its words: in a stemmed index (two stems per word)
        # the words of a phrase are no longer next to each other.
        if isinstance(query, (PlainText, Phrase)):
            expression = self.words_expression(query)
            return FTSExpression(expression) if expression else None
        return super().build_search_query_content(query, config=config)

    def build_search_query(self, query, config=None):
        built = super().build_search_query(query, config=config)
        if built is None:
            raise EmptyQuery
        return built

    RANK_WEIGHTS = SEARCH_WEIGHTS

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        # bm25() ranks the row against the whole MATCH expression; modelsearch's products of
        # (1 + bm25) per sub-query turn the (negative) scores' order around.
        return WeightedBM25(self.RANK_WEIGHTS)

    def _build_rank_expression(self, vectors, config):
        # One bm25() with a weight per column. modelsearch multiplies it by (title_norm + 1)
        # per column, which lifts every page with a short title, whether or not the words are
        # in its title ("Diemen" above "Wat is eenzaamheid?").
        return WeightedBM25(self.RANK_WEIGHTS)

    def unranked(self, config):
        """The matching objects as a queryset, without scores (for counts and facets)."""
        keep, self.order_by_relevance = self.order_by_relevance, False
        try:
            return super().search(config, None, None)
        except EmptyQuery:
            return self.queryset.none()
        finally:
            self.order_by_relevance = keep

    def search(self, config, start, stop, score_field=None):
        if not self.order_by_relevance or score_field is not None or start is None and stop is None:
            try:
                return super().search(config, start, stop, score_field=score_field)
            except EmptyQuery:
                return self.queryset.none()
        return self.ranked(config, start, stop)

    def title_match(self, search_query):
        """1 where the title alone matches the whole query, else 0: such pages go first.

        bm25's weight for the title column cannot do this alone: FTS5 sets the idf of a word
        found in more than half of all rows to almost nothing, so a page titled "Ik wil
        vrijwilliger worden" fell behind pages that merely mention volunteers often.
        """
        if self.fields and "title" not in self.fields:
            return Value(0)
        in_title = SQLiteFTSIndexEntry.objects.filter(MatchExpression(["title"], search_query))
        return Case(When(pk__in=in_title.values("pk"), then=Value(1)), default=Value(0))

    def ranked(self, config, start, stop):
        """One page of results in order of relevance, from a single FTS5 query.

        modelsearch ranks by annotating every candidate object with a correlated subquery
        that runs the MATCH again per row: with 10,000 matches that is 10,000 full-text
        searches (seconds). Here FTS5 matches once, limited to the candidate objects, sorts
        by bm25 and returns one page of ids; the objects are then read by id.
        """
        normalized = normalize(self.query)
        if isinstance(normalized, (MatchAll, Not)):
            return super().search(config, start, stop)
        try:
            search_query = self.build_search_query(normalized, config=config)
        except EmptyQuery:
            return self.queryset.none()
        candidates = (
            self.queryset.order_by()
            .annotate(_object_id=Cast("pk", TextField()))
            .values("_object_id")
        )
        hits = (
            SQLiteFTSIndexEntry.objects.filter(
                MatchExpression(self.fields or self.FTS_TABLE_FIELDS, search_query)
            )
            .filter(
                index_entry__content_type__in=get_descendants_content_types_pks(
                    self.queryset.model
                ),
                index_entry__object_id__in=candidates,
            )
            .annotate(
                in_title=self.title_match(search_query),
                score=self._build_rank_expression(self.get_search_vectors(), config),
            )
            .order_by("-in_title", "score", "-index_entry_id")
            .values_list("index_entry__object_id", flat=True)
        )
        ids = list(dict.fromkeys(hits[start:stop]))
        found = self.queryset.in_bulk([int(pk) if pk.isdigit() else pk for pk in ids])
        return [
            found[key] for key in (int(pk) if pk.isdigit() else pk for pk in ids) if key in found
        ]


class StemmingAutocompleteQueryCompiler(StemmingQueryCompiler, SQLiteAutocompleteQueryCompiler):
    """Prefix search on the unstemmed words: `"koffie" AND "och"*`."""

    RANK_WEIGHTS = AUTOCOMPLETE_WEIGHTS

    def title_match(self, search_query):
        return Value(0)  # the autocomplete column is all there is

    def words_expression(self, query):
        words = query_words(query.query_string)
        if not words:
            return None
        quoted = [quote(word) for word in words]
        quoted[-1] += "*"
        return "(" + " AND ".join(quoted) + ")"


class StemmingSQLiteSearchResults(SQLiteSearchResults):
    def _do_count(self):
        return self.query_compiler.unranked(self.query_compiler.get_config(self.backend)).count()


class StemmingSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = StemmingQueryCompiler
    autocomplete_query_compiler_class = StemmingAutocompleteQueryCompiler
    index_class = StemmingSQLiteIndex
    results_class = StemmingSQLiteSearchResults


SearchBackend = StemmingSQLiteSearchBackend
