"""Demo content of the news app (loaded by `manage.py load_demo_content`).

A "Nieuws" index under the home page with a few items from ``demo_data/news.yaml``, in Dutch
and, through wagtail-localize, in English. Safe to run again: what exists is left alone.
"""

import datetime as dt
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from core.demo import (
    add_child,
    block_id,
    child_by_slug,
    get_or_create_locale,
    read_yaml,
    site_home,
    translate_with_localize,
)
from core.models import Organisation

from .models import NewsIndexPage, NewsPage

DATA_FILE = Path(__file__).resolve().parent / "demo_data" / "news.yaml"


def build_body(key, paragraphs, note_title, note):
    """The body: the paragraphs, then a callout saying it is a demo item (stable block ids)."""
    body = [
        {"type": "paragraph", "value": f"<p>{text}</p>", "id": block_id("news", key, index)}
        for index, text in enumerate(paragraphs)
    ]
    body.append(
        {
            "type": "callout",
            "value": {"tone": "info", "title": note_title, "text": f"<p>{note}</p>"},
            "id": block_id("news", key, "demo-note"),
        }
    )
    return body


def _index_fields(fields):
    return {
        "title": fields["title"],
        "intro": fields["intro"],
        "search_description": fields["search_description"],
    }


def _item(data, spec, language, organisation):
    fields = spec[language]
    return NewsPage(
        title=fields["title"],
        slug=spec["key"] if language == "nl" else slugify(fields["title"]),
        intro=fields["intro"],
        search_description=fields["intro"],
        date=spec["date"]
        if isinstance(spec["date"], dt.date)
        else dt.date.fromisoformat(spec["date"]),
        organisation=organisation,
        body=build_body(
            spec["key"],
            fields["body"],
            data["demo_note_title"][language],
            data["demo_note"][language],
        ),
    )


@transaction.atomic
def load(stdout=None):
    """Create what is missing; never overwrite what an editor changed."""
    data = read_yaml(DATA_FILE)
    nl = get_or_create_locale("nl")
    en = get_or_create_locale("en")
    home = site_home(nl)
    if home is None:
        return []
    created = []
    index = child_by_slug(home, data["index"]["slug"])
    if index is None:
        index = NewsIndexPage(slug=data["index"]["slug"], **_index_fields(data["index"]["nl"]))
        add_child(home, index)
        created.append(index)
    if not isinstance(index, NewsIndexPage):
        return created  # an editor's page has this slug: leave it alone

    for spec in data["items"]:
        page = child_by_slug(index, spec["key"])
        if page is None:
            organisation = (
                Organisation.objects.filter(locale=nl, name__iexact=spec["organisation"]).first()
                if spec.get("organisation")
                else None
            )
            page = _item(data, spec, "nl", organisation)
            index.add_child(instance=page)
            page.tags.add(*spec.get("tags", []))
            page.save_revision().publish()
            created.append(page)

    if not index.has_translation(en):
        translated = NewsIndexPage(
            slug=data["index"]["en"]["slug"], **_index_fields(data["index"]["en"])
        )
        translated.pk = index.pk
        translate_with_localize(index, translated, en)
        created.append(index.get_translation(en))
    for spec in data["items"]:
        page = child_by_slug(index, spec["key"])
        if not isinstance(page, NewsPage) or page.has_translation(en):
            continue
        translated = _item(data, spec, "en", page.organisation)
        translated.pk = page.pk
        translate_with_localize(page, translated, en)
        created.append(page.get_translation(en))

    if stdout:
        stdout.write(f"Nieuws: {len(created)} pagina's aangemaakt, de rest bestond al.")
    return created
