"""The npm files the site serves, one by one.

Exposing whole ``dist/`` folders of npm packages as static files breaks the production
build: ``@utrecht/design-tokens/dist/background-image-icon.css`` refers to SVGs its
``dist/`` lacks, and whitenoise's manifest storage stops at the first missing file. So
only the files the templates use are exposed, with what they refer to themselves
(``url(...)`` in CSS, ``sourceMappingURL`` in JavaScript, the marker images Leaflet's
script loads). A file missing from ``node_modules`` (``npm ci`` not run, or a package
that moved it) is a system check error, not a 404 in production.

Listed in ``STATICFILES_FINDERS`` after Django's two finders.
"""

import os
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import utils
from django.contrib.staticfiles.finders import BaseFinder, searched_locations
from django.core.checks import Error
from django.core.files.storage import FileSystemStorage

# Static path -> path under node_modules.
VENDOR_STATIC_FILES = {
    # NL Design System (Utrecht): the theme's design tokens and the styles for plain HTML.
    # Neither file has a url(...).
    "vendor/utrecht-tokens/theme.css": "@utrecht/design-tokens/dist/theme.css",
    "vendor/utrecht/html.css": "@utrecht/component-library-css/dist/html.css",
    # Leaflet: the script names its source map, the CSS its control and marker images, and
    # the script loads the marker's retina image and shadow itself.
    "vendor/leaflet/leaflet.css": "leaflet/dist/leaflet.css",
    "vendor/leaflet/leaflet.js": "leaflet/dist/leaflet.js",
    "vendor/leaflet/leaflet.js.map": "leaflet/dist/leaflet.js.map",
    "vendor/leaflet/images/layers.png": "leaflet/dist/images/layers.png",
    "vendor/leaflet/images/layers-2x.png": "leaflet/dist/images/layers-2x.png",
    "vendor/leaflet/images/marker-icon.png": "leaflet/dist/images/marker-icon.png",
    "vendor/leaflet/images/marker-icon-2x.png": "leaflet/dist/images/marker-icon-2x.png",
    "vendor/leaflet/images/marker-shadow.png": "leaflet/dist/images/marker-shadow.png",
}


def node_modules() -> Path:
    return Path(settings.NODE_MODULES)


class VendorFilesStorage(FileSystemStorage):
    """Reads the mapped files from node_modules under their static names, and nothing else."""

    def __init__(self, root, files):
        super().__init__(location=root)
        self.files = files

    def path(self, name):
        source = self.files.get(name.replace("\\", "/"))
        if source is None:
            raise FileNotFoundError(f"{name} is not one of the vendor files.")
        return super().path(source)

    def exists(self, name):
        return name.replace("\\", "/") in self.files and super().exists(name)


class VendorFilesFinder(BaseFinder):
    """A staticfiles finder for the explicit ``VENDOR_STATIC_FILES`` mapping."""

    def __init__(self, app_names=None, *args, files=None, **kwargs):
        self.files = dict(VENDOR_STATIC_FILES if files is None else files)
        self.root = node_modules()
        self.storage = VendorFilesStorage(self.root, self.files)
        super().__init__(*args, **kwargs)

    def check(self, **kwargs):
        return [
            Error(
                f"The static file {name} needs node_modules/{source}, which is missing.",
                hint="Run `npm ci` (or `make npm`) in the project folder.",
                obj=self.__class__.__qualname__,
                id="core.E001",
            )
            for name, source in self.files.items()
            if not (self.root / source).is_file()
        ]

    def find(self, path, find_all=False, **kwargs):
        if kwargs:  # Django 5.2 still accepts the deprecated `all`
            find_all = self._check_deprecated_find_param(find_all=find_all, **kwargs)
        if os.fspath(self.root) not in searched_locations:
            searched_locations.append(os.fspath(self.root))
        # Like Django's finders: a path, or a list when asked for all; [] when not found.
        source = self.files.get(path)
        if source is None or not (self.root / source).is_file():
            return []
        match = os.fspath(self.root / source)
        return [match] if find_all else match

    def list(self, ignore_patterns):
        for name, source in self.files.items():
            if ignore_patterns and utils.matches_patterns(name, ignore_patterns):
                continue
            if (self.root / source).is_file():
                yield name, self.storage
