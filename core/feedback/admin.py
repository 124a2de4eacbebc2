"""The notes in the Wagtail admin: a list (open ones first) until an editor has handled them.

Editors and moderators get the ``change`` permission (``core.setup``); nobody adds a note in
the admin, so there is no add or copy view. "Markeer als afgehandeld" is a POST button in
the list; the edit view has the same checkbox and the internal note.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import policy_registry

from core.models import Correction


class PageColumn(Column):
    """The page the note is about, linked to the live page and its edit view."""

    cell_template_name = "core/feedback/admin/page_cell.html"


class HandleColumn(Column):
    """A button that marks an open note handled (a small POST form)."""

    cell_template_name = "core/feedback/admin/handle_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        # Table cells render outside the page's RequestContext: fetch the token ourselves.
        context["csrf_token"] = get_token(parent_context["request"])
        return context


class CorrectionIndexView(generic.IndexView):
    default_ordering = ["handled", "-created"]

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("page", "handled_by")


class CorrectionEditView(generic.EditView):
    def save_instance(self):
        """Record when and by whom the box was ticked; unticking clears it again."""
        instance = self.form.instance
        if instance.handled and instance.handled_at is None:
            instance.handled_at = timezone.now()
            instance.handled_by = self.request.user
        elif not instance.handled:
            instance.handled_at = instance.handled_by = None
        return super().save_instance()


@require_POST
def mark_handled(request, pk):
    """Mark one note handled, then back to the list (keeping its filters)."""
    if not policy_registry.get_by_type(Correction).user_has_permission(request.user, "change"):
        raise PermissionDenied
    correction = get_object_or_404(Correction, pk=pk)
    correction.mark_handled(request.user)
    messages.success(request, _("De melding is afgehandeld."))
    back = request.POST.get("next", "")
    if not back.startswith("/") or back.startswith("//"):
        back = "feedback:index"
    return redirect(back)


class CorrectionViewSet(ModelViewSet):
    model = Correction
    name = "feedback"
    icon = "warning"
    menu_label = _("Meldingen")
    menu_order = 305
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = CorrectionIndexView
    edit_view_class = CorrectionEditView
    list_filter = ["handled"]
    list_display = [
        DateColumn("created", label=_("Ontvangen")),
        TitleColumn("message", label=_("Melding"), url_name="feedback:edit"),
        PageColumn("page", label=_("Pagina")),
        BooleanColumn("handled", label=_("Afgehandeld")),
        HandleColumn("actions", label=_("Actie"), accessor="pk"),
    ]
    panels = [
        FieldPanel("page", read_only=True),
        FieldPanel("message", read_only=True),
        FieldPanel("name", read_only=True),
        FieldPanel("email", read_only=True),
        FieldPanel("created", read_only=True),
        FieldPanel("sent_to", read_only=True),
        FieldPanel("handled"),
        FieldPanel("internal_note"),
    ]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(add_url_name=None, **kwargs)

    def get_urlpatterns(self):
        urlpatterns = [pattern for pattern in super().get_urlpatterns() if pattern.name != "add"]
        return [
            *urlpatterns,
            path("afgehandeld/<int:pk>/", mark_handled, name="mark_handled"),
        ]
