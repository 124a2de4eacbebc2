"""Import a coalition's spreadsheet into a sociale kaart (columns: social_map/IMPORT.md)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from social_map.models import SocialMapPage
from social_map.spreadsheet import SpreadsheetError, import_places, read_rows


class Command(BaseCommand):
    help = (
        "Create or update the places of a sociale kaart from a CSV or .xlsx file. All or "
        "nothing: with any error nothing changes and the command exits with code 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .csv or .xlsx file with the columns of IMPORT.md.")
        parser.add_argument(
            "--kaart", required=True, help="The id or slug of the sociale kaart (SocialMapPage)."
        )

    def handle(self, *args, file, kaart, **options):
        # The coordinator reads the messages: Dutch, whatever the shell's language.
        with translation.override("nl"):
            social_map = self.find_map(kaart)
            try:
                with open(file, "rb") as handle:
                    rows = read_rows(handle, file)
            except OSError as error:
                raise CommandError(f"Kan {file} niet openen: {error.strerror}") from error
            except SpreadsheetError as error:
                self.stderr.write(str(error))
                raise SystemExit(1) from error
            result = import_places(social_map, rows)
            for warning in result.warnings:
                self.stdout.write(self.style.WARNING(f"Let op: {warning}"))
            if not result.ok:
                for error in result.errors:
                    self.stderr.write(str(error))
                self.stderr.write(
                    f"Er is niets geïmporteerd: {len(result.errors)} fout(en) in "
                    f"{len({e.row for e in result.errors})} rij(en). Verbeter het bestand en "
                    "importeer het opnieuw."
                )
                raise SystemExit(1)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Klaar met '{social_map.title}': {result.created} nieuw, "
                    f"{result.updated} bijgewerkt, {result.unchanged} ongewijzigd."
                )
            )

    def find_map(self, kaart):
        """By id, or by slug when that is unique (translations share the slug)."""
        all_maps = SocialMapPage.objects.select_related("locale")
        maps = list(all_maps.filter(**{"pk" if kaart.isdigit() else "slug": kaart}))
        if len(maps) == 1:
            return maps[0]
        known = ", ".join(f"{m.pk} ({m.slug}, {m.locale.language_code})" for m in all_maps)
        if maps:
            raise CommandError(f"Meer kaarten heten '{kaart}'; geef het id. Kaarten: {known}")
        raise CommandError(f"Geen sociale kaart '{kaart}'. Bestaande kaarten: {known or 'geen'}")
