"""Import a coalition's event sheet into an agenda (columns: core/IMPORT.md)."""

from core.imports.commands import ImportCommand
from events.spreadsheet import EventImporter


class Command(ImportCommand):
    importer = EventImporter
    parent_option = "agenda"
