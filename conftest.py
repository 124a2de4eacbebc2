"""Fixtures shared by the tests of every app."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation
from wagtail.models import Collection, Locale, Page, Site


@pytest.fixture(autouse=True)
def fresh_start():
    """Every test starts in Dutch with an empty cache: nothing leaks from one test into the next."""
    translation.activate("nl")
    cache.clear()
    yield
    translation.activate("nl")
    cache.clear()


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
def demo_site(db):
    """The whole demo site, loaded through the same command the README runs."""
    call_command("load_demo_content", stdout=io.StringIO())
    return Site.objects.get(is_default_site=True)
