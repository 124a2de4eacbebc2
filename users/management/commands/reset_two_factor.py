"""When someone lost their phone and their backup codes: forget their second factor, so they
set up a new app at their next login (a superuser can also delete the devices in the Django
admin under "OTP_TOTP" and "OTP_Static"). With --backup-codes the app stays and this prints a
fresh set of one-time codes instead."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from users.two_factor import devices


class Command(BaseCommand):
    help = (
        "Zet de tweestapsverificatie van een gebruiker terug (telefoon kwijt), of druk met "
        "--backup-codes nieuwe reservecodes af."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--backup-codes", action="store_true")

    def handle(self, *args, username, backup_codes, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist as error:
            raise CommandError(f"Gebruiker '{username}' bestaat niet.") from error
        if backup_codes:
            codes = devices.new_backup_codes(user)
            self.stdout.write(
                f"Nieuwe reservecodes voor '{username}' (elke code werkt één keer; de oude "
                f"werken niet meer): {' '.join(codes)}"
            )
            return
        devices.remove_all(user)
        self.stdout.write(
            f"Tweestapsverificatie van '{username}' is teruggezet: bij de volgende keer "
            "inloggen koppelt deze gebruiker een nieuwe app."
        )
