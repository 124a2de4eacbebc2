"""Fixtures shared by the tests of every app.

The demo site takes most of a minute to build, so each test process builds it once and keeps
it in a transaction that outlives the tests: a test that asks for ``demo_site`` runs inside a
savepoint of that transaction (its changes are rolled back, the demo stays); a test that does
not ask for it first sees the transaction rolled back, so it starts from an empty database as
before. Tests that need the demo are run together (``pytest_collection_modifyitems``), so the
demo is built about once per process.
"""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation
from pytest_django.django_compat import is_django_unittest
from pytest_django.plugin import blocking_manager_key
from wagtail.models import Collection, Locale, Page, Site

from core.i18n import forget_locales


@pytest.fixture(autouse=True)
def fresh_start():
    """Every test starts in Dutch with an empty cache: nothing leaks from one test into the next."""
    translation.activate("nl")
    cache.clear()
    forget_locales()  # a rolled-back test leaves no signal behind
    yield
    translation.activate("nl")
    cache.clear()


class SharedDemo:
    """The demo content, loaded once per test process in a transaction left open."""

    atomic = None  # the open outer transaction while the demo is loaded
    connection = None  # the connection it is open on

    @classmethod
    def load(cls):
        from django.db import transaction
        from django.test import TestCase

        cls.atomic = transaction.atomic()
        cls.atomic.__enter__()
        cls.connection = transaction.get_connection()
        try:
            # Inside a transaction that never commits, on_commit work (wagtail-localize
            # publishing translations) would never run: run it as it is registered.
            with TestCase.captureOnCommitCallbacks(execute=True):
                call_command("load_demo_content", stdout=io.StringIO())
            # The search index too (AUTO_UPDATE is off in tests), once for every test that
            # searches the shared demo; it is rolled back with the demo.
            call_command("update_index", verbosity=0)
            cls.atomic.search_indexed = True
        except BaseException:
            cls.unload()
            raise

    @classmethod
    def unload(cls):
        from django.db import connections, transaction

        if cls.atomic is None:
            return
        current = connections["default"]
        if current is not cls.connection:
            # At the end of a session that ran browser tests, Django's context-local
            # connection handler hands out a fresh wrapper (Playwright's greenlets): roll back
            # on ours, then give the handler its own back.
            connections["default"] = cls.connection
        transaction.set_rollback(True)
        cls.atomic.__exit__(None, None, None)
        cls.atomic = None
        connections["default"] = current
        cache.clear()


@pytest.fixture
def fragments_on(settings):
    """The page cache on (and with it what pages share: the chrome, routing data, list cards),
    from an empty cache and leaving none behind."""
    settings.PAGE_CACHE_SECONDS = 3600
    cache.clear()
    yield settings
    cache.clear()


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    return (
        "transactional_db" in item.fixturenames
        or "live_server" in item.fixturenames
        or bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    )


def _wants_shared_demo(request):
    return "demo_site" in request.fixturenames and not _is_transactional(request.node)


@pytest.fixture(scope="session")
def _shared_demo_session(django_db_setup, django_db_blocker):
    """Rolls the shared demo back at the end, before the test database is destroyed."""
    yield
    with django_db_blocker.unblock():
        SharedDemo.unload()
        if SharedDemo.connection is not None:
            # Closed here: the test database can only be dropped when no session uses it, and
            # the handler may hand the teardown another wrapper than this one (see unload).
            SharedDemo.connection.close()
            SharedDemo.connection = None


@pytest.fixture
def _shared_demo_switch(request, _shared_demo_session, django_db_blocker):
    """Load the shared demo for tests that ask for it; roll it back for every other test."""
    with django_db_blocker.unblock():
        if _wants_shared_demo(request):
            if SharedDemo.atomic is None:
                SharedDemo.load()
        else:
            SharedDemo.unload()


@pytest.fixture
def _django_db_helper(_shared_demo_switch, _django_db_helper):
    """pytest-django's per-test transaction, opened after the shared demo is (un)loaded.

    Overriding the helper behind ``db``, ``transactional_db`` and the ``django_db`` marker is
    the one place that runs before each of them, whichever way a test asks for the database.
    """
    yield


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Django's TestCase classes and transactional tests start from an empty database too.

    This runs before any fixture: a session fixture such as the browser's must not be set up
    while the shared transaction is open (Playwright's event loop then hides it from Django).
    """
    if SharedDemo.atomic is not None and (is_django_unittest(item) or _is_transactional(item)):
        with item.config.stash[blocking_manager_key].unblock():
            SharedDemo.unload()


def _uses_demo(item):
    return "demo_site" in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(items):
    """The tests that share the demo run after all others, so each process builds it once.

    ``make test`` hands tests to its two processes in this order (``--dist load``).
    """
    items.sort(key=_uses_demo)


@pytest.fixture
def home(db):
    """A fresh site whose root is a HomePage (replacing Wagtail's welcome page)."""
    from home.factories import HomePageFactory

    # Browser tests run in flushed transactions; rebuild what migrations normally provide.
    nl, _created = Locale.objects.get_or_create(language_code="nl")
    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=nl, live=True)
    )
    Collection.get_first_root_node() or Collection.add_root(name="Root")
    home = HomePageFactory(parent=root, slug="start", locale=nl)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    return home


@pytest.fixture
def demo_site(request, db):
    """The whole demo site, as the README's command loads it (shared, see the module docstring).

    A test in a transaction of its own (a browser test) cannot share it and loads its own.
    """
    if SharedDemo.atomic is None:
        call_command("load_demo_content", stdout=io.StringIO())
    return Site.objects.get(is_default_site=True)


def pytest_terminal_summary(terminalreporter):
    """Print what the crawl, clock and editor checks counted.

    A test records ``("count", text)``, or ``("sum", (template, number))`` when it checks one
    part of a whole: the parts' numbers are added up into one line.
    """
    lines, sums = [], {}
    for report in terminalreporter.stats.get("passed", []):
        if report.when != "call":
            continue
        for name, value in report.user_properties:
            if name == "count":
                lines.append(value)
            elif name == "sum":
                template, number = value
                sums[template] = sums.get(template, 0) + number
    lines += [template.format(number) for template, number in sums.items()]
    if lines:
        terminalreporter.section("what the whole-site checks covered")
        for line in sorted(lines):
            terminalreporter.write_line(line)
