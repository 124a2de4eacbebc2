"""Which tags a change touches: a page, a snippet/image/document, a setting or a site.

Each purge runs at once and again when the transaction commits: a render that started in
between read the old rows, and the second purge (a newer version) keeps it out of the cache.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page, ReferenceIndex

from .frontend import frontend_batch, purge_frontend
from .registry import is_chrome_model
from .tags import ALL, CHROME, LISTS, PAGES, model_tag, page_tag, purge_tags, site_tag

_MENU_DEPTH = 3  # the root is 1, a site's home 2, the menu's pages 3


def tree_tag(path: str) -> str:
    """Every page at or below ``path`` (its address changes when an ancestor moves)."""
    return f"tree:{path}"


def tree_tags(page) -> set[str]:
    """The tags of a page's own address: one per ancestor path from the home down."""
    path = page.path
    return {tree_tag(path[:end]) for end in range(8, len(path) + 1, Page.steplen)}


def run(tags) -> None:
    """Purge ``tags`` now and again after the commit (see the module's docstring)."""
    tags = set(tags)
    purge_tags(*tags)
    batch = frontend_batch(tags)  # the addresses now: before a move or delete, the old ones
    if not transaction.get_connection().in_atomic_block:
        # Nothing to wait for (autocommit, or a caller managing transactions by hand, where
        # on_commit() refuses): the change is already visible.
        purge_frontend(batch)
        return
    transaction.on_commit(lambda: purge_tags(*tags))
    transaction.on_commit(lambda: purge_frontend(batch))


def referencing_tags(obj) -> set[str]:
    """Tags of what shows ``obj``: pages that refer to it, settings (the chrome), snippets."""
    tags = set()
    page_type = ContentType.objects.get_for_model(Page)
    rows = ReferenceIndex.get_references_to(obj).values_list("base_content_type", "object_id")
    content_types = {}
    for type_id, object_id in rows.distinct():
        if type_id == page_type.pk:
            tags.add(page_tag(object_id))
            continue
        if type_id not in content_types:
            content_types[type_id] = ContentType.objects.get_for_id(type_id).model_class()
        model = content_types[type_id]
        if model is None:
            continue
        if issubclass(model, BaseSiteSetting | BaseGenericSetting):
            tags.add(CHROME)
        tags.add(model_tag(model))
    return tags


def page_tags(page) -> set[str]:
    """A page and everything that shows it: ancestors (lists of children), references,
    translations (the language switcher), its type's lists, and the menu when it is in it."""
    page = page.specific_deferred if type(page) is Page else page
    tags = {PAGES, page_tag(page.pk), model_tag(type(page))}
    tags |= {
        page_tag(pk) for pk in page.get_ancestors().filter(depth__gt=1).values_list("pk", flat=True)
    }
    tags |= {page_tag(pk) for pk in page.get_translations().values_list("pk", flat=True)}
    tags |= referencing_tags(page)
    if page.depth <= _MENU_DEPTH or page.show_in_menus:
        tags.add(CHROME)
    return tags


def purge_page(page, *, subtree: bool = False, lists: bool = False) -> None:
    """Purge a page; with ``subtree`` also every page below it (their addresses changed);
    with ``lists`` every list of pages (a section went private: lists leave it out)."""
    tags = page_tags(page)
    if subtree:
        tags.add(tree_tag(page.path))
    if lists:
        tags.add(LISTS)
    run(tags)


def purge_object(obj) -> None:
    """A snippet, image, document or other shown object changed."""
    tags = {model_tag(obj), LISTS} | referencing_tags(obj)
    if is_chrome_model(obj):
        tags.add(CHROME)
    run(tags)


def purge_setting(setting) -> None:
    """Site settings dress every page of their site; generic settings every site."""
    site_id = getattr(setting, "site_id", None)
    run({site_tag(site_id)} if site_id else {CHROME})


def purge_everything() -> None:
    run({ALL})
