from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm
from wagtail.models import Locale


class CoalitionImageForm(BaseImageForm):
    """Adds one alt text field per other site language to Wagtail's image form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "alt_text" not in self.fields:
            return
        self.fields["alt_text"].label = _("Alternatieve tekst (Nederlands)")
        existing = {}
        if self.instance.pk:
            existing = {
                item.locale.language_code: item.alt_text
                for item in self.instance.alt_text_translations.select_related("locale")
            }
        for code, name in self.translated_languages():
            self.fields[f"alt_text_{code}"] = forms.CharField(
                label=_("Alternatieve tekst (%(language)s)") % {"language": name},
                required=False,
                max_length=255,
                initial=existing.get(code, ""),
                help_text=_(
                    "De beschrijving in deze taal. Leeg gelaten? Dan ziet de bezoeker de "
                    "Nederlandse tekst."
                ),
            )

    @staticmethod
    def translated_languages():
        return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]

    def save(self, commit=True):
        image = super().save(commit=commit)
        if commit:
            self.save_alt_text_translations(image)
        return image

    def save_alt_text_translations(self, image):
        for code, _name in self.translated_languages():
            field = f"alt_text_{code}"
            if field not in self.cleaned_data:
                continue
            locale = Locale.objects.filter(language_code=code).first()
            if locale is None:
                continue
            text = self.cleaned_data[field].strip()
            if text:
                image.alt_text_translations.update_or_create(
                    locale=locale, defaults={"alt_text": text}
                )
            else:
                image.alt_text_translations.filter(locale=locale).delete()
