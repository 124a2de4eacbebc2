"""Move the rolling window of event dates on. Run daily (cron or a scheduled task).

Publishing rebuilds an event's dates already; this command is for time passing: a weekly
event published a year ago gets its dates for the months that have come into the window.
"""

from django.core.management.base import BaseCommand

from core.page_cache import purge_model
from events import occurrences
from events.models import EventOccurrence, EventPage


class Command(BaseCommand):
    help = "Rebuild the dates of every live event for the coming months (run daily)."

    def handle(self, *args, **options):
        events = EventPage.objects.live().prefetch_related("occurrence_exceptions")
        total = rebuilt = 0
        for event in events.iterator(chunk_size=200):
            total += len(occurrences.rebuild(event))
            rebuilt += 1
        # Rows written in bulk send no signals: the cached lists of dates are dropped here.
        purge_model(EventOccurrence)
        self.stdout.write(f"{rebuilt} activiteiten bijgewerkt, {total} data in de agenda.")
