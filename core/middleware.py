import re

from django.conf import settings
from django.http import Http404

LANGUAGE_PREFIX = re.compile(r"^/([a-z]{2})(?:[-_][A-Za-z]{2,4})?(?:/|$)")


class UnknownLanguagePrefixMiddleware:
    """Answer /fr/... with a 404 instead of redirecting it to /nl/fr/...

    Django's LocaleMiddleware would prefix the default language, and Wagtail's
    catch-all URL pattern accepts anything, so without this a mistyped language
    becomes a redirect to a page that does not exist.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.known = {code.split("-")[0] for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        match = LANGUAGE_PREFIX.match(request.path_info)
        if match and match.group(1) not in self.known:
            raise Http404("Unknown language")
        return self.get_response(request)
