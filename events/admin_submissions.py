"""Admin listing of event submissions and their possible duplicates.

Submissions are read-only in the admin: they are what someone sent, not something an editor
writes. A moderator sees (and may delete) only the submissions for events he or she may
publish: contact details are personal data, shared on a need-to-know basis. Superusers and
holders of the model's own view/delete permission (a deliberate grant, for example to whoever
handles privacy requests) see all of them, including those whose event has been deleted.
The edit view of an announced event says where it came from and what it looks like.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import DeleteView, HistoryView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy

from .announcements.notify import when_text
from .models import EventPage, EventSubmission
from .recurrence import AMSTERDAM, describe_series

READ_ACTIONS = {"view", "delete"}


class SubmissionPermissionPolicy(ModelPermissionPolicy):
    """Nobody adds or changes a submission; moderators view or delete those of their events.

    ``user_has_permission`` only decides whether the menu item and listing are there at all
    (publish permission anywhere); which submissions a user sees is decided per instance.
    """

    def _active(self, user):
        return user.is_authenticated and user.is_active

    def _sees_all(self, user, actions):
        """Superusers and holders of the model's own permission (not just publishers)."""
        return user.is_superuser or any(
            user.has_perm(self._get_permission_name(action)) for action in actions
        )

    def user_has_permission(self, user, action):
        if action not in READ_ACTIONS or not self._active(user):
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

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        actions = set(actions) & READ_ACTIONS
        if not actions or not self._active(user):
            return False
        if self._sees_all(user, actions):
            return True
        event = instance.event
        return event is not None and PagePermissionPolicy().user_has_permission_for_instance(
            user, "publish", event
        )

    def instances_user_has_any_permission_for(self, user, actions):
        """The submissions of events the user may publish: one query, whatever the page size.

        Wagtail's page permission policy gives the events (from its per-user cache of page
        permissions, which the admin loads anyway) as a subquery.
        """
        actions = set(actions) & READ_ACTIONS
        submissions = self.model._default_manager.all()
        if not actions or not self._active(user):
            return submissions.none()
        if self._sees_all(user, actions):
            return submissions
        events = PagePermissionPolicy(EventPage).instances_user_has_permission_for(user, "publish")
        return submissions.filter(event__in=events.values("pk"))


def visible_submissions(user, action="view"):
    return SubmissionPermissionPolicy(EventSubmission).instances_user_has_permission_for(
        user, action
    )


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
    """The announced event, and when it is in words ("elke dinsdag van 10:00 tot 11:30, ...")."""
    if not submission.event_id:
        return _("verwijderd")
    event = submission.event
    series = describe_series(event.recurrence, event.starts_at, event.ends_at, event.all_day)
    if not series:
        return edit_link(event)
    return format_html("{}<br>{}", edit_link(event), capfirst(series))


def duplicates_cell(submission):
    duplicates = list(submission.possible_duplicates.all())
    if not duplicates:
        return "-"
    return format_html_join(mark_safe("<br>"), "{}", ((edit_link(page),) for page in duplicates))


class SubmissionIndexView(IndexView):
    def get_base_queryset(self):
        return (
            visible_submissions(self.request.user)
            .select_related("event")
            .prefetch_related("possible_duplicates")
        )


class SubmissionInspectView(InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(visible_submissions(self.request.user), pk=unquote(str(self.pk)))

    def get_event_display_value(self):
        return event_cell(self.object)

    def get_possible_duplicates_display_value(self):
        return duplicates_cell(self.object)


class SubmissionDeleteView(DeleteView):
    def get_queryset(self):
        return visible_submissions(self.request.user, "delete")


class SubmissionHistoryView(HistoryView):
    def get_base_object_queryset(self):
        return visible_submissions(self.request.user)


class EventSubmissionViewSet(ModelViewSet):
    model = EventSubmission
    icon = "mail"
    menu_label = gettext_lazy("Aanmeldingen")
    add_to_admin_menu = True
    menu_order = 345
    index_view_class = SubmissionIndexView
    inspect_view_class = SubmissionInspectView
    delete_view_class = SubmissionDeleteView
    history_view_class = SubmissionHistoryView
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
    if policy.user_has_permission_for_instance(request.user, "view", submission):
        sender = format_html(
            '<a href="{}">{}</a>',
            reverse("event_submissions:inspect", args=[submission.pk]),
            submission.organisation_name or submission.submitter_name,
        )
    else:
        sender = _("een bezoeker")
    message = format_html(
        "{} {} {}",
        format_html(
            _(
                "Deze activiteit is op {date} aangemeld via het formulier op de website, door {sender}. Controleer alles voordat u hem publiceert."
            ),
            date=timezone.localtime(submission.submitted_at, AMSTERDAM).strftime("%d-%m-%Y"),
            sender=sender,
        ),
        format_html("{}: {}.", _("Wanneer"), when_text(page)),
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
