"""Playwright driving Debian's Chromium (never a downloaded browser)."""

import base64
import io
import os
import re
import shutil
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import responses
from django.core.management import call_command

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# A 1 x 1 PNG that stands in for every map tile: browser tests never ask another server.
TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)
WIDTHS = {"desktop": 1280, "mobile": 390}


PDOK = "https://api.pdok.nl/bzk/locatieserver/search/v3_1/free"


@contextmanager
def pdok_answering(name, longitude, latitude):
    """PDOK's Locatieserver answers from here with one point: nothing leaves the machine."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(
            PDOK,
            json={
                "response": {
                    "numFound": 1,
                    "docs": [
                        {"weergavenaam": name, "centroide_ll": f"POINT({longitude} {latitude})"}
                    ],
                }
            },
        )
        mock.add_passthru("http://localhost")
        yield mock


def stub_map_tiles(page):
    page.route(
        re.compile(r"https://service\.pdok\.nl/.*"),
        lambda route: route.fulfill(body=TILE, content_type="image/png"),
    )


def _missing(what):
    message = f"{what}: install it with `make install-test` to run the browser tests."
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must run the browser tests, but {message}")
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        _missing(f"Chromium is missing at {CHROMIUM}")
    if not AXE.exists():
        _missing(f"axe-core is missing at {AXE}")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def follow(page, locator):
    """Click a link or submit button and wait until the page it leads to has loaded.

    A plain click returns once the navigation has started; reading the page right after it
    may still see the old document (this made CI fail once).
    """
    with page.expect_navigation():
        locator.click()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


class DemoSnapshot:
    """The demo database after its first load in this process, to copy back for the next test.

    Browser tests need committed data (the live server reads it), so they cannot share the
    demo through a transaction as the other tests do; each starts from a flushed database.
    On SQLite in memory, SQLite's backup API copies the loaded demo back in a fraction of a
    second instead of building it again. Other databases load it again.
    """

    copy = None

    @classmethod
    def restore_or_load(cls):
        from django.contrib.contenttypes.models import ContentType
        from django.db import connection

        in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()
        if in_memory and cls.copy is not None:
            connection.ensure_connection()
            cls.copy.backup(connection.connection)
            ContentType.objects.clear_cache()  # the ids are those of the copy now
            return
        call_command("load_demo_content", stdout=io.StringIO())
        if in_memory:
            cls.copy = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(cls.copy)


def finish_requests_in_flight(live_server, timeout=10):
    """Wait until the live server has answered every request the browser started.

    A request still being served when the test ends holds a lock on the shared in-memory
    database, and the flush after the test then fails ("database table is locked").
    """
    httpd = getattr(live_server.thread, "httpd", None)
    # Twice: a request the server had not accepted yet at the first look has its thread by
    # the second.
    for _round in range(2):
        for thread in list(getattr(httpd, "_threads", None) or []):
            thread.join(timeout)
        time.sleep(0.2)


@pytest.fixture
def live_demo(transactional_db, live_server):
    DemoSnapshot.restore_or_load()
    yield live_server
    finish_requests_in_flight(live_server)


# The one list of axe-core rule tags every browser test checks: WCAG 2.2 A and AA. axe files a
# rule under the version that introduced it (2.5.8 target size is "wcag22aa"), so each level
# of each version is named.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page):
    """Run axe-core for WCAG 2.2 A and AA and return its violations, readable."""
    # Evaluated, not added as a <script>: the strict CSP refuses a script element the page did
    # not bring itself, and bypassing the CSP would hide what it breaks.
    page.evaluate(AXE.read_text() + "\n;undefined")
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(str(node["target"][0]) for node in v["nodes"][:5])
        for v in result["violations"]
    ]


def assert_no_axe_violations(page, where=""):
    """Fail with axe-core's findings, named by page, when the page breaks WCAG 2.2 A or AA."""
    violations = axe_violations(page)
    assert violations == [], f"{where or page.url}:\n" + "\n".join(violations)
