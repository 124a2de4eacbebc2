"""StreamField blocks shared by every page type that has a body.

Each block has a template, an icon, a description and a preview value, so the
block picker shows editors what it does.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        label=_("Tekst"),
        max_length=120,
        help_text=_("Een korte kop die zegt waar het volgende stuk over gaat."),
    )
    level = blocks.ChoiceBlock(
        label=_("Niveau"),
        choices=[("h2", _("Kop (niveau 2)")), ("h3", _("Tussenkop (niveau 3)"))],
        default="h2",
        help_text=_("Gebruik niveau 3 alleen onder een kop van niveau 2."),
    )

    class Meta:
        icon = "title"
        label = _("Kop")
        template = "core/blocks/heading.html"
        description = _("Een kop boven een deel van de tekst.")
        preview_value = {"text": "Wat kunt u doen?", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Tekst")
        template = "core/blocks/paragraph.html"
        description = _("Gewone tekst met opsommingen en links.")
        preview_value = "<p>Eenzaamheid kan iedereen overkomen. Praat erover.</p>"


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(
        label=_("Afbeelding"),
        help_text=_(
            "Kies een afbeelding. De alternatieve tekst beschrijft wat er te zien is voor "
            "wie de afbeelding niet kan zien; vink 'decoratief' aan als de afbeelding "
            "niets toevoegt."
        ),
    )
    caption = blocks.CharBlock(
        label=_("Onderschrift"),
        required=False,
        max_length=250,
        help_text=_("Optioneel: een zin onder de afbeelding, bijvoorbeeld wie de foto maakte."),
    )

    class Meta:
        icon = "image"
        label = _("Afbeelding")
        template = "core/blocks/figure.html"
        description = _("Een afbeelding met alternatieve tekst en een onderschrift.")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(
        label=_("Citaat"), max_length=600, help_text=_("De woorden van de persoon zelf.")
    )
    attribution = blocks.CharBlock(
        label=_("Wie zei dit?"),
        required=False,
        max_length=150,
        help_text=_("Naam en eventueel rol, bijvoorbeeld 'Anna, vrijwilliger in Zwolle'."),
    )

    class Meta:
        icon = "openquote"
        label = _("Citaat")
        template = "core/blocks/quote.html"
        description = _("Een uitspraak van iemand, met naam.")
        preview_value = {
            "text": "Eén keer per week samen eten maakt mijn week anders.",
            "attribution": "Deelnemer",
        }


class CalloutBlock(blocks.StructBlock):
    tone = blocks.ChoiceBlock(
        label=_("Soort"),
        choices=[("info", _("Goed om te weten")), ("tip", _("Tip")), ("warning", _("Let op"))],
        default="info",
        help_text=_("Bepaalt de kleur en het woord dat schermlezers voorlezen."),
    )
    title = blocks.CharBlock(
        label=_("Titel"), max_length=120, help_text=_("Een korte titel voor het kader.")
    )
    text = blocks.RichTextBlock(
        label=_("Tekst"), features=RICH_TEXT_FEATURES, help_text=_("Houd het kort.")
    )

    class Meta:
        icon = "help"
        label = _("Opvallend kader")
        template = "core/blocks/callout.html"
        description = _("Een kader dat opvalt: een tip, iets om te weten, of een waarschuwing.")
        preview_value = {
            "tone": "tip",
            "title": "Tip",
            "text": "<p>Begin klein en vier wat lukt.</p>",
        }


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(
        label=_("Document"), help_text=_("Kies een bestand uit de documentenbibliotheek.")
    )
    title = blocks.CharBlock(
        label=_("Linktekst"),
        required=False,
        max_length=150,
        help_text=_("Optioneel: de tekst van de link. Leeg? Dan de titel van het document."),
    )
    description = blocks.TextBlock(
        label=_("Beschrijving"),
        required=False,
        max_length=300,
        help_text=_("Optioneel: wat staat er in het document en voor wie is het?"),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document om te downloaden")
        template = "core/blocks/document.html"
        description = _("Een link om een document (bijvoorbeeld pdf) te downloaden.")


class VideoBlock(blocks.StructBlock):
    """An embed that loads only after the visitor asks for it (no third-party request before)."""

    title = blocks.CharBlock(
        label=_("Titel"),
        max_length=150,
        help_text=_("Waar gaat de video over? Deze titel staat ook op de knop om te laden."),
    )
    embed = EmbedBlock(
        label=_("Link naar de video"),
        help_text=_("Plak de link van de video, bijvoorbeeld van YouTube of Vimeo."),
    )
    transcript = blocks.RichTextBlock(
        label=_("Uitgeschreven tekst"),
        required=False,
        features=RICH_TEXT_FEATURES,
        help_text=_("Wat er gezegd wordt, voor wie de video niet kan horen of zien."),
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "core/blocks/video.html"
        description = _(
            "Een video die pas laadt als de bezoeker erop klikt, zodat er niets naar "
            "een ander bedrijf gaat zonder toestemming."
        )


class TableRowBlock(blocks.StructBlock):
    cells = blocks.ListBlock(blocks.CharBlock(label=_("Cel"), max_length=200), label=_("Cellen"))

    class Meta:
        icon = "list-ul"
        label = _("Rij")


class TableBlock(blocks.StructBlock):
    """A small data table whose every cell is translatable (Wagtail's TableBlock is not)."""

    caption = blocks.CharBlock(
        label=_("Bijschrift"),
        max_length=200,
        help_text=_("Zeg in een paar woorden wat de tabel laat zien. Schermlezers lezen dit voor."),
    )
    header = blocks.ListBlock(
        blocks.CharBlock(label=_("Kolomkop"), max_length=100),
        label=_("Kolomkoppen"),
        help_text=_("Eén kop per kolom."),
    )
    rows = blocks.ListBlock(TableRowBlock(), label=_("Rijen"))
    source = blocks.CharBlock(
        label=_("Bron"),
        required=False,
        max_length=250,
        help_text=_("Optioneel: waar komen de cijfers vandaan?"),
    )

    class Meta:
        icon = "table"
        label = _("Tabel")
        template = "core/blocks/table.html"
        description = _("Een kleine tabel met cijfers of feiten, met kolomkoppen.")
        preview_value = {
            "caption": "Voorbeeld",
            "header": ["Groep", "Aandeel"],
            "rows": [{"cells": ["Iedereen", "8%"]}],
        }


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(
        label=_("Vraag"),
        max_length=200,
        help_text=_("De vraag zoals een bezoeker hem stelt, bijvoorbeeld 'Kost het geld?'."),
    )
    answer = blocks.RichTextBlock(
        label=_("Antwoord"),
        features=RICH_TEXT_FEATURES,
        help_text=_("Een kort antwoord in gewone woorden."),
    )

    class Meta:
        icon = "help"
        label = _("Vraag en antwoord")


class FAQBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("Titel"),
        max_length=120,
        help_text=_("Bijvoorbeeld 'Veelgestelde vragen'."),
    )
    items = blocks.ListBlock(FAQItemBlock(), label=_("Vragen"))

    class Meta:
        icon = "list-ul"
        label = _("Veelgestelde vragen")
        template = "core/blocks/faq.html"
        description = _("Vragen die bezoekers kunnen openklappen. Werkt ook zonder JavaScript.")
        preview_value = {
            "title": "Veelgestelde vragen",
            "items": [{"question": "Kost het geld?", "answer": "<p>Nee, het is gratis.</p>"}],
        }


LINK_ADDRESS_MESSAGE = _(
    "Dit webadres klopt niet. Vul een adres in dat begint met https://, een pad op deze site "
    "dat begint met / (bijvoorbeeld /nl/agenda/aanmelden/), mailto: of tel:."
)


def validate_link_address(value):
    """A web address, a path on this site, an e-mail address (mailto:) or a phone number (tel:)."""
    value = (value or "").strip()
    if not value:
        return
    if value.startswith("/") and not value.startswith("//"):
        if re.search(r"\s", value):
            raise ValidationError(LINK_ADDRESS_MESSAGE, code="invalid")
        return
    lowered = value.lower()
    if lowered.startswith("mailto:"):
        try:
            validate_email(value[len("mailto:") :].split("?", 1)[0])
        except ValidationError:
            raise ValidationError(LINK_ADDRESS_MESSAGE, code="invalid") from None
        return
    if lowered.startswith("tel:"):
        if not re.fullmatch(r"\+?[0-9][0-9 ()-]{2,}", value[len("tel:") :].strip()):
            raise ValidationError(LINK_ADDRESS_MESSAGE, code="invalid")
        return
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        raise ValidationError(LINK_ADDRESS_MESSAGE, code="invalid") from None


class LinkAddressField(forms.CharField):
    """Like Django's URL field, "www.example.nl" becomes "https://www.example.nl"."""

    def to_python(self, value):
        value = super().to_python(value)
        if re.fullmatch(r"[\w-]+(\.[\w-]+)+(/\S*)?", value) and not value.startswith("/"):
            value = f"https://{value}"
        return value


class LinkAddressBlock(blocks.URLBlock):
    """Wagtail's URL field that also takes a path on this site, ``mailto:`` and ``tel:``.

    Stores the same string as ``URLBlock``, so existing links stay valid.
    """

    def __init__(self, required=True, help_text=None, max_length=None, min_length=None, **kwargs):
        super().__init__(
            required=required,
            help_text=help_text,
            max_length=max_length,
            min_length=min_length,
            **kwargs,
        )
        self.field = LinkAddressField(
            required=required,
            help_text=help_text,
            max_length=max_length,
            min_length=min_length,
            validators=[validate_link_address],
        )

    class Meta:
        icon = "link"


class LinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(
        label=_("Linktekst"),
        max_length=150,
        help_text=_("De woorden waarop de bezoeker klikt, bijvoorbeeld 'Meld u aan'."),
    )
    page = blocks.PageChooserBlock(
        label=_("Pagina op deze site"),
        required=False,
        help_text=_("Kies een pagina op deze site, óf vul hieronder een webadres in."),
    )
    url = LinkAddressBlock(
        label=_("Webadres"),
        required=False,
        help_text=_(
            "Een adres dat begint met https://, een pad op deze site zoals "
            "/nl/agenda/aanmelden/, of een mailto:- of tel:-link."
        ),
    )
    description = blocks.CharBlock(
        label=_("Korte uitleg"),
        required=False,
        max_length=250,
        help_text=_("Optioneel: wat vindt de bezoeker achter deze link?"),
    )

    class Meta:
        icon = "link"
        label = _("Link")

    def clean(self, value):
        """Each message names what is missing or wrong, on the field where it can be fixed.

        A draft (and Wagtail's autosave) may keep a half-filled link: what is missing is only
        checked on publishing, as Wagtail does for required fields.
        """
        try:
            value = super().clean(value)
            errors = {}
        except StructBlockValidationError as error:
            errors = dict(error.block_errors)
        if "label" in errors and not (value.get("label") or "").strip():
            errors["label"] = ValidationError(_("Vul een linktekst in."), code="required")
        has_page = bool(value.get("page"))
        has_url = bool((value.get("url") or "").strip())
        if has_page and has_url and "url" not in errors:
            errors["url"] = ValidationError(
                _("U koos een pagina én vulde een webadres in. Maak een van de twee leeg."),
                code="both",
            )
        elif not (has_page or has_url or "url" in errors or self.is_deferred_validation):
            errors["page"] = ValidationError(
                _("Kies een pagina of vul een webadres in: de link gaat nu nergens heen."),
                code="missing",
            )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class LinkListBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"), max_length=120, required=False)
    links = blocks.ListBlock(LinkBlock(), label=_("Links"))

    class Meta:
        icon = "list-ul"
        label = _("Lijst met links")
        template = "core/blocks/link_list.html"
        description = _("Een lijst met links naar pagina's op deze site of andere websites.")


class BodyBlock(blocks.StreamBlock):
    """The body of a standard page: everything an article needs, nothing more."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = FigureBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()
    document = DocumentBlock()
    embed = VideoBlock()
    table = TableBlock()
    faq = FAQBlock()
    link_list = LinkListBlock()

    class Meta:
        block_counts = {}
