"""Delete sign-ups once the retention period is over (run daily, e.g. with cron).

Only submissions of sign-up pages (``signups.FormPage``, in every language) are deleted, and
only those sent more than ``SIGNUP_RETENTION_DAYS`` (default 180) days ago.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from signups.limits import retention_days
from signups.models import FormPage


def expired_signups(now=None):
    """Submissions of sign-up pages older than the retention period."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=retention_days())
    return FormSubmission.objects.filter(
        page__in=FormPage.objects.values("pk"), submit_time__lt=cutoff
    )


class Command(BaseCommand):
    help = (
        "Verwijdert aanmeldingen via aanmeldformulieren die ouder zijn dan "
        "SIGNUP_RETENTION_DAYS (standaard 180 dagen)."
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
            raise CommandError("SIGNUP_RETENTION_DAYS moet een heel getal van 0 of meer zijn.")
        expired = expired_signups()
        if dry_run:
            self.stdout.write(
                f"{expired.count()} aanmelding(en) ouder dan {days} dagen zou(den) worden "
                "verwijderd (proefdraai: niets verwijderd)."
            )
            return
        deleted, _per_model = expired.delete()
        self.stdout.write(f"{deleted} aanmelding(en) ouder dan {days} dagen verwijderd.")
