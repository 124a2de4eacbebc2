"""The spreadsheet import of places in the admin ("Plekken importeren").

The views, template and menu item are the shared import framework's (``core.imports.admin``);
this names the importer, the admin URL and the place in the menu.
"""

from core.imports.admin import ImportAdmin

from .spreadsheet import PlaceImporter

place_import = ImportAdmin(
    PlaceImporter, path="sociale-kaart/importeren/", name="social_map_import", menu_order=340
)
place_import.register()
