"""The management command of every importer: a subclass names the importer and its option.

    class Command(ImportCommand):
        importer = PlaceImporter
        parent_option = "kaart"

gives ``manage.py <command> FILE --kaart ID-OR-SLUG [--dry-run]``: the same rule as in the
admin (all or nothing; ``--dry-run`` checks and saves nothing), messages in Dutch, exit code
1 when anything was wrong.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from .reading import SpreadsheetError

OUTCOME_WORDS = {"created": "nieuw", "updated": "bijgewerkt", "unchanged": "ongewijzigd"}


class ImportCommand(BaseCommand):
    importer = None
    parent_option = ""  # the option that names the parent page: --kaart, --agenda

    @property
    def help(self):
        return (
            f"Create or update pages from a CSV or .xlsx file, under the page --{self.parent_option} "
            f"names (a {self.importer.parent_model.__name__}; columns: core/IMPORT.md). All or "
            "nothing: with any error nothing changes and the command exits with code 1. "
            "--dry-run checks and saves nothing."
        )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .csv or .xlsx file with the columns of core/IMPORT.md.")
        parser.add_argument(
            f"--{self.parent_option}",
            dest="parent",
            metavar="ID_OR_SLUG",
            required=True,
            help=f"The id or slug of the {self.importer.parent_model.__name__}.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check every row and say what would happen, but save nothing (and geocode nothing).",
        )

    def handle(self, *args, file, parent, dry_run=False, **options):
        # The coordinator reads the messages: Dutch, whatever the shell's language.
        with translation.override("nl"):
            target = self.find_parent(parent)
            try:
                with open(file, "rb") as handle:
                    rows = self.importer.read_rows(handle, file)
            except OSError as error:
                raise CommandError(f"Kan {file} niet openen: {error.strerror}") from error
            except SpreadsheetError as error:
                self.stderr.write(str(error))
                raise SystemExit(1) from error
            result = self.importer(target, dry_run=dry_run).run(rows)
            self.report(target, result)
            if not result.ok:
                raise SystemExit(1)

    def report(self, target, result):
        for outcome in result.rows:
            if outcome.outcome != "unchanged":
                self.stdout.write(
                    f"Rij {outcome.row} ({outcome.key}): {OUTCOME_WORDS[outcome.outcome]} - "
                    f"{outcome.title}"
                )
        for warning in result.warnings:
            self.stdout.write(self.style.WARNING(f"Let op: {warning}"))
        for error in result.errors:
            self.stderr.write(str(error))
        summary = f"'{target.title}': {result.summary()}"
        if result.ok:
            self.stdout.write(self.style.SUCCESS(summary))
        else:
            self.stderr.write(summary)

    def find_parent(self, value):
        """By id, or by slug when that is unique (translations share the slug)."""
        pages = self.importer.parent_model.objects.select_related("locale")
        found = list(pages.filter(**{"pk" if value.isdigit() else "slug": value}))
        if len(found) == 1:
            return found[0]
        known = ", ".join(f"{p.pk} ({p.slug}, {p.locale.language_code})" for p in pages)
        if found:
            raise CommandError(f"Meer pagina's heten '{value}'; geef het id. Pagina's: {known}")
        raise CommandError(f"Geen pagina '{value}'. Bestaande pagina's: {known or 'geen'}")
