"""Field declarations the entry pages of several apps share (places, events, ...).

Each app keeps its own labels and help texts; the shape of the field (nullable, what a
deletion does, the index) is declared once here, so places and events cannot drift apart.
"""

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


def optional_link(to, verbose_name, related_name, help_text):
    """A chooser that may stay empty; deleting what it points at empties it."""
    return models.ForeignKey(
        to,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
        help_text=help_text,
    )


def target_groups_field(related_name, help_text):
    return ParentalManyToManyField(
        "core.TargetGroup",
        verbose_name=_("doelgroepen"),
        blank=True,
        related_name=related_name,
        help_text=help_text,
    )


def last_checked_field(help_text):
    return models.DateField(_("laatst gecontroleerd"), default=dt.date.today, help_text=help_text)


def import_key_field(help_text):
    """The coordinator's own key for a row (core/imports: "kenmerk"), so a re-import updates."""
    return models.CharField(
        _("kenmerk uit de import"), max_length=100, blank=True, db_index=True, help_text=help_text
    )


def intro_field(help_text):
    return models.TextField(_("inleiding"), blank=True, help_text=help_text)


def upkeep_panel():
    """When the entry was last checked and its import key: how an entry is kept current."""
    return MultiFieldPanel(
        [FieldPanel("last_checked"), FieldPanel("external_id")],
        heading=_("Actueel houden"),
    )
