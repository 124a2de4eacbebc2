"""What every page residents can go to shares: an address on the map, and what a visit is like.

Places of the sociale kaart and events of the agenda have the same fields with the same names
and panels, so that lists, maps, prints, exports and imports read them one way:

* ``Location``: street, house number, postcode, city, municipality and coordinates. The
  coordinates are filled in from the address when an editor saves (``core.geocoding``,
  called by the page's admin form, never in ``save()``).
* ``VisitInformation``: the cost (free, a price, or unknown), accessibility, whether one can
  come alone and is welcomed, how to get there and the languages spoken.

A concrete page declares ``municipality`` and ``accessibility`` again with
``municipality_field()`` and ``accessibility_field()`` where it needs its own reverse name
(``municipality.places``, ``municipality.events``) or help text.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel

# One model of the cost for every page: free, there are costs, or nobody told us yet.
COST_CHOICES = [
    (True, _("Gratis")),
    (False, _("Er zijn kosten")),
    (None, _("Onbekend")),
]
# One amount in euro in a price text: "€ 2,50", "€3", "€ 12.50".
EURO = re.compile(r"€\s*(\d+(?:[.,]\d{1,2})?)")


def format_euro(amount):
    """``Decimal("2.5")`` as Dutch readers write it: "€ 2,50" (and "€ 1.250,00")."""
    text = f"{Decimal(amount):,.2f}"
    return "€ " + text.replace(",", " ").replace(".", ",").replace(" ", ".")


def cost_from_amount(amount):
    """(is_free, price text) for an amount in euro: 0 is free, none is unknown.

    For content from before the cost had one model (an event's price was a number).
    """
    if amount in (None, ""):
        return None, ""
    try:
        amount = Decimal(str(amount))
    except InvalidOperation:
        return None, str(amount)
    if amount <= 0:
        return True, ""
    return False, format_euro(amount)


def municipality_field(related_name, help_text=None):
    return models.ForeignKey(
        "core.Municipality",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
        help_text=help_text or _("In welke gemeente is het?"),
    )


def accessibility_field(related_name):
    return ParentalManyToManyField(
        "core.AccessibilityFeature",
        verbose_name=_("toegankelijkheid"),
        blank=True,
        related_name=related_name,
        help_text=_("Vink alleen aan wat u zeker weet."),
    )


class Location(models.Model):
    """An address residents can go to, and its point on the map."""

    street = models.CharField(
        _("straat"),
        max_length=120,
        blank=True,
        help_text=_(
            "Zonder huisnummer. Leeg laten als er geen adres is, zoals bij een telefoonlijn."
        ),
    )
    house_number = models.CharField(
        _("huisnummer"), max_length=20, blank=True, help_text=_("Met toevoeging, bijvoorbeeld 12a.")
    )
    postcode = models.CharField(
        _("postcode"), max_length=7, blank=True, help_text=_("Bijvoorbeeld 5211 AB.")
    )
    city = models.CharField(
        _("plaats"), max_length=80, blank=True, help_text=_("De woonplaats van het adres.")
    )
    municipality = municipality_field("%(app_label)s_%(class)s_set")
    latitude = models.FloatField(
        _("breedtegraad"),
        null=True,
        blank=True,
        help_text=_(
            "Wordt bij opslaan ingevuld uit het adres. Klopt de plek op de kaart niet? Vul hier "
            "zelf de breedtegraad in, bijvoorbeeld 51.6978."
        ),
    )
    longitude = models.FloatField(
        _("lengtegraad"),
        null=True,
        blank=True,
        help_text=_("Wordt bij opslaan ingevuld uit het adres, bijvoorbeeld 5.3037."),
    )

    class Meta:
        abstract = True

    @property
    def has_address(self):
        return bool(self.street or self.postcode)

    @property
    def address_line(self):
        """The address on one line: "Markt 1, 5211 AB 's-Hertogenbosch"."""
        parts = [
            f"{self.street} {self.house_number}".strip(),
            f"{self.postcode} {self.city}".strip(),
        ]
        return ", ".join(part for part in parts if part)

    @property
    def coordinates(self):
        """(latitude, longitude), or None when the point is not known."""
        if self.latitude is not None and self.longitude is not None:
            return self.latitude, self.longitude
        return None

    @staticmethod
    def address_panels(beside_municipality=None):
        """The address rows of the editor, the same on every page with an address."""
        municipality_row = [FieldPanel("municipality")]
        if beside_municipality:
            municipality_row.append(FieldPanel(beside_municipality))
        return [
            FieldRowPanel([FieldPanel("street"), FieldPanel("house_number")]),
            FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
            FieldRowPanel(municipality_row),
            FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        ]


class VisitInformation(models.Model):
    """What a first visit is like: the cost, accessibility, getting there, languages."""

    is_free = models.BooleanField(
        _("kosten"),
        null=True,
        blank=True,
        default=None,
        choices=COST_CHOICES,
        help_text=_("Kost meedoen iets? Weet u het niet zeker, kies dan 'Onbekend'."),
    )
    price = models.CharField(
        _("prijs"),
        max_length=150,
        blank=True,
        help_text=_(
            "Wat kost het, in gewone woorden? Bijvoorbeeld '€ 2,50, koffie inbegrepen'. "
            "Bij gratis leeg laten."
        ),
    )
    accessibility = accessibility_field("%(app_label)s_%(class)s_set")
    can_come_alone = models.BooleanField(
        _("u kunt alleen komen"),
        default=True,
        help_text=_("Kan iemand alleen komen, zonder begeleiding of afspraak?"),
    )
    welcome_at_door = models.BooleanField(
        _("iemand vangt u op"),
        default=False,
        help_text=_("Staat er iemand klaar om nieuwe bezoekers welkom te heten?"),
    )
    how_to_get_there = models.CharField(
        _("hoe komt u er"),
        max_length=250,
        blank=True,
        help_text=_(
            "Bus, tram, trein, parkeren, de ingang. Bijvoorbeeld 'Bushalte Markt, 2 minuten lopen'."
        ),
    )
    languages = models.CharField(
        _("talen"),
        max_length=200,
        blank=True,
        default="Nederlands",
        help_text=_(
            "Welke talen spreken de mensen daar? Scheid met komma's, bijvoorbeeld 'Nederlands, Turks'."
        ),
    )

    class Meta:
        abstract = True

    @property
    def cost_text(self):
        """The cost in a few words for lists and prints: "Gratis", the price, or "" if unknown."""
        if self.is_free:
            return f"{gettext('Gratis')}, {self.price}" if self.price else gettext("Gratis")
        if self.price:
            return self.price
        return gettext("Er zijn kosten") if self.is_free is False else ""

    @property
    def price_amount(self):
        """The one amount in euro in the price text (for schema.org and HSDS), else None.

        "€ 3 tot € 5" has no single amount: the text says it all.
        """
        if self.is_free:
            return Decimal(0)
        amounts = EURO.findall(self.price or "")
        if len(amounts) != 1:
            return None
        return Decimal(amounts[0].replace(",", "."))

    @staticmethod
    def cost_panels():
        return [
            FieldRowPanel([FieldPanel("is_free", widget=forms.RadioSelect), FieldPanel("price")])
        ]

    @staticmethod
    def accessibility_panel():
        return FieldPanel("accessibility", widget=forms.CheckboxSelectMultiple)
