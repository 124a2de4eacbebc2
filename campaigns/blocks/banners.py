"""The blocks that speak to the visitor: hero, story and call-to-action band."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.images.shortcuts import get_renditions_or_not_found

from .links import (
    CampaignLinkBlock,
    _request,
    resolve_links,
)

HERO_CROPS = {
    "narrow_small": "fill-390x293-c50",
    "narrow_large": "fill-780x585-c50",
    "wide_small": "fill-960x400-c50",
    "wide_medium": "fill-1280x533-c50",
    "wide_large": "fill-1920x800-c50",
}


class HeroBlock(blocks.StructBlock):
    image = ImageChooserBlock(
        label=_("Foto"),
        help_text=_(
            "Een liggende foto, minstens 1920 pixels breed. Zet in de afbeelding het "
            "aandachtspunt (focal point), dan blijft dat in beeld op elk scherm. De "
            "alternatieve tekst komt uit de afbeelding zelf."
        ),
    )
    slogan = blocks.CharBlock(
        label=_("Slogan"),
        max_length=80,
        help_text=_("De kop van de campagne in een paar woorden, bijvoorbeeld 'Samen is leuker'."),
    )
    text = blocks.TextBlock(
        label=_("Korte tekst"),
        required=False,
        max_length=250,
        help_text=_("Optioneel: één of twee zinnen onder de slogan."),
    )
    cta = CampaignLinkBlock(
        optional=True,
        label=_("Knop"),
        help_text=_("Optioneel: wat moet de bezoeker nu doen? Bijvoorbeeld 'Doe mee'."),
    )

    class Meta:
        icon = "image"
        label = _("Grote foto met slogan")
        template = "campaigns/blocks/hero.html"
        description = _(
            "Een grote foto bovenaan met de slogan van de campagne, een korte tekst en een knop."
        )
        preview_value = {
            "slogan": "Samen is leuker",
            "text": "Een week vol ontmoetingen in uw buurt. (voorbeeld)",
            "cta": {"label": "Doe mee", "page": None, "url": "/"},
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["buttons"] = resolve_links([value.get("cta")], _request(parent_context))
        if value.get("image"):
            # One query for the five crops, where five {% image %} tags cost one each.
            renditions = get_renditions_or_not_found(value["image"], HERO_CROPS.values())
            context.update({name: renditions[spec] for name, spec in HERO_CROPS.items()})
        return context


class StoryBlock(blocks.StructBlock):
    quote = blocks.TextBlock(
        label=_("Verhaal of citaat"),
        max_length=600,
        help_text=_("De woorden van de persoon zelf, in een paar zinnen. Vraag toestemming."),
    )
    name = blocks.CharBlock(
        label=_("Naam"),
        max_length=80,
        help_text=_("Alleen de voornaam is vaak genoeg. Gebruik geen naam zonder toestemming."),
    )
    role = blocks.CharBlock(
        label=_("Wie of waar"),
        required=False,
        max_length=120,
        help_text=_("Optioneel: bijvoorbeeld 'deelnemer aan de wandelgroep, Gouda'."),
    )
    photo = ImageChooserBlock(
        label=_("Foto"),
        required=False,
        help_text=_(
            "Optioneel: een portretfoto, alleen met toestemming van de persoon. Zet het "
            "aandachtspunt op het gezicht."
        ),
    )

    class Meta:
        icon = "openquote"
        label = _("Verhaal van iemand")
        template = "campaigns/blocks/story.html"
        description = _("Een persoonlijk verhaal of citaat, met naam en eventueel een foto.")
        preview_value = {
            "quote": "Ik kwam voor de koffie en bleef voor de mensen. (voorbeeld)",
            "name": "Anna",
            "role": "deelnemer (demo)",
        }


class CtaBandBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("Titel"),
        max_length=80,
        help_text=_("Een korte oproep, bijvoorbeeld 'Organiseer zelf iets'."),
    )
    text = blocks.TextBlock(
        label=_("Zin"),
        required=False,
        max_length=250,
        help_text=_("Optioneel: één zin die uitlegt wat de bezoeker kan doen."),
    )
    buttons = blocks.ListBlock(
        CampaignLinkBlock(),
        min_num=1,
        max_num=2,
        label=_("Knoppen"),
        help_text=_("Eén of twee knoppen. De eerste valt het meest op."),
    )

    class Meta:
        icon = "pick"
        label = _("Oproep in een gekleurde balk")
        template = "campaigns/blocks/cta_band.html"
        description = _(
            "Een balk in de kleur van de campagne met een oproep en één of twee knoppen."
        )
        preview_value = {
            "title": "Organiseer zelf iets",
            "text": "Meld uw activiteit aan, dan zetten wij hem in de agenda.",
            "buttons": [{"label": "Activiteit aanmelden", "page": None, "url": "/"}],
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["buttons"] = resolve_links(value.get("buttons") or [], _request(parent_context))
        return context
