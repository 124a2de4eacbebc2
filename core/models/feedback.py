"""A resident's note that something on a place or event page is wrong ("Klopt er iets niet?").

The sender's name and e-mail address are optional: only for someone who wants an answer. They
are wiped, and handled notes deleted, after ``FEEDBACK_RETENTION_DAYS``
(``manage.py delete_old_feedback``), so nothing personal is kept longer than needed.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.url_routing import RouteResult

from ..page_views import page_view

MESSAGE_MAX_LENGTH = 1000


def feedback_retention_days():
    """Days a note keeps its sender's details (and a handled note is kept at all)."""
    return getattr(settings, "FEEDBACK_RETENTION_DAYS", 90)


class CorrectionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(handled=False)

    def expired(self, now=None):
        """Notes sent longer ago than the retention period."""
        now = now or timezone.now()
        return self.filter(created__lt=now - timedelta(days=feedback_retention_days()))


class Correction(models.Model):
    """A "melding": what a visitor says is wrong on a page, until an editor has handled it."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("pagina"),
        on_delete=models.CASCADE,
        related_name="corrections",
        help_text=_("De pagina waar de melding over gaat."),
    )
    message = models.TextField(
        _("melding"),
        max_length=MESSAGE_MAX_LENGTH,
        help_text=_("Wat volgens de bezoeker niet klopt."),
    )
    name = models.CharField(
        _("naam"),
        max_length=100,
        blank=True,
        help_text=_("Alleen als de bezoeker antwoord wil. Wordt na de bewaartermijn gewist."),
    )
    email = models.EmailField(
        _("e-mailadres"),
        blank=True,
        help_text=_("Alleen als de bezoeker antwoord wil. Wordt na de bewaartermijn gewist."),
    )
    sent_to = models.TextField(
        _("gemaild naar"),
        blank=True,
        help_text=_("De adressen waar de melding naartoe is gemaild."),
    )
    created = models.DateTimeField(_("ontvangen"), default=timezone.now, db_index=True)
    handled = models.BooleanField(
        _("afgehandeld"),
        default=False,
        help_text=_("Vink aan als de pagina is verbeterd of als er niets te doen is."),
    )
    handled_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgehandeld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    internal_note = models.TextField(
        _("interne notitie"),
        blank=True,
        help_text=_("Alleen voor de redactie: wat is er gedaan, of waarom niets."),
    )

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["handled", "-created"]

    def __str__(self):
        excerpt = " ".join(self.message.split())
        return excerpt if len(excerpt) <= 60 else f"{excerpt[:59]}…"

    def mark_handled(self, user=None):
        """Handled now, by ``user``; saving twice does not move the moment."""
        if not self.handled or self.handled_at is None:
            self.handled = True
            self.handled_at = timezone.now()
            self.handled_by = user
        self.save(update_fields=["handled", "handled_at", "handled_by"])


FEEDBACK_SLUG = "klopt-er-iets-niet"
# The marker the route hands to ``serve`` (popped there, so the page's own serve never sees it).
_FEEDBACK_ROUTE = "_feedback_form"


class AcceptsFeedback:
    """A page residents can report a mistake on: ``<page url>klopt-er-iets-niet/``.

    Declared on the page model (before ``BasePage`` in its bases), like any other route.
    ``feedback_contacts``: dotted attribute paths to the organisation's e-mail address, the
    first one filled in wins; none filled in, the site's editors get the note. The view is
    registered by core's ``AppConfig.ready()`` (routes call views, models never import them).
    """

    feedback_contacts: tuple[str, ...] = ()

    def accepts_feedback(self):
        """False where residents cannot see the page (a page type may hide some, e.g. stale)."""
        return self.live

    def route(self, request, path_components):
        if list(path_components) == [FEEDBACK_SLUG] and self.accepts_feedback():
            return RouteResult(self, kwargs={_FEEDBACK_ROUTE: True})
        return super().route(request, path_components)

    def serve(self, request, *args, **kwargs):
        if kwargs.pop(_FEEDBACK_ROUTE, False):
            return page_view(self, "feedback")(self, request)
        return super().serve(request, *args, **kwargs)
