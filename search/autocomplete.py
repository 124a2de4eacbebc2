"""Suggestions while typing in a search box: titles of live, public pages of this site.

`GET /nl/zoeken/suggesties/?q=wand` answers `{"suggestions": [{"title", "url", "type"}]}`
(at most eight, `type` is the kind of page), from the search backend's autocomplete
(`AutocompleteField("title")` on Page). Whatever is typed, the answer is a list (empty for
odd input), never an error page; a rate limit per address guards the endpoint
(`SEARCH_SUGGESTIONS_RATE`).
"""

import logging
import re

from django.conf import settings
from django.http import JsonResponse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core import ratelimit
from core.i18n import active_locale
from search.backends import backend_for_language
from search.views import site_pages

logger = logging.getLogger(__name__)

MAX_SUGGESTIONS = 8
MIN_LENGTH = 2
MAX_LENGTH = 100  # longer is not typing a title: no suggestions
RATE_LIMIT_GROUP = "search-suggestions"
# Keep letters, digits, spaces and the few signs titles use; the rest (quotes, brackets,
# backslashes, operators, emoji) means something to a search engine or nothing at all.
NOT_A_WORD = re.compile(r"[^\w\s'’-]|_", re.UNICODE)


def clean_text(raw):
    """The typed text as words the backend can take, or "" for nothing usable."""
    if not raw or len(raw) > MAX_LENGTH:
        return ""
    text = " ".join(NOT_A_WORD.sub(" ", raw).split())
    return text if len(text) >= MIN_LENGTH else ""


def answer(suggestions, status=200):
    response = JsonResponse({"suggestions": suggestions}, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


def find_suggestions(request, text):
    language = translation.get_language()
    pages = site_pages(request).live().public().filter(locale=active_locale(request))
    results = pages.autocomplete(text, backend=backend_for_language(language))[:MAX_SUGGESTIONS]
    suggestions = []
    for page in results:
        url = page.get_url(request)
        if url:
            suggestions.append(
                {
                    "title": page.title,
                    "url": url,
                    "type": str(capfirst(page.specific_class._meta.verbose_name))
                    if page.specific_class
                    else "",
                }
            )
    return suggestions


@never_cache
@require_GET
def suggestions(request):
    rate = settings.SEARCH_SUGGESTIONS_RATE
    if ratelimit.is_limited(request, RATE_LIMIT_GROUP, rate):
        response = JsonResponse(
            {
                "suggestions": [],
                "error": gettext("U vraagt te vaak om suggesties. Wacht even en probeer opnieuw."),
            },
            status=429,
        )
        response["Retry-After"] = "60"
        return response
    ratelimit.count(request, RATE_LIMIT_GROUP, rate)
    text = clean_text(request.GET.get("q", ""))
    if not text:
        return answer([])
    try:
        return answer(find_suggestions(request, text))
    except Exception:  # a backend that cannot take this text (or is down): no suggestions
        logger.exception("Search suggestions failed for a query of %d characters", len(text))
        return answer([])
