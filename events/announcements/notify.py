"""The two e-mails of an announcement: a confirmation to the sender, one to the moderators.

Neither carries the sender's name or contact details. The confirmation goes to an address
anyone can type in, so it repeats nothing the sender wrote: a fixed subject, the name and
address of the site, a reference number, the date of the activity and what happens now. It
cannot be used to mail someone else a message, and one address gets at most one confirmation
per ``EVENTS_CONFIRMATION_INTERVAL`` seconds (an hour; counted in the shared cache, so it
holds across workers), so it cannot be used to flood a mailbox either. The view sends it
only after the rate limit and the honeypot let the announcement through. The moderators get
one e-mail per announcement (Wagtail's own are held back, see ``moderation.py``): what was
announced, its reference, where to review it and what it may duplicate.
"""

import hashlib
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.models import Site

from core.models import SiteSettings

from ..models import AMSTERDAM
from ..recurrence import describe_series
from .limits import retention_days

logger = logging.getLogger(__name__)


def moderator_emails():
    """EVENTS_MODERATOR_EMAILS, or else the active Moderators and superusers with an address."""
    configured = getattr(settings, "EVENTS_MODERATOR_EMAILS", None)
    if isinstance(configured, str):
        configured = [address.strip() for address in configured.split(",")]
    if not configured:
        users = get_user_model().objects.filter(is_active=True).exclude(email="")
        users = users.filter(Q(is_superuser=True) | Q(groups__name="Moderators"))
        configured = users.values_list("email", flat=True)
    # One e-mail per person: "Anna@x.nl" and "anna@x.nl " are the same mailbox.
    unique = {}
    for address in configured:
        address = (address or "").strip()
        if address:
            unique.setdefault(address.lower(), address)
    return sorted(unique.values(), key=str.lower)


def when_text(event):
    """The dates in words: the series ("elke dinsdag van 10:00 tot 11:30, vanaf ..."), or the one date."""
    series = describe_series(event.recurrence, event.starts_at, event.ends_at, event.all_day)
    if series:
        return series
    starts_at = timezone.localtime(event.starts_at, AMSTERDAM)
    if event.all_day:
        return _("%(date)s, de hele dag") % {"date": date_format(starts_at, "l j F Y")}
    text = date_format(starts_at, "l j F Y, H:i")
    if event.ends_at and event.ends_at > event.starts_at:
        text += " - " + timezone.localtime(event.ends_at, AMSTERDAM).strftime("%H:%M")
    return text


def admin_url(page):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "wagtailadmin_pages:edit", args=[page.pk]
    )


def reference(submission):
    """The number the sender can quote when asking about an announcement."""
    return f"A-{submission.pk:06d}"


def confirmation_interval():
    """Seconds between two confirmations to one address (EVENTS_CONFIRMATION_INTERVAL)."""
    return getattr(settings, "EVENTS_CONFIRMATION_INTERVAL", 3600)


def may_confirm(address):
    """True for the first confirmation to ``address`` in the interval; claims it atomically.

    ``cache.add`` only writes a key that is not there (an INSERT in the database cache, SET NX
    in Redis), so two workers never both send. The address is stored as a hash.
    """
    digest = hashlib.sha256(address.strip().lower().encode()).hexdigest()
    return cache.add(f"events:confirmation:{digest}", 1, confirmation_interval())


def confirmation(request, submission):
    """(subject, template, context, recipients) of the e-mail to the sender."""
    event = submission.event
    site = Site.find_for_request(request)
    context = {
        "reference": reference(submission),
        "site_name": (site.site_name or site.hostname) if site else request.get_host(),
        "site_url": site.root_url if site else request.build_absolute_uri("/"),
        "all_day": event.all_day,
        "starts_at": timezone.localtime(event.starts_at, AMSTERDAM),
        "ends_at": timezone.localtime(event.ends_at, AMSTERDAM) if event.ends_at else None,
        "retention_days": retention_days(),
        "organisation_name": SiteSettings.for_request(request).organisation_name,
    }
    return (
        _("Uw aanmelding voor de agenda is ontvangen"),
        "events/emails/submission_received.txt",
        context,
        [submission.email],
    )


def to_moderators(submission, recipients):
    """(subject, template, context, recipients) of the one e-mail to the moderators."""
    event = submission.event
    context = {
        "reference": reference(submission),
        "title": event.title,
        "when": when_text(event),
        "edit_url": admin_url(event),
        "duplicates": [
            {
                "title": duplicate.title,
                "starts_at": timezone.localtime(duplicate.starts_at, AMSTERDAM),
                "live": duplicate.live,
                "edit_url": admin_url(duplicate),
            }
            for duplicate in submission.possible_duplicates.order_by("starts_at")
        ],
    }
    subject = _("Nieuwe activiteit aangemeld: %(title)s") % {"title": " ".join(event.title.split())}
    return subject, "events/emails/submission_for_moderators.txt", context, recipients


def send_notifications(request, submission):
    """Confirm to the sender and tell the moderators; trouble with the mail is only logged."""
    messages = []
    if may_confirm(submission.email):
        messages.append(confirmation(request, submission))
    else:
        logger.info("No second confirmation within the hour for submission %s", submission.pk)
    moderators = moderator_emails()
    if moderators:
        messages.append(to_moderators(submission, moderators))
    for subject, template, context, recipients in messages:
        try:
            send_mail(
                subject, render_to_string(template, context, request=request), None, recipients
            )
        except Exception:  # a mail server hiccup must not lose the submission
            logger.exception("Could not send %s for submission %s", template, submission.pk)
