"""A campaign's body in one query per chosen model, not one per model and block type.

Wagtail converts a stream per block type: the hero's photo, the story's photo and the
materials' images were three image queries, the hero's and the call-to-action band's
buttons two page queries. ``load_body`` reads every chosen id of the whole body first,
fetches each model once (the koplopers with their municipality, the activities with their
evidence level, the images with their renditions and alt texts) and hands those objects to
the chooser blocks while it converts the stream.
"""

from __future__ import annotations

import copy
from contextvars import ContextVar

from django.db.models import Prefetch, prefetch_related_objects
from wagtail import blocks
from wagtail.images import get_image_model

from activities.models import ActivityPage
from core.templatetags.social_tags import RENDITION_SPEC as SHARE_IMAGE
from koplopers.models import KoploperPage

from ..themes import BANNER_LOGO
from .banners import HERO_CROPS
from .links import LOGO, PORTRAIT, THUMBNAIL

# {model: {pk: instance}} while ``load_body`` converts a stream; None otherwise.
_loaded: ContextVar[dict | None] = ContextVar("campaign_body_loaded", default=None)

# What the teasers show besides the page itself: fetched with the pages.
RELATED = {KoploperPage: ("municipality",), ActivityPage: ("evidence_level",)}

# Every rendition a campaign page shows: its blocks', its share image's and its logo's.
RENDITIONS = (*HERO_CROPS.values(), THUMBNAIL, LOGO, PORTRAIT, SHARE_IMAGE, BANNER_LOGO)


def use_loaded_objects(stream_block):
    """Let every chooser below ``stream_block`` take its objects from ``load_body``.

    Outside ``load_body`` (a form, the edition page's own rendering) a chooser queries as
    Wagtail's does. Set on the block instances, so the blocks' definitions (and
    migrations) stay Wagtail's own.
    """
    for block in _descendants(stream_block):
        if isinstance(block, blocks.ChooserBlock):
            block.bulk_to_python = _from_loaded(block, block.bulk_to_python)


def _descendants(block):
    for child in getattr(block, "child_blocks", {}).values():
        yield child
        yield from _descendants(child)
    child = getattr(block, "child_block", None)  # a ListBlock's
    if child is not None:
        yield child
        yield from _descendants(child)


def _from_loaded(block, original):
    def bulk_to_python(values):
        values = list(values)
        loaded = _loaded.get()
        found = loaded.get(block.model_class) if loaded else None
        if found is None or any(value is not None and value not in found for value in values):
            return original(values)
        result, seen = [], set()
        for value in values:
            obj = found.get(value) if value is not None else None
            if obj is not None and value in seen:
                obj = copy.copy(obj)  # as Wagtail: a distinct instance per repeat
            result.append(obj)
            seen.add(value)
        return result

    return bulk_to_python


def _chosen_ids(block, raw, ids):
    """Add to ``ids`` ({model: set of pks}) what ``raw`` (stored data of ``block``) chooses."""
    if raw is None:
        return
    if isinstance(block, blocks.ChooserBlock):
        if not isinstance(raw, (dict, list)):
            ids.setdefault(block.model_class, set()).add(raw)
    elif isinstance(block, blocks.StreamBlock):
        for item in raw if isinstance(raw, list) else ():
            child = block.child_blocks.get(item.get("type")) if isinstance(item, dict) else None
            if child is not None:
                _chosen_ids(child, item.get("value"), ids)
    elif isinstance(block, blocks.ListBlock):
        for item in raw if isinstance(raw, list) else ():
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
                item = item["value"]
            _chosen_ids(block.child_block, item, ids)
    elif isinstance(block, blocks.StructBlock) and isinstance(raw, dict):
        for name, child in block.child_blocks.items():
            _chosen_ids(child, raw.get(name), ids)


def load_body(value, image_ids=()):
    """Convert the stream ``value`` with one query per chosen model.

    ``image_ids``: more images to fetch with the body's (the page's share image and logo).
    Returns the fetched images by id. A preview's stream is already converted: only the
    other images are fetched then.
    """
    image_model = get_image_model()
    ids = {image_model: {pk for pk in image_ids if pk is not None}}
    lazy = getattr(value, "is_lazy", False)
    pending = [i for i, bound in enumerate(value._bound_blocks) if bound is None] if lazy else []
    for i in pending:
        raw = value._raw_data[i]
        child = value.stream_block.child_blocks.get(raw.get("type"))
        if child is not None:
            _chosen_ids(child, raw.get("value"), ids)
    loaded = {}
    for model, pks in ids.items():
        if not pks:
            continue
        queryset = model.objects.filter(pk__in=pks)
        if model in RELATED:
            queryset = queryset.select_related(*RELATED[model])
        loaded[model] = queryset.in_bulk()
    images = loaded.get(image_model, {})
    prefetch_images(list(images.values()))  # first: repeated images are copies of these
    token = _loaded.set(loaded)
    try:
        for i in pending:
            value[i]  # noqa: B018 (converts the block, with every block of its type)
    finally:
        _loaded.reset(token)
    return images


def prefetch_images(images, filter_specs=RENDITIONS):
    """The renditions (the campaign's, or ``filter_specs``) and the alt texts of ``images``,
    in two queries for all, on the instances themselves. Images that already have them (the
    whole body was loaded) are left alone."""
    images = [image for image in images if not hasattr(image, "prefetched_renditions")]
    if not images:
        return
    model = get_image_model()
    alt_texts = model._meta.get_field("alt_text_translations").related_model
    prefetch_related_objects(
        images,
        Prefetch(
            "renditions",
            queryset=model.get_rendition_model().objects.filter(filter_spec__in=filter_specs),
            to_attr="prefetched_renditions",
        ),
        Prefetch("alt_text_translations", queryset=alt_texts.objects.select_related("locale")),
    )
