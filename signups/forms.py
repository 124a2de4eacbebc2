"""The forms of a sign-up page: the one editors build, and the one they build it with.

``SignupFormBuilder`` turns the editor's fields into a Django form with Dutch messages, the
right ``autocomplete`` and input types, and a honeypot field that people never see and bots
fill in. ``FormPageAdminForm`` is the page's editing form: Wagtail's form-builder checks
(no two fields with the same name) and the plain-language check of every page.
"""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail.compat import URLField
from wagtail.contrib.forms.forms import BaseForm, FormBuilder, WagtailAdminFormPageForm

from core.forms import ErrorSummaryMixin
from core.plain_language import PlainLanguagePageForm

# The honeypot's name: a field bots like to fill. Taken by an editor's field? Then the next one.
HONEYPOT_NAMES = ("website", "homepage", "url_website")
LONG_TEXT_MAX_LENGTH = 2000

PHONE_VALIDATOR = RegexValidator(
    r"^\+?[0-9 ()\-]{8,20}$",
    _("Dit is geen goed telefoonnummer. Schrijf het zoals 06 12 34 56 78 of 030 123 45 67."),
)


class FormPageAdminForm(PlainLanguagePageForm, WagtailAdminFormPageForm):
    """Both behaviours: ``PlainLanguagePageForm.clean`` runs first and calls the form builder's.

    Wagtail's ``FormMixin`` sets its own ``base_form_class``, which comes before ``BasePage``'s
    in the page's bases; without this class either the duplicate-field check or the
    plain-language question would silently be lost.
    """


class SignupForm(ErrorSummaryMixin, BaseForm):
    """The base of every built form: a honeypot, and a summary of the errors."""

    honeypot_name = HONEYPOT_NAMES[0]

    @property
    def summary_skips(self):
        return (self.honeypot_name,)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.honeypot_name] = forms.CharField(
            label=_("Laat dit veld leeg. Het is er alleen om spam tegen te houden."),
            required=False,
            max_length=200,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )

    @property
    def honeypot(self):
        return self[self.honeypot_name]

    def honeypot_filled(self):
        return bool(self.data.get(self.honeypot_name, "").strip())

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != self.honeypot_name]

    def clean(self):
        cleaned = super().clean()
        # Never stored, never mailed.
        cleaned.pop(self.honeypot_name, None)
        return cleaned


class SignupFormBuilder(FormBuilder):
    """Wagtail's builder with Dutch messages, input types and ``autocomplete`` per field type."""

    def get_field_options(self, field):
        options = super().get_field_options(field)
        options["error_messages"] = {"required": REQUIRED_MESSAGES.get(field.field_type, FILL_IN)}
        return options

    def create_singleline_field(self, field, options):
        return forms.CharField(max_length=255, **options)

    def create_multiline_field(self, field, options):
        options["error_messages"]["max_length"] = _(
            "Uw tekst is te lang. Gebruik hooguit %(limit_value)d tekens (nu %(show_value)d)."
        )
        return forms.CharField(
            max_length=LONG_TEXT_MAX_LENGTH,
            widget=forms.Textarea(attrs={"rows": 5}),
            **options,
        )

    def create_name_field(self, field, options):
        return forms.CharField(
            max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"}), **options
        )

    def create_email_field(self, field, options):
        options["error_messages"]["invalid"] = _(
            "Dit is geen goed e-mailadres. Schrijf het zoals naam@voorbeeld.nl."
        )
        return forms.EmailField(widget=forms.EmailInput(attrs={"autocomplete": "email"}), **options)

    def create_phone_field(self, field, options):
        return forms.CharField(
            max_length=20,
            validators=[PHONE_VALIDATOR],
            widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            **options,
        )

    def create_number_field(self, field, options):
        options["error_messages"]["invalid"] = _("Vul een getal in, bijvoorbeeld 3.")
        return forms.DecimalField(**options)

    def create_url_field(self, field, options):
        options["error_messages"]["invalid"] = _(
            "Dit is geen goed webadres. Schrijf het zoals https://www.voorbeeld.nl."
        )
        return URLField(**options)

    def create_date_field(self, field, options):
        options["error_messages"]["invalid"] = _(
            "Dit is geen goede datum. Schrijf hem zoals 3-12-2026."
        )
        return forms.DateField(
            input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **options,
        )

    def create_dropdown_field(self, field, options):
        options["choices"] = [("", _("Kies ...")), *self.get_formatted_field_choices(field)]
        return forms.ChoiceField(**options)

    def get_form_class(self):
        fields = self.formfields
        attrs = dict(fields)
        # An editor's field may already be called "website": the honeypot takes another name.
        attrs["honeypot_name"] = next(
            (name for name in HONEYPOT_NAMES if name not in fields), "leave_empty"
        )
        return type("SignupPageForm", (SignupForm,), attrs)


FILL_IN = _("Vul dit in.")
REQUIRED_MESSAGES = {
    "checkbox": _("Vink dit aan om verder te gaan."),
    "checkboxes": _("Kies minstens één antwoord."),
    "radio": _("Kies een antwoord."),
    "dropdown": _("Kies een antwoord."),
    "email": _("Vul uw e-mailadres in."),
    "name": _("Vul uw naam in."),
    "phone": _("Vul uw telefoonnummer in."),
}
