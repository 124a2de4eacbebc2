"""The agenda's side of a campaign's "events of this campaign" block.

``campaigns.listing.upcoming_events`` calls the function registered under its
``HOOK_NAME`` (``events/wagtail_hooks.py`` registers ``campaign_upcoming_events``): the
campaigns app sits below the agenda and may not import it.

The list is read from the occurrence table only: the upcoming dates of live, public events in
the agendas of the request's site and active language, each series once (its next date, the
rule in words, how many more dates follow), at a fixed number of queries however many events
there are.
"""

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, Site

from campaigns.listing import UpcomingEvent, UpcomingEvents
from core.i18n import active_locale
from core.models import public_pages, view_restrictions

from .choices import GONE_STATUSES, EventStatus
from .listing import each_series_once, rows, submission_page
from .models import EventIndexPage, EventOccurrence, EventPage, event_url
from .recurrence import AMSTERDAM

# What a visitor must know before going: the date is full or has moved.
STATUS_LABELS = {
    EventStatus.FULL: EventStatus.FULL.label,
    EventStatus.MOVED: EventStatus.MOVED.label,
}


def campaign_upcoming_events(
    *,
    request=None,
    page=None,
    edition=None,
    municipality=None,
    target_group=None,
    organiser=None,
    limit=6,
):
    """The next events of a campaign (see the module docstring) as ``UpcomingEvents``."""
    limit = 6 if limit is None else max(int(limit), 0)
    locale = active_locale(request)
    agendas = _agendas(request, locale)
    if not agendas:
        return UpcomingEvents(events=[])
    agenda_urls = {agenda.pk: agenda.get_url(request) for agenda in agendas}
    occurrences = upcoming_occurrences(
        [agenda.pk for agenda in agendas],
        request=request,
        edition=edition,
        municipality=municipality,
        target_group=target_group,
        organiser=organiser,
    )
    found = list(rows(each_series_once(occurrences)).order_by("starts_at", "pk")[:limit])
    form = submission_page(agendas[0], request)
    return UpcomingEvents(
        events=[_event(row, agenda_urls.get(row.agenda_id, "")) for row in found],
        agenda_url=_agenda_url(agenda_urls[agendas[0].pk], edition, municipality),
        announce_url=form.get_url(request) if form is not None else "",
    )


def _agendas(request, locale):
    """The live agendas of the request's site (the default site without one) in ``locale``."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
    if site is None:
        return []
    # The site's root in the visitor's language: a translation of the home page is its sibling.
    roots = Q(path__startswith=site.root_page.path)
    for path in Page.objects.filter(
        translation_key=site.root_page.translation_key, locale=locale
    ).values_list("path", flat=True):
        roots |= Q(path__startswith=path)
    return list(
        public_pages(EventIndexPage.objects.live(), request)
        .filter(roots, locale=locale)
        .order_by("path")
    )


def upcoming_occurrences(
    agenda_ids,
    *,
    edition=None,
    municipality=None,
    target_group=None,
    organiser=None,
    now=None,
    request=None,
):
    """Dates that have not ended and go ahead, in ``agenda_ids``, with the campaign's filters.

    Cancelled and postponed dates are left out: a campaign invites people to come, and the
    next date of a series that still goes ahead is the one to show.
    """
    occurrences = EventOccurrence.objects.filter(
        agenda_id__in=agenda_ids, ends_at__gte=now or timezone.now()
    ).exclude(status__in=GONE_STATUSES)
    # Dates exist only for live events; only a view restriction needs the page tree.
    if view_restrictions(request):
        occurrences = occurrences.filter(event__in=public_pages(EventPage.objects.live(), request))
    if edition is not None:
        occurrences = occurrences.filter(event__edition__translation_key=edition.translation_key)
    if municipality is not None:
        occurrences = occurrences.filter(municipality_id=getattr(municipality, "pk", municipality))
    if target_group is not None:
        occurrences = occurrences.filter(
            event__in=EventPage.objects.filter(
                target_groups__translation_key=target_group.translation_key
            )
        )
    if organiser is not None:
        occurrences = occurrences.filter(
            event__organiser__translation_key=organiser.translation_key
        )
    return occurrences


def _event(row, agenda_url):
    event = row.event
    place = event.place.title if event.place_id else event.location_name
    town = event.city or (row.municipality.name if row.municipality_id else "")
    if town and town.lower() not in place.lower():
        place = f"{place}, {town}" if place else town
    return UpcomingEvent(
        title=event.title,
        url=event_url(agenda_url, event.slug),
        starts_at=row.starts_at.astimezone(AMSTERDAM),
        ends_at=row.ends_at.astimezone(AMSTERDAM) if row.ends_at > row.starts_at else None,
        all_day=row.all_day,
        place=place,
        series=event.recurrence_text() if event.recurrence else "",
        status_label=str(STATUS_LABELS.get(row.status, "")).capitalize(),
        more_dates=max(row.dates_in_range - 1, 0),
    )


def _agenda_url(url, edition, municipality):
    """The agenda, filtered as the list is where the agenda has that filter."""
    query = []
    if edition is not None and edition.slug:
        query.append(f"editie={edition.slug}")
    slug = getattr(municipality, "slug", "")
    if slug:
        query.append(f"gemeente={slug}")
    return f"{url}?{'&'.join(query)}" if query else url
