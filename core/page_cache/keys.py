"""Cache keys of stored responses: host, language, path and the sorted GET parameters."""

import hashlib
from urllib.parse import urlencode

from django.utils.translation import get_language_from_path

_PREFIX = "pagecache:entry:"


def entry_key(request) -> str | None:
    """The key for this request, or None when the host is not allowed (no caching then)."""
    try:
        host = request.get_host()
    except Exception:  # DisallowedHost: Django answers 400 later; nothing to cache
        return None
    language = get_language_from_path(request.path_info) or "-"
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    raw = "\n".join((request.scheme, host, language, request.path, query))
    # A hash bounds the key length whatever the path or query (memcached allows 250 bytes).
    return _PREFIX + hashlib.sha256(raw.encode()).hexdigest()
