"""django-axes, wired to this site: the client's address as the rate limits read it, and the
Dutch page a locked-out person sees, saying until when (never a 500, status 429).

Settings in coalition/settings/accounts.py (AXES_CLIENT_IP_CALLABLE, AXES_LOCKOUT_CALLABLE).
"""

import ipaddress

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.utils.module_loading import import_string


def client_ip(request):
    """The address from RATELIMIT_IP_META_KEY (a proxy's header) or REMOTE_ADDR, as
    django-ratelimit reads it; an IPv6 address counts per /64, which one person easily has."""
    key = settings.RATELIMIT_IP_META_KEY
    if callable(key):
        value = key(request)
    elif key and "." in key:
        value = import_string(key)(request)
    else:
        value = request.META.get(key or "REMOTE_ADDR", "")
    value = (value or "").split(",")[0].strip()
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None  # no usable address: axes counts these together
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


def unlock_time(request, credentials, cool_off):
    """When the lock that applies ends: per counter (user name, address) its failures expire
    one record at a time, cool_off after each; the lock ends when fewer than the limit are left."""
    handler = AxesProxyHandler.get_implementation()
    now = timezone.now()
    if not hasattr(handler, "get_user_attempts"):
        return now + cool_off
    limit = get_failure_limit(request, credentials)
    latest = None
    for attempts in handler.get_user_attempts(request, credentials):
        records = sorted(attempts.values_list("attempt_time", "failures_since_start"))
        remaining = sum(failures for _time, failures in records)
        for attempt_time, failures in records:
            if remaining < limit:
                break
            remaining -= failures
            latest = max(latest or now, attempt_time + cool_off)
    return latest or now + cool_off


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the Dutch lock-out page for both admin logins."""
    cool_off = get_cool_off(request)
    until = unlock_time(request, credentials, cool_off)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "cool_off_minutes": round(cool_off.total_seconds() / 60),
        "until": timezone.localtime(until),
        "minutes_left": max(1, round((until - timezone.now()).total_seconds() / 60)),
    }
    return render(request, "users/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
