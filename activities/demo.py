"""Demo content of the activity library: the 63 activities of chapter 3.

Reads ``activities/demo_data/activities.yaml`` (facts from the handreiking, sentences
written anew in B1 Dutch; one reason per profile tag is kept next to the data).
"""

from pathlib import Path

from django.utils.html import escape
from wagtail.models import Locale

from core.demo import add_child, child_by_slug, read_yaml, site_home
from core.models import ApproachPart, Organisation, TargetGroup
from core.reference_data import terms_by_slug

from .models import (
    ActivityIndexPage,
    ActivityPage,
    ActivityType,
    EvidenceLevel,
    EvidenceSource,
    InterventionProfile,
    ProfileGuidePage,
)

DATA_FILE = Path(__file__).resolve().parent / "demo_data" / "activities.yaml"
INDEX_SLUG = "activiteitenbank"
GUIDE_SLUG = "profielwijzer"


def load_terms(model, items, locale, extra=None):
    terms = {}
    for order, item in enumerate(items):
        defaults = {"name": item["name"], "description": item.get("description", "")}
        if extra:
            defaults.update(extra(item, order))
        term, _created = model.objects.get_or_create(
            slug=item["key"], locale=locale, defaults=defaults
        )
        terms[item["key"]] = term
    return terms


def load(stdout=None):
    data = read_yaml(DATA_FILE)
    nl = Locale.objects.get(language_code="nl")
    home = site_home(nl)  # the library hangs under the site's home page

    # The taxonomies are reference data, added by `manage.py setup` (activities/setup.py,
    # core/setup.py); the demo only uses them.
    types = terms_by_slug(ActivityType, nl)
    levels = terms_by_slug(EvidenceLevel, nl)
    profiles = terms_by_slug(InterventionProfile, nl)
    parts = terms_by_slug(ApproachPart, nl)
    groups = terms_by_slug(TargetGroup, nl)
    organisations = load_terms(
        Organisation,
        data["organisations"],
        nl,
        lambda item, order: {
            "kind": item.get("kind", "overig"),
            "website": item.get("website", ""),
        },
    )

    index = child_by_slug(home, INDEX_SLUG)
    if index is None:
        index = add_child(
            home,
            ActivityIndexPage(
                title="Activiteitenbank",
                slug=INDEX_SLUG,
                show_in_menus=True,
                intro=(
                    "Welke activiteit past bij iemand die eenzaam is? Hier vindt u de "
                    f"{len(data['activities'])} activiteiten uit de handreiking. Filter op "
                    "doelgroep, soort en onderbouwing."
                ),
                search_description="Activiteiten tegen eenzaamheid, met wat we weten over hun effect.",
            ),
        )
    if child_by_slug(index, GUIDE_SLUG) is None:
        add_child(
            index,
            ProfileGuidePage(
                title="Profielwijzer: welke aanpak past bij deze persoon?",
                slug=GUIDE_SLUG,
                intro=(
                    "Beantwoord drie vragen over de persoon die u wilt helpen. U ziet welk "
                    "van de acht profielen het best past, en welke activiteiten daarbij horen."
                ),
                search_description="Drie vragen die u helpen een passende activiteit te kiezen.",
            ),
        )

    existing = set(index.get_children().values_list("slug", flat=True))
    created = 0
    for item in data["activities"]:
        if item["key"] in existing:
            continue
        page = ActivityPage(
            title=item["name"],
            slug=item["key"],
            essence=item["essence"],
            description=f"<p>{escape(item['description'])}</p>",
            activity_type=types[item["type"]],
            evidence_level=levels[item["evidence"]],
            evidence_summary=item.get("evidence_summary", ""),
            website=item.get("website", ""),
            cost=item.get("cost", ""),
            search_description=item["essence"][:160],
        )
        page.target_groups = [groups[key] for key in item.get("target_groups", [])]
        page.organisations = [organisations[key] for key in item.get("organisations", [])]
        page.profiles = [profiles[tag["profile"]] for tag in item.get("profiles", [])]
        page.approach_parts = [parts[key] for key in item.get("parts", [])]
        page.evidence_sources = [
            EvidenceSource(
                title=source["title"],
                publisher=source.get("publisher", ""),
                year=source.get("year"),
                url=source.get("url", ""),
            )
            for source in item.get("evidence_sources", [])
        ]
        add_child(index, page)
        created += 1
    if stdout:
        stdout.write(f"Activiteiten: {created} aangemaakt, de rest bestond al.")
    return created
