"""The sociale kaart with 200 and with 20,000 entries: list, "open today", near a postcode,
and the HSDS export of one municipality. Median, 95th percentile, SQL queries, and the
ratio of the large to the small run (goal: within 2x).

Usage: .venv/bin/python bench/social_map.py [--runs 20] [--small 200] [--large 20000]

The geocoder is not called: the postcode's coordinates are put in the cache first, as
after a first search. Places are spread over 20 municipalities; the one whose export is
measured has the same 10 entries in both runs.
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


def build(count, municipalities, kind, social_map):
    from social_map.models import OpeningHours, PlacePage

    start = time.perf_counter()
    existing = PlacePage.objects.count()
    for number in range(existing, count):
        # The first municipality has the same 10 entries in every run, so its export
        # compares like with like; the rest of the entries go to the other 19.
        municipality = municipalities[0] if number < 10 else municipalities[1 + number % 19]
        page = PlacePage(
            title=f"Plek {number:05d}",
            slug=f"plek-{number:05d}",
            kind=kind,
            summary="Samen koffie drinken.",
            municipality=municipality,
            district=f"Wijk {number % 7}",
            latitude=municipality.latitude + (number % 50) / 1000,
            longitude=municipality.longitude + (number % 37) / 1000,
            is_free=number % 3 != 0,
            last_checked=dt.date.today(),
        )
        social_map.add_child(instance=page)
    pages = list(PlacePage.objects.filter(opening_hours__isnull=True).values_list("pk", flat=True))
    OpeningHours.objects.bulk_create(
        OpeningHours(page_id=pk, weekday=pk % 7, opens=dt.time(10), closes=dt.time(12))
        for pk in pages
    )
    print(f"  {count} entries ready in {time.perf_counter() - start:.0f} s", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--small", type=int, default=200)
    parser.add_argument("--large", type=int, default=20_000)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="coalition-bench-map-")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalition.settings.test")
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from wagtail.models import Locale, Page, Site

    from core.models import Municipality
    from home.models import HomePage
    from social_map.models import PlaceKind, SocialMapPage

    setup_test_environment()
    call_command("migrate", verbosity=0)
    nl = Locale.objects.get(language_code="nl")
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Home", slug="bench-home", locale=nl))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    social_map = home.add_child(instance=SocialMapPage(title="Kaart", slug="kaart", per_page=25))
    kind = PlaceKind.objects.create(name="Buurthuis", slug="buurthuis", locale=nl)
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
    cache.set("geocode:pc6:5211AB", [51.6978, 5.3037], None)
    targets = [
        ("list, one municipality", "/nl/kaart/?gemeente=gemeente-3"),
        ("list, open today", "/nl/kaart/?dag=vandaag"),
        ("list, near a postcode", "/nl/kaart/?postcode=5211ab"),
        ("HSDS export, one municipality", "/nl/kaart/export/hsds/?gemeente=gemeente-0"),
    ]
    client = Client()
    results = {}
    for size in (args.small, args.large):
        build(size, municipalities, kind, social_map)
        results[size] = measure(client, targets, args.runs)

    print(
        f"{'page':32} {'entries':>8} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'x small':>8}"
    )
    for index, (name, _url) in enumerate(targets):
        small = results[args.small][index][1]
        for size in (args.small, args.large):
            _n, median, p95, count = results[size][index]
            print(f"{name:32} {size:8d} {median:10.2f} {p95:8.2f} {count:8d} {median / small:8.2f}")
    print(f"runs per page: {args.runs}; database: SQLite in {workdir}")


if __name__ == "__main__":
    main()
