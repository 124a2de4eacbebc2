from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Helpline


class HelplineViewSet(SnippetViewSet):
    model = Helpline
    icon = "mail"
    menu_label = _("Hulplijnen")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "availability", "phone"]
    search_fields = ["name", "description"]


register_snippet(HelplineViewSet)
