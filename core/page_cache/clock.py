"""The site's clock moments: "today" and "this week" change at midnight in the site's zone."""

from datetime import datetime, time, timedelta

from django.utils import timezone


def next_midnight(now: datetime | None = None) -> datetime:
    """The next midnight in the site's time zone (Europe/Amsterdam), as an aware datetime."""
    local = timezone.localtime(now or timezone.now())
    tomorrow = local.date() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, time.min), local.tzinfo)
