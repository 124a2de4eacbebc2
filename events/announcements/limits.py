"""How long contact details are kept, how often one address may announce, how far ahead."""

from django.conf import settings

# A date further ahead than this many years is almost certainly a typo.
YEARS_AHEAD = 5


def retention_days():
    """Days the sender's name, e-mail and phone are kept (``delete_expired_submissions``)."""
    return getattr(settings, "EVENTS_SUBMISSION_RETENTION_DAYS", 90)


def submission_rate():
    """Accepted announcements per address, as django-ratelimit reads it ("5/h")."""
    return getattr(settings, "EVENTS_SUBMISSION_RATE", "5/h")
