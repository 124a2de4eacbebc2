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
from django.utils.formats import date_format
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.i18n import active_locale, localize_all
from core.models import Municipality

from . import print_fit, qr
from .filters import event_url
from .models import EventOccurrence, EventStatus, next_to_invite_to
from .recurrence import AMSTERDAM

POSTER_SIZES = {"a4": "A4", "a3": "A3"}
POSTER_DATES = 3  # a series shows its rule in words and only these next dates
SHEET = "4"  # ?vel=4: four cards on one A4 sheet, to cut apart
SHEET_CARDS = 4
URL_BREAK_BEFORE = "-._?&=#"
# There is nothing to go to together: no invitation (the poster says so in large type).
NO_INVITATION_STATUSES = (EventStatus.FULL, EventStatus.CANCELLED)
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


def breakable_url(url):
    """``url`` escaped, with a possible line break after each ``/`` and before ``-``, ``.`` etc.

    On a narrow card or phone a long URL must wrap, but where a reader sees it is a break and
    not a character to type. Safe: every character is escaped.
    """
    parts = []
    for char in url:
        if char in URL_BREAK_BEFORE:
            parts.append("<wbr>")
        parts.append(escape(char))
        if char == "/":
            parts.append("<wbr>")
    return mark_safe("".join(parts))


def _nothing_to_print(page, request, template):
    """Over, full or cancelled: no card (or poster), no QR code; where to look instead."""
    context = _base_context(page, request)
    agenda = page.get_parent()
    context.update(
        nothing_to_print=True,
        is_over=page.is_over,
        last_occurrence=page.last_occurrence,
        agenda_url=agenda.get_url(request) if agenda else "",
    )
    return TemplateResponse(request, template, context)


def _plain(template, context):
    return " ".join(strip_tags(render_to_string(template, context)).split())


def venue_language(page):
    """The language of the place's name if it differs from the page's, else "".

    A place of the sociale kaart not yet translated keeps its Dutch name on an English card.
    """
    if not page.place_id:
        return ""
    language = page.place.locale.language_code
    return language if language != page.locale.language_code else ""


def card_layout(page, occurrence, informal, short_url):
    """What the card template needs beyond the page: type size, languages, the URL to read."""
    if occurrence:
        status = _plain(
            "events/tags/status.html",
            {
                "status": occurrence.status,
                "note": occurrence.note,
                "original_start": occurrence.original_start,
            },
        )
        when = date_format(occurrence.local_start, "l j F")
        time = _plain("events/tags/occurrence_time.html", {"occurrence": occurrence})
    else:
        status, when, time = "", "", _("Er staat nu geen nieuwe datum in de agenda.")
    texts = {
        "opening": _("Ik nodig je uit voor") if informal else _("Ik nodig u uit voor"),
        "title": page.title,
        "status": status,
        "when": when,
        "time": time,
        "venue": page.venue_name or "",
        "address": page.address_line or ("" if page.venue_name else _("Online")),
        "question": _("Ga je met me mee?") if informal else _("Gaat u met mij mee?"),
        "scan": _("Scan de code met uw telefoon, of kijk op"),
        "url": short_url,
    }
    return {
        "fit": print_fit.card_fit(texts),
        "title_size": print_fit.title_size(page.title, print_fit.CARD_TITLE_SIZES),
        "lang": page.locale.language_code,
        "venue_lang": venue_language(page),
        "url_html": breakable_url(short_url),
    }


def _query(**params):
    """``?a=b&c=d`` for the parameters that are set, or ``?`` for none."""
    return "?" + urlencode({key: value for key, value in params.items() if value})


def invitation(page, request):
    """A printable A6 card and a message to send, for the next date or the one in ``?datum=``.

    ``?vel=4`` puts four of the same card on one A4 sheet, with lines to cut along. A full or
    cancelled event invites nobody: there is nothing to go to together.
    """
    if page.is_over or page.status in NO_INVITATION_STATUSES:
        return _nothing_to_print(page, request, "events/invitation.html")
    url = page.get_full_url(request)
    occurrences = page.upcoming_occurrences
    chosen = _chosen_occurrence(page, request.GET.get("datum"))
    occurrence = chosen or next_to_invite_to(occurrences)
    informal = request.GET.get("vorm") == "je"
    sheet = request.GET.get("vel") == SHEET

    context = _base_context(page, request)
    context.update(occurrence=occurrence, chosen=chosen, informal=informal, share_url=url)
    message = render_to_string("events/tags/share_message.txt", context).strip()
    subject = _("Uitnodiging: %(title)s") % {"title": page.title}
    short_url = _short_url(url)

    datum = occurrence.local_start.date().isoformat() if chosen else ""
    vorm = "je" if informal else ""
    vel = SHEET if sheet else ""
    context.update(
        occurrences=occurrences,
        message=message,
        links=share_links(subject, message),
        qr_png=qr.png_data_uri(url),
        short_url=short_url,
        card=card_layout(page, occurrence, informal, short_url),
        sheet=sheet,
        copies=range(SHEET_CARDS if sheet else 1),
        other_form_query=_query(datum=datum, vel=vel, vorm="" if informal else "je"),
        other_layout_query=_query(datum=datum, vorm=vorm, vel="" if sheet else SHEET),
        first_date_query=_query(vorm=vorm, vel=vel),
        date_query_extra=_query(vorm=vorm, vel=vel)[1:],
    )
    return TemplateResponse(request, "events/invitation.html", context)


# --- poster ------------------------------------------------------------------------------
def _poster_facts(page, dates, accessibility_terms, organiser):
    """The value lines of each fact on the poster, as plain text, to estimate its height."""
    when = [page.recurrence_text()] if page.is_recurring else []
    for occurrence in dates:
        when.append(
            date_format(occurrence.local_start, "l j F, ")
            + _plain("events/tags/occurrence_time.html", {"occurrence": occurrence})
            + _plain(
                "events/tags/status.html",
                {
                    "status": occurrence.status,
                    "note": occurrence.note,
                    "original_start": occurrence.original_start,
                },
            )
        )
    if page.is_recurring:
        when.append(_("De eerstvolgende keren:"))
    where = [page.venue_name or "", page.address_line or ""]
    if page.online_url:
        where.append(_("U kunt ook online meedoen."))
    if page.registration == "link":
        register = _("Meld u eerst aan via de website:") + " " + page.registration_url
    else:
        register = _("Niet nodig. U kunt gewoon komen.") + " " + page.registration_phone
    facts = [when, where, [page.cost_text or _("Vraag naar de kosten")], [register]]
    if accessibility_terms:
        facts.append([", ".join(term.name for term in accessibility_terms)])
    if page.languages:
        facts.append([page.languages])
    if organiser:
        facts.append([f"{organiser.name}, {organiser.contact_phone}"])
    return facts


def _first_time_lines(page):
    """The lines under "De eerste keer?" on the poster, as plain text."""
    lines = [
        (page.can_come_alone, _("U kunt gewoon alleen komen.")),
        (page.welcome_at_door, _("Er staat iemand bij de deur om u welkom te heten.")),
        (page.may_bring_someone, _("U mag iemand meenemen.")),
        (page.how_to_get_there, _("Zo komt u er") + ": " + page.how_to_get_there),
        (page.what_to_bring, _("Neem mee") + ": " + page.what_to_bring),
    ]
    return [text for shown, text in lines if shown]


def poster(page, request):
    """An A4 (or ``?formaat=a3``) poster with everything a passer-by needs and a large QR code.

    A series shows its rule in words and only its next few dates, so that it fits one sheet.
    """
    if page.is_over:
        return _nothing_to_print(page, request, "events/poster.html")
    url = page.get_full_url(request)
    size_key = request.GET.get("formaat", "").strip().lower()
    size_key = size_key if size_key in POSTER_SIZES else "a4"
    locale = active_locale(request)
    occurrences = page.upcoming_occurrences
    dates = occurrences[:POSTER_DATES] if page.is_recurring else occurrences
    accessibility_terms = localize_all(page.accessibility.all(), locale)
    organiser = localize_all([page.organiser], locale)[0] if page.organiser_id else None
    short_url = _short_url(url)
    status = ""
    if page.status != EventStatus.SCHEDULED:
        status = f"{page.get_status_display()} {page.status_note}"
    texts = {
        "status": status,
        "kicker": page.edition.name if page.edition_id else _("Iedereen welkom"),
        "title": page.title,
        "summary": page.summary,
        "scan": _("Scan de code met uw telefoon, of kijk op"),
        "url": short_url,
    }
    facts = _poster_facts(page, dates, accessibility_terms, organiser)

    context = _base_context(page, request)
    context.update(
        occurrences=dates,
        more_dates=len(occurrences) > len(dates),
        paper=POSTER_SIZES[size_key],
        paper_key=size_key,
        fit=print_fit.poster_fit(texts, facts, _first_time_lines(page)),
        title_size=print_fit.title_size(page.title, print_fit.POSTER_TITLE_SIZES),
        qr_svg=qr.svg(url, _("QR-code naar de pagina van deze activiteit: %(url)s") % {"url": url}),
        qr_png=qr.png_data_uri(url, scale=12),
        short_url=short_url,
        url_html=breakable_url(short_url),
        venue_lang=venue_language(page),
        registration_url_html=breakable_url(page.registration_url),
        accessibility_terms=accessibility_terms,
        organiser=organiser,
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
