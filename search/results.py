"""How a hit is shown: its type, title, a short text with the query words marked, its facts.

The facts of a page of results load in one query whatever the mix of types: a UNION over
every page model reads the short text and the facts (municipality, the evidence level in
the visitor's language, the next date of an event, as subqueries) of all hits at once.
Which field holds a page's short text or facts is read from the model's fields, so a new
page type with a ``summary`` or ``intro`` needs nothing here.
"""

import re
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, DateTimeField, F, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from wagtail.models import get_page_models

try:  # helper A's Dutch stems: "wandelen" also marks "wandeling"
    from .backends.stemming import fold, stems
except ImportError:  # pragma: no cover - only before the stemming module exists
    stems = None

    def fold(text):
        return str(text).casefold()


SHORT_TEXT_WORDS = 35
TEXT_FIELDS = ("summary", "essence", "intro", "hero_intro")
EMPTY = Value("", output_field=CharField())
# Typed NULL: PostgreSQL reads a bare NULL in a UNION as text.
NO_DATE = Cast(Value(None), output_field=DateTimeField())
TOKEN = re.compile(r"([^\W_]+)")


def _field_names(model):
    return {f.name for f in model._meta.get_fields()}


def _columns(model, facts_locale=None):
    """The UNION columns of one page model: its short text and facts, else empty.

    With ``facts_locale`` the facts are read too: the municipality, the evidence level's
    name in that language (else its own) and the next date of an event, as subqueries of
    the same query. Without it (the vocabulary) they stay empty.
    """
    names = _field_names(model)
    text = next((name for name in TEXT_FIELDS if name in names), None)
    columns = {
        "result_text": F(text) if text else EMPTY,
        "result_municipality": EMPTY,
        "result_evidence": EMPTY,
        "result_next": NO_DATE,
    }
    if facts_locale is None:
        return columns
    if "municipality" in names:
        columns["result_municipality"] = F("municipality__name")
    if "evidence_level" in names:
        level = model._meta.get_field("evidence_level").related_model
        translated = level.objects.filter(
            translation_key=OuterRef("evidence_level__translation_key"), locale=facts_locale
        ).values("name")[:1]
        columns["result_evidence"] = Coalesce(
            Subquery(translated), F("evidence_level__name"), EMPTY, output_field=CharField()
        )
    if model._meta.label == "events.EventPage":
        from events.choices import GONE_STATUSES
        from events.models import EventOccurrence

        upcoming = (
            EventOccurrence.objects.filter(event=OuterRef("pk"), ends_at__gte=timezone.now())
            .exclude(status__in=GONE_STATUSES)
            .order_by("starts_at")
            .values("starts_at")[:1]
        )
        columns["result_next"] = Subquery(upcoming, output_field=DateTimeField())
    return columns


def _models_with_columns():
    return [
        model
        for model in get_page_models()
        if not model._meta.abstract
        and model._meta.concrete_model is model
        and any(name in _field_names(model) for name in (*TEXT_FIELDS, "municipality"))
    ]


def text_values(locale=None, pks=None, facts_locale=None):
    """Rows {pk, result_text, result_municipality, result_evidence, result_next} of every
    page model in one UNION query: live pages of ``locale``, or the pages ``pks``."""
    parts = []
    for model in _models_with_columns():
        queryset = model.objects.all()
        if locale is not None:
            queryset = queryset.live().filter(locale=locale)
        if pks is not None:
            queryset = queryset.filter(pk__in=pks)
        parts.append(queryset.order_by().values("pk", **_columns(model, facts_locale)))
    if not parts:
        return []
    first, *rest = parts
    return list(first.union(*rest, all=True)) if rest else list(first)


def _query_words(query):
    return [fold(word) for word in TOKEN.findall(query) if word.strip()]


def _matches(token, words, word_stems, language):
    folded = fold(token)
    if any(folded == word or (len(word) >= 3 and folded.startswith(word)) for word in words):
        return True
    if stems is None or len(folded) < 3:
        return False
    return bool(word_stems.intersection(stems(folded, language)))


def highlight(text, query, language="nl"):
    """``text`` escaped, with the words of ``query`` (or words with the same stem) in <mark>."""
    words = _query_words(query)
    if not text or not words:
        return escape(text or "")
    word_stems = set()
    if stems is not None:
        for word in words:
            word_stems.update(stems(word, language))
    pieces = []
    for number, piece in enumerate(TOKEN.split(text)):
        if number % 2 and _matches(piece, words, word_stems, language):
            pieces.append(f"<mark>{escape(piece)}</mark>")
        else:
            pieces.append(escape(piece))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above


def short_text(text):
    return Truncator(" ".join(strip_tags(text or "").split())).words(SHORT_TEXT_WORDS, truncate="…")


@dataclass
class Hit:
    """One result as the template shows it."""

    page: object
    type_label: str = ""
    text: str = ""
    marked_text: str = ""
    facts: list = field(default_factory=list)
    promoted: bool = False

    @property
    def url(self):
        return self.page.get_url(getattr(self, "_request", None))


def _type_label(page):
    content_type = ContentType.objects.get_for_id(page.content_type_id)
    model = content_type.model_class()
    return str(model._meta.verbose_name).capitalize() if model else ""


def hits(pages, query, locale, request=None, promoted=False):
    """``pages`` (Page objects, not specific) as Hits, in a fixed number of queries."""
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _

    pages = list(pages)
    if not pages:
        return []
    rows = {
        row["pk"]: row for row in text_values(pks=[page.pk for page in pages], facts_locale=locale)
    }
    found = []
    for page in pages:
        row = rows.get(page.pk, {})
        text = short_text(
            getattr(page, "promotion_description", "")  # an editor's words for a promoted page
            or page.search_description
            or row.get("result_text")
            or ""
        )
        facts = []
        if row.get("result_next"):
            when = timezone.localtime(row["result_next"])
            facts.append((_("Datum"), date_format(when, "l j F Y")))
        if row.get("result_municipality"):
            facts.append((_("Gemeente"), row["result_municipality"]))
        if row.get("result_evidence"):
            facts.append((_("Onderbouwing"), row["result_evidence"]))
        hit = Hit(
            page=page,
            type_label=_type_label(page),
            text=text,
            marked_text=highlight(text, query, locale.language_code),
            facts=facts,
            promoted=promoted,
        )
        hit._request = request
        found.append(hit)
    return found
