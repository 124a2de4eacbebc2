"""The spreadsheet import in the admin, for coordinators who keep their list in Excel."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from .models import SocialMapPage
from .spreadsheet import SpreadsheetError, import_places, read_rows

MAX_UPLOAD = 5 * 1024 * 1024


def maps_for(user):
    """The sociale kaarten this user may add and publish places on."""
    return [
        page
        for page in SocialMapPage.objects.all().order_by("path")
        if (permissions := page.permissions_for_user(user)).can_add_subpage()
        and permissions.can_publish_subpage()
    ]


class ImportForm(forms.Form):
    social_map = forms.TypedChoiceField(
        label=_("Sociale kaart"),
        coerce=int,
        help_text=_("Op welke sociale kaart komen de plekken?"),
    )
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_(
            "Een .csv- of .xlsx-bestand met de kolommen uit de handleiding (hooguit 5 MB)."
        ),
    )

    def __init__(self, *args, maps, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["social_map"].choices = [
            (page.pk, page.get_admin_display_title()) for page in maps
        ]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("Het bestand is groter dan 5 MB. Splits het in delen."))
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Kies een .csv- of .xlsx-bestand."))
        return upload


def import_view(request):
    maps = maps_for(request.user)
    if not maps:
        raise PermissionDenied
    result = file_error = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES, maps=maps)
        if form.is_valid():
            social_map = next(page for page in maps if page.pk == form.cleaned_data["social_map"])
            upload = form.cleaned_data["file"]
            try:
                rows = read_rows(upload, upload.name)
            except SpreadsheetError as error:
                file_error = str(error)
            else:
                result = import_places(social_map, rows, user=request.user)
    else:
        form = ImportForm(maps=maps)
    return TemplateResponse(
        request,
        "social_map/admin/import.html",
        {
            "form": form,
            "result": result,
            "file_error": file_error,
            "header_title": _("Plekken importeren"),
        },
    )
