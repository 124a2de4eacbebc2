"""Admin listing of event submissions and their possible duplicates.

Submissions are read-only in the admin: they are what someone sent, not something an editor
writes. Moderators (anyone who may publish pages) and holders of the model's view permission
can see them; deleting one is allowed too, for a privacy request before the retention period
ends. The edit view of an announced event says where it came from and what it looks like.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import EventPage, EventSubmission
from .recurrence import AMSTERDAM

READ_ACTIONS = {"view", "delete"}


class SubmissionPermissionPolicy(ModelPermissionPolicy):
    """Nobody adds or changes a submission; moderators and permission holders view or delete."""

    def user_has_permission(self, user, action):
        if action not in READ_ACTIONS or not (user.is_authenticated and user.is_active):
            return False
        if super().user_has_permission(user, action):
            return True
        return PagePermissionPolicy().user_has_permission(user, "publish")

    def users_with_any_permission(self, actions):
        actions = set(actions) & READ_ACTIONS
        if not actions:
            return get_user_model().objects.none()
        by_model = super().users_with_any_permission(actions)
        publishers = PagePermissionPolicy().users_with_permission("publish")
        return (by_model | publishers).distinct()


register_permission_policy(EventSubmission, SubmissionPermissionPolicy(EventSubmission))


def edit_link(page):
    """A link to an event's edit view, with its date, for lists in the admin."""
    starts_at = timezone.localtime(page.starts_at, AMSTERDAM)
    return format_html(
        '<a href="{}">{}</a> ({}{})',
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        page.title,
        starts_at.strftime("%d-%m-%Y %H:%M"),
        "" if page.live else ", " + _("concept"),
    )


def event_cell(submission):
    return edit_link(submission.event) if submission.event_id else _("verwijderd")


def duplicates_cell(submission):
    duplicates = list(submission.possible_duplicates.all())
    if not duplicates:
        return "-"
    return format_html_join(mark_safe("<br>"), "{}", ((edit_link(page),) for page in duplicates))


class SubmissionIndexView(IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("event")
            .prefetch_related("possible_duplicates")
        )


class SubmissionInspectView(InspectView):
    def get_event_display_value(self):
        return event_cell(self.object)

    def get_possible_duplicates_display_value(self):
        return duplicates_cell(self.object)


class EventSubmissionViewSet(ModelViewSet):
    model = EventSubmission
    icon = "mail"
    menu_label = gettext_lazy("Aanmeldingen")
    add_to_admin_menu = True
    menu_order = 345
    index_view_class = SubmissionIndexView
    inspect_view_class = SubmissionInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = []  # never used: nobody may add or change a submission
    list_display = [
        "submitter_name",
        "organisation_name",
        Column("event", label=gettext_lazy("Activiteit"), accessor=event_cell),
        DateColumn("submitted_at", label=gettext_lazy("Verstuurd op")),
        Column("duplicates", label=gettext_lazy("Lijkt op"), accessor=duplicates_cell),
    ]
    search_fields = ["submitter_name", "organisation_name", "email", "event__title"]
    inspect_view_fields = [
        "event",
        "submitter_name",
        "organisation_name",
        "email",
        "phone",
        "consented_at",
        "submitted_at",
        "possible_duplicates",
    ]


@hooks.register("register_admin_viewset")
def register_submission_viewset():
    return EventSubmissionViewSet("event_submissions")


@hooks.register("before_edit_page")
def warn_about_submission(request, page):
    """Tell the moderator this event came from the public form, and what it may duplicate."""
    if request.method != "GET" or not isinstance(page, EventPage):
        return None
    submission = (
        EventSubmission.objects.filter(event_id=page.pk)
        .prefetch_related("possible_duplicates")
        .first()
    )
    if submission is None:
        return None
    policy = SubmissionPermissionPolicy(EventSubmission)
    if policy.user_has_permission(request.user, "view"):
        sender = format_html(
            '<a href="{}">{}</a>',
            reverse("event_submissions:inspect", args=[submission.pk]),
            submission.organisation_name or submission.submitter_name,
        )
    else:
        sender = _("een bezoeker")
    message = format_html(
        "{} {}",
        format_html(
            _(
                "Deze activiteit is op {date} aangemeld via het formulier op de website, door {sender}. Controleer alles voordat u hem publiceert."
            ),
            date=timezone.localtime(submission.submitted_at, AMSTERDAM).strftime("%d-%m-%Y"),
            sender=sender,
        ),
        format_html(
            "{} {}",
            _("Hij lijkt op wat al in de agenda staat:"),
            duplicates_cell(submission),
        )
        if submission.possible_duplicates.all()
        else "",
    )
    messages.warning(request, message)
    return None
