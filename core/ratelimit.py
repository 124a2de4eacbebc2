"""Per-address rate limits for the public forms, counted in the cache by django-ratelimit.

One mechanism for every form residents can send (the event announcement, "Klopt er iets
niet?"): a form checks ``is_limited`` before it accepts, and ``count`` once it has accepted,
so typos that fail validation do not count. Behind a proxy set ``RATELIMIT_IP_META_KEY``.
The counts live in the ``default`` cache, shared by every worker and kept over a restart
(the database cache, or Redis with ``REDIS_URL``; ``tests/test_shared_rate_limit.py``).
"""

from django.core.exceptions import ImproperlyConfigured
from django_ratelimit.core import get_usage


def usage(request, group, rate, increment):
    """django-ratelimit's usage of ``group`` for this address (``rate`` as "5/h")."""
    try:
        return get_usage(request, group=group, key="ip", rate=rate, increment=increment)
    except ImproperlyConfigured:
        # No client address (for example a misconfigured proxy): one shared bucket.
        return get_usage(
            request,
            group=group,
            key=lambda group, request: "unknown",
            rate=rate,
            increment=increment,
        )


def is_limited(request, group, rate):
    """True once this address has used up ``rate`` in ``group``."""
    current = usage(request, group, rate, increment=False)
    return current is not None and current["count"] >= current["limit"]


def count(request, group, rate):
    """Count one accepted submission of this address in ``group``.

    Returns False when this one is over the rate: another request of the same address was
    counted between this one's ``is_limited`` and now (two workers at once). A form that
    counts before it saves can refuse it then; the count is one atomic increment on Redis
    and a read and a write on the database cache, so the gap left is milliseconds.
    """
    current = usage(request, group, rate, increment=True)
    return current is None or current["count"] <= current["limit"]
