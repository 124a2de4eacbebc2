"""The "Klopt er iets niet?" form: the note, and a name and address only for an answer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import ErrorSummaryMixin
from core.models import Correction
from core.models.feedback import MESSAGE_MAX_LENGTH

HONEYPOT = "website"


class CorrectionForm(ErrorSummaryMixin, forms.ModelForm):
    summary_skips = (HONEYPOT,)  # never listed: people do not see it

    message = forms.CharField(
        label=_("Wat klopt er niet?"),
        max_length=MESSAGE_MAX_LENGTH,
        help_text=_(
            "Bijvoorbeeld: de openingstijden zijn anders, of het telefoonnummer werkt niet. "
            "Hooguit 1000 tekens."
        ),
        error_messages={
            "required": _("Schrijf op wat er niet klopt."),
            "max_length": _(
                "Uw bericht is te lang. Gebruik hooguit %(limit_value)d tekens (nu %(show_value)d)."
            ),
        },
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    name = forms.CharField(
        label=_("Uw naam"),
        required=False,
        max_length=100,
        help_text=_("Alleen invullen als u antwoord wilt."),
        error_messages={"max_length": _("Gebruik hooguit %(limit_value)d tekens.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Uw e-mailadres"),
        required=False,
        help_text=_("Alleen invullen als u antwoord wilt. Bijvoorbeeld naam@voorbeeld.nl."),
        error_messages={
            "invalid": _("Dit is geen goed e-mailadres. Schrijf het zoals naam@voorbeeld.nl.")
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    # The honeypot: hidden from people (CSS, aria-hidden, no tab stop); bots fill it in.
    website = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = Correction
        fields = ["message", "name", "email"]
