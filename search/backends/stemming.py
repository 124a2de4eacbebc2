"""Words and stems: how the database backends cut text into words and reduce them to stems.

The tokeniser works like SQLite FTS5's ``unicode61`` tokeniser with its default
``remove_diacritics``: a word is a run of letters and digits, lower case, without accents
("Café-ochtend" -> ``cafe``, ``ochtend``). Everything else (quotes, brackets, ``*``, emoji)
only separates words, so nothing a visitor types can reach a search engine as syntax.

Dutch is stemmed with two Snowball stemmers and the word is indexed and searched under both
stems: ``dutch`` unifies maatje/maatjes and vakantie/vakanties, ``dutch_porter`` unifies
eenzaamheid/eenzame and weduwe/weduwen; their union has the recall of both.
"""

import re
import threading
import unicodedata

import Stemmer

WORD = re.compile(r"[^\W_]+")
# A query longer than this is cut: nobody types more words, and the FTS expression stays small.
MAX_QUERY_WORDS = 32
MAX_WORD_LENGTH = 64

# Dutch writes compounds as one word ("maatjesproject", "koffieochtend"): a query word also
# matches words that begin with its (longest) stem, when that stem has at least this many
# letters. Pages with the word itself rank higher (they match both forms).
PREFIX_MIN_LENGTH = 4

STEMMERS = {
    "nl": ("dutch", "dutch_porter"),
    "en": ("english",),
}
DEFAULT_LANGUAGE = "nl"

_local = threading.local()  # PyStemmer objects are not thread-safe: one set per thread


def fold(text):
    """Lower case without accents (NFKD, combining marks dropped)."""
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def words(text, limit=None):
    """The words of a text as FTS5's unicode61 tokeniser sees them, in order."""
    found = [word[:MAX_WORD_LENGTH] for word in WORD.findall(fold(text))]
    return found[:limit] if limit else found


def query_words(text):
    """The words of what a visitor typed (at most MAX_QUERY_WORDS)."""
    return words(text, limit=MAX_QUERY_WORDS)


def language_of(language_code):
    """The stemming language for a language code ("nl-be" -> "nl"); Dutch when unknown."""
    code = (language_code or "").split("-")[0].lower()
    return code if code in STEMMERS else DEFAULT_LANGUAGE


def _stemmers(language):
    cache = getattr(_local, "stemmers", None)
    if cache is None:
        cache = _local.stemmers = {}
    if language not in cache:
        cache[language] = [Stemmer.Stemmer(name) for name in STEMMERS[language]]
    return cache[language]


def stems(word, language_code=None):
    """The stems of one (already folded) word, each once, the first stemmer's first."""
    found = []
    for stemmer in _stemmers(language_of(language_code)):
        stem = stemmer.stemWord(word)
        if stem and stem not in found:
            found.append(stem)
    return found or [word]


def stem_text(text, language_code=None):
    """The text as the index stores it: every word replaced by its stems."""
    return " ".join(stem for word in words(text) for stem in stems(word, language_code))


def prefix_stem(word, language_code=None):
    """The stem a compound that begins with this word begins with, or None (too short)."""
    longest = max(stems(word, language_code), key=len)
    return longest if len(longest) >= PREFIX_MIN_LENGTH else None


# Words too common to narrow a search: the Snowball stop lists that PostgreSQL's `dutch` and
# `english` text-search configurations use (tsearch_data/*.stop), folded like the index.
# Dropped from queries on every backend, so "week tegen eenzaamheid" asks the same of SQLite
# as of PostgreSQL (where a stop word in an AND would match nothing).
DUTCH_STOP_WORDS = frozenset(
    """
    aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen
    door dus een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij
    hoe hun iemand iets ik in is ja je kan kon kunnen maar me meer men met mij mijn moet
    na naar niet niets nog nu of om omdat onder ons ook op over reeds te tegen toch toen
    tot u uit uw van veel voor want waren was wat werd wezen wie wil worden wordt zal ze
    zelf zich zij zijn zo zonder zou
    """.split()  # noqa: SIM905 (a list as the .stop files give it)
)
ENGLISH_STOP_WORDS = frozenset(
    """
    a about above after again against all am an and any are as at be because been before
    being below between both but by can did do does doing don down during each few for
    from further had has have having he her here hers herself him himself his how i if
    in into is it its itself just me more most my myself no nor not now of off on once
    only or other our ours ourselves out over own s same she should so some such t than
    that the their theirs them themselves then there these they this those through to
    too under until up very was we were what when where which while who whom why will
    with you your yours yourself yourselves
    """.split()  # noqa: SIM905 (a list as the .stop files give it)
)
STOP_WORDS = {"nl": DUTCH_STOP_WORDS, "en": ENGLISH_STOP_WORDS}


def without_stop_words(typed, language_code=None):
    """The typed words less the stop words of the language; all of them if nothing is left."""
    stop = STOP_WORDS.get(language_of(language_code), frozenset())
    content = [word for word in typed if word not in stop]
    return content or list(typed)
