"""Admin for the agenda: editions as snippets; imports and submissions register their own hooks."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_import, admin_submissions  # noqa: F401  (their @hooks.register run on import)
from .models import EventEdition


class EventEditionViewSet(SnippetViewSet):
    model = EventEdition
    icon = "date"
    menu_label = _("Landelijke weken")
    add_to_admin_menu = True
    menu_order = 340
    list_display = ["name", "starts_on", "ends_on", "theme"]
    search_fields = ["name"]


register_snippet(EventEditionViewSet)
