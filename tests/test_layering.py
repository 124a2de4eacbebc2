"""Which way the imports run, checked (README "Layout", CONVENTIONS.md).

import-linter checks the Python imports against the contracts in pyproject.toml (`make lint`;
run here too, so the suite alone proves it). It cannot see templates: an activity template
that loads `social_map_tags` makes the library depend on the sociale kaart as surely as an
import would. So every tag library and template folder is mapped to the app that defines
it, and every template is checked against the same layers, read from the same contract.
Django's, Wagtail's and other third-party libraries and templates may be used anywhere.
"""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils.html import format_html

from core import panels

BASE_DIR = Path(__file__).resolve().parent.parent
IMPORTLINTER = tomllib.loads((BASE_DIR / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "importlinter"
]
APPS = IMPORTLINTER["root_packages"]
# base.html, 404.html, 500.html: every app's pages extend or render them, so they may use no
# more than core may.
PROJECT_TEMPLATES = BASE_DIR / "templates"
PROJECT_TEMPLATES_APP = "core"


def _layers():
    """{app: (rank, independent)} from the layers contract; rank 0 is the top layer."""
    (contract,) = [c for c in IMPORTLINTER["contracts"] if c["type"] == "layers"]
    found = {}
    for rank, layer in enumerate(contract["layers"]):
        independent = "|" in layer
        for app in re.split(r"[|:]", layer):
            found[app.strip()] = (rank, independent)
    return found


LAYERS = _layers()


def may_depend(importer: str, imported: str) -> bool:
    """Whether app ``importer`` may use app ``imported`` (the layers contract's rule)."""
    if importer == imported:
        return True
    importer_rank, independent = LAYERS[importer]
    imported_rank, _independent = LAYERS[imported]
    return imported_rank > importer_rank or (imported_rank == importer_rank and not independent)


def _tag_libraries():
    """{tag library name: app} for every ``<app>/templatetags/<library>.py``."""
    return {
        path.stem: app
        for app in APPS
        for path in sorted((BASE_DIR / app / "templatetags").glob("*.py"))
        if path.stem != "__init__"
    }


def _static_folders():
    """{first part of a static path: app}, e.g. "social_map" (social_map/css/...).

    The npm files under "vendor/" are served by core (core/staticfiles.py).
    """
    owners = {"vendor": "core"}
    for app in APPS:
        folder = BASE_DIR / app / "static"
        if folder.is_dir():
            owners.update({child.name: app for child in folder.iterdir()})
    return owners


def _template_folders():
    """{first part of a template name: app}, e.g. "social_map" (social_map/...) or "base.html"."""
    owners = {}
    for app in APPS:
        folder = BASE_DIR / app / "templates"
        if folder.is_dir():
            owners.update({child.name: app for child in folder.iterdir()})
    owners.update({child.name: PROJECT_TEMPLATES_APP for child in PROJECT_TEMPLATES.iterdir()})
    return owners


TAG_LIBRARIES = _tag_libraries()
TEMPLATE_FOLDERS = _template_folders()
STATIC_FOLDERS = _static_folders()

LOAD = re.compile(r"{%\s*load\s+(.*?)\s*%}")
INCLUDE_OR_EXTENDS = re.compile(r"""{%\s*(include|extends)\s+(["'])([^"']+)\2""")
STATIC = re.compile(r"""{%\s*static\s+(["'])([^"']+)\1""")


def loaded_libraries(source: str) -> list[str]:
    """The tag libraries a template loads: ``{% load a b %}`` and ``{% load x y from c %}``."""
    libraries = []
    for match in LOAD.finditer(source):
        names = match.group(1).split()
        libraries.extend(names[-1:] if "from" in names else names)
    return libraries


def layering_violations(app: str, source: str, name: str = "<template>") -> list[str]:
    """What in a template of ``app`` depends on an app it may not depend on."""
    problems = []
    for library in loaded_libraries(source):
        owner = TAG_LIBRARIES.get(library)  # None: Django, Wagtail or another package
        if owner is not None and not may_depend(app, owner):
            problems.append(
                f"{name}: {{% load {library} %}} is {owner}'s tag library, and {app} may not "
                f"depend on {owner}"
            )
    for match in INCLUDE_OR_EXTENDS.finditer(source):
        tag, template_name = match.group(1), match.group(3)
        owner = TEMPLATE_FOLDERS.get(template_name.split("/")[0])
        if owner is not None and not may_depend(app, owner):
            problems.append(
                f'{name}: {{% {tag} "{template_name}" %}} is a template of {owner}, and {app} '
                f"may not depend on {owner}"
            )
    for match in STATIC.finditer(source):
        asset = match.group(2)
        owner = STATIC_FOLDERS.get(asset.split("/")[0])
        if owner is not None and not may_depend(app, owner):
            problems.append(
                f"{name}: {{% static '{asset}' %}} is a file of {owner}, and {app} may not "
                f"depend on {owner}"
            )
    return problems


def templates():
    """(app, path) for every template of every app, and the project templates."""
    for app in APPS:
        for path in sorted((BASE_DIR / app / "templates").rglob("*")):
            if path.is_file():
                yield app, path
    for path in sorted(PROJECT_TEMPLATES.rglob("*")):
        if path.is_file():
            yield PROJECT_TEMPLATES_APP, path


def test_every_app_has_a_layer():
    assert set(LAYERS) == set(APPS)


def test_the_tag_libraries_and_template_folders_of_the_apps_are_found():
    assert {
        "core_tags": "core",
        "social_map_tags": "social_map",
        "event_tags": "events",
        "koploper_tags": "koplopers",
    }.items() <= TAG_LIBRARIES.items()
    assert TEMPLATE_FOLDERS["activities"] == "activities"
    assert TEMPLATE_FOLDERS["base.html"] == "core"
    assert STATIC_FOLDERS["social_map"] == "social_map"
    assert STATIC_FOLDERS["vendor"] == "core"


def test_templates_load_and_include_only_their_own_app_and_the_layers_below():
    problems = []
    checked = 0
    for app, path in templates():
        checked += 1
        source = path.read_text(encoding="utf-8")
        problems += layering_violations(app, source, str(path.relative_to(BASE_DIR)))
    assert checked > 50  # the templates were found
    assert problems == []


@pytest.mark.parametrize(
    "app, source",
    [
        # What the activity and place templates did before page panels.
        ("activities", "{% load i18n wagtailcore_tags static social_map_tags %}"),
        ("social_map", "{% load i18n core_tags static event_tags %}"),
        ("activities", "{% load places_offering from social_map_tags %}"),
        ("social_map", "{% load koploper_tags %}"),  # a sibling, not a layer below
        ("core", "{% load core_tags event_tags %}"),
        ("events", "{% load i18n %}\n{% load core_tags %}{% load home_tags %}"),
        ("social_map", '{% include "events/tags/status.html" with status=item.status %}'),
        ("activities", "{% extends 'social_map/place_page.html' %}"),
        # Static files are part of an app too: the koplopers once borrowed the map's CSS.
        (
            "koplopers",
            "{% load static %}<link href=\"{% static 'social_map/css/social_map.css' %}\">",
        ),
        ("core", "{% static 'events/js/calendar.js' %}"),
    ],
)
def test_the_check_reports_a_template_that_depends_on_a_higher_app(app, source, monkeypatch):
    monkeypatch.setitem(TAG_LIBRARIES, "home_tags", "home")  # as if home had a tag library
    (problem,) = layering_violations(app, source, f"{app}/templates/{app}/fake.html")
    assert problem.startswith(f"{app}/templates/{app}/fake.html: ")
    assert f"{app} may not depend on" in problem


@pytest.mark.parametrize(
    "app, source",
    [
        ("activities", "{% load i18n wagtailcore_tags static core_tags %}"),
        (
            "social_map",
            "{% load core_tags wagtailimages_tags %}{% include 'core/blocks/faq.html' %}",
        ),
        ("events", "{% load social_map_tags %}"),
        ("home", "{% load core_tags event_tags koploper_tags social_map_tags %}"),
        ("events", '{% extends "base.html" %}{% include "wagtailadmin/shared/header.html" %}'),
        ("koplopers", "{% static 'core/css/map.css' %}{% static 'vendor/leaflet/leaflet.js' %}"),
        ("events", "{% static 'social_map/css/social_map.css' %}"),
    ],
)
def test_the_check_allows_own_lower_and_third_party_libraries(app, source):
    assert layering_violations(app, source) == []


def test_import_linter_contracts_are_kept():
    """The Python imports, as `make lint` checks them (import-linter is a test dependency)."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    assert lint_imports.exists(), "import-linter is missing: install the test extras"
    result = subprocess.run(
        [str(lint_imports), "--no-cache"],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


# Page panels: how a lower app's page shows what a higher app adds (core/panels.py).


@pytest.mark.django_db  # a new page looks up its content type and locale
def test_higher_apps_fill_the_panels_of_lower_pages():
    from activities.models import ActivityPage
    from events.templatetags.event_tags import events_at_place_panel
    from social_map.models import PlacePage
    from social_map.templatetags.social_map_tags import places_offering_panel

    assert [p.render for p in panels.panels_for(ActivityPage())] == [places_offering_panel]
    assert [p.render for p in panels.panels_for(PlacePage())] == [events_at_place_panel]


def test_every_panel_is_registered_by_an_app_that_may_depend_on_the_page():
    for panel in panels._panels:
        registering_app = panel.render.__module__.split(".")[0]
        page_app = panel.model._meta.app_label
        assert may_depend(registering_app, page_app), panel.name


@pytest.mark.django_db
def test_panels_render_in_order_and_escape_plain_text():
    from home.models import StandardPage

    page = StandardPage()  # never saved
    names = []

    def register(name, result, order=0):
        names.append(name)
        panels.register_panel(
            "home.StandardPage", lambda page, request: result, name=name, order=order
        )

    try:
        register("test-plain", "<b>plain</b>")
        register("test-none", None)
        register("test-safe", format_html("<p>{}</p>", "safe"), order=-1)
        register("test-plain", "<i>replaced</i>")  # the same name replaces, not duplicates
        html = Template("{% load core_tags %}{% page_panels page %}").render(
            Context({"page": page, "request": None})
        )
    finally:
        for name in names:
            panels.unregister_panel(name)
    assert html == "<p>safe</p>&lt;i&gt;replaced&lt;/i&gt;"
    assert panels.panels_for(page) == []


def test_a_panel_for_a_misspelt_or_non_page_model_fails_at_start_up():
    with pytest.raises(LookupError):
        panels.register_panel("activities.ActivityPge", lambda page, request: None)
    with pytest.raises(TypeError):
        panels.register_panel("core.TargetGroup", lambda page, request: None)
