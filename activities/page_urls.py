"""Page addresses for lists, without Wagtail's ``get_url`` walk per page.

``Page.get_url`` finds the page's site and language for every page it is asked about; a list
of twenty pages paid that twenty times. Pages with one parent share everything but their
slug, so the parent's address and the slug give the same URL. Slugs that the URL would
encode (non-ASCII) go through Wagtail as before.

Lives in the lowest app that needs it, so the sociale kaart (above it) can use it too.
"""

import re

_PLAIN_SLUG = re.compile(r"[A-Za-z0-9_-]+\Z")


def _slug(page):
    return page.url_path.rstrip("/").rpartition("/")[2]


def child_url(parent_url, page, request=None):
    """The URL of ``page``, a child of the page at ``parent_url``."""
    slug = _slug(page)
    if parent_url and parent_url.endswith("/") and _PLAIN_SLUG.match(slug):
        return f"{parent_url}{slug}/"
    return page.get_url(request)


def sibling_urls(pages, request=None):
    """The URL of each of ``pages`` (with ``url_path``, ``locale_id``), in order: Wagtail's
    for the first page of each parent, then that parent's address and the slug."""
    parents, urls = {}, []
    for page in pages:
        parent_path, _, slug = page.url_path.rstrip("/").rpartition("/")
        parent_url = parents.get(parent_path)
        if parent_url is not None:
            urls.append(child_url(parent_url, page, request))
            continue
        url = page.get_url(request)
        urls.append(url)
        suffix = f"{slug}/"
        if url and _PLAIN_SLUG.match(slug) and url.endswith(suffix):
            parents[parent_path] = url[: -len(suffix)]
    return urls
