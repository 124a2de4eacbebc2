"""Delete the search counts once the retention period is over (run daily, e.g. with cron).

Rows of `DailySearchCount` dated more than ``SEARCH_LOG_RETENTION_DAYS`` (default 90) days
before today are deleted; Wagtail's own daily hits (`wagtailsearchpromotions`) follow the same
period through ``WAGTAILSEARCH_HITS_MAX_AGE`` and its command `searchpromotions_garbage_collect`.
"""

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from search.models import DailySearchCount


def retention_days():
    return getattr(settings, "SEARCH_LOG_RETENTION_DAYS", 90)


def expired_counts(today=None):
    """Counts of days older than the retention period."""
    cutoff = (today or timezone.localdate()) - dt.timedelta(days=retention_days())
    return DailySearchCount.objects.filter(date__lt=cutoff)


class Command(BaseCommand):
    help = (
        "Verwijdert de tellingen van zoekvragen die ouder zijn dan "
        "SEARCH_LOG_RETENTION_DAYS (standaard 90 dagen)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Alleen tellen wat er verwijderd zou worden; niets verwijderen.",
        )

    def handle(self, *args, dry_run=False, **options):
        days = retention_days()
        if not isinstance(days, int) or days < 0:
            raise CommandError("SEARCH_LOG_RETENTION_DAYS moet een heel getal van 0 of meer zijn.")
        expired = expired_counts()
        if dry_run:
            self.stdout.write(
                f"{expired.count()} telling(en) van zoekvragen ouder dan {days} dagen zou(den) "
                "worden verwijderd (proefdraai: niets verwijderd)."
            )
            return
        deleted, _per_model = expired.delete()
        self.stdout.write(
            f"{deleted} telling(en) van zoekvragen ouder dan {days} dagen verwijderd."
        )
