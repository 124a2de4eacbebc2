"""Tools shared by the demo-content loaders of every app.

Demo data lives in YAML files next to each app (``<app>/demo_data/``); loaders read
them and create what is missing. What already exists is left alone, so running the
command twice changes nothing and never overwrites an editor's work.
"""

import uuid
from collections import defaultdict
from pathlib import Path

import yaml
from django.db import transaction
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

DEMO_NAMESPACE = uuid.UUID("6f1d2a8e-6a51-4d43-9f3e-2f0e8a5b7c11")


def read_yaml(path: Path) -> dict:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def block_id(*parts) -> str:
    """A stable block id, so the Dutch and English versions of a block share one path."""
    return str(uuid.uuid5(DEMO_NAMESPACE, "/".join(str(part) for part in parts)))


def get_or_create_locale(language_code: str) -> Locale:
    return Locale.objects.get_or_create(language_code=language_code)[0]


def site_home(locale: Locale) -> Page | None:
    """The default site's home page in ``locale`` (specific), or None if there is none yet.

    Each domain loader hangs its section under it. It finds it through the ``Site``, not by
    importing the home app: no domain app imports ``home`` (README, "Layout").
    """
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    home = site.root_page
    if home.locale_id != locale.pk:
        home = home.get_translation_or_none(locale)
    return home.specific if home is not None else None


def child_by_slug(parent: Page, slug: str):
    return parent.get_children().filter(slug=slug).specific().first()


def add_child(parent: Page, page: Page) -> Page:
    """Add ``page`` under ``parent`` and publish it as a first revision."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


class SegmentMismatch(ValueError):
    pass


def _strings_by_path(instance):
    grouped = defaultdict(list)
    for segment in extract_segments(instance):
        if isinstance(segment, StringSegmentValue):
            grouped[segment.path].append(segment.string.data)
    return grouped


def translate_with_localize(source_page: Page, translated_instance: Page, locale: Locale) -> Page:
    """Create the translation of ``source_page`` through wagtail-localize, as a PO import would.

    ``translated_instance`` is an unsaved copy of the source page whose translatable
    fields hold the translated text with the same structure (same block ids). Each
    source string is matched to the translated string at the same path, so the page
    stays a synced translation that editors can keep working on in Wagtail.
    """
    source_strings = _strings_by_path(source_page)
    target_strings = _strings_by_path(translated_instance)
    for path, strings in source_strings.items():
        if len(target_strings.get(path, [])) != len(strings):
            raise SegmentMismatch(
                f"{source_page.slug}: the translation of {path!r} has "
                f"{len(target_strings.get(path, []))} text parts, the source has {len(strings)}."
            )

    with transaction.atomic():
        source, _created = TranslationSource.get_or_create_from_instance(source_page)
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=locale
        )
        seen = defaultdict(int)
        segments = (
            StringSegment.objects.filter(source=source)
            .select_related("string", "context")
            .order_by("order")
        )
        for segment in segments:
            path = segment.context.path
            index = seen[path]
            seen[path] += 1
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={
                    "data": target_strings[path][index],
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                },
            )
        # Publish here rather than through save_target(publish=True): that defers the
        # publish to on_commit, which inside one transaction would publish stale tree
        # data over pages added after it.
        translated_page, _created = source.create_or_update_translation(
            locale, publish=False, fallback=True, copy_parent_pages=True
        )
        translated_page.get_latest_revision().publish()
    return source_page.get_translation(locale)
