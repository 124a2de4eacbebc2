"""What a campaign hands out: materials to download and the logos of its partners."""

from __future__ import annotations

import os

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from core.i18n import active_locale, localize_all

from .links import (
    LOGO,
    THUMBNAIL,
    _request,
)
from .prefetch import prefetch_images

FORMAT_CHOICES = [
    ("poster-a4", _("Poster A4")),
    ("poster-a3", _("Poster A3")),
    ("flyer", _("Flyer")),
    ("social", _("Afbeelding voor sociale media")),
    ("kaart", _("Kaartje of ansichtkaart")),
    ("other", _("Anders")),
]


class MaterialBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("Titel"),
        max_length=120,
        help_text=_(
            "Wat is het? Bijvoorbeeld 'Poster Samen is leuker'. Dit is de tekst van de link."
        ),
    )
    format = blocks.ChoiceBlock(
        label=_("Soort"),
        choices=FORMAT_CHOICES,
        default="poster-a4",
        help_text=_("Wat voor materiaal is het? Bezoekers zien dit naast de titel."),
    )
    document = DocumentChooserBlock(
        label=_("Bestand"),
        required=False,
        help_text=_("Een pdf of ander bestand om te downloaden. Of kies hieronder een afbeelding."),
    )
    image = ImageChooserBlock(
        label=_("Afbeelding"),
        required=False,
        help_text=_(
            "Een afbeelding om te downloaden, bijvoorbeeld voor sociale media. Kies een "
            "bestand óf een afbeelding."
        ),
    )
    description = blocks.TextBlock(
        label=_("Beschrijving"),
        required=False,
        max_length=250,
        help_text=_("Optioneel: voor wie is het en hoe gebruikt u het?"),
    )

    class Meta:
        icon = "doc-full"
        label = _("Materiaal")

    def clean(self, value):
        value = super().clean(value)
        if value.get("document") and value.get("image"):
            raise StructBlockValidationError(
                block_errors={
                    "image": ValidationError(
                        _("U koos een bestand én een afbeelding. Laat er één van leeg.")
                    )
                }
            )
        if not value.get("document") and not value.get("image") and not self.is_deferred_validation:
            raise StructBlockValidationError(
                block_errors={
                    "document": ValidationError(
                        _("Kies een bestand of een afbeelding om te downloaden.")
                    )
                }
            )
        return value


def _file_type(name):
    extension = os.path.splitext(name or "")[1].lstrip(".").upper()
    return {"JPG": "JPEG"}.get(extension, extension)


def _file_size(obj):
    """The stored size, else the storage's; never ``get_file_size()``, which saves the row:
    showing a page must not write to the database (nor purge the cache it is rendering for)."""
    size = getattr(obj, "file_size", None)
    if size is None:
        try:
            size = obj.file.size
        except (OSError, ValueError):  # missing from storage: show no size rather than fail
            size = None
    return size


class MaterialsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Kop"),
        max_length=100,
        default=_("Materialen om te downloaden"),
        help_text=_("De kop boven de materialen."),
    )
    intro = blocks.TextBlock(
        label=_("Korte uitleg"),
        required=False,
        max_length=300,
        help_text=_("Optioneel: bijvoorbeeld 'Print de poster en hang hem op in uw buurthuis.'"),
    )
    items = blocks.ListBlock(
        MaterialBlock(),
        min_num=1,
        label=_("Materialen"),
        help_text=_(
            "Posters, flyers en afbeeldingen. Bij elk staat het soort bestand en de grootte."
        ),
    )

    class Meta:
        icon = "download"
        label = _("Materialen om te downloaden")
        template = "campaigns/blocks/materials.html"
        description = _(
            "Posters, flyers en afbeeldingen om te downloaden, met soort, bestandstype en grootte."
        )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        formats = dict(FORMAT_CHOICES)
        items = [item for item in value.get("items") or [] if item]
        _prefetch_for_thumbnails([item["image"] for item in items if item.get("image")])
        materials = []
        for item in items:
            document, image = item.get("document"), item.get("image")
            if document is not None:
                href, file_type, size = document.url, _file_type(document.filename), document
            elif image is not None:
                href, file_type, size = image.file.url, _file_type(image.file.name), image
            else:
                continue  # the chosen file was deleted
            materials.append(
                {
                    "title": item["title"],
                    "format": formats.get(item.get("format"), ""),
                    "description": item.get("description", ""),
                    "href": href,
                    "file_type": file_type,
                    "size": _file_size(size),
                    "image": image,
                }
            )
        context["materials"] = materials
        return context


# --- Partners -------------------------------------------------------------------------------------


class PartnerBlock(blocks.StructBlock):
    organisation = SnippetChooserBlock(
        "core.Organisation",
        label=_("Organisatie"),
        help_text=_("Kies de organisatie. Haar naam is de alternatieve tekst van het logo."),
    )
    logo = ImageChooserBlock(
        label=_("Ander logo"),
        required=False,
        help_text=_(
            "Optioneel: een ander logo dan dat van de organisatie zelf, bijvoorbeeld een "
            "liggende versie."
        ),
    )
    url = blocks.URLBlock(
        label=_("Link"),
        required=False,
        help_text=_(
            "Optioneel: waar het logo heen linkt. Leeg? Dan de website van de organisatie."
        ),
    )

    class Meta:
        icon = "group"
        label = _("Partner")


class PartnersBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Kop"),
        max_length=100,
        default=_("Deze campagne maken we samen met"),
        help_text=_("De kop boven de logo's."),
    )
    partners = blocks.ListBlock(
        PartnerBlock(),
        min_num=1,
        label=_("Partners"),
        help_text=_("De organisaties die meedoen. Zonder logo staat hun naam er."),
    )

    class Meta:
        icon = "group"
        label = _("Logo's van partners")
        template = "campaigns/blocks/partners.html"
        description = _("De logo's van de organisaties die meedoen, met een link naar hun website.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        request = _request(parent_context)
        # An organisation still waiting for a moderator's approval is not shown yet.
        items = [
            item
            for item in value.get("partners") or []
            if item and item.get("organisation") and getattr(item["organisation"], "live", True)
        ]
        organisations = localize_all(
            [item["organisation"] for item in items], active_locale(request), live_only=False
        )
        logo_ids = {
            item["logo"].pk if item.get("logo") else organisation.logo_id
            for item, organisation in zip(items, organisations, strict=True)
        } - {None}
        logos = {}
        if logo_ids:
            logos = (
                get_image_model()
                .objects.filter(pk__in=logo_ids)
                .prefetch_renditions(LOGO)
                .in_bulk()
            )
        partners = []
        for item, organisation in zip(items, organisations, strict=True):
            logo_id = item["logo"].pk if item.get("logo") else organisation.logo_id
            partners.append(
                {
                    "name": organisation.name,
                    "lang": getattr(organisation, "fallback_language", "") or "",
                    "url": item.get("url") or organisation.website,
                    "logo": logos.get(logo_id),
                }
            )
        context["partners"] = partners
        return context


def _prefetch_for_thumbnails(images):
    """The thumbnails and alt texts of images the stream already loaded: two queries for all
    (fetching the images again with ``prefetch_renditions`` cost a query more)."""
    prefetch_images(images, (THUMBNAIL,))
