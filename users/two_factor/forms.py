"""The code forms: a code from the app (or a backup code) to verify, and the app's first code
to confirm it during set-up. django-otp slows down repeated wrong codes per device."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user, match_token


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("De zes cijfers uit uw authenticator-app, of een van uw reservecodes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )
    error_message = _("Deze code klopt niet (of is verlopen). Probeer het opnieuw.")
    throttled_message = _(
        "Te vaak een verkeerde code. Wacht een halve minuut en typ dan de nieuwe code."
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = None

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split()).lower()
        throttled = self.throttled()  # before this try, which a wrong code would throttle
        self.device = self.find_device(code)
        if self.device is None:
            if throttled:
                raise forms.ValidationError(self.throttled_message, code="throttled")
            raise forms.ValidationError(self.error_message, code="invalid")
        return code

    def throttled(self):
        """True while django-otp refuses every code after repeated wrong ones."""
        return any(not device.verify_is_allowed()[0] for device in self.devices())

    def devices(self):
        return devices_for_user(self.user, confirmed=True)

    def find_device(self, code):
        """The user's confirmed device (app or backup codes) that accepts this code."""
        return match_token(self.user, code)


class ConfirmAppForm(CodeForm):
    """Set-up: only the new app's current code counts, not a backup code."""

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.new_device = device
        self.fields["code"].help_text = _("De zes cijfers die de app nu toont.")
        self.fields["code"].widget.attrs["inputmode"] = "numeric"

    def find_device(self, code):
        return self.new_device if self.new_device.verify_token(code) else None

    def devices(self):
        return [self.new_device]
