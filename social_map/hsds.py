"""The sociale kaart as Open Referral HSDS 3.0 open data (schemas in ``hsds_schemas/``).

A place is a *service*; a place with an address or coordinates also gets a *location* and a
*service_at_location* linking both; its organisation becomes an *organization*. Works only on
what the caller prefetched, so an export of hundreds of places costs no queries per place.
"""

import uuid

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.postcode import normalise_postcode
from core.richtext import rich_text_to_plain_text

# Fixed for ever: ids are uuid5(NAMESPACE, ...) of translation keys, so a reuser can match an
# entry across exports and across the languages of the site.
NAMESPACE = uuid.UUID("690361eb-cb37-5672-8c76-39cb91d8a166")
BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
# Editors type language names; HSDS wants an ISO 639 code where one is known.
LANGUAGE_CODES = {
    "nederlands": "nl", "dutch": "nl", "engels": "en", "english": "en", "duits": "de",
    "frans": "fr", "spaans": "es", "portugees": "pt", "italiaans": "it", "pools": "pl",
    "turks": "tr", "arabisch": "ar", "berbers": "ber", "tamazight": "ber", "papiaments": "pap",
    "fries": "fy", "oekraïens": "uk", "russisch": "ru", "somalisch": "so", "tigrinya": "ti",
    "farsi": "fa", "perzisch": "fa", "chinees": "zh", "gebarentaal": "dse",
}  # fmt: skip


def stable_id(*parts) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(str(part) for part in parts)))


def _hhmm(value) -> str:
    return value.strftime("%H:%M")


def _term(term, taxonomy: str) -> dict:
    """An HSDS taxonomy_term; its id follows the term's translation_key, like the pages'."""
    return {
        "id": stable_id("taxonomy_term", term.translation_key),
        "code": term.slug,
        "name": term.name,
        "description": term.description or term.name,  # required by taxonomy_term.json
        "taxonomy": taxonomy,
    }


def _attributes(service_id, link_type, terms, taxonomy):
    return [
        {
            "id": stable_id(service_id, "attribute", link_type, term.translation_key),
            "link_id": service_id,
            "link_entity": "service",
            "link_type": link_type,
            "taxonomy_term_id": (taxonomy_term := _term(term, taxonomy))["id"],
            "taxonomy_term": taxonomy_term,
        }
        for term in terms
    ]


def _organization(organisation) -> dict:
    return _without_empty(
        {
            "id": stable_id("organization", organisation.translation_key),
            # description is required: fall back on the kind ("Welzijnsorganisatie").
            "name": organisation.name,
            "description": organisation.description or str(organisation.get_kind_display()),
            "email": organisation.contact_email,
            "website": organisation.website,
            "phones": [
                {
                    "id": stable_id("organization", organisation.translation_key, "phone"),
                    "number": organisation.contact_phone,
                }
            ]
            if organisation.contact_phone
            else [],
        }
    )


def _weekly_schedules(place, service_id):
    """One RFC 5545 weekly rule per distinct time range, days combined (BYDAY=MO,WE).

    A range past midnight keeps its real closing time (closes_at before opens_at) and says so
    in the description: HSDS has no field for it, and splitting it in two would invent a
    closing time at midnight.
    """
    groups = {}
    for item in sorted(place.opening_hours.all(), key=lambda item: (item.weekday, item.opens)):
        groups.setdefault((item.opens, item.closes, item.closes_next_day), []).append(item)
    schedules = []
    for (opens, closes, next_day), items in groups.items():
        days = ", ".join(str(item.get_weekday_display()) for item in items)
        description = f"{days} {_hhmm(opens)}–{_hhmm(closes)}"
        if next_day:
            description += " " + _("(sluit na middernacht, de volgende dag)")
        schedules.append(
            _without_empty(
                {
                    "id": stable_id(service_id, "schedule", _hhmm(opens), _hhmm(closes), next_day),
                    "service_id": service_id,
                    "freq": "WEEKLY",
                    "byday": ",".join(BYDAY[item.weekday] for item in items),
                    "opens_at": _hhmm(opens),
                    "closes_at": _hhmm(closes),
                    "description": description,
                    "notes": place.opening_note,
                }
            )
        )
    if place.reachable_always:
        schedules.insert(
            0,
            _without_empty(
                {
                    "id": stable_id(service_id, "schedule", "always"),
                    "service_id": service_id,
                    "freq": "WEEKLY",
                    "byday": ",".join(BYDAY),
                    "description": _("Dag en nacht bereikbaar, elke dag."),
                    "notes": place.opening_note,
                }
            ),
        )
    if not schedules and place.opening_note:
        schedules.append(
            {
                "id": stable_id(service_id, "schedule", "note"),
                "service_id": service_id,
                "description": place.opening_note,
            }
        )
    return schedules


def _exception_schedule(exception, service_id):
    """A one-day schedule (valid_from = valid_to = the date).

    Other hours that day become a single-occurrence rule (COUNT=1 from DTSTART); HSDS has no
    field for "closed that day", so that is only said in the description.
    """
    day = exception.date.isoformat()
    when = formats.date_format(exception.date, "DATE_FORMAT")
    schedule = {
        "id": stable_id(service_id, "exception", day),
        "service_id": service_id,
        "valid_from": day,
        "valid_to": day,
    }
    if exception.closed:
        schedule["description"] = _("Gesloten op %(date)s") % {"date": when}
    elif not (exception.opens and exception.closes):
        schedule["description"] = _("Open op %(date)s") % {"date": when}
    else:
        opens, closes = _hhmm(exception.opens), _hhmm(exception.closes)
        schedule.update(
            dtstart=day,
            freq="WEEKLY",
            count=1,
            byday=BYDAY[exception.date.weekday()],
            opens_at=opens,
            closes_at=closes,
            description=_("Op %(date)s open van %(opens)s tot %(closes)s")
            % {"date": when, "opens": opens, "closes": closes},
        )
    if exception.note:
        schedule["description"] += f" ({exception.note})"
    return schedule


def _closure_schedule(place, service_id):
    """A temporary closure as a schedule valid for its dates (HSDS has no "closed" field)."""
    schedule = {
        "id": stable_id(service_id, "closure", place.closed_from.isoformat()),
        "service_id": service_id,
        "valid_from": place.closed_from.isoformat(),
        "description": _("Tijdelijk gesloten"),
    }
    if place.closed_until:
        schedule["valid_to"] = place.closed_until.isoformat()
    if place.closed_reason:
        schedule["notes"] = place.closed_reason
    return schedule


def _languages(place, service_id):
    names = dict.fromkeys(name.strip() for name in place.languages.split(",") if name.strip())
    return [
        _without_empty(
            {
                "id": stable_id(service_id, "language", name.casefold()),
                "service_id": service_id,
                "name": name,
                "code": LANGUAGE_CODES.get(name.casefold(), ""),
            }
        )
        for name in names
    ]


def _cost_options(place, service_id):
    """No option when it is free, or when nothing is known about the cost."""
    if place.is_free or (place.is_free is None and not place.price):
        return []
    option = {
        "id": stable_id(service_id, "cost_option"),
        "service_id": service_id,
        "currency": "EUR",
        "amount_description": place.price or _("Er wordt een bijdrage gevraagd."),
    }
    amount = place.price_amount  # "€ 3 tot € 5" has no single amount: the text says it all
    if amount is not None:
        option["amount"] = float(amount)
    return [option]


def _service(place, base_url, organization_id, has_location, today):
    """The place as a service.

    Accessibility goes on the location, HSDS's own field for it; a place without a location
    keeps its terms as service attributes, so a helpline's text phone is not lost.
    """
    service_id = stable_id("service", place.translation_key)
    url = place.url
    target_groups = list(place.target_groups.all())
    accessibility = [] if has_location else place.accessibility.all()
    # HSDS descriptions are plain text; one line per paragraph.
    description = rich_text_to_plain_text(place.description, paragraph_break="\n")
    return _without_empty(
        {
            "id": service_id,
            "organization_id": organization_id,
            "name": place.title,
            "description": "\n\n".join(filter(None, [place.summary, description])),
            "url": url if not url or url.startswith(("http://", "https://")) else base_url + url,
            "email": place.email,
            # A closure now makes the service "temporarily closed"; one still to come and a
            # notice are the service's short-term alert.
            "status": "temporarily closed" if place.is_temporarily_closed(today) else "active",
            "alert": " ".join(
                filter(None, [place.closure_text(today), place.active_notice(today)])
            ),
            "eligibility_description": ", ".join(term.name for term in target_groups),
            "application_process": place.first_visit_note,
            "assured_date": place.last_checked.isoformat() if place.last_checked else "",
            "last_modified": place.last_published_at.isoformat(timespec="milliseconds")
            if place.last_published_at
            else "",
            "phones": [
                {
                    "id": stable_id(service_id, "phone"),
                    "service_id": service_id,
                    "number": place.phone,
                    "type": "voice",
                }
            ]
            if place.phone
            else [],
            "schedules": _weekly_schedules(place, service_id)
            + [_exception_schedule(item, service_id) for item in place.opening_exceptions.all()]
            + ([_closure_schedule(place, service_id)] if place.closure_text(today) else []),
            "languages": _languages(place, service_id),
            "cost_options": _cost_options(place, service_id),
            "attributes": [
                *_attributes(service_id, "service_type", [place.kind], "placekind"),
                *_attributes(service_id, "audience", target_groups, "targetgroup"),
                *_attributes(service_id, "accessibility", accessibility, "accessibilityfeature"),
            ],
        }
    )


def _location(place, organization_id):
    location_id = stable_id("location", place.translation_key)
    municipality = place.municipality
    location = {
        "id": location_id,
        "location_type": "physical",
        "organization_id": organization_id,
        "name": place.title,
        "transportation": place.how_to_get_there,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "accessibility": [
            _without_empty(
                {
                    "id": stable_id(location_id, "accessibility", term.translation_key),
                    "location_id": location_id,
                    "description": term.name,
                    "details": term.description,
                }
            )
            for term in place.accessibility.all()
        ],
    }
    if place.has_address:
        # address.json requires all of these, so an unknown part is an empty string.
        location["addresses"] = [
            {
                "id": stable_id(location_id, "address"),
                "location_id": location_id,
                "address_1": f"{place.street} {place.house_number}".strip(),
                "city": place.city or (municipality.name if municipality else ""),
                "state_province": municipality.province if municipality else "",
                "postal_code": normalise_postcode(place.postcode) or place.postcode,
                "country": "NL",
                "address_type": "physical",
            }
        ]
    return _without_empty(location)


def _without_empty(data: dict) -> dict:
    """Leave out what we do not know rather than export empty strings, lists or nulls."""
    return {key: value for key, value in data.items() if value not in ("", None, [])}


def hsds_document(places, base_url, today=None) -> dict:
    """The four HSDS 3.0 collections for ``places``; each object validates on its own schema.

    ``base_url`` is the site's root without a trailing slash; pages' relative URLs are
    appended to it.
    """
    base_url = base_url.rstrip("/")
    today = today or timezone.localdate()
    organizations, services, locations, links = {}, [], [], []
    for place in places:
        organization_id = None
        if place.organisation is not None:
            organization = _organization(place.organisation)
            organization_id = organization["id"]
            organizations.setdefault(organization_id, organization)
        has_location = not place.is_remote and (
            place.has_address or (place.latitude is not None and place.longitude is not None)
        )
        service = _service(place, base_url, organization_id, has_location, today)
        services.append(service)
        if not has_location:
            continue  # a phone or online service: nowhere to go to
        location = _location(place, organization_id)
        locations.append(location)
        links.append(
            {
                "id": stable_id("service_at_location", place.translation_key),
                "service_id": service["id"],
                "location_id": location["id"],
            }
        )
    return {
        "organizations": list(organizations.values()),
        "services": services,
        "locations": locations,
        "service_at_locations": links,
    }
