"""Purges on Wagtail's page signals and on saves of what pages show (connected in ready())."""

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move
from wagtail.snippets.models import get_snippet_models

from . import purge

_watched: set | None = None


def _shown_models() -> set:
    """Models whose rows pages show: snippets, images and documents.

    Rows written in bulk (occurrences, rebuilt on every publish) send no signal: the publish
    purges their lists, and commands that rewrite them call ``core.page_cache.purge_model``.
    """
    global _watched
    if _watched is None:
        models = set(get_snippet_models()) | {get_image_model(), get_document_model()}
        _watched = {model for model in models if not issubclass(model, Page)}
    return _watched


def on_published(sender, instance, **kwargs):
    # A page with children may have a new slug: their addresses changed too.
    purge.purge_page(instance, subtree=bool(instance.numchild))


def on_unpublished(sender, instance, **kwargs):
    purge.purge_page(instance, subtree=True)


def before_move(sender, instance, **kwargs):
    purge.purge_page(instance, subtree=True)  # the old parent and the old addresses


def after_move(sender, instance, **kwargs):
    purge.purge_page(instance, subtree=True)  # the new parent


def before_delete(sender, instance, **kwargs):
    purge.purge_page(instance, subtree=True)


def on_privacy_changed(sender, instance, **kwargs):
    """A section made private (or public again) sends no page signal: its pages, and every
    list that showed them, must not be served from the cache to anyone any more."""
    page = getattr(instance, "page", None)
    if page is not None:
        purge.purge_page(page, subtree=True, lists=True)


def on_saved_or_deleted(sender, instance, **kwargs):
    if sender is Site:
        purge.purge_everything()
    elif issubclass(sender, BaseSiteSetting | BaseGenericSetting):
        purge.purge_setting(instance)
    elif sender in _shown_models():
        purge.purge_object(instance)


def connect() -> None:
    page_published.connect(on_published, dispatch_uid="page_cache_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="page_cache_unpublished")
    pre_page_move.connect(before_move, dispatch_uid="page_cache_before_move")
    post_page_move.connect(after_move, dispatch_uid="page_cache_after_move")
    pre_delete.connect(before_delete, sender=Page, dispatch_uid="page_cache_page_delete")
    post_save.connect(on_saved_or_deleted, dispatch_uid="page_cache_saved")
    for signal in (post_save, post_delete):
        signal.connect(
            on_privacy_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"page_cache_privacy_{signal is post_save}",
        )
    post_delete.connect(on_saved_or_deleted, dispatch_uid="page_cache_deleted")
