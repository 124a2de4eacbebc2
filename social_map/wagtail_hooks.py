from django.conf import settings
from django.contrib import messages
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.page_cache import EXPIRY_HOOK, LISTS_HOOK, next_midnight

from . import admin_profiles, admin_views  # noqa: F401  (register admin URLs and menu items)
from .freshness import stale_places
from .models import PlaceKind, PlacePage, SocialMapPage


class PlaceKindViewSet(SnippetViewSet):
    model = PlaceKind
    icon = "home"
    menu_label = gettext_lazy("Soorten plekken")
    add_to_settings_menu = False
    add_to_admin_menu = True
    menu_order = 330
    list_display = ["name", "slug"]


register_snippet(PlaceKindViewSet)


def warn_when_not_on_the_map(request, page):
    page = page.specific
    if isinstance(page, PlacePage) and page.has_address and page.latitude is None:
        messages.warning(
            request,
            _(
                "We konden het adres van “%(title)s” niet op de kaart vinden. Controleer postcode "
                "en huisnummer, of vul de breedte- en lengtegraad zelf in. Bewoners zien de plek "
                "wel in de lijst, maar niet op de kaart en niet gesorteerd op afstand."
            )
            % {"title": page.title},
        )


hooks.register("after_create_page", warn_when_not_on_the_map)
hooks.register("after_edit_page", warn_when_not_on_the_map)


class StalePlacesPanel(Component):
    """On the admin dashboard: entries residents may soon not see, or no longer see."""

    name = "stale_places"
    order = 150
    template_name = "social_map/admin/stale_places_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        to_check, hidden = stale_places()
        return {"to_check": to_check[:20], "hidden": hidden[:20], "request": self.request}

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not (context["to_check"] or context["hidden"]):
            return ""
        return render_to_string(self.template_name, context, request=self.request)


@hooks.register("construct_homepage_panels")
def add_stale_places_panel(request, panels):
    panels.append(StalePlacesPanel(request))


@hooks.register("insert_editor_js")
def coordinates_map_js():
    """Leaflet and a small map under a place's coordinates, so editors can correct them."""
    return format_html(
        '<link rel="stylesheet" href="{}"><script src="{}"></script>'
        '<script src="{}" data-tiles="{}" data-marker-icon="{}" data-marker-icon-retina="{}"'
        ' data-marker-shadow="{}"></script>',
        static("vendor/leaflet/leaflet.css"),
        static("vendor/leaflet/leaflet.js"),
        static("social_map/js/admin-coordinates.js"),
        settings.MAP_TILE_URL,
        # Leaflet's own guess at its marker images fails on the hashed production names.
        static("vendor/leaflet/images/marker-icon.png"),
        static("vendor/leaflet/images/marker-icon-2x.png"),
        static("vendor/leaflet/images/marker-shadow.png"),
    )


@hooks.register(LISTS_HOOK)
def page_cache_lists():
    """The page cache (core.page_cache): the sociale kaart and activity sheets list places."""
    return [(SocialMapPage, [PlacePage]), ("activities.activitypage", [PlacePage])]


@hooks.register(EXPIRY_HOOK)
def page_cache_expiry(page, request):
    """Opening hours ("open today") and temporary closures change by the day."""
    if isinstance(page, SocialMapPage | PlacePage):
        return next_midnight()
    return None
