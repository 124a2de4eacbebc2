"""Admin view to import events from a spreadsheet (see IMPORT.md), with a report per row.

Registered from here with Wagtail hooks; ``events/wagtail_hooks.py`` imports this module.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .models import EventIndexPage
from .spreadsheet import SpreadsheetError, import_events, read_rows

MAX_UPLOAD = 5 * 1024 * 1024


def agendas_for(user):
    """The agendas this user may add and publish events in."""
    return [
        page
        for page in EventIndexPage.objects.all().order_by("path")
        if (permissions := page.permissions_for_user(user)).can_add_subpage()
        and permissions.can_publish_subpage()
    ]


class ImportForm(forms.Form):
    agenda = forms.TypedChoiceField(
        label=_("Agenda"),
        coerce=int,
        help_text=_("In welke agenda komen de activiteiten?"),
    )
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_(
            "Een .csv- of .xlsx-bestand met de kolommen uit de handleiding (hooguit 5 MB)."
        ),
    )
    dry_run = forms.BooleanField(
        label=_("Alleen controleren"),
        required=False,
        help_text=_(
            "Vink aan om eerst te zien wat er zou gebeuren. Er wordt dan nog niets opgeslagen."
        ),
    )

    def __init__(self, *args, agendas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda"].choices = [
            (page.pk, page.get_admin_display_title()) for page in agendas
        ]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("Het bestand is groter dan 5 MB. Splits het in delen."))
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Kies een .csv- of .xlsx-bestand."))
        return upload


def import_view(request):
    agendas = agendas_for(request.user)
    if not agendas:
        raise PermissionDenied
    result = file_error = agenda = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES, agendas=agendas)
        if form.is_valid():
            agenda = next(page for page in agendas if page.pk == form.cleaned_data["agenda"])
            upload = form.cleaned_data["file"]
            try:
                rows = read_rows(upload, upload.name)
            except SpreadsheetError as error:
                file_error = str(error)
            else:
                result = import_events(
                    agenda, rows, user=request.user, dry_run=form.cleaned_data["dry_run"]
                )
    else:
        form = ImportForm(agendas=agendas)
    return TemplateResponse(
        request,
        "events/admin/import.html",
        {
            "form": form,
            "result": result,
            "agenda": agenda,
            "file_error": file_error,
            "header_title": _("Activiteiten importeren"),
        },
    )


@hooks.register("register_admin_urls")
def import_urls():
    return [path("agenda/importeren/", import_view, name="events_import")]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(agendas_for(request.user))


@hooks.register("register_admin_menu_item")
def import_menu_item():
    return ImportMenuItem(
        _("Activiteiten importeren"), reverse("events_import"), icon_name="upload", order=345
    )
