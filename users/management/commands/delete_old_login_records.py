"""Delete what django-axes keeps about logins once it is no longer needed (a daily job).

The log of logins holds user names, addresses and browsers: personal data, kept for
LOGIN_LOG_RETENTION_DAYS. Failed attempts only count during the cool-off (AXES_COOLOFF_TIME);
older ones are deleted too (axes itself only clears them when someone logs in).
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone


class Command(BaseCommand):
    help = (
        "Verwijder inloggegevens (gebruikersnaam, adres, browser) ouder dan "
        "LOGIN_LOG_RETENTION_DAYS en mislukte pogingen die niet meer meetellen."
    )

    def handle(self, *args, **options):
        days = settings.LOGIN_LOG_RETENTION_DAYS
        logs = AxesProxyHandler.reset_logs(age_days=days)
        failure_logs = AxesProxyHandler.reset_failure_logs(age_days=days)
        cool_off = get_cool_off()
        attempts = 0
        if cool_off:
            expired = AccessAttempt.objects.filter(attempt_time__lt=timezone.now() - cool_off)
            attempts, _deleted = expired.delete()
        self.stdout.write(
            f"{logs + failure_logs} inlogregistraties ouder dan {days} dagen en "
            f"{attempts} verlopen mislukte pogingen verwijderd."
        )
