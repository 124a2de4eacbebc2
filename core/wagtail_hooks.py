from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_dates
from .feedback.admin import CorrectionViewSet
from .i18n import active_locale
from .models import (
    AccessibilityFeature,
    ApproachPart,
    Helpline,
    Municipality,
    Organisation,
    PlanStep,
    TargetGroup,
)
from .readability import LIX_LIMIT


class HelplineViewSet(SnippetViewSet):
    model = Helpline
    icon = "mail"
    menu_label = _("Hulplijnen")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "availability", "phone"]
    search_fields = ["name", "description"]


class TermViewSet(SnippetViewSet):
    list_display = ["name", "slug"]
    search_fields = ["name"]


class TargetGroupViewSet(TermViewSet):
    model = TargetGroup
    icon = "group"
    menu_label = _("Doelgroepen")


class ApproachPartViewSet(TermViewSet):
    model = ApproachPart
    icon = "list-ol"
    menu_label = _("Onderdelen van de aanpak")
    list_display = ["name", "sort_order"]


class OrganisationViewSet(TermViewSet):
    model = Organisation
    icon = "home"
    menu_label = _("Organisaties")
    list_display = ["name", "kind", "website"]
    list_filter = ["kind"]


class PlanStepViewSet(TermViewSet):
    model = PlanStep
    icon = "list-ol"
    menu_label = _("Stappen van het stappenplan")
    list_display = ["number", "name"]


class AccessibilityFeatureViewSet(TermViewSet):
    model = AccessibilityFeature
    icon = "success"
    menu_label = _("Toegankelijkheid")


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "site"
    menu_label = _("Gemeenten")
    list_display = ["name", "cbs_code", "province"]
    list_filter = ["province"]
    search_fields = ["name"]


class TaxonomyGroup(SnippetViewSetGroup):
    """The terms editors use to label content, together in one menu."""

    menu_label = _("Indelingen")
    menu_icon = "tag"
    menu_order = 310
    items = (
        TargetGroupViewSet,
        ApproachPartViewSet,
        PlanStepViewSet,
        OrganisationViewSet,
        AccessibilityFeatureViewSet,
        MunicipalityViewSet,
    )


register_snippet(HelplineViewSet)
register_snippet(TaxonomyGroup)


@hooks.register("before_serve_page")
def serve_in_the_pages_own_language(page, request, serve_args, serve_kwargs):
    """/en/... of a page that only exists in Dutch goes to its Dutch URL.

    Wagtail falls back to the Dutch tree when a site has no English home page; without
    this, Dutch text would be served as English (wrong lang, wrong switcher).
    """
    if page.locale_id == active_locale(request).pk:
        return None
    target = page.get_url(request)
    if target and target != request.path:
        return redirect(target)
    return None


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    """Visitors' "Klopt er iets niet?" notes, listed until an editor handles them."""
    return CorrectionViewSet()


@hooks.register("insert_editor_js")
def live_readability_score():
    """The page's LIX, live in the editor's "Checks" panel (core/js/admin-readability.js)."""
    return format_html(
        '<script src="{}" data-label="{}" data-limit="{}" data-too-hard="{}" defer></script>',
        static("core/js/admin-readability.js"),
        _("Leesbaarheid (LIX)"),
        LIX_LIMIT,
        _("Moeilijk te lezen: goed is %(limit)s of lager.") % {"limit": LIX_LIMIT},
    )


# Admin date fields read Dutch ("3-12-2026 14.00", "3 december 2026") or say what is wrong.
admin_dates.register()


@hooks.register("insert_global_admin_js")
def keep_typed_dates():
    """The date picker no longer replaces a date it cannot read with "now" (core/admin_dates.py)."""
    return format_html('<script src="{}"></script>', static("core/js/admin-dates.js"))
