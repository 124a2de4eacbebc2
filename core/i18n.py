"""Locale helpers that keep lists at a fixed number of queries.

``obj.localized`` costs a query per object; these fetch all translations at once.
"""

import time

from django.apps import apps
from django.conf import settings
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

# Locale rows change only when a language is added: each process keeps them for a minute
# instead of asking the database on every page (a query, and most of a millisecond of ORM).
_LOCALE_SECONDS = 60
_locales: dict = {"rows": None, "loaded": 0.0}


def _locale_rows() -> dict:
    now = time.monotonic()
    if _locales["rows"] is None or now - _locales["loaded"] > _LOCALE_SECONDS:
        rows = list(Locale.objects.all())
        _locales["rows"] = {
            **{locale.language_code: locale for locale in rows},
            **{locale.pk: locale for locale in rows},
        }
        _locales["loaded"] = now
    return _locales["rows"]


def forget_locales(**kwargs) -> None:
    """Drop this process's Locale rows (connected to Locale's save and delete)."""
    _locales["rows"] = None


def locale_for_language(language: str):
    """The Locale of ``language`` (or its supported variant), from the memo; None if absent."""
    rows = _locale_rows()
    try:
        code = get_supported_content_language_variant(language)
    except LookupError:
        return None
    return rows.get(code)


def default_locale():
    """Like ``Locale.get_default()``, without a query per call."""
    return locale_for_language(settings.LANGUAGE_CODE) or Locale.get_default()


def locale_by_id(locale_id):
    return _locale_rows().get(locale_id) or Locale.objects.get(pk=locale_id)


def active_locale(request=None):
    """The Locale of the active language, looked up once per request."""
    language = translation.get_language()
    cache = getattr(request, "_locale_cache", None) if request is not None else None
    if cache is not None and language in cache:
        return cache[language]
    locale = locale_for_language(language) or default_locale()
    if request is not None:
        if cache is None:
            cache = request._locale_cache = {}
        cache[language] = locale
    return locale


def localize_all(objects, locale, live_only=True):
    """Return ``objects`` in ``locale`` where a translation exists, else the object itself."""
    objects = [obj for obj in objects if obj is not None]
    if live_only:
        objects = [obj for obj in objects if not isinstance(obj, Page) or obj.live]
    missing = [obj for obj in objects if obj.locale_id != locale.pk]
    if not missing:
        return objects
    model = type(missing[0])
    if isinstance(missing[0], Page):
        queryset = Page.objects.filter(locale=locale)
        if live_only:
            queryset = queryset.live()
    else:
        queryset = model._default_manager.filter(locale=locale)
    found = {
        obj.translation_key: obj
        for obj in queryset.filter(translation_key__in={obj.translation_key for obj in missing})
    }
    result = [
        obj if obj.locale_id == locale.pk else found.get(obj.translation_key, obj)
        for obj in objects
    ]
    # Untranslated objects keep their own language: templates mark it with lang="..."
    # so screen readers pronounce it right (WCAG 3.1.2).
    fallbacks = [obj for obj in result if obj.locale_id != locale.pk]
    if fallbacks:
        for obj in fallbacks:
            obj.fallback_language = locale_by_id(obj.locale_id).language_code
    return result


def terms_in_language(model_label, locale, default_locale):
    """Terms keyed by slug, named in the visitor's language where translated (one query)."""
    model = apps.get_model(model_label)
    terms = {}
    for term in model.objects.filter(locale__in={locale.pk, default_locale.pk}):
        if term.slug not in terms or term.locale_id == locale.pk:
            terms[term.slug] = term
    ordering = model._meta.ordering or ["name"]
    return dict(
        sorted(terms.items(), key=lambda item: tuple(getattr(item[1], f) for f in ordering))
    )
