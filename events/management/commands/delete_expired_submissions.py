"""Delete who announced an event once the retention period is over (run daily).

Only the ``EventSubmission`` rows hold contact details; the event page never does, so the page
(and its revisions) stay as they are.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from events.announcements.limits import retention_days
from events.models import EventSubmission


class Command(BaseCommand):
    help = (
        "Delete event submissions (name, e-mail, phone of the submitter) older than "
        "EVENTS_SUBMISSION_RETENTION_DAYS (default 90)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be deleted."
        )

    def handle(self, *args, dry_run=False, **options):
        days = retention_days()
        if not isinstance(days, int) or days < 0:
            raise CommandError("EVENTS_SUBMISSION_RETENTION_DAYS must be a whole number >= 0.")
        cutoff = timezone.now() - dt.timedelta(days=days)
        expired = EventSubmission.objects.filter(submitted_at__lt=cutoff)
        if dry_run:
            self.stdout.write(
                f"{expired.count()} aanmelding(en) ouder dan {days} dagen zou(den) worden verwijderd."
            )
            return
        # The M2M rows to possible duplicates go with them.
        deleted = expired.delete()[1].get(EventSubmission._meta.label, 0)
        self.stdout.write(f"{deleted} aanmelding(en) ouder dan {days} dagen verwijderd.")
