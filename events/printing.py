"""Things to print: an invitation card, a poster and a large-print weekly programme.

The campaign's core message is "invite someone", so every event gives a visitor a card to hand
over and a message to send, and a volunteer a poster, without a design tool. These are HTML
print views (``@page`` CSS, the browser prints or saves a PDF): no PDF library, no script
needed, nothing loaded from another website.
"""

import datetime as dt
from urllib.parse import quote, urlencode

from django.db.models import Count
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.i18n import active_locale, localize_all
from core.models import Municipality

from . import qr
from .filters import event_url
from .models import EventOccurrence, EventStatus, next_to_invite_to
from .recurrence import AMSTERDAM

POSTER_SIZES = {"a4": "A4", "a3": "A3"}
PROGRAMME_DAYS = 7
MIN_YEAR = 2000
MAX_YEARS_AHEAD = 5


# --- small helpers -----------------------------------------------------------------------
def _today():
    return timezone.localdate(timezone=AMSTERDAM)


def _parse_day(value):
    """A date from ``YYYY-MM-DD``, or None for anything else (including absurd years)."""
    value = (value or "").strip()[:10]
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None
    if not MIN_YEAR <= day.year <= _today().year + MAX_YEARS_AHEAD:
        return None
    return day


def _start_of(day):
    return dt.datetime.combine(day, dt.time.min, tzinfo=AMSTERDAM)


def _short_url(url):
    """The URL as people type it from paper: without ``https://``."""
    return url.split("://", 1)[-1].rstrip("/")


def _base_context(page, request):
    return {"page": page, "self": page, "request": request}


# --- invitation card ---------------------------------------------------------------------
def _chosen_occurrence(page, value):
    """The upcoming occurrence on the day in ``?datum=``, or None if there is none."""
    day = _parse_day(value)
    if day is None:
        return None
    return (
        page.occurrences.filter(
            starts_at__gte=_start_of(day),
            starts_at__lt=_start_of(day + dt.timedelta(days=1)),
            ends_at__gte=timezone.now(),
        )
        .order_by("starts_at")
        .first()
    )


def share_links(subject, message):
    """A ``mailto:`` and a WhatsApp link: plain links, nothing loads before the visitor clicks."""
    return {
        "mailto": f"mailto:?subject={quote(subject, safe='')}&body={quote(message, safe='')}",
        "whatsapp": f"https://wa.me/?text={quote(message, safe='')}",
    }


def _nothing_to_print(page, request, template):
    """For an event whose dates are over: no card, no poster, no QR code; where to look instead."""
    context = _base_context(page, request)
    agenda = page.get_parent()
    context.update(
        is_over=True,
        last_occurrence=page.last_occurrence,
        agenda_url=agenda.get_url(request) if agenda else "",
    )
    return TemplateResponse(request, template, context)


def invitation(page, request):
    """A printable A6 card and a message to send, for the next date or the one in ``?datum=``."""
    if page.is_over:
        return _nothing_to_print(page, request, "events/invitation.html")
    url = page.get_full_url(request)
    occurrences = page.upcoming_occurrences
    chosen = _chosen_occurrence(page, request.GET.get("datum"))
    occurrence = chosen or next_to_invite_to(occurrences)
    informal = request.GET.get("vorm") == "je"

    context = _base_context(page, request)
    context.update(occurrence=occurrence, chosen=chosen, informal=informal, share_url=url)
    message = render_to_string("events/tags/share_message.txt", context).strip()
    subject = _("Uitnodiging: %(title)s") % {"title": page.title}

    datum = {"datum": occurrence.local_start.date().isoformat()} if chosen else {}
    context.update(
        occurrences=occurrences,
        message=message,
        links=share_links(subject, message),
        qr_png=qr.png_data_uri(url),
        short_url=_short_url(url),
        other_form_query="?" + urlencode({**datum, **({} if informal else {"vorm": "je"})}),
    )
    return TemplateResponse(request, "events/invitation.html", context)


# --- poster ------------------------------------------------------------------------------
def poster(page, request):
    """An A4 (or ``?formaat=a3``) poster with everything a passer-by needs and a large QR code."""
    if page.is_over:
        return _nothing_to_print(page, request, "events/poster.html")
    url = page.get_full_url(request)
    size_key = request.GET.get("formaat", "").strip().lower()
    size_key = size_key if size_key in POSTER_SIZES else "a4"
    locale = active_locale(request)

    context = _base_context(page, request)
    context.update(
        occurrences=page.upcoming_occurrences,
        paper=POSTER_SIZES[size_key],
        paper_key=size_key,
        qr_svg=qr.svg(url, _("QR-code naar de pagina van deze activiteit: %(url)s") % {"url": url}),
        qr_png=qr.png_data_uri(url, scale=12),
        short_url=_short_url(url),
        accessibility_terms=localize_all(page.accessibility.all(), locale),
        organiser=localize_all([page.organiser], locale)[0] if page.organiser_id else None,
        is_cancelled=page.status == EventStatus.CANCELLED,
    )
    return TemplateResponse(request, "events/poster.html", context)


# --- weekly programme --------------------------------------------------------------------
def _programme_window(request):
    """The first day (``?van=``, else today), the window around it, and a note if ignored."""
    value = request.GET.get("van", "")
    chosen = _parse_day(value)
    note = ""
    if value and chosen is None:
        note = _(
            "“%(value)s” is geen datum die we kunnen gebruiken. We tonen de week vanaf vandaag."
        ) % {"value": value[:20]}
    first_day = chosen or _today()
    window = (_start_of(first_day), _start_of(first_day + dt.timedelta(days=PROGRAMME_DAYS)))
    return first_day, window, note, chosen is not None


def _by_day(occurrences, index_url):
    days = {}
    for occurrence in occurrences:
        # Events are children of the agenda, so their URL needs no page-tree lookup per row.
        occurrence.url = event_url(index_url, occurrence.event.slug)
        days.setdefault(occurrence.local_start.date(), []).append(occurrence)
    return list(days.items())


def programme(index_page, request):
    """Large print: the coming week in one municipality, day by day.

    A fixed number of queries whatever the number of events: one for the occurrences with
    their event, place and municipality; one for the list of municipalities when needed.
    """
    first_day, (window_start, window_end), date_note, day_chosen = _programme_window(request)
    in_window = EventOccurrence.objects.filter(
        event__in=index_page.events(), starts_at__gte=window_start, starts_at__lt=window_end
    )
    slug = request.GET.get("gemeente", "").strip()[:120]
    municipality = Municipality.objects.filter(slug=slug).first() if slug else None
    status = 404 if slug and municipality is None else 200

    context = _base_context(index_page, request)
    context.update(
        first_day=first_day,
        last_day=first_day + dt.timedelta(days=PROGRAMME_DAYS - 1),
        requested_slug=slug,
        date_note=date_note,
        van_query=f"van={first_day.isoformat()}" if day_chosen else "",
        municipality=municipality,
        previous_week=first_day - dt.timedelta(days=PROGRAMME_DAYS),
        next_week=first_day + dt.timedelta(days=PROGRAMME_DAYS),
        printed_on=_today(),
        agenda_url=index_page.get_full_url(request),
    )
    if municipality is None:
        context["municipalities"] = list(
            in_window.filter(municipality__isnull=False)
            .values("municipality__slug", "municipality__name")
            .annotate(count=Count("pk"))
            .order_by("municipality__name")
        )
    else:
        occurrences = (
            in_window.filter(municipality=municipality)
            .select_related("event", "event__place", "municipality")
            .order_by("starts_at", "pk")
        )
        context["days"] = _by_day(occurrences, index_page.get_url(request))
    return TemplateResponse(request, "events/programme.html", context, status=status)
