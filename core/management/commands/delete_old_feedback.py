"""Keep nothing personal from "Klopt er iets niet?" notes longer than needed.

Run daily (cron). After FEEDBACK_RETENTION_DAYS: handled notes are deleted; notes still open
keep their message for the editors but lose the sender's name and e-mail address.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from core.models import Correction, feedback_retention_days


class Command(BaseCommand):
    help = (
        "Verwijdert afgehandelde meldingen en wist naam en e-mailadres van meldingen die "
        "ouder zijn dan FEEDBACK_RETENTION_DAYS."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            expired = Correction.objects.expired()
            deleted, _per_model = expired.filter(handled=True).delete()
            wiped = (
                expired.filter(handled=False).exclude(name="", email="").update(name="", email="")
            )
        self.stdout.write(
            f"{deleted} afgehandelde meldingen verwijderd, bij {wiped} open meldingen naam en "
            f"e-mailadres gewist (bewaartermijn {feedback_retention_days()} dagen)."
        )
