"""Keeping the sociale kaart true: which entries need a check, and who to remind."""

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import PlacePage, flag_after_days, hide_after_days


def stale_places(today=None):
    """(to check, hidden from residents): live entries not checked for too long."""
    today = today or timezone.localdate()
    flag_before = today - dt.timedelta(days=flag_after_days())
    hide_before = today - dt.timedelta(days=hide_after_days())
    places = (
        PlacePage.objects.live()
        .filter(last_checked__lt=flag_before)
        .select_related("organisation")
        .order_by("last_checked")
    )
    to_check = [place for place in places if place.last_checked >= hide_before]
    hidden = [place for place in places if place.last_checked < hide_before]
    return to_check, hidden


def send_reminders(places, base_url):
    """One e-mail per organisation, listing its entries that need a check."""
    by_address = defaultdict(list)
    for place in places:
        address = (place.organisation.contact_email if place.organisation else "") or place.email
        if address:
            by_address[address].append(place)
    for address, items in by_address.items():
        lines = "\n".join(
            f"- {place.title} ({_('laatst gecontroleerd')} {place.last_checked:%d-%m-%Y}): "
            f"{base_url}{place.url}"
            for place in items
        )
        send_mail(
            subject=_("Kloppen uw gegevens op de sociale kaart nog?"),
            message=_(
                "Beste lezer,\n\nDeze plekken staan op de sociale kaart, maar zijn al een tijd niet "
                "gecontroleerd:\n\n%(lines)s\n\nKloppen adres, openingstijden en contactgegevens nog? "
                "Laat het de redactie weten, dan zetten we de controledatum op vandaag. Na %(days)s dagen "
                "zonder controle zien bewoners een plek niet meer op de kaart.\n\nMet vriendelijke groet,\n"
                "De redactie"
            )
            % {"lines": lines, "days": hide_after_days()},
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[address],
        )
    return len(by_address)
