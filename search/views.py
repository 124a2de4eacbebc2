"""Site search: live, public pages of this site in the visitor's language.

One search over every page type, with facets by type (counted without the type filter, so
every type stays visible), filters by municipality and target group where the chosen type
has them, an exact title match first, the editors' promoted results above, "did you mean"
and a helpful empty state. Results are paginated lazily: the paginator slices the search
results, it never lists every hit. Never cached and never indexed by search engines.
"""

import logging
import re
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F, Sum
from django.http import HttpResponsePermanentRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from modelsearch.backends.base import FilterFieldError
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page, Site, get_page_models

from core import ratelimit
from core.i18n import active_locale
from core.models import Municipality, TargetGroup
from core.pagination import PAGE_PARAM, paginate

from . import spelling
from .backends import backend_for_language
from .backends.query import build_query
from .models.queries import DailySearchCount
from .results import hits

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
QUERY_PARAM = "q"  # like every list on the site; `query` and `page` (Wagtail's) still work
TYPE_PARAM = "soort"
MUNICIPALITY_PARAM = "gemeente"
TARGET_GROUP_PARAM = "doelgroep"
OLD_PARAMS = {QUERY_PARAM: "query", PAGE_PARAM: "page"}
PER_PAGE = 10
FEW_RESULTS = 2  # at most this many results: also offer "did you mean"
POPULAR_DAYS = 28
POPULAR_COUNT = 6
RATE_LIMIT_GROUP = "search.page"
# Quotes and control characters mean something to full-text engines (or break them).
UNSAFE = re.compile(r"[\"\x00-\x1f\x7f]")

try:  # an Elasticsearch cluster that refuses a query is not the visitor's problem either
    from elastic_transport import TransportError
    from elasticsearch import ApiError

    SEARCH_ERRORS = (DatabaseError, FilterFieldError, ApiError, TransportError)
except ImportError:  # pragma: no cover
    SEARCH_ERRORS = (DatabaseError, FilterFieldError)


def clean_query(raw):
    return " ".join(UNSAFE.sub(" ", raw).split())[:MAX_QUERY_LENGTH]


def site_pages(request, model=Page):
    """Pages of the request's site, in every language it has a home page for."""
    site = Site.find_for_request(request)
    if site is None:
        return model.objects.none()
    pages = model.objects.none()
    for home in site.root_page.get_translations(inclusive=True):
        pages = pages | model.objects.descendant_of(home, inclusive=True)
    return pages


def param(request, name):
    """A parameter by its name, or by the name the search used before."""
    value = request.GET.get(name)
    if value is None and name in OLD_PARAMS:
        value = request.GET.get(OLD_PARAMS[name])
    return value


def search_rate():
    return getattr(settings, "SEARCH_RATE", "60/m")


class Prepended:
    """A lazy list for the paginator: a few pages first, then the (sliced) search results."""

    def __init__(self, first, rest):
        self.first, self.rest = list(first), rest

    def count(self):
        return len(self.first) + self.rest.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        start, stop = key.start or 0, key.stop
        head = self.first[start:stop]
        offset = len(self.first)
        if stop is not None and stop <= offset:
            return head
        rest_start = max(start - offset, 0)
        rest_stop = None if stop is None else stop - offset
        return head + list(self.rest[rest_start:rest_stop])


def page_types():
    """{model name: model} of every page type a visitor can filter on."""
    return {model._meta.model_name: model for model in get_page_models() if model is not Page}


def _has_field(model, name):
    return any(f.name == name for f in model._meta.get_fields())


class SearchPage:
    """Everything the search page shows for one request."""

    def __init__(self, request):
        self.request = request
        self.locale = active_locale(request)
        self.language = self.locale.language_code
        self.notes = []
        raw = param(request, QUERY_PARAM) or ""
        self.query = clean_query(raw)
        if len(" ".join(raw.split())) > MAX_QUERY_LENGTH:
            self.notes.append(
                _("Uw zoekvraag was te lang. We hebben gezocht op de eerste %(count)s tekens.")
                % {"count": MAX_QUERY_LENGTH}
            )
        self.types = page_types()
        self.type_model = self._chosen_type()
        self.municipality_options = self._municipality_options()
        self.target_group_options = self._target_group_options()
        self.municipality = self._chosen(MUNICIPALITY_PARAM, self.municipality_options)
        self.target_group = self._chosen(TARGET_GROUP_PARAM, self.target_group_options)

    # Filters -----------------------------------------------------------------------------

    def _chosen_type(self):
        value = self.request.GET.get(TYPE_PARAM, "")
        if not value:
            return None
        model = self.types.get(value)
        if model is None:
            self.notes.append(_("Die soort pagina kennen we niet; we tonen alle soorten."))
        return model

    def _municipality_options(self):
        model = self.type_model
        if model is None or not _has_field(model, "municipality") or not self.query:
            return None
        used = model.objects.live().filter(locale=self.locale).values("municipality")
        return {m.slug: m for m in Municipality.objects.filter(pk__in=used).order_by("name")}

    def _target_group_options(self):
        model = self.type_model
        if model is None or not _has_field(model, "target_groups") or not self.query:
            return None
        groups = TargetGroup.objects.filter(locale=self.locale).order_by("name")
        return {group.slug: group for group in groups}

    def _chosen(self, name, options):
        value = self.request.GET.get(name, "")
        if not value or options is None:
            if value:
                self.notes.append(_("Dat filter past niet bij deze soort; we laten het weg."))
            return None
        if value not in options:
            self.notes.append(_("Die keuze kennen we niet; we laten dat filter weg."))
            return None
        return options[value]

    # Querysets --------------------------------------------------------------------------

    def base(self, model=Page):
        return site_pages(self.request, model).live().public().filter(locale=self.locale)

    def filtered(self):
        model = self.type_model or Page
        queryset = self.base(model)
        if self.municipality is not None:
            queryset = queryset.filter(municipality=self.municipality)
        if self.target_group is not None:
            ids = list(
                model.objects.filter(
                    target_groups__translation_key=self.target_group.translation_key
                ).values_list("pk", flat=True)
            )
            queryset = queryset.filter(pk__in=ids)
        return queryset

    def run(self, queryset):
        return queryset.search(
            build_query(self.query, self.language), backend=backend_for_language(self.language)
        )

    # The search -------------------------------------------------------------------------

    def promoted(self):
        query = Query.get(self.query)
        picks = (
            query.editors_picks.filter(page__in=self.base())
            .select_related("page")
            .order_by("sort_order")
        )
        pages = []
        for pick in picks:
            pick.page.promotion_description = pick.description
            pages.append(pick.page)
        return pages

    def record_search(self, found_something):
        """Count the search for the editors' report; a busy database never fails the search.

        On SQLite concurrent searches can find the database locked ("database is locked"):
        the visitor still gets the results, the count is lost and logged.
        """
        try:
            with transaction.atomic():
                Query.get(self.query).add_hit()
                DailySearchCount.record(self.query, self.language, found_something)
        except DatabaseError:
            logger.warning("could not count the search %r", self.query, exc_info=True)

    def exact(self, excluded):
        ids = [pk for pk in spelling.exact_title_ids(self.query, self.locale) if pk not in excluded]
        if not ids:
            return []
        queryset = self.filtered().filter(pk__in=ids)
        return list(queryset.order_by("path")[:1])

    def context(self):
        context = {
            "search_query": self.query,
            "notes": self.notes,
            "types": [],
            "type_param": TYPE_PARAM,
            "chosen_type": self.type_model._meta.model_name if self.type_model else "",
            "search_results": None,
            "hits": [],
            "promoted": [],
            "suggestion": "",
            "total": 0,
        }
        if not self.query:
            context["popular"] = popular_terms(self.language)
            return context

        promoted_pages, results_page, facets = [], None, {}
        try:
            with transaction.atomic():
                promoted_pages = self.promoted()
                shown_above = {page.pk for page in promoted_pages}
                first = self.exact(shown_above)
                excluded = shown_above | {page.pk for page in first}
                queryset = self.filtered()
                if excluded:
                    queryset = queryset.exclude(pk__in=excluded)
                results = self.run(queryset)
                all_types = self.base()
                if shown_above:
                    all_types = all_types.exclude(pk__in=shown_above)
                facets = self.run(all_types).facet("content_type_id")
                results_page = paginate(
                    Prepended(first, results),
                    PER_PAGE,
                    param(self.request, PAGE_PARAM) or "1",
                    self.notes,
                )
                results_page.object_list = list(results_page.object_list)
        except SEARCH_ERRORS:
            logger.warning("search failed for %r", self.query, exc_info=True)
            self.notes.append(_("Deze zoekvraag konden we niet uitvoeren. Probeer andere woorden."))
            promoted_pages, facets = [], {}
            results_page = paginate([], PER_PAGE, "1", [])

        on_first_page = results_page.number == 1
        total = results_page.paginator.count
        self.record_search(bool(total or promoted_pages))
        context.update(
            search_results=results_page,
            hits=hits(results_page.object_list, self.query, self.locale, self.request),
            promoted=hits(promoted_pages, self.query, self.locale, self.request, promoted=True)
            if on_first_page
            else [],
            total=total,
            types=self.facet_links(facets),
            municipality_options=self.municipality_options,
            target_group_options=self.target_group_options,
            chosen_municipality=self.municipality.slug if self.municipality else "",
            chosen_target_group=self.target_group.slug if self.target_group else "",
            query=self.encoded(),
        )
        if total <= FEW_RESULTS:
            context["suggestion"] = spelling.suggestion(self.query, self.locale)
            if context["suggestion"]:
                context["suggestion_url"] = "?" + urlencode({QUERY_PARAM: context["suggestion"]})
        if not total and not promoted_pages:
            context["popular"] = popular_terms(self.language)
            context.update(empty_state_links(self.locale, self.request))
        return context

    def encoded(self, **changes):
        params = {QUERY_PARAM: self.query}
        if self.type_model:
            params[TYPE_PARAM] = self.type_model._meta.model_name
        if self.municipality:
            params[MUNICIPALITY_PARAM] = self.municipality.slug
        if self.target_group:
            params[TARGET_GROUP_PARAM] = self.target_group.slug
        params.update(changes)
        return urlencode({key: value for key, value in params.items() if value})

    def facet_links(self, facets):
        from django.contrib.contenttypes.models import ContentType

        links = [
            {
                "label": _("Alle soorten"),
                "count": sum(facets.values()),
                "url": "?" + urlencode({QUERY_PARAM: self.query}),
                "current": self.type_model is None,
            }
        ]
        rows = []
        for content_type_id, count in facets.items():
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            if model is None or not count:
                continue
            rows.append(
                {
                    "label": str(model._meta.verbose_name_plural).capitalize(),
                    "count": count,
                    "url": "?"
                    + urlencode({QUERY_PARAM: self.query, TYPE_PARAM: model._meta.model_name}),
                    "current": model is self.type_model,
                }
            )
        rows.sort(key=lambda row: (-row["count"], row["label"]))
        return links + rows


def popular_terms(language):
    """What people searched for most in the last weeks, and found something for."""
    since = timezone.localdate() - timedelta(days=POPULAR_DAYS)
    rows = (
        DailySearchCount.objects.filter(date__gte=since, language=language)
        .filter(searches__gt=F("without_results"))
        .values("query_string")
        .annotate(total=Sum("searches"))
        .order_by("-total", "query_string")[:POPULAR_COUNT]
    )
    return [
        {"text": row["query_string"], "url": "?" + urlencode({QUERY_PARAM: row["query_string"]})}
        for row in rows
    ]


def empty_state_links(locale, request):
    """The sociale kaart and the agenda of this language, for a search that found nothing."""
    from events.models import EventIndexPage
    from social_map.models import SocialMapPage

    found = {}
    for name, model in (("social_map_page", SocialMapPage), ("agenda_page", EventIndexPage)):
        page = model.objects.live().filter(locale=locale).order_by("path").first()
        found[name] = page.get_url(request) if page else ""
    return found


@never_cache
def search(request):
    limited = ratelimit.is_limited(request, RATE_LIMIT_GROUP, search_rate())
    if limited:
        query = clean_query(param(request, QUERY_PARAM) or "")
        return TemplateResponse(
            request,
            "search/search.html",
            {
                "search_query": query,
                "rate_limited": True,
                "rate_limit_title": _("Even geduld"),
                "rate_limit_text": _(
                    "U heeft in korte tijd heel vaak gezocht. Wacht een minuut en probeer het "
                    "dan opnieuw."
                ),
                "notes": [],
            },
            status=429,
        )
    page = SearchPage(request)
    if page.query:
        ratelimit.count(request, RATE_LIMIT_GROUP, search_rate())
    return TemplateResponse(request, "search/search.html", page.context())


def old_search_address(request):
    """/nl/search/?query=... (the old address) goes to /nl/zoeken/?q=... for good."""
    params = {}
    for name in OLD_PARAMS:
        value = param(request, name)
        if value:
            params[name] = value
    target = reverse("search")
    return HttpResponsePermanentRedirect(f"{target}?{urlencode(params)}" if params else target)
