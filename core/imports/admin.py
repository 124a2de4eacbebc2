"""The import in the Wagtail admin, one set of views for every importer.

``ImportAdmin(importer, path=..., name=..., menu_order=...).register()`` adds, for one
importer: the upload page (``name``), the page of one run (``name_run``, which a run in the
background refreshes until it is done) and the button that imports a checked file
(``name_confirm``), plus a menu item shown to editors who may add and publish pages under at
least one parent page. A bad file is a message on the form, never a 500.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, View
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.models import ImportRun

from . import runs
from .importer import CHECK, LOCATE, SAVE, ImportResult
from .reading import Limits, SpreadsheetError, size_text

REFRESH_SECONDS = 2
RECENT_RUNS = 10
STAGES = {
    CHECK: _("De rijen worden gecontroleerd."),
    LOCATE: _("De adressen worden op de kaart gezocht."),
    SAVE: _(
        "Alle rijen zijn goed. Nu wordt alles in één keer opgeslagen; dat kan een paar minuten "
        "duren."
    ),
}


class ImportForm(forms.Form):
    parent = forms.TypedChoiceField(coerce=int)
    file = forms.FileField(label=_("Bestand"))
    action = forms.ChoiceField(
        choices=[("check", _("Controleren")), ("import", _("Importeren"))],
        required=False,  # the button pressed; without one, an import
    )

    def __init__(self, *args, importer, parents, **kwargs):
        super().__init__(*args, **kwargs)
        self.importer = importer
        field = self.fields["parent"]
        field.label, field.help_text = importer.parent_label, importer.parent_help
        field.choices = [(page.pk, page.get_admin_display_title()) for page in parents]
        self.fields["file"].help_text = _(
            "Een .csv- of .xlsx-bestand met de kolommen hieronder (hooguit %(size)s)."
        ) % {"size": size_text(Limits.from_settings().file_size)}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Kies een .csv- of .xlsx-bestand."))
        try:
            self.rows = self.importer.read_rows(upload, upload.name)
        except SpreadsheetError as error:
            raise forms.ValidationError(str(error)) from None
        return upload


class ImporterMixin:
    """What every import view shares: the importer, and the parent pages the user may use."""

    importer = None
    url_name = ""
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        self.parents = self.importer.parents_for(request.user)
        if not self.parents:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.importer.title

    def runs(self):
        return ImportRun.objects.filter(
            importer=self.importer.path(), parent__in=[page.pk for page in self.parents]
        )

    def run_url(self, run):
        return reverse(f"{self.url_name}_run", args=[run.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            importer=self.importer,
            url_name=self.url_name,
            recent_runs=self.runs().select_related("user", "parent")[:RECENT_RUNS],
            limits=Limits.from_settings(),
        )
        if "form" not in context:
            context["form"] = ImportForm(importer=self.importer, parents=self.parents)
        return context


class ImportView(ImporterMixin, WagtailAdminTemplateMixin, FormView):
    """Upload a file; a check or an import starts, and the run's page shows how it went."""

    template_name = "core/admin/import.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "importer": self.importer, "parents": self.parents}

    def get_form_class(self):
        return ImportForm

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        run = runs.start(
            self.importer,
            next(page for page in self.parents if page.pk == form.cleaned_data["parent"]),
            form.rows,
            user=self.request.user,
            file_name=upload.name,
            dry_run=form.cleaned_data["action"] == "check",
        )
        return redirect(self.run_url(run))


class ImportRunView(ImporterMixin, WagtailAdminTemplateMixin, TemplateView):
    """One run: its progress while it runs (the page refreshes itself), then its report."""

    template_name = "core/admin/import.html"

    def get_context_data(self, **kwargs):
        run = get_object_or_404(self.runs().select_related("user", "parent"), pk=kwargs["run_id"])
        result = None
        if run.status == ImportRun.Status.DONE:
            result = ImportResult.from_json(run.result)
        return super().get_context_data(
            run=run,
            result=result,
            stage=STAGES.get(run.stage, ""),
            refresh=None if run.finished else REFRESH_SECONDS,
            **kwargs,
        )


class ConfirmImportView(ImporterMixin, View):
    """Import the rows of a check without errors, without uploading the file again."""

    http_method_names = ["post"]

    def post(self, request, run_id):
        checked = get_object_or_404(self.runs(), pk=run_id)
        if not checked.can_import_checked_rows:
            return redirect(self.run_url(checked))
        parent = next((page for page in self.parents if page.pk == checked.parent_id), None)
        if parent is None:
            raise PermissionDenied
        rows, checked.rows = checked.rows, []
        checked.save(update_fields=["rows"])  # what was checked is imported once
        run = runs.start(
            self.importer,
            parent,
            rows,
            user=request.user,
            file_name=checked.file_name,
            dry_run=False,
        )
        return redirect(self.run_url(run))


class ImportMenuItem(MenuItem):
    def __init__(self, importer, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.importer = importer

    def is_shown(self, request):
        return bool(self.importer.parents_for(request.user))


class ImportAdmin:
    """The admin URLs and menu item of one importer."""

    def __init__(self, importer, *, path, name, menu_order):
        self.importer, self.path, self.name, self.menu_order = importer, path, name, menu_order

    def urls(self):
        options = {"importer": self.importer, "url_name": self.name}
        return [
            path(self.path, ImportView.as_view(**options), name=self.name),
            path(
                f"{self.path}<int:run_id>/",
                ImportRunView.as_view(**options),
                name=f"{self.name}_run",
            ),
            path(
                f"{self.path}<int:run_id>/importeren/",
                ConfirmImportView.as_view(**options),
                name=f"{self.name}_confirm",
            ),
        ]

    def menu_item(self):
        return ImportMenuItem(
            self.importer,
            self.importer.title,
            reverse(self.name),
            icon_name="upload",
            order=self.menu_order,
        )

    def register(self):
        hooks.register("register_admin_urls", self.urls)
        hooks.register("register_admin_menu_item", self.menu_item)
