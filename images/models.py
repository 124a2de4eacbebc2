"""Our image model: alternative text is a required, translatable field of the image.

Wagtail's own image falls back to the title (often a file name) as alt text. Here an
editor must either describe the image or mark it as decorative, and can give the
description in every site language.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Locale
from wagtail.search import index


class CoalitionImage(AbstractImage):
    alt_text = models.CharField(
        _("alternatieve tekst"),
        max_length=255,
        blank=True,
        help_text=_(
            "Beschrijf in één zin wat er op de afbeelding te zien is, voor mensen die de "
            "afbeelding niet kunnen zien. Schrijf niet 'afbeelding van'. Verplicht, tenzij "
            "de afbeelding alleen versiering is."
        ),
    )
    is_decorative = models.BooleanField(
        _("alleen versiering"),
        default=False,
        help_text=_(
            "Vink aan als de afbeelding niets toevoegt aan de tekst (bijvoorbeeld een "
            "sfeerfoto naast een kop). Schermlezers slaan de afbeelding dan over."
        ),
    )

    admin_form_fields = (
        *Image.admin_form_fields[:2],
        "alt_text",
        "is_decorative",
        *[field for field in Image.admin_form_fields[2:] if field != "description"],
    )

    search_fields = [
        *AbstractImage.search_fields,
        index.SearchField("alt_text"),
    ]

    class Meta(AbstractImage.Meta):
        verbose_name = _("afbeelding")
        verbose_name_plural = _("afbeeldingen")

    def clean(self):
        super().clean()
        if not self.is_decorative and not self.alt_text.strip():
            raise ValidationError(
                {"alt_text": _("Vul een alternatieve tekst in, of vink 'alleen versiering' aan.")}
            )

    @property
    def default_alt_text(self):
        # Used by Wagtail's choosers and rich text: never fall back to the title.
        return "" if self.is_decorative else self.alt_text

    def alt_text_for(self, language_code: str | None = None) -> str:
        """The alt text in the given (or active) language, falling back to the source text."""
        if self.is_decorative:
            return ""
        language_code = language_code or translation.get_language() or ""
        language_code = language_code.split("-")[0]
        translations = getattr(self, "_prefetched_objects_cache", {}).get("alt_text_translations")
        if translations is None:
            translations = self.alt_text_translations.select_related("locale")
        for item in translations:
            if item.locale.language_code == language_code and item.alt_text:
                return item.alt_text
        return self.alt_text


class ImageAltText(models.Model):
    """The alt text of an image in another site language than the source (Dutch)."""

    image = models.ForeignKey(
        CoalitionImage, on_delete=models.CASCADE, related_name="alt_text_translations"
    )
    locale = models.ForeignKey(Locale, on_delete=models.CASCADE, related_name="+")
    alt_text = models.CharField(_("alternatieve tekst"), max_length=255)

    class Meta:
        verbose_name = _("vertaalde alternatieve tekst")
        constraints = [
            models.UniqueConstraint(fields=["image", "locale"], name="unique_alt_text_per_locale")
        ]

    def __str__(self):
        return self.alt_text


class CoalitionRendition(AbstractRendition):
    image = models.ForeignKey(CoalitionImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
