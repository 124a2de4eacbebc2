"""The sociale kaart's reference data for ``manage.py setup``: the kinds of places."""

from pathlib import Path

from core.reference_data import ensure_terms, read_yaml, source_locale

from .models import PlaceKind

DATA_FILE = Path(__file__).resolve().parent / "reference_data" / "place_kinds.yaml"


def run():
    kinds = read_yaml(DATA_FILE)["kinds"]
    return {"soorten plekken": ensure_terms(PlaceKind, kinds, source_locale())}
