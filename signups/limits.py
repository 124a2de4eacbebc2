"""How often one address may sign up, and how long sign-ups are kept (read from settings)."""

from django.conf import settings

# The django-ratelimit group every sign-up form shares: one address, one budget.
RATE_LIMIT_GROUP = "signups"


def signup_rate():
    """Accepted sign-ups per address, as django-ratelimit reads it ("5/h")."""
    return getattr(settings, "SIGNUP_RATE", "5/h")


def retention_days():
    """Days a sign-up is kept before ``delete_old_signups`` deletes it."""
    return getattr(settings, "SIGNUP_RETENTION_DAYS", 180)
