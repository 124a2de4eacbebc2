"""Admin for the agenda: editions as snippets; imports and submissions register their own hooks."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from campaigns.listing import HOOK_NAME

from . import admin_import, admin_submissions  # noqa: F401  (their @hooks.register run on import)
from .campaign_listing import campaign_upcoming_events
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


# The "events of this campaign" block of the campaigns app reads the agenda through this hook.
hooks.register(HOOK_NAME, campaign_upcoming_events)
