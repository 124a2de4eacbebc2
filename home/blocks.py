from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class KeyFigureBlock(blocks.StructBlock):
    figure = blocks.CharBlock(
        label=_("Cijfer"),
        max_length=30,
        help_text=_(
            "Het getal zoals het groot op de pagina staat, bijvoorbeeld '1 miljoen' of '8%'."
        ),
    )
    label = blocks.CharBlock(
        label=_("Uitleg"),
        max_length=200,
        help_text=_("Eén zin die zegt wat het cijfer betekent."),
    )
    source = blocks.CharBlock(
        label=_("Bron"),
        required=False,
        max_length=200,
        help_text=_("Waar komt het cijfer vandaan? Bijvoorbeeld de naam van het onderzoek."),
    )

    class Meta:
        icon = "order"
        label = _("Kerncijfer")
        template = "home/blocks/key_figure.html"
        description = _("Een opvallend cijfer met een korte uitleg.")
        preview_value = {"figure": "1 miljoen", "label": "mensen voelen zich sterk eenzaam"}


class FeaturedPageBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(
        label=_("Pagina"), help_text=_("De pagina waar deze tegel naartoe linkt.")
    )
    text = blocks.CharBlock(
        label=_("Korte tekst"),
        required=False,
        max_length=250,
        help_text=_("Eén zin die uitnodigt om verder te lezen. Leeg? Dan de zoekbeschrijving."),
    )

    class Meta:
        icon = "doc-full-inverse"
        label = _("Uitgelichte pagina")
        description = _("Een tegel die naar een pagina op de site linkt.")


class MenuItemBlock(blocks.StructBlock):
    """A page of the main menu with a short name residents understand."""

    page = blocks.PageChooserBlock(
        label=_("Pagina"),
        help_text=_(
            "Een pagina die in het hoofdmenu staat (vinkje 'In menu tonen' bij die pagina)."
        ),
    )
    label = blocks.CharBlock(
        label=_("Naam in het menu"),
        required=False,
        max_length=40,
        help_text=_(
            "Kort en in gewone woorden, bijvoorbeeld 'Plekken in de buurt' voor de sociale "
            "kaart. De pagina zelf houdt haar titel. Leeg? Dan de paginatitel."
        ),
    )

    class Meta:
        icon = "list-ul"
        label = _("Menu-item")
        description = _("Een pagina in het hoofdmenu, met een korte naam voor bewoners.")
        preview_value = {"label": "Plekken in de buurt"}
