"""Bereik per profiel: which of the eight profiles the local offer reaches, in the admin.

Bijlage 1 of the handreiking names this use of the profiles: see at whom the offer is aimed
and which people it does not reach. A coalition editor picks a municipality and sees, per
profile, the places of their sociale kaart that offer an activity that fits it (the same fit
as the profile guide: ``activities.profile_guide.ProfileFit``), and the profiles nothing
reaches. Only the places in the part of the page tree the editor may work in are counted.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale
from wagtail.permissions import page_permission_policy

from activities.models import ActivityPage, InterventionProfile
from activities.profile_guide import ProfileFit
from core.models import Municipality

from .models import PlacePage, hide_after_days

URL_NAME = "social_map_profiles"


def explorable_root(user):
    """The highest page the editor may work in (and below which he sees pages), or None."""
    return page_permission_policy.explorable_root_instance(user)


def visible_places(user):
    """Live places in the editor's part of the tree that residents can still see."""
    root = explorable_root(user)
    if root is None:
        return None
    oldest = timezone.localdate() - dt.timedelta(days=hide_after_days())
    return (
        PlacePage.objects.descendant_of(root, inclusive=True)
        .live()
        .filter(last_checked__gte=oldest)
    )


def reach_by_profile(places):
    """One row per profile: the places whose activities fit it. A fixed number of queries."""
    places = list(
        places.select_related("municipality").prefetch_related("activities").order_by("title")
    )
    offered = {
        activity.pk for place in places for activity in place.activities.all() if activity.live
    }
    profiles = (
        InterventionProfile.objects.filter(locale=Locale.get_default())
        .prefetch_related("fitting_types", "fitting_parts")
        .order_by("pk")
    )
    rows = []
    for profile in profiles:
        fit = ProfileFit.of([profile])
        fitting = set(
            fit.activities(ActivityPage.objects.filter(pk__in=offered)).values_list("pk", flat=True)
        )
        reaching = [
            (place, [a for a in place.activities.all() if a.pk in fitting])
            for place in places
            if any(a.pk in fitting for a in place.activities.all())
        ]
        rows.append({"profile": profile, "fit": fit, "places": reaching})
    return rows, places


class ProfileReachView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "social_map/admin/profiles.html"
    page_title = _("Bereik per profiel")
    header_icon = "user"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        self.places = visible_places(request.user)
        if self.places is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        municipalities = Municipality.objects.filter(
            pk__in=self.places.values("municipality_id")
        ).order_by("name")
        chosen = municipalities.filter(slug=self.request.GET.get("gemeente", "")[:120]).first()
        places = self.places.filter(municipality=chosen) if chosen else self.places
        rows, listed = reach_by_profile(places)
        context.update(
            municipalities=municipalities,
            chosen=chosen,
            rows=rows,
            reached=[row for row in rows if row["places"]],
            not_reached=[row for row in rows if not row["places"]],
            place_count=len(listed),
            without_activities=[place for place in listed if not place.activities.all()],
        )
        return context


class ProfileReachMenuItem(MenuItem):
    def is_shown(self, request):
        return explorable_root(request.user) is not None


@hooks.register("register_admin_urls")
def profile_reach_urls():
    return [path("sociale-kaart/bereik-per-profiel/", ProfileReachView.as_view(), name=URL_NAME)]


@hooks.register("register_reports_menu_item")
def profile_reach_menu_item():
    return ProfileReachMenuItem(
        _("Bereik per profiel"), reverse(URL_NAME), icon_name="user", order=900
    )
