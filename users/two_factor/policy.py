"""Who needs a second factor, read from TWO_FACTOR_REQUIRED_FOR at request time (so tests and
the environment can change it): superusers, moderators (members of TWO_FACTOR_GROUPS), all
admin users, or none."""

from django.conf import settings
from django_otp import user_has_device


def is_enabled():
    """False when TWO_FACTOR_REQUIRED_FOR is "none" (or empty): then nothing is checked."""
    return bool(set(settings.TWO_FACTOR_REQUIRED_FOR) - {"none"})


def is_required(user):
    """True if this user may not use the admin without a second factor."""
    required_for = set(settings.TWO_FACTOR_REQUIRED_FOR)
    if not is_enabled() or not user.is_authenticated:
        return False
    if "all" in required_for or ("superusers" in required_for and user.is_superuser):
        return True
    if "moderators" in required_for:
        return user.groups.filter(name__in=settings.TWO_FACTOR_GROUPS).exists()
    return False


def has_device(user):
    """True once the user has confirmed an authenticator app (or still has backup codes)."""
    return user_has_device(user, confirmed=True)
