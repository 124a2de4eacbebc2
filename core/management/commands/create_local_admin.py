import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create a local superuser 'admin' with a random password, printed once. "
        "Does nothing when the account already exists."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"Beheerder '{username}' bestaat al. Nieuw wachtwoord nodig? "
                f".venv/bin/python manage.py changepassword {username}"
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Beheerder aangemaakt. Log in op {settings.SITE_URL}/admin/ met "
                f"gebruikersnaam '{username}' en wachtwoord '{password}'. "
                "Dit wachtwoord wordt maar één keer getoond."
            )
        )
