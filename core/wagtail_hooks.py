from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

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
