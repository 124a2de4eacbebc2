"""Search backends of the site, and which one answers a search in a given language."""

from django.conf import settings


def backend_for_language(language_code):
    """The `WAGTAILSEARCH_BACKENDS` alias that searches pages of this language.

    With Elasticsearch each language has its own index and analyser (alias = the language
    code); the database backends keep one index and filter on the page's locale.
    """
    if language_code in settings.WAGTAILSEARCH_BACKENDS:
        return language_code
    return "default"
