"""Weekly: ask organisers whether their events are still right, so the agenda stays true.

An event needs a check when it is live, still has dates to come, and its ``last_checked`` is
older than ``EVENTS_REMIND_AFTER_DAYS`` (default 60). The organiser is reached at the e-mail of
the submission the event came from, else at the organisation's ``contact_email``. One e-mail
per address lists all its events. Events without an address are listed for the editors.
"""

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.management.base import BaseCommand
from django.db.models import Exists, OuterRef
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from events.announcements.notify import moderator_emails
from events.models import AMSTERDAM, EventOccurrence, EventPage, last_checked_reminder_days


def stale_events(now=None):
    """Live events not checked for too long that still have a date to come, oldest check first."""
    now = now or timezone.now()
    checked_before = timezone.localdate(now) - dt.timedelta(days=last_checked_reminder_days())
    upcoming = EventOccurrence.objects.filter(event=OuterRef("pk"), ends_at__gte=now)
    return list(
        EventPage.objects.live()
        .filter(last_checked__lt=checked_before)
        .filter(Exists(upcoming))
        .select_related("organiser", "submission")
        .order_by("last_checked", "pk")
    )


def contact_address(event):
    """Who to ask: the person who submitted the event, else the organising organisation."""
    submission = getattr(event, "submission", None)  # gone after the retention period
    if submission is not None and submission.email:
        return submission.email
    if event.organiser_id and event.organiser.contact_email:
        return event.organiser.contact_email
    return ""


def group_by_address(events):
    by_address, without = defaultdict(list), []
    for event in events:
        address = contact_address(event)
        if address:
            by_address[address.strip().lower()].append(event)
        else:
            without.append(event)
    return dict(by_address), without


def reminder_message(address, events):
    lines = []
    for event in events:
        next_date = event.next_occurrence
        when = ""
        if next_date:
            start = timezone.localtime(next_date.starts_at, AMSTERDAM)
            when = date_format(start, "l j F Y" if next_date.all_day else "l j F Y, H:i")
        lines.append(
            _(
                "- %(title)s\n  Volgende keer: %(when)s\n  Laatst gecontroleerd: %(checked)s\n"
                "  Zo staat het in de agenda: %(url)s"
            )
            % {
                "title": event.title,
                "when": when,
                "checked": date_format(event.last_checked, "j F Y"),
                "url": event.get_full_url() or event.url,
            }
        )
    body = _(
        "Beste organisator,\n\n"
        "Deze activiteiten van u staan in onze agenda. Ze zijn al meer dan %(days)s dagen niet "
        "gecontroleerd:\n\n%(lines)s\n\n"
        "Wilt u ze even nakijken? Open de link en kijk of datum, tijd, plek, prijs en aanmelden "
        "nog kloppen.\n\n"
        "- Klopt alles? Beantwoord deze e-mail met 'Klopt nog'. Dan zetten wij de controledatum "
        "op vandaag.\n"
        "- Is er iets veranderd, is het vol of gaat het niet door? Schrijf in uw antwoord wat er "
        "anders is. Wij passen het aan.\n"
        "- Werkt u met een spreadsheet? Verbeter de rij en stuur ons het bestand opnieuw, met "
        "hetzelfde kenmerk. Zet bij 'laatst gecontroleerd' de datum van vandaag.\n\n"
        "Bezoekers zien in de agenda wanneer een activiteit voor het laatst is gecontroleerd. "
        "Zo weten ze dat ze erop kunnen rekenen.\n\n"
        "Met vriendelijke groet,\nDe redactie"
    ) % {"days": last_checked_reminder_days(), "lines": "\n\n".join(lines)}
    return EmailMessage(
        subject=_("Klopt uw activiteit in de agenda nog?"),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
        reply_to=reply_addresses() or None,
    )


def reply_addresses():
    """Where "Klopt nog" goes: EVENTS_REMINDER_REPLY_TO, else the moderators of submissions."""
    configured = getattr(settings, "EVENTS_REMINDER_REPLY_TO", "")
    if isinstance(configured, str):
        configured = [address.strip() for address in configured.split(",")]
    return [address for address in configured if address] or moderator_emails()


class Command(BaseCommand):
    help = (
        "E-mail organisers of live events with dates to come that were not checked for "
        "EVENTS_REMIND_AFTER_DAYS days (default 60): one e-mail per address. Run it weekly."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only list who would get an e-mail; send none."
        )

    def handle(self, *args, dry_run=False, **options):
        with translation.override("nl"):
            by_address, without = group_by_address(stale_events())
            sent = 0
            for address, events in sorted(by_address.items()):
                titles = ", ".join(event.title for event in events)
                if dry_run:
                    self.stdout.write(f"Zou sturen naar {address}: {titles}")
                    continue
                reminder_message(address, events).send()
                sent += 1
                self.stdout.write(f"Verstuurd naar {address}: {titles}")
            for event in without:
                self.stdout.write(
                    self.style.WARNING(
                        f"Geen e-mailadres voor '{event.title}' (gecontroleerd "
                        f"{event.last_checked:%d-%m-%Y}): vraag het de organisator zelf."
                    )
                )
            if dry_run:
                self.stdout.write(
                    f"Proef: {len(by_address)} e-mail(s) zouden worden verstuurd; niets verstuurd."
                )
            else:
                self.stdout.write(self.style.SUCCESS(f"Herinneringen verstuurd: {sent}"))
