import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from users.two_factor import devices, policy


class Command(BaseCommand):
    help = (
        "Create a local superuser 'admin' with a random password and, when superusers need "
        "two-factor authentication, one-time backup codes, printed once. "
        "Does nothing when the account already exists."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"Beheerder '{username}' bestaat al. Nieuw wachtwoord nodig? "
                f".venv/bin/python manage.py changepassword {username}. Nieuwe reservecodes "
                f"voor de tweestapsverificatie? .venv/bin/python manage.py reset_two_factor "
                f"{username} --backup-codes"
            )
            return
        password = secrets.token_urlsafe(12)
        user = User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Beheerder aangemaakt. Log in op {settings.SITE_URL}/admin/ met "
                f"gebruikersnaam '{username}' en wachtwoord '{password}'. "
                "Dit wachtwoord wordt maar één keer getoond."
            )
        )
        if policy.is_required(user):
            self.write_backup_codes(user)

    def write_backup_codes(self, user):
        """Superusers need a second factor: codes to get in without an authenticator app
        (link one later under "Tweestapsverificatie" in the account menu)."""
        codes = devices.new_backup_codes(user)
        self.stdout.write(
            "Na het wachtwoord vraagt de beheeromgeving om een code (tweestapsverificatie). "
            f"Gebruik een van deze reservecodes, elk één keer: {' '.join(codes)}"
        )
