"""Where the home page's front door, the menu and the footer lead residents.

The home page names its targets (places near you, this week's activities, announcing an
activity, and the professionals' entry). An editor may choose each page; left empty, the
first live page of that type on the site is used, so a new site works without setup.

Other pages ask through core's ``{% home_target %}`` and ``{% main_menu %}`` tags, which
call ``HomePage.target`` and ``HomePage.menu_choices`` by name: core imports no domain app.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Page

from activities.models import ActivityIndexPage
from activities.terms import build, prepared_rows
from core.i18n import active_locale, localize_all
from core.models import public_pages, view_restrictions
from events.models import EventIndexPage, EventSubmissionPage
from events.prepared import prepared_values
from koplopers.models import KoploperIndexPage
from social_map.models import SocialMapPage

# name: (field on HomePage, page type found when the field is empty; None: no fallback)
TARGETS = {
    "places": ("places_page", SocialMapPage),
    "agenda": ("agenda_page", EventIndexPage),
    "submission": ("submission_page", EventSubmissionPage),
    "approach": ("approach_page", None),
    "activities": ("activities_page", ActivityIndexPage),
    "koplopers": ("koplopers_page", KoploperIndexPage),
}
# What a link to a target needs ({% pageurl %}, its title, localisation): not whole page rows.
TARGET_FIELDS = (
    "id",
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "live",
    "translation_key",
    "locale_id",
    "content_type_id",
)
# The agenda's "this week" period (events.filters.WHEN_CHOICES) and the list's anchor.
THIS_WEEK_QUERY = "?wanneer=deze-week#resultaten"
RESULTS_ANCHOR = "#resultaten"


def first_live_of_each(home, models, request=None):
    """{model: its first live, public page in this home's tree, else in a translation's}.

    A translated home (English) often has no sociale kaart of its own yet: then the Dutch one,
    which ``localize_all`` marks with its language. One query for all the types (two when a
    type is missing below this home), where one per type made the home page slow.
    """
    types = ContentType.objects.get_for_models(*models)
    by_type = {content_type.pk: model for model, content_type in types.items()}
    found = {}
    for page in _first_in_tree(home, sorted(by_type), request):
        found.setdefault(by_type[page.content_type_id], page)
    missing = [pk for pk, model in by_type.items() if model not in found]
    where = _translated_roots(home) if missing else None
    if where:
        pages = public_pages(Page.objects.live(), request).filter(where, content_type__in=missing)
        for page in pages.only(*TARGET_FIELDS).order_by("path"):
            found.setdefault(by_type[page.content_type_id], page)
    return found


def _first_in_tree(home, type_ids, request):
    """The live, public pages of the types ``type_ids`` below ``home``, in tree order.

    Without a private section (the usual case) the same SQL for every request of the home
    page, compiled once per process (``events.prepared``); the sections' paths are in the
    SQL, so a private one builds it through the ORM.
    """

    private = view_restrictions(request)

    def query(path, *type_ids):
        pages = public_pages(Page.objects.live(), request) if private else Page.objects.live()
        return (
            pages.filter(path__startswith=path, content_type__in=type_ids)
            .order_by("path")
            .values_list(*TARGET_FIELDS)
        )

    if private:
        rows = query(home.path, *type_ids)
    else:
        key = ("home-first-live", len(type_ids))
        rows = prepared_values(key, query, home.path, *type_ids)
    return [build(Page, dict(zip(TARGET_FIELDS, row, strict=True))) for row in rows]


def _translated_roots(home):
    """A Q for the trees of this home's translations (its siblings in other languages)."""
    roots = Q()
    for path in (
        Page.objects.filter(translation_key=home.translation_key, depth=home.depth)
        .exclude(pk=home.pk)
        .values_list("path", flat=True)
    ):
        roots |= Q(path__startswith=path)
    return roots


def find_target(home, name, request=None):
    """The page behind ``name`` in the visitor's language, or None; cached on the request."""
    if name not in TARGETS:
        return None
    return find_targets(home, [name], request)[name]


def find_targets(home, names, request=None, known=None):
    """{name: page} for ``names`` at once, cached on the request (see ``all_targets``).

    ``known``: {id: page} already read with ``TARGET_FIELDS`` (the home page reads its
    featured pages and the chosen targets in one query).
    """
    cache = getattr(request, "_home_targets", None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            request._home_targets = cache
    missing = [name for name in names if (home.pk, name) not in cache]
    if missing:
        found = all_targets(home, request, missing, known)
        cache.update({(home.pk, name): page for name, page in found.items()})
    return {name: cache[(home.pk, name)] for name in names}


def all_targets(home, request=None, names=None, known=None):
    """{name: page} for ``names`` (default all): an editor's choice, else the first of its type.

    One query for the chosen pages (their link's columns only), one for the page types to
    find, one to localise at most.
    """
    targets = {name: TARGETS[name] for name in (names or TARGETS)}
    chosen_ids = {name: getattr(home, f"{field}_id") for name, (field, _m) in targets.items()}
    chosen_pages = dict(known or {})
    wanted_ids = {pk for pk in chosen_ids.values() if pk is not None} - chosen_pages.keys()
    if wanted_ids:
        chosen_pages.update(read_pages(wanted_ids))
    pages = {}
    for name, pk in chosen_ids.items():
        page = chosen_pages.get(pk)
        pages[name] = page if page is not None and page.live else None
    wanted = {model for name, (_f, model) in targets.items() if model and pages[name] is None}
    found = first_live_of_each(home, wanted, request) if wanted else {}
    for name, (_field, model) in targets.items():
        if pages[name] is None and model is not None:
            pages[name] = found.get(model)
    chosen = [page for page in pages.values() if page is not None]
    localized = localize_all(chosen, active_locale(request))
    by_key = {page.translation_key: page for page in localized}
    return {
        name: by_key.get(page.translation_key) if page is not None else None
        for name, page in pages.items()
    }


def read_pages(ids, *fields):
    """{id: page} of ``ids`` with the columns of a link (``TARGET_FIELDS``) and ``fields``.

    The same SQL for every request with as many ids: compiled once per process
    (``activities.terms.prepared_rows``), as the ORM's took longer to build than to run.
    """
    ids = sorted(ids)
    if not ids:
        return {}
    columns = (*TARGET_FIELDS, *fields)
    rows = prepared_rows(
        ("home-pages", len(ids), columns),
        lambda *pks: Page.objects.filter(pk__in=pks).values_list(*columns),
        *ids,
    )
    return {row[0]: build(Page, dict(zip(columns, row, strict=True))) for row in rows}


def chosen_ids(home):
    """The ids of the pages the home page's own fields choose (targets, the hero's button)."""
    fields = [field for field, _model in TARGETS.values()] + ["hero_cta_page"]
    return {getattr(home, f"{field}_id") for field in fields} - {None}


def tree_url(home, request):
    """A function giving a page's address from its ``url_path``, for pages of this home's
    tree served by its site: the home's own address and the rest of the path. Wagtail's
    ``get_url`` per link walks the site roots each time. None for any other page (another
    language's tree, a site rooted below this home): ask Wagtail.
    """
    base = home.get_url(request) or ""
    prefix = home.url_path
    if not base.endswith("/"):
        return lambda url_path: None
    below = [
        root.root_path
        for root in home._get_site_root_paths(request)
        if root.root_path != prefix and root.root_path.startswith(prefix)
    ]

    def url(url_path):
        if not url_path.startswith(prefix) or any(url_path.startswith(r) for r in below):
            return None
        return base + url_path[len(prefix) :]

    return url


def page_url(page, tree, request):
    """``page``'s address: from ``tree`` (``tree_url``) where it can, else Wagtail's."""
    return tree(page.url_path) or page.get_url(request)


def menu_choices(home):
    """[(page id, short label)] from the home page's menu list, in the editor's order.

    Read from the raw stream: no page is fetched, the menu tag already has them.
    """
    choices = []
    for block in home.menu.raw_data:
        value = block.get("value") or {}
        if value.get("page"):
            choices.append((value["page"], (value.get("label") or "").strip()))
    return choices
