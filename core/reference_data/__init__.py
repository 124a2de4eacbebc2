"""Reference data: what a real site needs before anyone writes a page (``manage.py setup``).

The files in this folder hold the core's lists (municipalities with their CBS codes, the
shared taxonomies); each domain app keeps its own lists next to its ``setup`` module. The
helpers add what is missing and never change what an editor changed, so running setup again
changes nothing.
"""

import csv
from pathlib import Path

import yaml
from django.conf import settings
from django.db.models import Q
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from core.models import Municipality

FOLDER = Path(__file__).resolve().parent
MUNICIPALITIES = FOLDER / "municipalities.csv"


def read_yaml(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def source_locale():
    """The site's source language (Dutch), created when a fresh database has none yet."""
    code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    return Locale.objects.get_or_create(language_code=code)[0]


def ensure_terms(model, items, locale, extra=None):
    """Add the taxonomy terms of ``items`` (key, name, description) that ``locale`` lacks.

    ``extra(item, position)`` gives more fields for a new term. Returns how many were added.
    """
    existing = set(model.objects.filter(locale=locale).values_list("slug", flat=True))
    added = 0
    for position, item in enumerate(items):
        if item["key"] in existing:
            continue
        fields = {"name": item["name"], "description": item.get("description", "")}
        if extra:
            fields.update(extra(item, position))
        model.objects.create(slug=item["key"], locale=locale, **fields)
        added += 1
    return added


def read_municipalities(path=MUNICIPALITIES):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def ensure_municipalities(path=MUNICIPALITIES):
    """Add the municipalities of the CSV that are missing; fill in a missing CBS code.

    A municipality is the same one when its CBS code, slug or name matches. Returns how many
    were added or completed.
    """
    changed = 0
    for row in read_municipalities(path):
        found = Municipality.objects.filter(cbs_code=row["cbs_code"]).first()
        if found is None:
            same_name = Q(slug=row["slug"]) | Q(name=row["name"])
            found = Municipality.objects.filter(same_name).order_by("pk").first()
        if found is None:
            Municipality.objects.create(
                cbs_code=row["cbs_code"],
                name=row["name"],
                slug=row["slug"],
                province=row["province"],
                latitude=float(row["latitude"]) if row["latitude"] else None,
                longitude=float(row["longitude"]) if row["longitude"] else None,
            )
            changed += 1
        elif not found.cbs_code:
            found.cbs_code = row["cbs_code"]
            found.save(update_fields=["cbs_code"])
            changed += 1
    return changed


def terms_by_slug(model, locale):
    """The terms of ``model`` in ``locale`` by slug: how demo content finds reference terms."""
    return {term.slug: term for term in model.objects.filter(locale=locale)}
