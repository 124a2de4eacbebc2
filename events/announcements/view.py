"""The announcement page: GET shows the form or the thanks, POST checks, saves and redirects.

Protection: Django's CSRF check, a honeypot field, a per-address rate limit on accepted
announcements (typos do not count; counted in the shared cache before anything is saved or
mailed) and a length limit on every field; e-mails go out only after all of them let it
through. Texts are kept as typed ("Kaartavond <voor 55+>" is a title, not markup): templates
escape them where they are shown, and the description is escaped when it becomes rich text.
"""

import logging

from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from core import ratelimit
from core.i18n import active_locale

from .building import create_submission
from .form import HONEYPOT, AnnouncementForm
from .limits import submission_rate
from .notify import send_notifications

logger = logging.getLogger(__name__)

THANK_YOU_PARAM = "verzonden"
RATE_LIMIT_GROUP = "events.submission"
ALLOWED_METHODS = ("GET", "HEAD", "POST")


def rate_limited(request):
    """True once this address has sent EVENTS_SUBMISSION_RATE accepted announcements."""
    return ratelimit.is_limited(request, RATE_LIMIT_GROUP, submission_rate())


def count_submission(request):
    """Count an accepted announcement; False when it is one over the limit."""
    return ratelimit.count(request, RATE_LIMIT_GROUP, submission_rate())


def serve_announcement_page(page, request):
    """The view of an ``EventSubmissionPage`` (registered in ``EventsConfig.ready``)."""
    if request.method not in ALLOWED_METHODS:
        return HttpResponseNotAllowed(ALLOWED_METHODS)
    context = page.get_context(request)
    status = 200
    if request.method == "POST":
        form = AnnouncementForm(request.POST, locale=active_locale(request))
        if rate_limited(request):
            context["rate_limited"] = True
            status = 429
        elif request.POST.get(HONEYPOT):
            count_submission(request)
            return thank_you_redirect(request)
        elif form.is_valid():
            # Counted before saving: of two valid ones sent at once over the limit (two
            # workers), the one counted second is refused here, before anything is saved.
            if not count_submission(request):
                context["rate_limited"] = True
                status = 429
            elif accept(page, request, form):
                return thank_you_redirect(request)
    elif request.GET.get(THANK_YOU_PARAM):
        form = None
        context["submitted"] = True
    else:
        form = AnnouncementForm(locale=active_locale(request))
    context["form"] = form
    context["has_errors"] = form is not None and form.is_bound and bool(form.errors)
    response = render(request, page.get_template(request), context, status=status)
    add_never_cache_headers(response)
    return response


def accept(page, request, form):
    """Save a valid announcement and send the e-mails; False if the page model refused it."""
    try:
        submission = create_submission(page, form)
    except ValidationError as error:
        # The page model refused something the form let through: say so, keep the values.
        logger.warning("Event announcement refused by the page model: %s", error)
        form.add_error(None, _("Dit konden we niet opslaan. Controleer de gegevens."))
        return False
    send_notifications(request, submission)
    return True


def thank_you_redirect(request):
    """POST/redirect/GET: reloading the thank-you page sends nothing twice."""
    response = HttpResponseRedirect(f"{request.path}?{THANK_YOU_PARAM}=1")
    add_never_cache_headers(response)
    return response
