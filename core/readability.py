"""How easy a page's prose is to read: LIX, and runs copied word for word from a source.

LIX (Björnsson) is the number of words per sentence plus the percentage of words longer
than six letters. Dutch B1 text scores about 35-45; the site keeps resident-facing prose at
45 or lower (``LIX_LIMIT``). It is computed over a page's paragraphs: the prose of its rich
text, StreamField blocks and longer text fields, never over headings, labels or titles
(too short to be sentences), so the number means the same for every page type.

``copied_runs`` finds stretches of words that stand word for word in a source text (the
handreiking): facts carry over, sentences do not.
"""

import hashlib
import re
from html import unescape

from django.db import models
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.rich_text import RichText

LIX_LIMIT = 45
# A text value shorter than this is a label or a heading, not a paragraph of prose.
MIN_PARAGRAPH_WORDS = 8
LONG_WORD_LETTERS = 6
# Ten words in a row that stand word for word in the source are a copied sentence.
COPY_RUN_WORDS = 10
GRAM_HASH_BYTES = 6

_WORD = re.compile(r"[^\W_][\w'’-]*", re.UNICODE)
# A sentence ends at . ! ? or : followed by a space and something that starts a sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?:])[\"'’”)]*\s+(?=[\"'‘“(]?[A-ZÀ-Þ0-9])")
_BLOCK_TAGS = re.compile(r"</?(p|li|h[1-6]|blockquote|div|br|tr|td|th|ul|ol)\b[^>]*>", re.I)
_TAGS = re.compile(r"<[^>]+>")
_HEADING = re.compile(r"<h[1-6]\b[^>]*>.*?</h[1-6]>", re.I | re.S)


def _page_fields():
    """Fields of Page itself (title, slug, SEO): not the page's prose."""
    return {field.name for field in Page._meta.concrete_fields}


def html_paragraphs(html):
    """The paragraphs of an HTML fragment as plain text (headings left out)."""
    html = _HEADING.sub("\n", html or "")
    text = unescape(_TAGS.sub("", _BLOCK_TAGS.sub("\n", html)))
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def text_paragraphs(text):
    return [" ".join(line.split()) for line in (text or "").split("\n\n") if line.strip()]


def _values(value, skip_blocks=()):
    """Every string or rich-text leaf inside a StreamField value."""
    if isinstance(value, RichText | str):
        yield value
    elif isinstance(value, dict):  # StructValue
        for item in value.values():
            yield from _values(item, skip_blocks)
    elif hasattr(value, "value") and hasattr(value, "block"):  # a stream or list child
        if getattr(value, "block_type", None) not in skip_blocks:
            yield from _values(value.value, skip_blocks)
    elif hasattr(value, "__iter__") and not isinstance(value, bytes | models.Model):
        for item in value:
            yield from _values(item, skip_blocks)


def _leaf_paragraphs(value):
    if isinstance(value, RichText):
        return html_paragraphs(value.source)
    if "<" in value and ">" in value:
        return html_paragraphs(value)
    return text_paragraphs(value)


def page_paragraphs(page, skip_blocks=()):
    """The paragraphs of prose on a page (its own fields, not its children's).

    ``skip_blocks``: StreamField block types to leave out, e.g. ``("quote",)`` when looking
    for copied text (an attributed quotation is a citation, not our sentence).
    """
    paragraphs = []
    own = _page_fields()
    for field in page._meta.concrete_fields:
        if field.name in own or field.is_relation or field.choices:
            continue
        value = getattr(page, field.attname, None)
        if not value:
            continue
        if isinstance(field, StreamField):
            for leaf in _values(value, skip_blocks):
                paragraphs.extend(_leaf_paragraphs(leaf))
        elif isinstance(field, RichTextField):
            paragraphs.extend(html_paragraphs(value))
        elif isinstance(field, models.CharField | models.TextField) and isinstance(value, str):
            paragraphs.extend(_leaf_paragraphs(value))
    return [p for p in paragraphs if len(words(p)) >= MIN_PARAGRAPH_WORDS]


def words(text):
    return _WORD.findall(text)


def sentences(paragraph):
    return [s for s in _SENTENCE_END.split(paragraph) if words(s)]


def lix(paragraphs):
    """LIX over paragraphs, or None when there is no prose to measure."""
    all_words = [word for paragraph in paragraphs for word in words(paragraph)]
    sentence_count = sum(len(sentences(paragraph)) for paragraph in paragraphs)
    if not all_words or not sentence_count:
        return None
    long_words = sum(
        1 for word in all_words if sum(ch.isalpha() for ch in word) > LONG_WORD_LETTERS
    )
    return round(len(all_words) / sentence_count + 100 * long_words / len(all_words))


def page_lix(page):
    return lix(page_paragraphs(page))


_URL = re.compile(r"\S*(https?://|www\.|\.nl\b|\.nu\b|\.com\b|\.org\b)\S*", re.I)


def _normalised_words(text):
    """Lower-case words without links (an address is a fact) and with compounds split."""
    text = _URL.sub(" ", text).replace("-", " ")
    return [word.lower().replace("’", "'") for word in words(text)]


def _gram_hash(gram):
    return hashlib.blake2b(" ".join(gram).encode(), digest_size=GRAM_HASH_BYTES).digest()


def fingerprint(source_text, length=COPY_RUN_WORDS):
    """The hashed runs of ``length`` words of a source: enough to find copies, not the text."""
    source = _normalised_words(source_text)
    return {_gram_hash(source[i : i + length]) for i in range(len(source) - length + 1)}


def copied_runs(paragraphs, source_fingerprint, length=COPY_RUN_WORDS):
    """Runs of at least ``length`` words of the paragraphs that stand in the source.

    ``source_fingerprint`` comes from ``fingerprint``. Returns the runs, longest first. Words
    are compared in lower case, without punctuation and links, so a changed comma does not
    hide a copied sentence.
    """
    found = []
    for paragraph in paragraphs:
        text = _normalised_words(paragraph)
        i = 0
        while i <= len(text) - length:
            if _gram_hash(text[i : i + length]) in source_fingerprint:
                end = i + length
                while (
                    end < len(text)
                    and _gram_hash(text[end - length + 1 : end + 1]) in source_fingerprint
                ):
                    end += 1
                found.append(" ".join(text[i:end]))
                i = end
            else:
                i += 1
    return sorted(found, key=len, reverse=True)
