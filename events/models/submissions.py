"""Announcements by the public: the form page, and who announced what (kept apart, then deleted)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from core.blocks import RICH_TEXT_FEATURES
from core.models import BasePage
from core.page_views import page_view

from .pages import EventPage


class EventSubmissionPage(BasePage):
    """The public form where organisations announce an event; it becomes a draft for moderation."""

    intro = RichTextField(
        _("inleiding"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Wat gebeurt er met een aanmelding, en hoe snel? Staat boven het formulier."),
    )
    thank_you_text = RichTextField(
        _("tekst na het versturen"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Wat ziet iemand na het versturen? Bijvoorbeeld wanneer het online staat."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacyverklaring"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("De pagina waar staat wat wij met de contactgegevens doen."),
    )

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("thank_you_text"),
        FieldPanel("privacy_page"),
    ]

    class Meta:
        verbose_name = _("formulier om een activiteit aan te melden")
        verbose_name_plural = _("formulieren om activiteiten aan te melden")

    def serve(self, request, *args, **kwargs):
        return page_view(self, "serve")(self, request)


class EventSubmission(models.Model):
    """Who announced an event, kept apart from the page so it is never published or revisioned.

    Deleted after ``EVENTS_SUBMISSION_RETENTION_DAYS`` by ``delete_expired_submissions``.
    """

    event = models.OneToOneField(
        EventPage,
        verbose_name=_("activiteit"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="submission",
    )
    submitter_name = models.CharField(_("naam"), max_length=120)
    organisation_name = models.CharField(_("organisatie"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    consented_at = models.DateTimeField(_("toestemming gegeven op"))
    submitted_at = models.DateTimeField(_("verstuurd op"), default=timezone.now, db_index=True)
    possible_duplicates = models.ManyToManyField(
        EventPage,
        verbose_name=_("lijkt op"),
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["-submitted_at"]

    def __str__(self):
        return f"{self.submitter_name} ({self.submitted_at:%d-%m-%Y})"
