"""The activity library's reference data for ``manage.py setup``: the kinds of activity, the
levels of evidence and Machielse's eight intervention profiles the profile guide chooses from.
"""

from pathlib import Path

from core.reference_data import ensure_terms, read_yaml, source_locale

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


def run():
    locale = source_locale()
    data = read_yaml(DATA_FILE)
    return {
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
