"""The sign-up page: GET shows the form or the thanks, POST checks, stores and redirects.

Protection as on the other public forms: Django's CSRF check, a honeypot (a filled one is
thanked and forgotten), a per-address rate limit on accepted sign-ups (``core.ratelimit``,
``SIGNUP_RATE``; typos do not count) and a length limit on every field.
"""

from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from core import ratelimit

from .limits import RATE_LIMIT_GROUP, signup_rate

THANK_YOU_PARAM = "verzonden"
ALLOWED_METHODS = ("GET", "HEAD", "POST")


def serve_form_page(page, request):
    """The view of a ``FormPage`` (registered in ``SignupsConfig.ready``)."""
    if request.method not in ALLOWED_METHODS:
        return HttpResponseNotAllowed(ALLOWED_METHODS)
    if request.method == "POST":
        form = page.get_form(request.POST, request.FILES, page=page, user=request.user)
        if ratelimit.is_limited(request, RATE_LIMIT_GROUP, signup_rate()):
            return render_form(page, request, form, rate_limited=True, status=429)
        if form.honeypot_filled():
            # A bot: thanked like anyone else, but nothing is stored or sent.
            ratelimit.count(request, RATE_LIMIT_GROUP, signup_rate())
            return thank_you_redirect(request)
        if form.is_valid():
            page.process_form_submission(form)
            ratelimit.count(request, RATE_LIMIT_GROUP, signup_rate())
            return thank_you_redirect(request)
        return render_form(page, request, form)
    if request.GET.get(THANK_YOU_PARAM):
        response = page.render_landing_page(request)
        add_never_cache_headers(response)
        return response
    return render_form(page, request, page.get_form(page=page, user=request.user))


def render_form(page, request, form, rate_limited=False, status=200):
    context = page.get_context(request)
    context.update(
        form=form,
        has_errors=form.is_bound and bool(form.errors),
        rate_limited=rate_limited,
    )
    response = TemplateResponse(request, page.get_template(request), context, status=status)
    add_never_cache_headers(response)
    return response


def thank_you_redirect(request):
    """POST/redirect/GET: reloading the thank-you page sends nothing twice."""
    response = HttpResponseRedirect(f"{request.path}?{THANK_YOU_PARAM}=1")
    add_never_cache_headers(response)
    return response
