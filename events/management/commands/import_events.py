"""Import a coalition's event sheet into an agenda (columns: events/IMPORT.md)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from events.models import EventIndexPage
from events.spreadsheet import SpreadsheetError, import_events, read_rows


class Command(BaseCommand):
    help = (
        "Create or update the events of an agenda from a CSV or .xlsx file. Every row is checked "
        "on its own: a row with an error is reported with its row number and left out whole, the "
        "good rows are imported and published. Exits with code 1 when any row was left out."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A .csv or .xlsx file with the columns of IMPORT.md.")
        parser.add_argument(
            "--agenda", required=True, help="The id or slug of the agenda (EventIndexPage)."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check and count every row, but save nothing (and geocode nothing).",
        )

    def handle(self, *args, path, agenda, dry_run=False, **options):
        # The coordinator reads the messages: Dutch, whatever the shell's language.
        with translation.override("nl"):
            index = self.find_agenda(agenda)
            try:
                with open(path, "rb") as handle:
                    rows = read_rows(handle, path)
            except OSError as error:
                raise CommandError(f"Kan {path} niet openen: {error.strerror}") from error
            except SpreadsheetError as error:
                self.stderr.write(str(error))
                raise SystemExit(1) from error
            result = import_events(index, rows, dry_run=dry_run)
            self.report(index, result)
            if not result.ok:
                raise SystemExit(1)

    def report(self, index, result):
        prefix = "Proef, er is niets opgeslagen. " if result.dry_run else ""
        for outcome in result.rows:
            word = {"created": "nieuw", "updated": "bijgewerkt", "unchanged": "ongewijzigd"}
            self.stdout.write(
                f"Rij {outcome.row} ({outcome.kenmerk}): {word[outcome.outcome]} - {outcome.title}"
            )
        for warning in result.warnings:
            self.stdout.write(self.style.WARNING(f"Let op: {warning}"))
        for error in result.errors:
            self.stderr.write(str(error))
        summary = (
            f"{prefix}'{index.title}': {result.created} nieuw, {result.updated} bijgewerkt, "
            f"{result.unchanged} ongewijzigd, {result.skipped} rij(en) overgeslagen."
        )
        if result.ok:
            self.stdout.write(self.style.SUCCESS(summary))
        else:
            self.stderr.write(
                f"{summary} Verbeter de overgeslagen rijen en importeer het bestand opnieuw; "
                "de goede rijen worden dan alleen bijgewerkt als er iets veranderd is."
            )

    def find_agenda(self, agenda):
        """By id, or by slug when that is unique (translations share the slug)."""
        agendas = EventIndexPage.objects.select_related("locale")
        found = list(agendas.filter(**{"pk" if agenda.isdigit() else "slug": agenda}))
        if len(found) == 1:
            return found[0]
        known = ", ".join(f"{a.pk} ({a.slug}, {a.locale.language_code})" for a in agendas)
        if found:
            raise CommandError(f"Meer agenda's heten '{agenda}'; geef het id. Agenda's: {known}")
        raise CommandError(f"Geen agenda '{agenda}'. Bestaande agenda's: {known or 'geen'}")
