from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    """The activity library (chapter 3 of the handreiking). Imports only core."""

    name = "activities"
    verbose_name = _("Activiteitenbank")
