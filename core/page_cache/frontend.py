"""The front-end cache (CDN) purge through Wagtail's ``PurgeBatch``; a no-op when unset.

Entries in our own cache are dropped by tag; a CDN only knows addresses, so every purge is
turned into the addresses of the pages it touches (every language: each translation is a
page of its own, and ``PurgeBatch`` adds each page's cached paths).
"""

import logging

from django.conf import settings
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, Site

from .registry import all_listing_page_models, listing_page_models
from .tags import ALL, CHROME, LISTS, PAGES

logger = logging.getLogger(__name__)


def configured() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def _pages_for(tags) -> tuple:
    """(page queryset, extra urls) for a set of purged tags."""
    live = Page.objects.live()
    if ALL in tags or CHROME in tags or any(tag.startswith("site:") for tag in tags):
        return live, _site_urls()
    ids = {int(tag[5:]) for tag in tags if tag.startswith("page:") and tag[5:].isdigit()}
    # The pages named, live or not: an unpublished page's address must go too.
    query = Page.objects.filter(id__in=ids)
    for tag in tags:
        if tag.startswith("tree:"):
            query = query | live.filter(path__startswith=tag[5:])
        elif tag.startswith("model:"):
            for model in listing_page_models(tag[6:]):
                query = query | live.type(model)
    if LISTS in tags:
        for model in all_listing_page_models():
            query = query | live.type(model)
    return query, (_site_urls() if PAGES in tags else [])


def _site_urls() -> list[str]:
    return [f"{site.root_url}/sitemap.xml" for site in Site.objects.all()]


def frontend_batch(tags) -> PurgeBatch | None:
    """The addresses that depend on ``tags``, as they are now (before a move or delete)."""
    if not configured():
        return None
    pages, urls = _pages_for(set(tags))
    batch = PurgeBatch()
    batch.add_pages(pages.specific().iterator(chunk_size=500))
    batch.add_urls(urls)
    return batch


def purge_frontend(batch: PurgeBatch | None) -> None:
    """Ask the CDN to drop the batch's addresses (after the commit)."""
    if batch is None:
        return
    try:
        batch.purge()
    except Exception:  # a CDN that is down must not stop an editor's publish
        logger.exception("Front-end cache purge failed")
