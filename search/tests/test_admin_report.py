"""The editors' report of search queries per week, the synonyms snippet, and the clean-up."""

import datetime as dt
import io
import re

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse

from core.setup import ensure_groups
from search.models import DailySearchCount, SearchSynonym
from search.setup import run as run_search_setup

pytestmark = pytest.mark.django_db

# A Wednesday in ISO week 48 of 2026 (Monday 23 to Sunday 29 November).
TODAY = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
REPORT = "/admin/reports/zoekvragen/"


@pytest.fixture
def clock():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def counts():
    rows = [
        ("2026-11-23", "nl", "koffie", 5, 0),
        ("2026-11-24", "nl", "koffie", 3, 1),
        ("2026-11-29", "nl", "eenzaamhied", 2, 2),
        ("2026-11-24", "nl", "maatje", 4, 0),
        ("2026-11-24", "en", "coffee", 6, 6),
        ("2026-11-22", "nl", "vorige week", 9, 9),  # Sunday of week 47
        ("2026-11-30", "nl", "volgende week", 9, 9),  # Monday of week 49
    ]
    for date, language, query, searches, without in rows:
        DailySearchCount.objects.create(
            date=date,
            language=language,
            query_string=query,
            searches=searches,
            without_results=without,
        )


@pytest.fixture
def editor(django_user_model):
    ensure_groups()
    user = django_user_model.objects.create_user("redacteur", password="x")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def table(html, css_class):
    """[[cell, ...], ...] of the rows with this class, cells as text."""
    rows = re.findall(rf'<tr class="{css_class}">(.*?)</tr>', html, re.S)
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
        for row in rows
    ]


def language_section(html, code):
    return html.split(f'id="language-{code}"')[1].split("</section>")[0]


def test_editors_see_the_most_frequent_queries_and_those_without_results_of_this_week(
    client, clock, counts, editor
):
    client.force_login(editor)
    response = client.get(REPORT)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Week 48 van 2026" in html
    dutch = language_section(html, "nl")
    assert [row[:3] for row in table(dutch, "search-report-frequent")] == [
        ["koffie", "8", "1"],
        ["maatje", "4", "0"],
        ["eenzaamhied", "2", "2"],
    ]
    # Every query that found nothing at least once this week, most often first.
    without = table(dutch, "search-report-without-results")
    assert [row[:3] for row in without] == [["eenzaamhied", "2", "2"], ["koffie", "1", "8"]]
    # Editors may make promoted results: each row links to Wagtail's form for one.
    assert reverse("wagtailsearchpromotions:add") in dutch
    english = language_section(html, "en")
    assert [row[:3] for row in table(english, "search-report-frequent")] == [["coffee", "6", "6"]]


def test_an_earlier_week_is_chosen_by_its_iso_week(client, clock, counts, editor):
    client.force_login(editor)
    html = client.get(REPORT, {"week": "2026-W47"}).content.decode()
    assert "Week 47 van 2026" in html
    assert [row[0] for row in table(language_section(html, "nl"), "search-report-frequent")] == [
        "vorige week"
    ]
    assert 'href="?week=2026-W48">Volgende week' in html  # back to this week
    assert 'href="?week=2026-W46">Vorige week' in html


@pytest.mark.parametrize("week", ["2026-W49", "2026-W60", "gisteren", "9999-W01'--"])
def test_a_future_or_impossible_week_shows_this_week_with_a_note(
    client, clock, counts, editor, week
):
    client.force_login(editor)
    response = client.get(REPORT, {"week": week})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Die week bestaat niet of ligt in de toekomst" in html
    assert "Week 48 van 2026" in html
    assert "volgende week" not in html  # the counts of next week are not shown


def test_the_report_is_in_the_reports_menu_of_editors_only(client, editor, django_user_model):
    client.force_login(editor)
    assert REPORT in client.get("/admin/").content.decode()
    other = django_user_model.objects.create_user("beheer-toegang", password="x")
    other.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(other)
    assert REPORT not in client.get("/admin/").content.decode()


def test_anonymous_visitors_and_users_without_the_permission_cannot_see_it(
    client, counts, django_user_model
):
    response = client.get(REPORT)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    # Admin access alone is not enough.
    other = django_user_model.objects.create_user("beheer-toegang", password="x")
    other.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(other)
    response = client.get(REPORT, follow=True)
    assert "koffie" not in response.content.decode()
    assert response.redirect_chain or response.status_code == 403
    # No admin access at all (a visitor with an account).
    visitor = django_user_model.objects.create_user("bezoeker", password="x")
    client.force_login(visitor)
    response = client.get(REPORT, follow=True)
    assert "koffie" not in response.content.decode()


def test_moderators_see_it_too(client, counts, django_user_model):
    ensure_groups()
    moderator = django_user_model.objects.create_user("moderator", password="x")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    response = client.get(REPORT)
    assert response.status_code == 200


def test_editors_keep_the_synonyms_as_a_snippet_and_search_them(client, editor):
    assert run_search_setup() == {"zoekwoorden met dezelfde betekenis": 15}
    assert run_search_setup() == {"zoekwoorden met dezelfde betekenis": 0}  # only once
    client.force_login(editor)
    index = reverse("wagtailsnippets_search_searchsynonym:list")
    html = client.get(index).content.decode()
    assert "Zoekwoorden met dezelfde betekenis" in html
    assert "maatje" in html and "senioren" in html  # the first groups, from setup
    found = client.get(index, {"q": "buddy"}).content.decode()
    assert "buddy" in found and "senioren" not in found
    add = client.post(
        reverse("wagtailsnippets_search_searchsynonym:add"),
        {"language": "nl", "terms": "Koffie,  bakkie"},
    )
    assert add.status_code == 302
    assert ["koffie", "bakkie"] in SearchSynonym.groups("nl")


def run_cleanup(*args):
    out = io.StringIO()
    call_command("delete_old_search_counts", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def old_and_new_counts():
    for days_ago in (200, 91, 90, 10, 0):
        DailySearchCount.objects.create(
            date=TODAY.date() - dt.timedelta(days=days_ago),
            language="nl",
            query_string=f"{days_ago} dagen geleden",
            searches=1,
        )


def test_counts_older_than_the_retention_period_are_deleted(clock, old_and_new_counts):
    assert "2 telling(en) van zoekvragen ouder dan 90 dagen verwijderd." in run_cleanup()
    assert set(DailySearchCount.objects.values_list("query_string", flat=True)) == {
        "90 dagen geleden",
        "10 dagen geleden",
        "0 dagen geleden",
    }


def test_a_dry_run_of_the_cleanup_counts_and_deletes_nothing(clock, old_and_new_counts, settings):
    settings.SEARCH_LOG_RETENTION_DAYS = 5
    output = run_cleanup("--dry-run")
    assert "4 telling(en) van zoekvragen ouder dan 5 dagen zou(den) worden verwijderd" in output
    assert DailySearchCount.objects.count() == 5
