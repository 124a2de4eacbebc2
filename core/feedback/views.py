"""The form under a page: GET shows it or the thanks, POST checks, saves and redirects.

Protection as on the announcement form: Django's CSRF check, a honeypot, a per-address rate
limit on accepted notes (``core.ratelimit``; typos do not count) and a length limit.
"""

from django.conf import settings
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from core import ratelimit
from core.models import SiteSettings, feedback_retention_days

from .forms import HONEYPOT, CorrectionForm
from .notify import send_note

THANK_YOU_PARAM = "verzonden"
RATE_LIMIT_GROUP = "core.feedback"
ALLOWED_METHODS = ("GET", "HEAD", "POST")
TEMPLATE = "core/feedback/form.html"


def feedback_rate():
    """Accepted notes per address, as django-ratelimit reads it ("5/h")."""
    return getattr(settings, "FEEDBACK_RATE", "5/h")


def feedback_view(page, request):
    """The "Klopt er iets niet?" page of ``page`` (routed by ``routing.enable_feedback``)."""
    if request.method not in ALLOWED_METHODS:
        return HttpResponseNotAllowed(ALLOWED_METHODS)
    status = 200
    context = {
        "page": page,
        "self": page,
        "retention_days": feedback_retention_days(),
        "privacy_page": SiteSettings.for_request(request).privacy_page,
    }
    form = None
    if request.method == "POST":
        form = CorrectionForm(request.POST)
        if ratelimit.is_limited(request, RATE_LIMIT_GROUP, feedback_rate()):
            context["rate_limited"] = True
            status = 429
        elif request.POST.get(HONEYPOT):
            ratelimit.count(request, RATE_LIMIT_GROUP, feedback_rate())
            return _thank_you_redirect(request)
        elif form.is_valid():
            correction = form.save(commit=False)
            correction.page = page
            correction.save()
            ratelimit.count(request, RATE_LIMIT_GROUP, feedback_rate())
            send_note(request, correction)
            return _thank_you_redirect(request)
    elif request.GET.get(THANK_YOU_PARAM):
        context["submitted"] = True
    else:
        form = CorrectionForm()
    context["form"] = form
    context["has_errors"] = form is not None and form.is_bound and bool(form.errors)
    response = render(request, TEMPLATE, context, status=status)
    add_never_cache_headers(response)
    return response


def _thank_you_redirect(request):
    """POST/redirect/GET: reloading the thank-you page sends nothing twice."""
    response = HttpResponseRedirect(f"{request.path}?{THANK_YOU_PARAM}=1")
    add_never_cache_headers(response)
    return response
