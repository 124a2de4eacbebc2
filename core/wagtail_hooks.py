from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ApproachPart, Helpline, Organisation, TargetGroup


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


class TaxonomyGroup(SnippetViewSetGroup):
    """The terms editors use to label content, together in one menu."""

    menu_label = _("Indelingen")
    menu_icon = "tag"
    menu_order = 310
    items = (TargetGroupViewSet, ApproachPartViewSet, OrganisationViewSet)


register_snippet(HelplineViewSet)
register_snippet(TaxonomyGroup)
