"""Locale helpers that keep lists at a fixed number of queries.

``obj.localized`` costs a query per object; these fetch all translations at once.
"""

from django.apps import apps
from django.utils import translation
from wagtail.models import Locale, Page


def active_locale(request=None):
    """The Locale of the active language, looked up once per request."""
    language = translation.get_language()
    cache = getattr(request, "_locale_cache", None) if request is not None else None
    if cache is not None and language in cache:
        return cache[language]
    try:
        locale = Locale.objects.get_for_language(language)
    except (Locale.DoesNotExist, LookupError):
        locale = Locale.get_default()
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
        locales = Locale.objects.in_bulk({obj.locale_id for obj in fallbacks})
        for obj in fallbacks:
            obj.fallback_language = locales[obj.locale_id].language_code
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
