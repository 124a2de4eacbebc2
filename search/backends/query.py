"""From what a visitor typed to the query the search backend runs.

``build_query(text, language_code)`` cuts the text into words (nothing typed is passed on
as search syntax) and widens every word with

- its synonyms (``SearchSynonym`` groups of the language, read per query, cached briefly);
  a multi-word synonym ("older people") must match all of its words;
  (Elasticsearch has them in its search analyser, so they are not added to its queries);
- the Dutch compound of the word and its neighbour: "koffie ochtend" also finds
  "koffieochtend" (both words accept the joined form, so a page with only the compound
  matches the whole query).

Stop words ("tegen", "de") are left out, as PostgreSQL and Elasticsearch leave them out of
the index: kept in an AND they would match nothing there.

The result is made of modelsearch query objects (``And`` of ``Or`` of ``LanguageText``), which
every backend accepts: the SQLite backend stems each ``LanguageText`` in its language,
PostgreSQL stems by its text-search configuration, Elasticsearch sends each as a ``match``.
Words match all (AND); the alternatives of one word any (OR).
"""

from django.conf import settings
from modelsearch.query import And, MatchAll, Not, Or, PlainText

from search.models.synonyms import SearchSynonym

from . import backend_for_language
from .stemming import language_of, query_words, stems, without_stop_words, words


class LanguageText(PlainText):
    """Plain words in a known language (the SQLite backend stems them in that language)."""

    def __init__(self, query_string, language_code, operator="and", boost=1):
        super().__init__(query_string, operator=operator, boost=boost)
        self.language_code = language_code

    def __repr__(self):
        return f"<LanguageText {self.query_string!r} {self.language_code}>"

    def __eq__(self, other):
        return isinstance(other, LanguageText) and (
            self.query_string,
            self.language_code,
            self.operator,
        ) == (other.query_string, other.language_code, other.operator)

    def __hash__(self):
        return hash((self.query_string, self.language_code, self.operator))


def no_results():
    """A query that matches nothing (for text without any word)."""
    return Not(MatchAll())


def expands_synonyms(language):
    """False where the backend's analysers apply synonyms and stemming (Elasticsearch)."""
    params = settings.WAGTAILSEARCH_BACKENDS.get(backend_for_language(language), {})
    return "elasticsearch" not in params.get("BACKEND", "")


def synonym_groups(language):
    """The groups of the language as lists of word tuples: [[("ouderen",), ("65", "plussers")]]."""
    groups = []
    for group in SearchSynonym.cached_groups(language):
        terms = [tuple(words(term)) for term in group]
        terms = [term for term in terms if term]
        if len(terms) > 1:
            groups.append(terms)
    return groups


# Two words with a stem in common count as the same word for synonyms only when they differ
# by an ending (ouderen/oudere, maatjes/maatje, senioren/senior), not by a derivation:
# "eenzaamheid" shares its stem with "eenzaam", but its group (eenzaam = alleen) would
# widen a search for loneliness with the everyday word "alleen".
MAX_ENDING = 2


def same_word(a, b, language):
    if a == b:
        return True
    if abs(len(a) - len(b)) > MAX_ENDING:
        return False
    return bool(set(stems(a, language)) & set(stems(b, language)))


def matches_at(term, typed, position, language):
    """Does the (multi-)word term stand in the typed words at this position?"""
    if position + len(term) > len(typed):
        return False
    return all(
        same_word(word, typed[position + offset], language) for offset, word in enumerate(term)
    )


def units(typed, groups, language):
    """The typed words in units: (words, synonym groups that match them). A multi-word
    synonym typed in full is one unit; the longest such match wins."""
    result = []
    position = 0
    while position < len(typed):
        span = 1
        for group in groups:
            for term in group:
                if len(term) > span and matches_at(term, typed, position, language):
                    span = len(term)
        unit = tuple(typed[position : position + span])
        matching = [
            group
            for group in groups
            if any(
                len(term) == span and matches_at(term, typed, position, language) for term in group
            )
        ]
        result.append((unit, matching))
        position += span
    return result


def variants(word, language):
    """Forms a stemmer may keep apart: PostgreSQL's (older) Dutch Snowball stemmer does not
    unify diminutives and their plurals (maatje/maatjes); the SQLite backend's stems do."""
    if language != "nl" or len(word) < 4:
        return []
    if word.endswith("jes"):
        return [word[:-1]]
    if word.endswith("je"):
        return [word + "s"]
    return []


def alternatives(index, all_units, language, expand=True):
    """Everything that may stand for unit `index`: itself, its synonyms, compounds."""
    unit, groups = all_units[index]
    found = [unit]
    if expand and len(unit) == 1:
        found.extend((variant,) for variant in variants(unit[0], language))
    for group in groups:
        found.extend(
            term
            for term in group
            if not (
                len(term) == len(unit)
                and all(same_word(a, b, language) for a, b in zip(term, unit, strict=True))
            )
        )
    if len(unit) == 1:
        # Dutch compounds: "koffie ochtend" -> "koffieochtend" (with either neighbour).
        if index > 0 and len(all_units[index - 1][0]) == 1:
            found.append((all_units[index - 1][0][0] + unit[0],))
        if index + 1 < len(all_units) and len(all_units[index + 1][0]) == 1:
            found.append((unit[0] + all_units[index + 1][0][0],))
    texts = list(dict.fromkeys(" ".join(term) for term in found))
    return [LanguageText(text, language) for text in texts]


def build_query(text, language_code):
    """The query object for `.search()`: the typed words, widened with their synonyms."""
    language = language_of(language_code)
    typed = query_words(text)
    if not typed:
        return no_results()
    typed = without_stop_words(typed, language)
    expand = expands_synonyms(language)
    all_units = units(typed, synonym_groups(language) if expand else [], language)
    parts = []
    for index in range(len(all_units)):
        options = alternatives(index, all_units, language, expand=expand)
        parts.append(options[0] if len(options) == 1 else Or(options))
    return parts[0] if len(parts) == 1 else And(parts)
