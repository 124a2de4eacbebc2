"""Factories for the activity library (tests, and generating large libraries for benchmarks)."""

import itertools

import factory
import wagtail_factories

from .models import ActivityPage


class ActivityPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Activiteit {n:04d}")
    slug = factory.Sequence(lambda n: f"activiteit-{n:04d}")
    essence = "Samen iets doen brengt mensen bij elkaar."
    description = "<p>Een gegenereerde activiteit voor tests en metingen.</p>"

    class Meta:
        model = ActivityPage


def generate_activities(index, count, types, levels, groups, profiles, parts):
    """Add ``count`` activities under ``index``, cycling through the given terms.

    Pages are added live without revisions: fast enough for a thousand.
    """
    cycle = itertools.cycle(range(1, 10_000))
    created = []
    for number, (activity_type, level) in zip(
        range(count), itertools.cycle(itertools.product(types, levels)), strict=False
    ):
        shift = next(cycle)
        page = ActivityPage(
            title=f"Gegenereerde activiteit {number:04d}",
            slug=f"gegenereerd-{number:04d}",
            essence="Samen iets doen brengt mensen bij elkaar.",
            description="<p>Gegenereerd.</p>",
            activity_type=activity_type,
            evidence_level=level,
        )
        page.target_groups = [groups[shift % len(groups)], groups[(shift * 7) % len(groups)]]
        page.profiles = [profiles[shift % len(profiles)]] if profiles else []
        page.approach_parts = [parts[shift % len(parts)]] if parts else []
        index.add_child(instance=page)
        created.append(page)
    return created
