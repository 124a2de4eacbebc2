from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.page_cache import LISTS_HOOK

from .models import (
    ActivityIndexPage,
    ActivityPage,
    ActivityType,
    EvidenceLevel,
    InterventionProfile,
    ProfileGuidePage,
)


class ActivityTypeViewSet(SnippetViewSet):
    model = ActivityType
    icon = "list-ul"
    menu_label = _("Soorten activiteiten")
    list_display = ["name", "slug", "sort_order"]


class EvidenceLevelViewSet(SnippetViewSet):
    model = EvidenceLevel
    icon = "success"
    menu_label = _("Maten van onderbouwing")
    list_display = ["name", "slug"]


class InterventionProfileViewSet(SnippetViewSet):
    model = InterventionProfile
    icon = "user"
    menu_label = _("Interventieprofielen")
    list_display = ["name", "duration", "participation_oriented", "coping"]


class ActivityLibraryGroup(SnippetViewSetGroup):
    menu_label = _("Activiteitenbank")
    menu_icon = "clipboard-list"
    menu_order = 320
    items = (ActivityTypeViewSet, EvidenceLevelViewSet, InterventionProfileViewSet)


register_snippet(ActivityLibraryGroup)


@hooks.register(LISTS_HOOK)
def page_cache_lists():
    """The page cache (core.page_cache): the library and the profile guide list activities."""
    return [(ActivityIndexPage, [ActivityPage]), (ProfileGuidePage, [ActivityPage])]
