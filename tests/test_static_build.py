"""The production static build: collectstatic with whitenoise's manifest storage passes.

Whole npm ``dist/`` folders once made it stop (a stylesheet referring to SVGs its package
lacks), and then every page failed with "Missing staticfiles manifest entry". Only the
vendor files in ``core.staticfiles.VENDOR_STATIC_FILES`` are exposed.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.contrib.staticfiles import finders

from core.staticfiles import VENDOR_STATIC_FILES, VendorFilesFinder
from tests.test_settings import PRODUCTION_ENV, clean_environ

BASE_DIR = Path(__file__).resolve().parent.parent
USED_BY_TEMPLATES = {
    "vendor/utrecht-tokens/theme.css",
    "vendor/utrecht/html.css",
    "vendor/leaflet/leaflet.css",
    "vendor/leaflet/leaflet.js",
}


def test_production_collectstatic_passes_with_the_manifest_storage(tmp_path):
    env = clean_environ()
    env.update(
        PRODUCTION_ENV,
        DJANGO_SETTINGS_MODULE="coalition.settings.production",
        STATIC_ROOT=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr

    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    assert manifest.keys() >= USED_BY_TEMPLATES
    assert {name for name in manifest if name.startswith("vendor/")} == set(VENDOR_STATIC_FILES)
    for name in VENDOR_STATIC_FILES:
        assert (tmp_path / manifest[name]).is_file(), name
    # The stylesheet's images are rewritten to their hashed names, so they are cached forever.
    leaflet_css = (tmp_path / manifest["vendor/leaflet/leaflet.css"]).read_text()
    assert Path(manifest["vendor/leaflet/images/layers.png"]).name in leaflet_css


def test_only_the_mapped_vendor_files_are_exposed():
    exposed = set()
    for finder in finders.get_finders():
        for path, storage in finder.list(None):
            name = os.path.join(getattr(storage, "prefix", None) or "", path).replace(os.sep, "/")
            if name.startswith("vendor/"):
                exposed.add(name)
    assert exposed == set(VENDOR_STATIC_FILES)
    # What the old STATICFILES_DIRS exposed and broke the build with is gone.
    assert finders.find("vendor/utrecht-tokens/background-image-icon.css") is None
    assert finders.find("vendor/leaflet/leaflet-src.js") is None


def test_the_finder_serves_the_mapped_file_from_node_modules():
    found = finders.find("vendor/leaflet/leaflet.css")
    assert Path(found) == BASE_DIR / "node_modules/leaflet/dist/leaflet.css"
    assert finders.find("vendor/utrecht/html.css", find_all=True) == [
        str(BASE_DIR / "node_modules/@utrecht/component-library-css/dist/html.css")
    ]


def test_every_mapped_file_is_in_node_modules():
    assert VendorFilesFinder().check() == []


def test_a_missing_node_modules_file_is_a_system_check_error():
    finder = VendorFilesFinder(
        files={
            "vendor/leaflet/leaflet.css": "leaflet/dist/leaflet.css",
            "vendor/gone/gone.css": "gone/dist/gone.css",
        }
    )
    errors = finder.check()
    assert [error.id for error in errors] == ["core.E001"]
    assert "node_modules/gone/dist/gone.css" in errors[0].msg
    assert "npm ci" in errors[0].hint
    assert not finder.find("vendor/gone/gone.css")
    assert [name for name, _storage in finder.list(None)] == ["vendor/leaflet/leaflet.css"]
