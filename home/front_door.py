"""Where the home page's front door, the menu and the footer lead residents.

The home page names its targets (places near you, this week's activities, announcing an
activity, and the professionals' entry). An editor may choose each page; left empty, the
first live page of that type on the site is used, so a new site works without setup.

Other pages ask through core's ``{% home_target %}`` and ``{% main_menu %}`` tags, which
call ``HomePage.target`` and ``HomePage.menu_choices`` by name: core imports no domain app.
"""

from django.db.models import Q
from wagtail.models import Page

from activities.models import ActivityIndexPage
from core.i18n import active_locale, localize_all
from events.models import EventIndexPage, EventSubmissionPage
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
# The agenda's "this week" period (events.filters.WHEN_CHOICES) and the list's anchor.
THIS_WEEK_QUERY = "?wanneer=deze-week#resultaten"
RESULTS_ANCHOR = "#resultaten"


def first_live(home, model):
    """The first live, public page of ``model`` in this home's tree, else in a translation's.

    A translated home (English) often has no sociale kaart of its own yet: then the Dutch one,
    which ``localize_all`` marks with its language.
    """
    pages = model.objects.live().public().order_by("path")
    found = pages.filter(path__startswith=home.path).first()
    if found is not None:
        return found
    roots = (
        Page.objects.filter(translation_key=home.translation_key, depth=home.depth)
        .exclude(pk=home.pk)
        .values_list("path", flat=True)
    )
    under_any = Q(pk__in=[])
    for path in roots:
        under_any |= Q(path__startswith=path)
    return pages.filter(under_any).first()


def find_target(home, name, request=None):
    """The page behind ``name`` in the visitor's language, or None; cached on the request."""
    if name not in TARGETS:
        return None
    cache = getattr(request, "_home_targets", None) if request is not None else None
    key = (home.pk, name)
    if cache is not None and key in cache:
        return cache[key]
    field, model = TARGETS[name]
    page = getattr(home, field)
    if page is not None and not page.live:
        page = None
    if page is None and model is not None:
        page = first_live(home, model)
    if page is not None:
        localized = localize_all([page], active_locale(request))
        page = localized[0] if localized else None
    if request is not None:
        if cache is None:
            cache = request._home_targets = {}
        cache[key] = page
    return page


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
