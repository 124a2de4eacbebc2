"""The spreadsheet import of events in the admin ("Activiteiten importeren").

The views, template and menu item are the shared import framework's (``core.imports.admin``);
this names the importer, the admin URL and the place in the menu. ``events/wagtail_hooks.py``
imports this module, which registers the hooks.
"""

from core.imports.admin import ImportAdmin

from .spreadsheet import EventImporter

event_import = ImportAdmin(
    EventImporter, path="agenda/importeren/", name="events_import", menu_order=345
)
event_import.register()
