"""An editor types a Dutch date in the admin, leaves the field, saves: the date is kept.

Wagtail's date picker used to replace what it could not read with the current time when the
editor left the field (core/admin_dates.py, core/js/admin-dates.js).
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Locale

from events.models import EventEdition
from home.factories import StandardPageFactory
from home.models import StandardPage

from .conftest import finish_requests_in_flight, follow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def admin_site(home, live_server):
    get_user_model().objects.create_superuser("beheerder", "beheer@example.org", "geheim-1234")
    yield live_server
    finish_requests_in_flight(live_server)


def _log_in(page, url):
    page.goto(f"{url}/admin/login/")
    page.fill("#id_username", "beheerder")
    page.fill("#id_password", "geheim-1234")
    follow(page, page.locator("form button[type=submit]").first)


def _type_and_leave(page, selector, text):
    field = page.locator(selector)
    field.click()
    field.fill(text)
    field.press("Tab")  # leaving the field is when the picker used to swap in "now"
    return field


def _save(page, selector):
    """Save with the keyboard: the next field's date picker may cover the button."""
    with page.expect_navigation():
        page.locator(selector).first.press("Enter")


@pytest.mark.parametrize(
    "typed, shown",
    [
        ("3-12-2026 14:00", "03-12-2026 14:00"),
        # The picker knows only English month names: it used to swap in the current time here.
        ("3 oktober 2026 14.00", "03-10-2026 14:00"),
    ],
)
def test_a_dutch_go_live_time_in_the_scheduling_dialog_is_kept(
    page, admin_site, home, typed, shown
):
    article = StandardPageFactory(parent=home, title="Samen is leuker", slug="samen-is-leuker")
    _log_in(page, admin_site.url)
    edit_url = admin_site.url + reverse("wagtailadmin_pages:edit", args=[article.pk])
    page.goto(edit_url)
    page.locator("[data-side-panel-toggle='status']").click()
    page.locator("[data-a11y-dialog-show='schedule-publishing-dialog']").first.click()
    field = _type_and_leave(page, "#id_go_live_at", typed)
    assert field.input_value() == typed  # leaving the field keeps what was typed
    _save(page, "#schedule-publishing-dialog button.action-save")

    article = StandardPage.objects.get(pk=article.pk)
    draft = article.get_latest_revision_as_object()
    day, month, year = (int(part) for part in shown.split()[0].split("-"))
    expected = dt.datetime(year, month, day, 14, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    assert draft.go_live_at == expected
    page.goto(edit_url)
    assert page.locator("#id_go_live_at").input_value() == shown


def test_a_dutch_date_in_a_snippet_is_kept(page, admin_site):
    edition = EventEdition.objects.create(
        name="Week tegen Eenzaamheid 2026",
        slug="week-2026",
        starts_on=dt.date(2026, 9, 24),
        ends_on=dt.date(2026, 10, 1),
        locale=Locale.objects.get(language_code="nl"),
    )
    _log_in(page, admin_site.url)
    edit_url = admin_site.url + reverse(
        "wagtailsnippets_events_eventedition:edit", args=[edition.pk]
    )
    page.goto(edit_url)
    field = _type_and_leave(page, "#id_ends_on", "3 oktober 2026")
    assert field.input_value() == "3 oktober 2026"
    _save(page, "button.action-save")

    # Editions are moderated snippets: the change waits in a draft revision for approval.
    edition.refresh_from_db()
    assert edition.get_latest_revision_as_object().ends_on == dt.date(2026, 10, 3)
    page.goto(edit_url)
    assert page.locator("#id_ends_on").input_value() == "03-10-2026"


def test_an_unreadable_date_is_refused_with_a_message(page, admin_site):
    edition = EventEdition.objects.create(
        name="Kom erbij Week",
        slug="kom-erbij",
        starts_on=dt.date(2026, 10, 3),
        ends_on=dt.date(2026, 10, 10),
        locale=Locale.objects.get(language_code="nl"),
    )
    _log_in(page, admin_site.url)
    page.goto(
        admin_site.url + reverse("wagtailsnippets_events_eventedition:edit", args=[edition.pk])
    )
    _type_and_leave(page, "#id_ends_on", "volgende week")
    _save(page, "button.action-save")
    assert page.get_by_text("Vul de datum in als dag-maand-jaar").is_visible()
    edition.refresh_from_db()
    assert edition.ends_on == dt.date(2026, 10, 10)
