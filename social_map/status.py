"""How a place is doing today: open and when, always reachable, temporarily closed, or a notice.

One place for the words residents read, so the place page, the list, the map, the print view
and the HSDS export say the same thing. Works on prefetched opening hours (no queries).
"""

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from .opening_hours import hours_on


@dataclass(frozen=True)
class Today:
    """Whether a place counts as open today, and the words for it."""

    open: bool
    text: str
    closed_for_now: bool = False


def long_date(day):
    return formats.date_format(day, "j F Y")


def temporarily_closed_q(day: dt.date) -> Q:
    """Places closed for a while on ``day`` (for lists that filter in SQL)."""
    return Q(closed_from__lte=day) & (Q(closed_until__isnull=True) | Q(closed_until__gte=day))


def _ranges_text(ranges):
    parts = [
        gettext("van %(opens)s tot %(closes)s")
        % {"opens": opens.strftime("%H:%M"), "closes": closes.strftime("%H:%M")}
        for opens, closes in ranges
    ]
    return gettext(" en ").join(parts)


class PlaceStatus(models.Model):
    """Always reachable, by phone or online, closed for a while, or a short notice."""

    reachable_always = models.BooleanField(
        _("dag en nacht bereikbaar"),
        default=False,
        help_text=_(
            "Vink aan als bewoners op elk uur terechtkunnen, ook 's nachts en in het weekend, "
            "zoals bij een telefoonlijn. De plek telt dan elke dag als open. Openingstijden per "
            "dag hoeft u dan niet in te vullen."
        ),
    )
    is_remote = models.BooleanField(
        _("telefonisch of online"),
        default=False,
        help_text=_(
            "Vink aan als bewoners nergens naartoe gaan, maar bellen, chatten of mailen. De "
            "dienst staat dan niet als gebouw op de kaart, en bij 'De eerste keer' staat uitleg "
            "over bellen in plaats van langskomen."
        ),
    )
    closed_from = models.DateField(
        _("tijdelijk gesloten vanaf"),
        null=True,
        blank=True,
        help_text=_(
            "De eerste dag dat de plek dicht is, bijvoorbeeld bij een verbouwing. Leeg laten als "
            "de plek gewoon open is."
        ),
    )
    closed_until = models.DateField(
        _("tijdelijk gesloten tot en met"),
        null=True,
        blank=True,
        help_text=_(
            "De laatste dag dat de plek dicht is. Weet u dat nog niet? Laat het leeg: dan blijft "
            "de plek dicht tot u dit aanpast."
        ),
    )
    closed_reason = models.CharField(
        _("reden van de sluiting"),
        max_length=150,
        blank=True,
        help_text=_("Optioneel, in een paar woorden. Bijvoorbeeld 'verbouwing'."),
    )
    notice = models.CharField(
        _("korte mededeling"),
        max_length=160,
        blank=True,
        help_text=_(
            "Iets wat bewoners nu moeten weten, in één zin. Bijvoorbeeld 'Deze week zitten we in "
            "het wijkcentrum aan de Markt.' Staat op de pagina, in de lijst, op de kaart en op "
            "de print."
        ),
    )
    notice_until = models.DateField(
        _("mededeling tonen tot en met"),
        null=True,
        blank=True,
        help_text=_(
            "De laatste dag dat bewoners de mededeling zien. Daarna verdwijnt hij vanzelf."
        ),
    )

    class Meta:
        abstract = True

    @staticmethod
    def temporary_panel():
        return MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("closed_from"), FieldPanel("closed_until")]),
                FieldPanel("closed_reason"),
                FieldRowPanel([FieldPanel("notice"), FieldPanel("notice_until")]),
            ],
            heading=_("Tijdelijk anders"),
        )

    def is_temporarily_closed(self, day):
        if self.closed_from is None or day < self.closed_from:
            return False
        return self.closed_until is None or day <= self.closed_until

    def closure_text(self, today):
        """The closure now or still to come, in one sentence; "" when there is none."""
        if self.closed_from is None or (self.closed_until and self.closed_until < today):
            return ""
        values = {"from": long_date(self.closed_from)}
        if self.closed_until:
            values["until"] = long_date(self.closed_until)
        if self.is_temporarily_closed(today):
            text = (
                gettext("Tijdelijk gesloten tot en met %(until)s.")
                if self.closed_until
                else gettext("Tijdelijk gesloten.")
            )
        else:
            text = (
                gettext("Van %(from)s tot en met %(until)s tijdelijk gesloten.")
                if self.closed_until
                else gettext("Vanaf %(from)s tijdelijk gesloten.")
            )
        text = text % values
        if self.closed_reason:
            text += " " + gettext("Reden: %(reason)s.") % {"reason": self.closed_reason.rstrip(".")}
        return text

    def active_notice(self, today):
        if not self.notice or (self.notice_until and self.notice_until < today):
            return ""
        return self.notice

    def today_status(self, day, ranges, exceptions):
        """Open or not on ``day`` and the words for it ("Vandaag open van 10:00 tot 12:00")."""
        if self.is_temporarily_closed(day):
            return Today(False, gettext("Tijdelijk gesloten"), closed_for_now=True)
        if self.reachable_always:
            return Today(True, gettext("Dag en nacht bereikbaar"))
        exception = next((item for item in exceptions if item.date == day), None)
        if exception is None and not ranges:
            return Today(False, self.opening_note or gettext("Vraag naar de tijden"))
        if exception is not None and not exception.closed and not hours_on(ranges, exceptions, day):
            return Today(True, gettext("Vandaag open"))
        today_ranges = hours_on(ranges, exceptions, day)
        if not today_ranges:
            return Today(False, gettext("Vandaag niet open"))
        return Today(
            True, gettext("Vandaag open %(ranges)s") % {"ranges": _ranges_text(today_ranges)}
        )
