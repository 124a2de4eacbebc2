"""What people search for, counted per day and language, without anything about who.

Wagtail's `Query.add_hit()` counts only the searches that found something in our old
view and knows no language; this table counts every search and how many found nothing,
so the editors' report can show what residents look for in vain. Rows older than
`SEARCH_LOG_RETENTION_DAYS` are deleted by `delete_old_search_counts`.
"""

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_LOGGED_LENGTH = 255


def normalise_for_log(query_string):
    return " ".join(query_string.lower().split())[:MAX_LOGGED_LENGTH]


class DailySearchCount(models.Model):
    date = models.DateField(_("datum"), db_index=True)
    language = models.CharField(_("taal"), max_length=8)
    query_string = models.CharField(_("zoekvraag"), max_length=MAX_LOGGED_LENGTH)
    searches = models.PositiveIntegerField(_("keer gezocht"), default=0)
    without_results = models.PositiveIntegerField(_("keer zonder resultaat"), default=0)

    class Meta:
        verbose_name = _("zoekvraag per dag")
        verbose_name_plural = _("zoekvragen per dag")
        constraints = [
            models.UniqueConstraint(
                fields=["date", "language", "query_string"], name="one_search_count_per_day"
            )
        ]

    def __str__(self):
        return f"{self.date} {self.language} {self.query_string}"

    @classmethod
    def record(cls, query_string, language, found_something):
        """Count one search (two queries at most, safe for concurrent workers)."""
        query_string = normalise_for_log(query_string)
        if not query_string:
            return
        key = {"date": timezone.localdate(), "language": language, "query_string": query_string}
        increments = {
            "searches": F("searches") + 1,
            "without_results": F("without_results") + (0 if found_something else 1),
        }
        if cls.objects.filter(**key).update(**increments):
            return
        try:
            with transaction.atomic():
                cls.objects.create(**key, searches=1, without_results=0 if found_something else 1)
        except IntegrityError:  # another worker created the row a moment ago
            cls.objects.filter(**key).update(**increments)
