"""The site search on the demo content alone, then with 10,000 events and 20,000 places added:
median and 95th percentile over 50 representative queries, SQL queries per request, and the
ratio of the large to the small run (goal: within 3x).

Usage: .venv/bin/python bench/search.py [--runs 5] [--events 10000] [--places 20000]
                                        [--database-url postgres://postgres@127.0.0.1:5432/bench]

Each query is a GET of the search page (/nl/zoeken/?q=..., /en/search/?q=...) through Django's
test client: view, database search backend and template. The queries are those of the
relevance tests (search/tests/test_relevance.py), topped up to 50. Every query is asked once to
warm up (the spelling vocabulary is then in the cache, as on a running site), then ``--runs``
times; a query's time is the median of its runs, and the table gives the median and the 95th
percentile of those 50 times. The first request after the index is (re)built, which reads the
vocabulary of every page, is shown on its own line.

The extra pages are real, live Wagtail pages under the demo's agenda and sociale kaart, with
the text of the demo's own events and places (so a query matches them as often as it would on a
site of that size), inserted in bulk: the tree paths are computed with treebeard's helpers, the
page rows and the event/place rows are inserted in batches, the events' dates are built by the
code the publish signal runs; then ``update_index`` rebuilds the whole index, as in production.

SQLite by default, in a temporary folder. With ``--database-url`` (PostgreSQL), Django's test
database machinery creates ``test_<name>`` on that server and drops it afterwards. Takes about
5 minutes on SQLite (see the README for the numbers on each database).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from pages import measure  # noqa: E402  (bench/ is the script's own folder)

QUERY_COUNT = 50
# More queries people type, after those of the relevance tests.
EXTRA_QUERIES = [
    ("nl", "ouderen"),
    ("nl", "koffie"),
    ("nl", "eenzaam"),
    ("nl", "hulp"),
    ("nl", "training eenzaamheid herkennen"),
    ("nl", "huiskamer van de buurt"),
    ("nl", "festival"),
    ("nl", "senioren bewegen"),
    ("nl", "mantelzorg"),
    ("nl", "jongeren"),
]
SEARCH_PATH = {"nl": "/nl/zoeken/", "en": "/en/search/"}


def queries():
    from search.tests.test_relevance import CASES

    chosen = []
    for language, query in [(case.language, case.query) for case in CASES] + EXTRA_QUERIES:
        if (language, query) not in chosen:
            chosen.append((language, query))
    return chosen[:QUERY_COUNT]


def add_children(parent, instances):
    """Insert live child pages of ``parent`` in bulk: one page row and one specific row each.

    What Wagtail's ``add_child`` would store (tree path, depth, url path, locale, content type,
    publication dates), without a revision per page (the search never reads revisions).
    """
    from django.db.models import F
    from django.utils import timezone
    from wagtail.models import Page

    parent = Page.objects.get(pk=parent.pk)
    last = parent.get_last_child()
    position = Page._str2int(last.path[-Page.steplen :]) if last else 0
    now = timezone.now()
    model = type(instances[0])
    base_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    pages = []
    for number, instance in enumerate(instances, start=position + 1):
        instance.path = Page._get_path(parent.path, parent.depth + 1, number)
        instance.depth = parent.depth + 1
        instance.numchild = 0
        instance.draft_title = instance.title
        instance.url_path = f"{parent.url_path}{instance.slug}/"
        instance.locale_id = parent.locale_id
        instance.live = True
        instance.has_unpublished_changes = False
        instance.first_published_at = instance.last_published_at = now
        pages.append(Page(**{f.attname: getattr(instance, f.attname) for f in base_fields}))
    Page.objects.bulk_create(pages, batch_size=500)
    for page, instance in zip(pages, instances, strict=True):
        instance.page_ptr_id = instance.pk = page.pk
    fields = list(model._meta.local_concrete_fields)
    for start in range(0, len(instances), 500):
        model._base_manager._insert(instances[start : start + 500], fields=fields)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(instances))
    return instances


def grow(events, places):
    """Add events and places, copying the text of the demo's own (Dutch) events and places."""
    import datetime as dt

    from django.utils import timezone

    from events.models import EventIndexPage, EventOccurrence, EventPage, occurrences_for
    from social_map.models import OpeningHours, PlacePage, SocialMapPage

    start = time.perf_counter()
    agenda = EventIndexPage.objects.get(locale__language_code="nl")
    social_map = SocialMapPage.objects.get(locale__language_code="nl")
    demo_events = list(EventPage.objects.filter(locale__language_code="nl"))
    demo_places = list(PlacePage.objects.filter(locale__language_code="nl"))
    today = timezone.localdate()
    copies = []
    for number in range(events):
        demo = demo_events[number % len(demo_events)]
        starts_at = timezone.make_aware(
            dt.datetime.combine(today + dt.timedelta(days=number % 180), dt.time(9 + number % 10))
        )
        copies.append(
            EventPage(
                title=f"{demo.title} {number:05d}",
                slug=f"{demo.slug}-{number:05d}",
                summary=demo.summary,
                description=demo.description,
                starts_at=starts_at,
                ends_at=starts_at + dt.timedelta(hours=2),
                recurrence="FREQ=WEEKLY;COUNT=26" if number % 10 == 0 else "",
                municipality_id=demo.municipality_id,
                location_name=demo.location_name,
                city=demo.city,
                latitude=demo.latitude,
                longitude=demo.longitude,
                is_free=demo.is_free,
                price=demo.price,
            )
        )
    for batch in range(0, len(copies), 2000):
        add_children(agenda, copies[batch : batch + 2000])
    EventOccurrence.objects.bulk_create(
        (row for event in copies for row in occurrences_for(event, agenda_id=agenda.pk)),
        batch_size=1000,
    )
    copies = []
    for number in range(places):
        demo = demo_places[number % len(demo_places)]
        copies.append(
            PlacePage(
                title=f"{demo.title} {number:05d}",
                slug=f"{demo.slug}-{number:05d}",
                kind_id=demo.kind_id,
                summary=demo.summary,
                description=demo.description,
                municipality_id=demo.municipality_id,
                district=demo.district,
                city=demo.city,
                latitude=demo.latitude,
                longitude=demo.longitude,
                is_free=demo.is_free,
                last_checked=demo.last_checked,
            )
        )
    for batch in range(0, len(copies), 2000):
        add_children(social_map, copies[batch : batch + 2000])
    OpeningHours.objects.bulk_create(
        (
            OpeningHours(
                page_id=place.pk, weekday=place.pk % 7, opens=dt.time(10), closes=dt.time(12)
            )
            for place in copies
        ),
        batch_size=1000,
    )
    print(
        f"  {events} events and {places} places added in {time.perf_counter() - start:.0f} s",
        file=sys.stderr,
    )


def check_added_pages(client):
    """The last event and place added are served, and the search finds them by title."""
    from events.models import EventPage
    from social_map.models import PlacePage

    for model in (EventPage, PlacePage):
        page = model.objects.live().order_by("-pk").first()
        assert client.get(page.url).status_code == 200, page.url
        html = client.get(SEARCH_PATH["nl"], {"q": page.title}).content.decode()
        assert f'href="{page.url}"' in html, f"{page.title} not found by the search"


def build_index():
    from django.core.cache import cache
    from django.core.management import call_command

    start = time.perf_counter()
    call_command("update_index", verbosity=0)
    cache.clear()  # as a publish would: the spelling vocabulary is read again
    seconds = time.perf_counter() - start
    print(f"  index built in {seconds:.0f} s", file=sys.stderr)
    return seconds


def run(client, targets, runs):
    """(first request ms, per-query rows from measure, pages in the index)."""
    from wagtail.models import Page

    start = time.perf_counter()
    response = client.get(targets[0][1])
    first = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, response.status_code
    return first, measure(client, targets, runs), Page.objects.live().count()


def percentile(values, fraction):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(fraction * len(values))) - 1)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5, help="runs per query after a warm-up")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--places", type=int, default=20_000)
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL server (postgres://user@host:port/name); test_<name> is created there",
    )
    parser.add_argument("--per-query", action="store_true", help="also print every query's times")
    args = parser.parse_args()

    began = time.perf_counter()
    workdir = None
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    else:
        workdir = tempfile.mkdtemp(prefix="coalition-bench-search-")
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalition.settings.test")
    # One client asks hundreds of times a minute: no rate limit here.
    os.environ["SEARCH_RATE"] = "1000000/m"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    if args.database_url:
        test_name = connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False
        )
        where = f"PostgreSQL {connection.pg_version // 10000}, database {test_name} (dropped)"
    else:
        call_command("migrate", verbosity=0)
        where = f"SQLite in {workdir}"
    try:
        call_command("load_demo_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
        targets = [
            (f"{language}: {query}", f"{SEARCH_PATH[language]}?{urlencode({'q': query})}")
            for language, query in queries()
        ]
        client = Client()
        results = {}
        index_seconds = {}
        for size in ("demo", "large"):
            if size == "large":
                grow(args.events, args.places)
            index_seconds[size] = build_index()
            if size == "large":
                check_added_pages(client)
            results[size] = run(client, targets, args.runs)
    finally:
        if args.database_url:
            connection.creation.destroy_test_db(test_name, verbosity=0)

    report(results, index_seconds, targets, args)
    print(
        f"{len(targets)} queries, {args.runs} runs each after a warm-up; database: {where}; "
        f"whole run {time.perf_counter() - began:.0f} s"
    )


def report(results, index_seconds, targets, args):
    rows = {}
    for size, (first, per_query, pages) in results.items():
        medians = [median for _name, median, _p95, _count in per_query]
        counts = [count for _name, _median, _p95, count in per_query]
        rows[size] = {
            "pages": pages,
            "median ms": statistics.median(medians),
            "p95 ms": percentile(medians, 0.95),
            "slowest ms": max(medians),
            "first request ms": first,
            "SQL queries (median)": statistics.median(counts),
            "SQL queries (max)": max(counts),
            "update_index s": index_seconds[size],
        }
    demo, large = rows["demo"], rows["large"]
    print()
    print(
        f"{'statistic':24} {'demo (' + str(demo['pages']) + ' pages)':>20} "
        f"{'large (' + str(large['pages']) + ' pages)':>22} {'x demo':>8}"
    )
    for name in demo:
        if name == "pages":
            continue
        ratio = large[name] / demo[name] if demo[name] else float("nan")
        print(f"{name:24} {demo[name]:20.1f} {large[name]:22.1f} {ratio:8.2f}")
    goal = (
        "met"
        if large["p95 ms"] <= 3 * demo["p95 ms"] and large["median ms"] <= 3 * demo["median ms"]
        else "NOT met"
    )
    print(f"goal (median and p95 within 3x): {goal}")
    if args.per_query:
        print()
        print(f"{'query':40} {'demo ms':>9} {'large ms':>9} {'x demo':>7} {'SQL':>4} {'SQL':>4}")
        for index, (name, _url) in enumerate(targets):
            _n, small_median, _p, small_count = results["demo"][1][index]
            _n, large_median, _p, large_count = results["large"][1][index]
            print(
                f"{name[:40]:40} {small_median:9.1f} {large_median:9.1f} "
                f"{large_median / small_median:7.2f} {small_count:4d} {large_count:4d}"
            )


if __name__ == "__main__":
    main()
