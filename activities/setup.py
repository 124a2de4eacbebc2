"""The activity library's reference data for ``manage.py setup``: the kinds of activity, the
levels of evidence and Machielse's eight intervention profiles the profile guide chooses from,
with what helps each profile and the kinds of activity the handreiking ties to it.
"""

from pathlib import Path

from core.models import ApproachPart
from core.reference_data import ensure_terms, read_yaml, source_locale, terms_by_slug

from .models import ActivityType, EvidenceLevel, InterventionProfile

DATA_FILE = Path(__file__).resolve().parent / "reference_data" / "taxonomies.yaml"


def _sort_order(_item, position):
    return {"sort_order": position}


def _profile(item, _position):
    return {
        "duration": item["duration"],
        "participation_oriented": item["participation_oriented"],
        "coping": item["coping"],
    }


def ensure_profile_support(items, locale):
    """Fill in what helps and what fits for profiles that have none of it yet.

    A profile an editor already gave a text or a fitting kind keeps it; so does a site set up
    before these fields existed once an editor has filled them. Returns how many were filled.
    """
    types = terms_by_slug(ActivityType, locale)
    parts = terms_by_slug(ApproachPart, locale)
    profiles = InterventionProfile.objects.filter(locale=locale).prefetch_related(
        "fitting_types", "fitting_parts"
    )
    by_slug = {profile.slug: profile for profile in profiles}
    filled = 0
    for item in items:
        profile = by_slug.get(item["key"])
        if profile is None or profile.support or profile.source_note:
            continue
        if profile.fitting_types.all() or profile.fitting_parts.all():
            continue
        profile.support = item.get("support", "")
        profile.source_note = item.get("source", "")
        profile.save(update_fields=["support", "source_note"])
        profile.fitting_types.set([types[key] for key in item.get("fitting_types", [])])
        profile.fitting_parts.set(
            [parts[key] for key in item.get("fitting_parts", []) if key in parts]
        )
        filled += 1
    return filled


def run():
    locale = source_locale()
    data = read_yaml(DATA_FILE)
    result = {
        "soorten activiteiten": ensure_terms(
            ActivityType, data["activity_types"], locale, _sort_order
        ),
        "niveaus van onderbouwing": ensure_terms(
            EvidenceLevel, data["evidence_levels"], locale, _sort_order
        ),
        "interventieprofielen": ensure_terms(
            InterventionProfile, data["profiles"], locale, _profile
        ),
    }
    result["wat helpt per interventieprofiel"] = ensure_profile_support(data["profiles"], locale)
    return result
