"""The agenda with 100 and with 10,000 events (10% recurring weekly): the first page of the
list, "this week", one municipality, the map data and the iCalendar feed of one municipality.
Median, 95th percentile, SQL queries, and the ratio of the large to the small run (goal: 2x).

Usage: .venv/bin/python bench/events.py [--runs 20] [--small 100] [--large 10000]

Events are spread over 20 municipalities and the coming 180 days. "gemeente-0" has the same
10 events in both runs, so its map and feed compare like with like; "gemeente-3" and "this
week" grow with the agenda (100 times as many dates), as does every list behind its first page. Events are
created as live pages and their occurrences built with the same code the publish signal
runs (skipping revisions, which the agenda never reads).
"""

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from pages import measure  # noqa: E402  (bench/ is the script's own folder)


def build(count, municipalities, agenda):
    from django.utils import timezone

    from events import occurrences
    from events.models import EventPage
    from events.recurrence import AMSTERDAM

    start = time.perf_counter()
    today = timezone.localdate(timezone=AMSTERDAM)
    existing = EventPage.objects.count()
    for number in range(existing, count):
        municipality = municipalities[0] if number < 10 else municipalities[1 + number % 19]
        day = today + dt.timedelta(days=number % 180)
        starts_at = dt.datetime.combine(day, dt.time(9 + number % 10), tzinfo=AMSTERDAM)
        page = EventPage(
            title=f"Activiteit {number:05d}",
            slug=f"activiteit-{number:05d}",
            summary="Samen koffie drinken en praten.",
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(hours=2),
            recurrence="FREQ=WEEKLY;COUNT=26" if number % 10 == 0 else "",
            municipality=municipality,
            latitude=municipality.latitude + (number % 50) / 1000,
            longitude=municipality.longitude + (number % 37) / 1000,
            is_free=bool(number % 3),
            price="" if number % 3 else "€ 2,00",
            live=True,
        )
        agenda.add_child(instance=page)
        occurrences.rebuild(page)
    print(f"  {count} events ready in {time.perf_counter() - start:.0f} s", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--large", type=int, default=10_000)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="coalition-bench-events-")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalition.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from wagtail.models import Locale, Page, Site

    from core.models import Municipality
    from events.models import EventIndexPage, EventOccurrence
    from home.models import HomePage

    setup_test_environment()
    call_command("migrate", verbosity=0)
    nl = Locale.objects.get(language_code="nl")
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Home", slug="bench-home", locale=nl))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    agenda = home.add_child(instance=EventIndexPage(title="Agenda", slug="agenda", per_page=20))
    municipalities = [
        Municipality.objects.create(
            name=f"Gemeente {n}",
            slug=f"gemeente-{n}",
            cbs_code=f"GM{n:04d}",
            province="Utrecht",
            latitude=51.5 + n / 20,
            longitude=4.5 + n / 15,
        )
        for n in range(20)
    ]
    targets = [
        ("list, first page", "/nl/agenda/"),
        ("list, this week", "/nl/agenda/?wanneer=deze-week"),
        ("list, one municipality", "/nl/agenda/?gemeente=gemeente-3"),
        ("month calendar", "/nl/agenda/?weergave=kalender"),
        ("map data, one municipality", "/nl/agenda/geojson/?gemeente=gemeente-0"),
        ("map data, this week", "/nl/agenda/geojson/?wanneer=deze-week"),
        ("iCal feed, one municipality", "/nl/agenda/ical/?gemeente=gemeente-0"),
        ("iCal feed, growing municipality", "/nl/agenda/ical/?gemeente=gemeente-3"),
    ]
    client = Client()
    results = {}
    occurrence_counts = {}
    for size in (args.small, args.large):
        build(size, municipalities, agenda)
        occurrence_counts[size] = EventOccurrence.objects.count()
        results[size] = measure(client, targets, args.runs)

    print(
        f"{'page':30} {'events':>7} {'dates':>7} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'x small':>8}"
    )
    for index, (name, _url) in enumerate(targets):
        small = results[args.small][index][1]
        for size in (args.small, args.large):
            _n, median, p95, count = results[size][index]
            print(
                f"{name:30} {size:7d} {occurrence_counts[size]:7d} {median:10.2f} {p95:8.2f} "
                f"{count:8d} {median / small:8.2f}"
            )
    print(f"runs per page: {args.runs}; database: SQLite in {workdir}")


if __name__ == "__main__":
    main()
