"""Wagtail's "forgot password" form, throttled: per address (PASSWORD_RESET_RATE) and per
e-mail address (PASSWORD_RESET_EMAIL_RATE), counted in the shared cache by django-ratelimit
like the public forms (core.ratelimit, which this app may not import).

Over a limit the visitor gets the same "check your e-mail" page as always, so the answer
tells nothing about which addresses have an account, and no e-mail is sent. Mounted in
coalition/urls.py in front of Wagtail's own URL.
"""

import hashlib

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponseRedirect
from django.views.decorators.cache import never_cache
from django_ratelimit.core import get_usage
from wagtail.admin.views.account import PasswordResetView

GROUP = "users.password_reset"


def usage(request, key, rate, increment):
    try:
        return get_usage(request, group=GROUP, key=key, rate=rate, increment=increment)
    except ImproperlyConfigured:  # no client address (a misconfigured proxy): one bucket
        return get_usage(
            request, group=GROUP, key=lambda g, r: "unknown", rate=rate, increment=increment
        )


def email_key(email):
    """The e-mail address as a counter key, hashed: the cache holds no addresses."""
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    return lambda group, request: f"email:{digest}"


def counters(email):
    """(key, rate) of each limit that applies to a request for this e-mail address."""
    return [
        ("ip", settings.PASSWORD_RESET_RATE),
        (email_key(email), settings.PASSWORD_RESET_EMAIL_RATE),
    ]


def over_limit(request, email):
    """Count this request on every counter; True if one of them is used up."""
    limited = False
    for key, rate in counters(email):
        current = usage(request, key, rate, increment=True)
        limited = limited or (current is not None and current["count"] > current["limit"])
    return limited


class ThrottledPasswordResetView(PasswordResetView):
    def form_valid(self, form):
        if over_limit(self.request, form.cleaned_data["email"]):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


# never_cache like every admin URL (Wagtail decorates its own).
password_reset = never_cache(ThrottledPasswordResetView.as_view())
