from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "users"
    verbose_name = "Gebruikers"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deploy check)
