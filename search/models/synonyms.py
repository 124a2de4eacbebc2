"""Words that mean the same to the people who search, kept by editors.

A resident types "buddy" where the page says "maatje"; a professional types "senioren"
where it says "ouderen". Each row is one group of words of one language that the search
treats as one: the database backends widen every query term with its group at query
time (so an edit counts at once), Elasticsearch gets the groups in its analyser when the
index is built (`update_index`).
"""

import re
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

WORD_SEPARATORS = re.compile(r"[,;\n]+")
# How long a process keeps the groups of a language before reading them again. Saving or
# deleting a group in this process clears it at once; other processes see it within this time.
CACHE_SECONDS = 30
_cache = {}  # language -> (time read, groups)


def split_terms(text):
    """The words of a group, lower case, in the order typed, each once."""
    terms = []
    for part in WORD_SEPARATORS.split(text or ""):
        term = " ".join(part.lower().split())
        if term and term not in terms:
            terms.append(term)
    return terms


class SearchSynonym(models.Model):
    language = models.CharField(
        _("taal"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="nl",
        help_text=_("De taal van de zoekers voor wie deze woorden hetzelfde betekenen."),
    )
    terms = models.TextField(
        _("woorden met dezelfde betekenis"),
        help_text=_(
            "Twee of meer woorden, gescheiden door komma's. Bijvoorbeeld: maatje, buddy. "
            "Wie op één van deze woorden zoekt, vindt ook pagina's met de andere."
        ),
    )

    panels = [FieldPanel("language"), FieldPanel("terms")]

    class Meta:
        verbose_name = _("zoekwoorden met dezelfde betekenis")
        verbose_name_plural = _("zoekwoorden met dezelfde betekenis")
        ordering = ["language", "terms"]

    def __str__(self):
        return " = ".join(self.term_list)

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.clear_cache()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.clear_cache()
        return result

    @property
    def term_list(self):
        return split_terms(self.terms)

    def clean(self):
        if len(self.term_list) < 2:
            raise ValidationError(
                {"terms": _("Vul minstens twee woorden in, gescheiden door een komma.")}
            )
        self.terms = ", ".join(self.term_list)

    @classmethod
    def groups(cls, language):
        """Every group of the language as a list of lower-case terms."""
        rows = cls.objects.filter(language=language).values_list("terms", flat=True)
        return [terms for terms in (split_terms(text) for text in rows) if len(terms) > 1]

    @classmethod
    def cached_groups(cls, language):
        """`groups(language)`, read at most every CACHE_SECONDS (an editor's edit counts within
        that time in every process, at once in the process that saved it)."""
        now = time.monotonic()
        cached = _cache.get(language)
        if cached is None or now - cached[0] > CACHE_SECONDS:
            cached = _cache[language] = (now, cls.groups(language))
        return cached[1]

    @classmethod
    def clear_cache(cls):
        _cache.clear()
