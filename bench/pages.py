"""Render time and SQL queries per page type, against a small baseline in the same run.

Usage: .venv/bin/python bench/pages.py [--runs 50]

Builds a throwaway SQLite database with the demo content, then requests each page
through Django's test client. Prints median and 95th percentile in milliseconds, the
number of SQL queries, and the ratio of the median to the baseline (robots.txt, a
template view that touches no database), so numbers from different machines compare.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument(
        "--activities",
        type=int,
        default=1000,
        help="grow the activity library to this many activities for the second measurement",
    )
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="coalition-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalition.settings.test")

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("load_demo_content", stdout=open(os.devnull, "w"))  # noqa: SIM115

    from home.models import StandardPage

    article = StandardPage.objects.get(slug="wat-is-eenzaamheid", locale__language_code="nl")
    targets = [
        ("baseline: robots.txt", "/robots.txt"),
        ("HomePage nl", "/nl/"),
        ("HomePage en", "/en/"),
        ("StandardPage (long, with table and FAQ)", article.url),
        ("StandardPage with 6 children", article.get_parent().url),
        ("404 page", "/nl/bestaat-niet/"),
    ]
    targets += [
        ("ActivityIndexPage, 63 activities", "/nl/activiteitenbank/"),
        (
            "ActivityIndexPage, 63, two filters",
            "/nl/activiteitenbank/?doelgroep=ouderen&onderbouwing=onderbouwd",
        ),
        ("ActivityPage", "/nl/activiteitenbank/sensoor/"),
        (
            "ProfileGuidePage, answered",
            "/nl/activiteitenbank/profielwijzer/?duur=kort&contact=ja&aanpak=afwachten",
        ),
    ]
    client = Client()
    rows = measure(client, targets, args.runs)

    from activities.factories import generate_activities
    from activities.models import (
        ActivityIndexPage,
        ActivityPage,
        ActivityType,
        EvidenceLevel,
        InterventionProfile,
    )
    from core.models import ApproachPart, TargetGroup

    generate_activities(
        ActivityIndexPage.objects.get(),
        args.activities - ActivityPage.objects.count(),
        list(ActivityType.objects.all()),
        list(EvidenceLevel.objects.all()),
        list(TargetGroup.objects.all()),
        list(InterventionProfile.objects.all()),
        list(ApproachPart.objects.all()),
    )
    total = ActivityPage.objects.count()
    rows += measure(
        client,
        [
            (f"ActivityIndexPage, {total} activities", "/nl/activiteitenbank/"),
            (
                f"ActivityIndexPage, {total}, two filters",
                "/nl/activiteitenbank/?doelgroep=ouderen&onderbouwing=onderbouwd",
            ),
        ],
        args.runs,
    )

    baseline = rows[0][1]
    print(f"{'page':45} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'x baseline':>11}")
    for name, median, p95, count in rows:
        print(f"{name:45} {median:10.2f} {p95:8.2f} {count:8d} {median / baseline:11.1f}")
    print(f"runs per page: {args.runs}; database: SQLite in {workdir}")


def measure(client, targets, runs):
    """(name, median ms, p95 ms, SQL queries) per URL, after one warm-up request each.

    Shared by every script in bench/ (call it after django.setup()).
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    rows = []
    for name, url in targets:
        client.get(url)  # warm up caches and templates
        timings = []
        for _ in range(runs):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code < 500, (url, response.status_code)
        timings.sort()
        p95 = timings[min(len(timings) - 1, int(round(0.95 * len(timings))) - 1)]
        rows.append((name, statistics.median(timings), p95, len(queries.captured_queries)))
    return rows


if __name__ == "__main__":
    main()
