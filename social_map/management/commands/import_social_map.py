"""Import a coalition's spreadsheet into a sociale kaart (columns: core/IMPORT.md)."""

from core.imports.commands import ImportCommand
from social_map.spreadsheet import PlaceImporter


class Command(ImportCommand):
    importer = PlaceImporter
    parent_option = "kaart"
