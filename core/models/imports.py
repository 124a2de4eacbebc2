"""One spreadsheet import as it runs: who started it, with which file, how far it is, what came of it.

The admin page of an import in the background polls this row. The rows of the file are kept
only as long as they are needed: until the import has run, or, after a check (dry run), a
day long so the editor can import what was checked without uploading it again.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

KEEP_CHECKED_ROWS = dt.timedelta(days=1)
WAIT = dt.timedelta(minutes=1)


class ImportRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("in de wachtrij")
        RUNNING = "running", _("bezig")
        DONE = "done", _("klaar")
        FAILED = "failed", _("mislukt")

    importer = models.CharField(_("importeur"), max_length=200)  # the dotted path of the class
    parent = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("pagina waaronder geïmporteerd wordt"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gestart door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file_name = models.CharField(_("bestandsnaam"), max_length=255)
    dry_run = models.BooleanField(_("alleen controleren"), default=False)
    language = models.CharField(_("taal van de meldingen"), max_length=10, default="nl")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    stage = models.CharField(_("stap"), max_length=10, blank=True)
    total = models.PositiveIntegerField(_("aantal rijen"), default=0)
    processed = models.PositiveIntegerField(_("rijen verwerkt"), default=0)
    rows = models.JSONField(_("rijen uit het bestand"), default=list, blank=True)
    result = models.JSONField(_("resultaat"), default=dict, blank=True)
    created_at = models.DateTimeField(_("gestart op"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def waiting_long(self):
        """Queued for over a minute: the background worker is probably not running."""
        return self.status == self.Status.QUEUED and timezone.now() - self.created_at > WAIT

    @property
    def percentage(self):
        return round(100 * self.processed / self.total) if self.total else 0

    @property
    def can_import_checked_rows(self):
        """A check without errors whose rows are still kept: it can be imported as it is."""
        return (
            self.dry_run
            and self.status == self.Status.DONE
            and not self.result.get("errors")
            and bool(self.rows)
        )

    @classmethod
    def forget_old_rows(cls):
        """Drop the rows of checks older than a day: what was never imported is not kept."""
        cutoff = timezone.now() - KEEP_CHECKED_ROWS
        cls.objects.filter(created_at__lt=cutoff).exclude(rows=[]).update(rows=[])
