"""Per-site settings and the helplines shown on every page."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index


@register_setting(icon="site")
class SiteSettings(ClusterableModel, BaseSiteSetting):
    """Contact details, footer links and helplines, per site (each coalition its own)."""

    organisation_name = models.CharField(
        _("naam van de organisatie"),
        max_length=150,
        default="Coalitie Erbij",
        help_text=_("Staat onderaan elke pagina, bij de contactgegevens."),
    )
    contact_email = models.EmailField(
        _("e-mailadres"),
        blank=True,
        help_text=_("Het e-mailadres waarop bezoekers u kunnen bereiken."),
    )
    contact_phone = models.CharField(
        _("telefoonnummer"),
        max_length=40,
        blank=True,
        help_text=_("Het telefoonnummer voor vragen, bijvoorbeeld 030 123 45 67."),
    )
    contact_address = models.TextField(
        _("adres"),
        blank=True,
        help_text=_("Straat, huisnummer, postcode en plaats, elk op een eigen regel."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacypagina"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("De pagina met de privacyverklaring. Onderaan elke pagina staat een link."),
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("toegankelijkheidsverklaring"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("De pagina met de toegankelijkheidsverklaring."),
    )
    description = models.TextField(
        _("korte beschrijving van de site"),
        max_length=300,
        blank=True,
        help_text=_(
            "Eén of twee zinnen over de coalitie. Die tekst staat bij een gedeelde pagina "
            "als die pagina zelf geen beschrijving of inleiding heeft."
        ),
    )
    share_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("afbeelding bij delen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Deze afbeelding verschijnt als iemand een pagina zonder eigen afbeelding deelt. "
            "Liefst liggend, minstens 1200 pixels breed."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_address"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("privacy_page"), FieldPanel("accessibility_page")],
            heading=_("Links onderaan elke pagina"),
        ),
        MultiFieldPanel(
            [FieldPanel("description"), FieldPanel("share_image")],
            heading=_("Delen"),
        ),
        MultiFieldPanel(
            [
                InlinePanel(
                    "helplines",
                    label=_("Hulplijn"),
                    help_text=_("De hulplijnen die op elke pagina staan, in deze volgorde."),
                ),
            ],
            heading=_("Hulplijnen"),
        ),
    ]

    class Meta:
        verbose_name = _("site-instellingen")


class Helpline(TranslatableMixin, index.Indexed, models.Model):
    """A service a lonely person can call or chat with right now (e.g. Sensoor)."""

    name = models.CharField(
        _("naam"), max_length=120, help_text=_("De naam van de hulplijn, bijvoorbeeld 'Sensoor'.")
    )
    description = models.CharField(
        _("korte uitleg"),
        max_length=250,
        blank=True,
        help_text=_("Eén zin: voor wie is de hulplijn en wat kunnen zij daar doen?"),
    )
    availability = models.CharField(
        _("bereikbaar"),
        max_length=120,
        blank=True,
        help_text=_("Wanneer is de hulplijn bereikbaar? Bijvoorbeeld 'dag en nacht'."),
    )
    phone = models.CharField(
        _("telefoonnummer"),
        max_length=40,
        blank=True,
        help_text=_("Alleen invullen als u het nummer zeker weet. Leeg laten mag."),
    )
    chat_url = models.URLField(
        _("link naar de chat"),
        blank=True,
        help_text=_("Het webadres waar bezoekers kunnen chatten, als die er is."),
    )
    website = models.URLField(_("website"), blank=True, help_text=_("De website van de hulplijn."))

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("availability"),
        FieldPanel("phone"),
        FieldPanel("chat_url"),
        FieldPanel("website"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("description")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("hulplijn")
        verbose_name_plural = _("hulplijnen")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def phone_href(self):
        digits = "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
        return f"tel:{digits}" if digits else ""


class SiteHelpline(Orderable):
    settings = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="helplines")
    helpline = models.ForeignKey(
        Helpline,
        verbose_name=_("hulplijn"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Kies een hulplijn. Nieuwe hulplijnen maakt u onder Snippets > Hulplijnen."),
    )

    panels = [FieldPanel("helpline")]

    class Meta(Orderable.Meta):
        verbose_name = _("hulplijn op de site")
