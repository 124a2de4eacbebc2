from django.conf import settings
from django.core.management.base import BaseCommand

from social_map.freshness import send_reminders, stale_places


class Command(BaseCommand):
    help = (
        "List sociale kaart entries that were not checked for a while and e-mail their "
        "organisations a reminder. Entries past the second limit are already hidden from "
        "residents (never deleted). Run it weekly."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only list, send no e-mail.")

    def handle(self, *args, dry_run=False, **options):
        to_check, hidden = stale_places()
        for label, places in (("Te controleren", to_check), ("Verborgen voor bewoners", hidden)):
            self.stdout.write(f"{label}: {len(places)}")
            for place in places:
                self.stdout.write(
                    f"  - {place.title} (gecontroleerd {place.last_checked:%d-%m-%Y})"
                )
        if dry_run:
            return
        sent = send_reminders(to_check + hidden, settings.WAGTAILADMIN_BASE_URL)
        self.stdout.write(self.style.SUCCESS(f"Herinneringen verstuurd: {sent}"))
