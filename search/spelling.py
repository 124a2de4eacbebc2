""" "Did you mean": corrections from the site's own words, and exact title matches.

The vocabulary of a language is the words of the titles, search descriptions and intros
(summaries) of its live pages, read in two queries and kept in Django's cache until a page
is published, unpublished or deleted (signals connected in ``search/apps.py``). The same
read gives the normalised titles, so an exact title match costs no full-text search.
"""

import difflib
import re
import unicodedata

from django.core.cache import cache
from django.utils.html import strip_tags
from wagtail.models import Page

from .results import text_values

CACHE_KEY = "search:vocabulary:{language}"
CACHE_SECONDS = 24 * 60 * 60
MIN_WORD_LENGTH = 4
CUTOFF = 0.8
WORD = re.compile(r"[^\W\d_]+")
PUNCTUATION = re.compile(r"[^\w\s]|_")
# "Week tegen Eenzaamheid 2026" and "Resto VanHarte (demo)" are also found by their name alone.
TITLE_TAIL = re.compile(r"(\s*\([^)]*\)|\s+\d{4})+$")


def normalise(text):
    """Lower case, without accents and punctuation, whitespace collapsed: how titles are
    compared ("Wat is eenzaamheid?" is typed without its question mark)."""
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(PUNCTUATION.sub(" ", plain.casefold()).split())


def title_keys(title):
    """The normalised title, and the same without a year or remark in brackets at the end."""
    full = normalise(title)
    short = normalise(TITLE_TAIL.sub("", str(title or "").strip()))
    return [full] if not short or short == full else [full, short]


def _words(text):
    return {word for word in WORD.findall(normalise(strip_tags(text or ""))) if len(word) >= 4}


def build(locale):
    """{"words": sorted words, "titles": {normalised title: [page ids]}} of a locale."""
    words, titles = set(), {}
    pages = (
        Page.objects.live().filter(locale=locale).values_list("pk", "title", "search_description")
    )
    for pk, title, description in pages:
        for key in title_keys(title):
            titles.setdefault(key, []).append(pk)
        words |= _words(title) | _words(description)
    for row in text_values(locale=locale):
        words |= _words(row["result_text"])
    return {"words": sorted(words), "titles": titles}


def vocabulary(locale):
    key = CACHE_KEY.format(language=locale.language_code)
    found = cache.get(key)
    if found is None:
        found = build(locale)
        cache.set(key, found, CACHE_SECONDS)
    return found


def forget(**kwargs):
    """Signal receiver: a page was (un)published or deleted, so the words may have changed."""
    from django.conf import settings

    cache.delete_many([CACHE_KEY.format(language=code) for code, _name in settings.LANGUAGES])


def suggestion(query, locale):
    """The query with its unknown words replaced by the closest known ones, or ""."""
    known = vocabulary(locale)["words"]
    known_set = set(known)
    changed, corrected = False, []
    for word in normalise(query).split():
        if len(word) >= MIN_WORD_LENGTH and word.isalpha() and word not in known_set:
            close = difflib.get_close_matches(word, known, n=1, cutoff=CUTOFF)
            if close:
                corrected.append(close[0])
                changed = True
                continue
        corrected.append(word)
    return " ".join(corrected) if changed else ""


def exact_title_ids(query, locale):
    """Ids of the live pages of the locale whose title is the query (normalised)."""
    return vocabulary(locale)["titles"].get(normalise(query), [])
